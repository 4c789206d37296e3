-- The last single sign-on of each SSO person: the issuer, which groups it sent, and when. Shows admins
-- who signed in without any mapped group (pending) and which group values they carry, so a mapping can
-- be made; the memberships themselves are in membership (source 'sso_group'). The issuer keeps a subject
-- of one provider from being taken for the same subject at another, should OIDC_ISSUER change.
CREATE TABLE sso_sign_in (
  user_id         text PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  issuer          text NOT NULL,
  groups          text[] NOT NULL DEFAULT '{}',
  last_sign_in_at timestamptz(3) NOT NULL DEFAULT now()
);

-- better-auth's earlier single sign-on linked an identity provider's user to an existing local account
-- by e-mail alone (an account takeover). Remove those links: an SSO identity on an account that also
-- has a password. People created by SSO itself keep theirs.
DELETE FROM auth_identity s
WHERE s.provider_id = 'agency-sso'
  AND EXISTS (SELECT 1 FROM auth_identity c WHERE c.user_id = s.user_id AND c.provider_id = 'credential');

-- One person per identity: a subject of a provider (and a credential) belongs to exactly one account.
CREATE UNIQUE INDEX auth_identity_provider_id_account_id_key ON auth_identity (provider_id, account_id);
