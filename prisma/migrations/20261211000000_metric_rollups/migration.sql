-- Weekly and monthly rollups of account_daily_metric, kept by the database itself: every statement
-- that inserts, updates or deletes daily rows (collectors' upserts, COPY of the demo and the
-- generator, retention, cascades) rebuilds the weeks and months it touched from the daily rows.
-- Weeks are ISO weeks (Monday) and months calendar months of the agency's local calendar: `day`
-- is already the agency's local day, so no time zone enters here.
--
-- Each column is a partial aggregate of lib/metrics/definitions.ts (PARTIALS): sums for the flows
-- and collected days, maxima for the last collected day, the last day each metric was known and
-- the packed "latest audience" value. The engine adds pieces (days, weeks, months) together with
-- the same sum/max, so a figure read from rollups is the figure of the daily rows
-- (tests/integration/metric-rollups.test.ts).

CREATE TABLE account_metric_rollup (
  agency_id          uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  account_id         uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  -- 1 = ISO week starting `start`, 2 = calendar month starting `start`
  grain              integer NOT NULL,
  start              date NOT NULL,
  collected_days     integer NOT NULL,
  last_collected     date NOT NULL,
  audience_packed    bigint,
  impressions        bigint,
  reach              bigint,
  engagements        bigint,
  replies            bigint,
  posts              bigint,
  known_audience     date,
  known_impressions  date,
  known_reach        date,
  known_engagements  date,
  known_replies      date,
  known_posts        date,
  PRIMARY KEY (agency_id, grain, start, account_id)
);
CREATE INDEX account_metric_rollup_account_id_idx ON account_metric_rollup (account_id);

CREATE FUNCTION metric_rollup_start(grain integer, day date) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE grain WHEN 1 THEN date_trunc('week', day::timestamp)::date ELSE date_trunc('month', day::timestamp)::date END $$;

CREATE FUNCTION metric_rollup_end(grain integer, start date) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE grain WHEN 1 THEN start + 7 ELSE (start + interval '1 month')::date END $$;

-- Rebuilds the given rollups (agency, account, grain, start) from the daily rows; with `deleted`,
-- those left without a daily row are removed.
-- :TRICKY: work_mem is raised for this function only: a backfill's rebuild aggregates every new
-- row once and would otherwise spill its hash tables to disk.
CREATE FUNCTION metric_rollup_rebuild(agencies uuid[], accounts uuid[], grains integer[], starts date[], deleted boolean)
  RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  -- :TRICKY: two transactions writing days of the same account would each rebuild from their own
  -- snapshot and the later would overwrite the other's rows; one lock per account (in order, so
  -- no deadlock) makes the second wait, and its next statement sees the first one's rows.
  PERFORM pg_advisory_xact_lock(20261126, hashtext(a::text))
    FROM (SELECT DISTINCT a FROM unnest(accounts) AS u(a) ORDER BY a) s;
  WITH k AS (SELECT * FROM unnest(agencies, accounts, grains, starts) AS u(agency_id, account_id, grain, start))
  INSERT INTO account_metric_rollup AS r
    SELECT x.* FROM (
      SELECT m.agency_id, m.account_id, CASE WHEN GROUPING(m.week) = 0 THEN 1 ELSE 2 END AS grain,
             COALESCE(m.week, m.month) AS start, count(*)::int, max(m.day),
             max(((m.day - DATE '2000-01-01')::bigint << 32) + (m.followers::bigint + 2147483648)) FILTER (WHERE m.followers IS NOT NULL),
             sum(m.impressions), sum(m.reach), sum(m.engagements), sum(m.replies_received), sum(m.posts_published),
             max(m.day) FILTER (WHERE m.followers IS NOT NULL), max(m.day) FILTER (WHERE m.impressions IS NOT NULL),
             max(m.day) FILTER (WHERE m.reach IS NOT NULL), max(m.day) FILTER (WHERE m.engagements IS NOT NULL),
             max(m.day) FILTER (WHERE m.replies_received IS NOT NULL), max(m.day) FILTER (WHERE m.posts_published IS NOT NULL)
      FROM (SELECT d.*, metric_rollup_start(1, d.day) AS week, metric_rollup_start(2, d.day) AS month
            FROM (SELECT agency_id, account_id, min(start) AS lo, max(metric_rollup_end(grain, start)) AS hi
                  FROM k GROUP BY agency_id, account_id) s
            JOIN account_daily_metric d ON d.agency_id = s.agency_id AND d.account_id = s.account_id AND d.day >= s.lo AND d.day < s.hi) m
      GROUP BY m.agency_id, m.account_id, GROUPING SETS ((m.week), (m.month))) x
    JOIN k USING (agency_id, account_id, grain, start)
  ON CONFLICT (agency_id, grain, start, account_id) DO UPDATE SET
    collected_days = EXCLUDED.collected_days, last_collected = EXCLUDED.last_collected,
    audience_packed = EXCLUDED.audience_packed, impressions = EXCLUDED.impressions, reach = EXCLUDED.reach,
    engagements = EXCLUDED.engagements, replies = EXCLUDED.replies, posts = EXCLUDED.posts,
    known_audience = EXCLUDED.known_audience, known_impressions = EXCLUDED.known_impressions,
    known_reach = EXCLUDED.known_reach, known_engagements = EXCLUDED.known_engagements,
    known_replies = EXCLUDED.known_replies, known_posts = EXCLUDED.known_posts;
  IF deleted THEN
    -- Weeks and months left without a daily row lose their rollup.
    DELETE FROM account_metric_rollup r
      USING unnest(agencies, accounts, grains, starts) AS k(agency_id, account_id, grain, start)
      WHERE r.agency_id = k.agency_id AND r.grain = k.grain AND r.start = k.start AND r.account_id = k.account_id
        AND NOT EXISTS (SELECT 1 FROM account_daily_metric m WHERE m.agency_id = k.agency_id AND m.account_id = k.account_id
                        AND m.day >= k.start AND m.day < metric_rollup_end(k.grain, k.start));
  END IF;
