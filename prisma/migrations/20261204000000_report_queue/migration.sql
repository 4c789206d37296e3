-- Report retries moved to the job queue (jobs/reports.ts, pg-boss's own back-off): the delivery row
-- keeps only what makes a report go out once.
ALTER TABLE report_delivery DROP COLUMN next_attempt_at;
