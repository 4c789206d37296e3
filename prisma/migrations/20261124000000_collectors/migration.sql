-- Collectors: where each account connects, its collection cursors, backfill progress and lease.
ALTER TABLE account
  ADD COLUMN base_url            text,
  ADD COLUMN posts_cursor        text,
  ADD COLUMN backfill_cursor     text,
  ADD COLUMN backfill_days_total integer,
  ADD COLUMN backfill_days_done  integer,
  ADD COLUMN backfill_done_at    timestamptz(3),
  ADD COLUMN last_success_at     timestamptz(3),
  ADD COLUMN next_collect_at     timestamptz(3),
  ADD COLUMN lease_until         timestamptz(3);
