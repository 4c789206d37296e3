-- Recovery after a crash: a collection whose process died (kill, crash, power) is closed as
-- 'interrupted' at the next start or scheduler tick instead of staying 'running' forever.
ALTER TYPE "RunOutcome" ADD VALUE IF NOT EXISTS 'interrupted';

-- The account lease is now a PostgreSQL advisory lock held by the collecting process's own session
-- (jobs/collectAccount.ts): a dead process releases it at once, where a lease column kept the
-- account blocked until it expired.
ALTER TABLE account DROP COLUMN IF EXISTS lease_until;
