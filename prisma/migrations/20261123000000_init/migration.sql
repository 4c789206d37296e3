-- Foundation schema: agencies, their channels, daily rollups, posts, replies, campaigns, collection runs.
-- Every agency-owned table carries agency_id and its composite indexes lead with it, so the tables can be
-- distributed by agency later (docs/architecture.md).

CREATE TYPE "Platform" AS ENUM ('twitter', 'facebook', 'youtube', 'flickr', 'bluesky', 'mastodon', 'email', 'app_push');
CREATE TYPE "AccountStatus" AS ENUM ('active', 'needs_reconnect', 'paused');
CREATE TYPE "Locale" AS ENUM ('nb', 'sv', 'en');
CREATE TYPE "RunOutcome" AS ENUM ('running', 'success', 'partial', 'failed', 'rate_limited');

CREATE TABLE agency (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL,
  name        text NOT NULL,
  time_zone   text NOT NULL DEFAULT 'Europe/Oslo',
  locale      "Locale" NOT NULL DEFAULT 'nb',
  parent_id   uuid REFERENCES agency(id) ON DELETE SET NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agency_slug_key ON agency (slug);
CREATE INDEX agency_parent_id_idx ON agency (parent_id);

CREATE TABLE credential (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id    uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  ciphertext   bytea NOT NULL,
  key_version  integer NOT NULL DEFAULT 1,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX credential_agency_id_idx ON credential (agency_id);

CREATE TABLE account (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id      uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  platform       "Platform" NOT NULL,
  handle         text NOT NULL,
  platform_id    text,
  display_name   text NOT NULL,
  status         "AccountStatus" NOT NULL DEFAULT 'active',
  credential_id  uuid REFERENCES credential(id) ON DELETE SET NULL,
  created_at     timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_agency_id_platform_handle_key ON account (agency_id, platform, handle);

CREATE TABLE account_daily_metric (
  agency_id         uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  account_id        uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  day               date NOT NULL,
  followers         integer,
  following         integer,
  posts_published   integer,
  impressions       integer,
  reach             integer,
  engagements       integer,
  replies_received  integer,
  collected_at      timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, account_id, day)
);
CREATE INDEX account_daily_metric_agency_id_day_idx ON account_daily_metric (agency_id, day);

CREATE TABLE post (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id             uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  account_id            uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  platform_post_id      text NOT NULL,
  published_at          timestamptz(3) NOT NULL,
  text                  text NOT NULL,
  permalink             text,
  impressions           integer,
  likes                 integer,
  reposts               integer,
  replies               integer,
  quotes                integer,
  metrics_collected_at  timestamptz(3)
);
CREATE UNIQUE INDEX post_agency_id_account_id_platform_post_id_key ON post (agency_id, account_id, platform_post_id);
CREATE INDEX post_agency_id_published_at_idx ON post (agency_id, published_at);

CREATE TABLE reply (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id            uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  account_id           uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  post_id              uuid REFERENCES post(id) ON DELETE SET NULL,
  platform_reply_id    text NOT NULL,
  author_hash          text NOT NULL,
  author_display_name  text,
  text                 text NOT NULL,
  published_at         timestamptz(3) NOT NULL,
  permalink            text,
  language             text
);
CREATE UNIQUE INDEX reply_agency_id_account_id_platform_reply_id_key ON reply (agency_id, account_id, platform_reply_id);
CREATE INDEX reply_agency_id_published_at_idx ON reply (agency_id, published_at);
CREATE INDEX reply_agency_id_author_hash_idx ON reply (agency_id, author_hash);

CREATE TABLE campaign (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id          uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  account_id         uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  name               text NOT NULL,
  sent_at            timestamptz(3) NOT NULL,
  sent               integer,
  reached            integer,
  target_population  integer,
  opens              integer,
  clicks             integer
);
CREATE UNIQUE INDEX campaign_agency_id_account_id_name_key ON campaign (agency_id, account_id, name);
CREATE INDEX campaign_agency_id_sent_at_idx ON campaign (agency_id, sent_at);

CREATE TABLE collection_run (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id      uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  account_id     uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  kind           text NOT NULL,
  started_at     timestamptz(3) NOT NULL DEFAULT now(),
  finished_at    timestamptz(3),
  outcome        "RunOutcome" NOT NULL DEFAULT 'running',
  items_fetched  integer NOT NULL DEFAULT 0,
  items_written  integer NOT NULL DEFAULT 0,
  error          text
);
CREATE INDEX collection_run_agency_id_account_id_started_at_idx ON collection_run (agency_id, account_id, started_at);