END $$;

-- The weeks and months of the rows a statement wrote or deleted (`changed`, and for updates also
-- `changed_before`), rebuilt once per statement.
CREATE FUNCTION account_daily_metric_rollup() RETURNS trigger
  LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM metric_rollup_rebuild(array_agg(agency_id), array_agg(account_id), array_agg(grain), array_agg(start), true)
      FROM (SELECT DISTINCT c.agency_id, c.account_id, g.grain, metric_rollup_start(g.grain, c.day) AS start
            FROM (SELECT agency_id, account_id, day FROM changed UNION ALL SELECT agency_id, account_id, day FROM changed_before) c
            CROSS JOIN (VALUES (1), (2)) AS g(grain)) k
      HAVING count(*) > 0;
  ELSE
    PERFORM metric_rollup_rebuild(array_agg(agency_id), array_agg(account_id), array_agg(grain), array_agg(start), TG_OP = 'DELETE')
      FROM (SELECT DISTINCT c.agency_id, c.account_id, g.grain, metric_rollup_start(g.grain, c.day) AS start
            FROM changed c CROSS JOIN (VALUES (1), (2)) AS g(grain)) k
      HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER account_daily_metric_rollup_insert AFTER INSERT ON account_daily_metric
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION account_daily_metric_rollup();
CREATE TRIGGER account_daily_metric_rollup_update AFTER UPDATE ON account_daily_metric
  REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION account_daily_metric_rollup();
CREATE TRIGGER account_daily_metric_rollup_delete AFTER DELETE ON account_daily_metric
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION account_daily_metric_rollup();

CREATE FUNCTION account_daily_metric_truncated() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE account_metric_rollup;
  RETURN NULL;
END $$;
CREATE TRIGGER account_daily_metric_rollup_truncate AFTER TRUNCATE ON account_daily_metric
  FOR EACH STATEMENT EXECUTE FUNCTION account_daily_metric_truncated();

-- Daily rows already stored get their rollups.
SELECT metric_rollup_rebuild(array_agg(agency_id), array_agg(account_id), array_agg(grain), array_agg(start), false)
  FROM (SELECT DISTINCT m.agency_id, m.account_id, g.grain, metric_rollup_start(g.grain, m.day) AS start
        FROM account_daily_metric m CROSS JOIN (VALUES (1), (2)) AS g(grain)) k
  HAVING count(*) > 0;
