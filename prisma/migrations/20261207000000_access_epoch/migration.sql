-- A counter that moves whenever who-may-see-what may have changed (memberships, agencies, users).
-- Servers cache a session's user and visible agencies and check this one row (with the session's own
-- row) on every request, so a removed member loses access at their next request.
CREATE TABLE access_epoch (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  n  bigint  NOT NULL DEFAULT 0
);
INSERT INTO access_epoch (id, n) VALUES (1, 0);

CREATE FUNCTION bump_access_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_epoch SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END $$;

CREATE TRIGGER membership_access_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON membership
  FOR EACH STATEMENT EXECUTE FUNCTION bump_access_epoch();
CREATE TRIGGER agency_access_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency
  FOR EACH STATEMENT EXECUTE FUNCTION bump_access_epoch();
CREATE TRIGGER app_user_access_epoch AFTER UPDATE OR DELETE ON app_user
  FOR EACH STATEMENT EXECUTE FUNCTION bump_access_epoch();
