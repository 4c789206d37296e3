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

-- Rebuilds the rollups of the given (agency, account, day)s' weeks and months from the daily rows.
CREATE FUNCTION metric_rollup_rebuild(agencies uuid[], accounts uuid[], days date[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  -- :TRICKY: two transactions writing days of the same account would each rebuild from their own
  -- snapshot and the later would overwrite the other's rows; one lock per account (in order, so
  -- no deadlock) makes the second wait, and its next statement sees the first one's rows.
  PERFORM pg_advisory_xact_lock(20261126, hashtext(a::text))
    FROM (SELECT DISTINCT a FROM unnest(accounts) AS u(a) ORDER BY a) s;
  WITH k AS (SELECT DISTINCT u.agency_id, u.account_id, g.grain, metric_rollup_start(g.grain, u.day) AS start
             FROM unnest(agencies, accounts, days) AS u(agency_id, account_id, day) CROSS JOIN (VALUES (1), (2)) AS g(grain))
  INSERT INTO account_metric_rollup AS r
    SELECT x.* FROM (
      SELECT m.agency_id, m.account_id, g.grain, metric_rollup_start(g.grain, m.day) AS start,
             count(*)::int, max(m.day),
             max(((m.day - DATE '2000-01-01')::bigint << 32) + (m.followers::bigint + 2147483648)) FILTER (WHERE m.followers IS NOT NULL),
             sum(m.impressions), sum(m.reach), sum(m.engagements), sum(m.replies_received), sum(m.posts_published),
             max(m.day) FILTER (WHERE m.followers IS NOT NULL), max(m.day) FILTER (WHERE m.impressions IS NOT NULL),
             max(m.day) FILTER (WHERE m.reach IS NOT NULL), max(m.day) FILTER (WHERE m.engagements IS NOT NULL),
             max(m.day) FILTER (WHERE m.replies_received IS NOT NULL), max(m.day) FILTER (WHERE m.posts_published IS NOT NULL)
      FROM (SELECT agency_id, account_id, min(start) AS lo, max(metric_rollup_end(grain, start)) AS hi
            FROM k GROUP BY agency_id, account_id) s
      JOIN account_daily_metric m ON m.agency_id = s.agency_id AND m.account_id = s.account_id AND m.day >= s.lo AND m.day < s.hi
      CROSS JOIN (VALUES (1), (2)) AS g(grain)
      GROUP BY m.agency_id, m.account_id, g.grain, metric_rollup_start(g.grain, m.day)) x
    JOIN k USING (agency_id, account_id, grain, start)
  ON CONFLICT (agency_id, grain, start, account_id) DO UPDATE SET
    collected_days = EXCLUDED.collected_days, last_collected = EXCLUDED.last_collected,
    audience_packed = EXCLUDED.audience_packed, impressions = EXCLUDED.impressions, reach = EXCLUDED.reach,
    engagements = EXCLUDED.engagements, replies = EXCLUDED.replies, posts = EXCLUDED.posts,
    known_audience = EXCLUDED.known_audience, known_impressions = EXCLUDED.known_impressions,
    known_reach = EXCLUDED.known_reach, known_engagements = EXCLUDED.known_engagements,
    known_replies = EXCLUDED.known_replies, known_posts = EXCLUDED.known_posts;
  -- Weeks and months left without a daily row (deleted rows) lose their rollup.
  WITH k AS (SELECT DISTINCT u.agency_id, u.account_id, g.grain, metric_rollup_start(g.grain, u.day) AS start
             FROM unnest(agencies, accounts, days) AS u(agency_id, account_id, day) CROSS JOIN (VALUES (1), (2)) AS g(grain))
  DELETE FROM account_metric_rollup r USING k
    WHERE r.agency_id = k.agency_id AND r.grain = k.grain AND r.start = k.start AND r.account_id = k.account_id
      AND NOT EXISTS (SELECT 1 FROM account_daily_metric m WHERE m.agency_id = k.agency_id AND m.account_id = k.account_id
                      AND m.day >= k.start AND m.day < metric_rollup_end(k.grain, k.start));
END $$;

CREATE FUNCTION account_daily_metric_rollup() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM metric_rollup_rebuild(array_agg(agency_id), array_agg(account_id), array_agg(day))
      FROM (SELECT agency_id, account_id, day FROM changed UNION SELECT agency_id, account_id, day FROM changed_before) c;
  ELSE
    PERFORM metric_rollup_rebuild(array_agg(agency_id), array_agg(account_id), array_agg(day)) FROM changed
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
SELECT metric_rollup_rebuild(array_agg(agency_id), array_agg(account_id), array_agg(day))
  FROM account_daily_metric HAVING count(*) > 0;
