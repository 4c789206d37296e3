-- Weekly e-mailed reports: who subscribed to which agency, and one delivery row per subscription and
-- ISO week, which is what makes a report go out exactly once.

CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'skipped');

CREATE TABLE report_subscription (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id   uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  user_id     text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  -- ISO weekday (1 = Monday) and hour in the agency's time zone.
  weekday     integer NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 1 AND 7),
  hour        integer NOT NULL DEFAULT 8 CHECK (hour BETWEEN 0 AND 23),
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX report_subscription_agency_id_user_id_key ON report_subscription (agency_id, user_id);
CREATE INDEX report_subscription_user_id_idx ON report_subscription (user_id);

CREATE TABLE report_delivery (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id        uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  subscription_id  uuid NOT NULL REFERENCES report_subscription(id) ON DELETE CASCADE,
  iso_year         integer NOT NULL,
  iso_week         integer NOT NULL,
  status           "DeliveryStatus" NOT NULL DEFAULT 'pending',
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz(3) NOT NULL DEFAULT now(),
  claimed_at       timestamptz(3),
  sent_at          timestamptz(3),
  message_id       text,
  last_error       text
);
CREATE UNIQUE INDEX report_delivery_subscription_id_iso_year_iso_week_key ON report_delivery (subscription_id, iso_year, iso_week);
CREATE INDEX report_delivery_agency_id_status_idx ON report_delivery (agency_id, status);
