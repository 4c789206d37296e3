-- A real installation: installation administrators, demo and archived agencies, invitations and
-- one-time links, SSO group → role mappings, where a membership came from, and sign-in throttling.

-- Installation admins run the installation (agencies, other installation admins); agency roles stay per agency.
ALTER TABLE app_user ADD COLUMN installation_admin boolean NOT NULL DEFAULT false;

-- Demo agencies are loaded by the demo loader only; the demo admin is a member of these alone.
ALTER TABLE agency ADD COLUMN is_demo boolean NOT NULL DEFAULT false;
-- An archived agency stays readable to its members and is left out of collection and reports.
ALTER TABLE agency ADD COLUMN archived_at timestamptz(3);

-- manual: granted by an admin or by accepting an invitation; sso_group: derived from the IdP's group
-- claim at every SSO sign-in (added and removed there).
ALTER TABLE membership ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'sso_group'));

-- A one-time link sent by e-mail or printed by `npm run admin`: an invitation into an agency with a
-- role, or (agency_id null) the set-up of an installation administrator. Only a SHA-256 of the token
-- is stored; the link is valid until expires_at and works once.
CREATE TABLE invitation (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email               text NOT NULL,
  agency_id           uuid REFERENCES agency(id) ON DELETE CASCADE,
  role                "Role",
  token_hash          text NOT NULL,
  invited_by_user_id  text REFERENCES app_user(id) ON DELETE SET NULL,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  expires_at          timestamptz(3) NOT NULL,
  accepted_at         timestamptz(3),
  accepted_by_user_id text REFERENCES app_user(id) ON DELETE SET NULL,
  revoked_at          timestamptz(3),
  CHECK ((agency_id IS NULL) = (role IS NULL))
);
CREATE UNIQUE INDEX invitation_token_hash_key ON invitation (token_hash);
CREATE INDEX invitation_agency_id_idx ON invitation (agency_id);
CREATE INDEX invitation_email_idx ON invitation (email);

-- Which value of the IdP's group claim gives which role in an agency (set by that agency's admins).
CREATE TABLE sso_group_role (
  agency_id   uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  group_value text NOT NULL,
  role        "Role" NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, group_value)
);

-- Failed sign-in attempts per key ("account:<email>" or "address:<ip>"), with back-off: successful
-- sign-ins do not count and clear the account's counter.
CREATE TABLE sign_in_throttle (
  key           text PRIMARY KEY,
  failures      integer NOT NULL DEFAULT 0,
  blocked_until timestamptz(3),
  updated_at    timestamptz(3) NOT NULL DEFAULT now()
);
