-- Alerts (lib/alerts): per-agency thresholds, each alert stored once under its natural key, who asked
-- for them by e-mail, and one delivery row per alert and subscriber, which is what sends each once.

CREATE TYPE "AlertKind" AS ENUM ('reply_spike', 'follower_drop', 'collection_failing', 'token_expiring');

-- No row for a kind means its defaults (lib/alerts/settings.ts). `params` is validated there with zod.
CREATE TABLE alert_setting (
  agency_id   uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  kind        "AlertKind" NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  params      jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, kind)
);

-- `period_start` is what the alert is about (the hour of a spike, the day of a drop, the start of an
-- outage); the unique key on it is what raises each alert exactly once. Only counts, never citizens' text.
CREATE TABLE alert (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id     uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  account_id    uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  kind          "AlertKind" NOT NULL,
  period_start  timestamptz(3) NOT NULL,
  period_end    timestamptz(3) NOT NULL,
  observed      double precision,
  expected      double precision,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alert_agency_id_account_id_kind_period_start_key ON alert (agency_id, account_id, kind, period_start);
CREATE INDEX alert_agency_id_created_at_idx ON alert (agency_id, created_at);

CREATE TABLE alert_subscription (
  agency_id   uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  user_id     text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, user_id)
);
CREATE INDEX alert_subscription_user_id_idx ON alert_subscription (user_id);

CREATE TABLE alert_delivery (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id   uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  alert_id    uuid NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
  user_id     text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  status      "DeliveryStatus" NOT NULL DEFAULT 'pending',
  attempts    integer NOT NULL DEFAULT 0,
  claimed_at  timestamptz(3),
  sent_at     timestamptz(3),
  message_id  text,
  last_error  text
);
CREATE UNIQUE INDEX alert_delivery_alert_id_user_id_key ON alert_delivery (alert_id, user_id);
CREATE INDEX alert_delivery_agency_id_status_idx ON alert_delivery (agency_id, status);
