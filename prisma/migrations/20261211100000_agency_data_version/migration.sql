-- A counter per agency that moves with every write to its channels or their daily figures (collection,
-- ingestion, the demo loader, retention, manual SQL alike). Servers keep a view's answer (the overview)
-- per agency and day beside the counter it was computed at, and reuse it only while the counter is
-- unchanged. Statement-level triggers with transition tables: one small upsert per statement, never
-- one per row. No foreign key: an agency's deletion cascades into these tables and must not fail here.
CREATE TABLE agency_data_version (
  agency_id uuid   PRIMARY KEY,
  n         bigint NOT NULL DEFAULT 1
);

-- Agencies in a fixed order, so two writers of several agencies take the rows' locks in the same order.
CREATE FUNCTION bump_agency_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agency_data_version AS v (agency_id, n)
    SELECT DISTINCT agency_id, 1 FROM changed ORDER BY agency_id
  ON CONFLICT (agency_id) DO UPDATE SET n = v.n + 1;
  RETURN NULL;
END $$;

-- An UPDATE can move a row to another agency: both sides are bumped.
CREATE FUNCTION bump_agency_data_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agency_data_version AS v (agency_id, n)
    SELECT agency_id, 1 FROM (SELECT agency_id FROM changed UNION SELECT agency_id FROM before) a ORDER BY agency_id
  ON CONFLICT (agency_id) DO UPDATE SET n = v.n + 1;
  RETURN NULL;
END $$;

CREATE FUNCTION bump_all_agency_data_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agency_data_version AS v (agency_id, n)
    SELECT id, 1 FROM agency ORDER BY id
  ON CONFLICT (agency_id) DO UPDATE SET n = v.n + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER account_daily_metric_version_insert AFTER INSERT ON account_daily_metric
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_agency_data_version();
CREATE TRIGGER account_daily_metric_version_update AFTER UPDATE ON account_daily_metric
  REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_agency_data_version_update();
CREATE TRIGGER account_daily_metric_version_delete AFTER DELETE ON account_daily_metric
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_agency_data_version();
CREATE TRIGGER account_daily_metric_version_truncate AFTER TRUNCATE ON account_daily_metric
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_agency_data_versions();

CREATE TRIGGER account_version_insert AFTER INSERT ON account
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_agency_data_version();
CREATE TRIGGER account_version_update AFTER UPDATE ON account
  REFERENCING OLD TABLE AS before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_agency_data_version_update();
CREATE TRIGGER account_version_delete AFTER DELETE ON account
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_agency_data_version();
CREATE TRIGGER account_version_truncate AFTER TRUNCATE ON account
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_agency_data_versions();
