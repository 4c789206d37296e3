-- Sign-in (tables used by better-auth, lib/auth), agency memberships with roles, and the audit log.

CREATE TYPE "Role" AS ENUM ('viewer', 'editor', 'admin');

CREATE TABLE app_user (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  email           text NOT NULL,
  email_verified  boolean NOT NULL DEFAULT false,
  image           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (email);

CREATE TABLE auth_session (
  id          text PRIMARY KEY,
  expires_at  timestamptz NOT NULL,
  token       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  ip_address  text,
  user_agent  text,
  user_id     text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX auth_session_token_key ON auth_session (token);
CREATE INDEX auth_session_user_id_idx ON auth_session (user_id);

-- A way to sign in: "credential" (e-mail + scrypt password hash) or an OpenID Connect identity.
CREATE TABLE auth_identity (
  id                        text PRIMARY KEY,
  account_id                text NOT NULL,
  provider_id               text NOT NULL,
  user_id                   text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  access_token              text,
  refresh_token             text,
  id_token                  text,
  access_token_expires_at   timestamptz,
  refresh_token_expires_at  timestamptz,
  scope                     text,
  password                  text,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_identity_user_id_idx ON auth_identity (user_id);

CREATE TABLE auth_verification (
  id          text PRIMARY KEY,
  identifier  text NOT NULL,
  value       text NOT NULL,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_verification_identifier_idx ON auth_verification (identifier);

-- Sign-in attempt counters, shared by every app instance.
CREATE TABLE auth_rate_limit (
  id            text PRIMARY KEY,
  key           text NOT NULL,
  count         integer NOT NULL,
  last_request  bigint NOT NULL
);
CREATE UNIQUE INDEX auth_rate_limit_key_key ON auth_rate_limit (key);

CREATE TABLE membership (
  agency_id         uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  user_id           text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role              "Role" NOT NULL,
  -- An admin of a parent agency (ministry, national police) sees its child agencies when granted.
  include_children  boolean NOT NULL DEFAULT false,
  created_at        timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, user_id)
);
CREATE INDEX membership_user_id_idx ON membership (user_id);

CREATE TABLE audit_event (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at             timestamptz(3) NOT NULL DEFAULT now(),
  agency_id      uuid REFERENCES agency(id) ON DELETE SET NULL,
  actor_user_id  text,
  action         text NOT NULL,
  target         text,
  details        jsonb,
  ip             text
);
CREATE INDEX audit_event_agency_id_at_idx ON audit_event (agency_id, at);
CREATE INDEX audit_event_action_at_idx ON audit_event (action, at);
