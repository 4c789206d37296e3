-- Channels added and connected by agency admins: removal that keeps the history, token lifetimes
-- for refreshing before expiry, and OAuth apps registered on the fly (one per Mastodon instance).

-- A removed channel whose history was kept: paused, left out of collection and the add form's duplicates.
ALTER TABLE account ADD COLUMN archived_at timestamptz(3);

-- When the access token stops working (refreshed before then), and when the grant itself ends
-- (a refresh token's or a long-lived token's known expiry: the admin is warned 7 days before).
ALTER TABLE credential ADD COLUMN access_expires_at timestamptz(3);
ALTER TABLE credential ADD COLUMN grant_expires_at timestamptz(3);

-- Client credentials of an app registered at an authorisation server by the product itself
-- (Mastodon: POST /api/v1/apps per instance). The secret is AES-256-GCM encrypted like credentials.
CREATE TABLE oauth_app (
  issuer        text PRIMARY KEY,
  client_id     text NOT NULL,
  client_secret bytea NOT NULL,
  redirect_uri  text NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now()
);
