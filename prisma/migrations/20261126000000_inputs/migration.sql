-- Inputs → policy work: triage of replies, keyword rules, policy work items, links with a status flow,
-- the append-only trail of status moves, and per-agency retention settings.

CREATE TYPE "TriageState" AS ENUM ('suggested', 'input', 'dismissed');
CREATE TYPE "InputKind" AS ENUM ('suggestion', 'question', 'complaint', 'information');
CREATE TYPE "WorkItemStatus" AS ENUM ('planned', 'active', 'completed', 'cancelled');
CREATE TYPE "LinkStatus" AS ENUM ('received', 'under_review', 'forwarded', 'incorporated', 'implemented', 'declined');

CREATE TABLE input_setting (
  agency_id         uuid PRIMARY KEY REFERENCES agency(id) ON DELETE CASCADE,
  retention_months  integer NOT NULL DEFAULT 12 CHECK (retention_months BETWEEN 1 AND 240),
  updated_at        timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE keyword_rule (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id   uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  keyword     text NOT NULL,
  kind        "InputKind" NOT NULL DEFAULT 'suggestion',
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX keyword_rule_agency_id_keyword_key ON keyword_rule (agency_id, keyword);

CREATE TABLE reply_triage (
  agency_id      uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  reply_id       uuid NOT NULL REFERENCES reply(id) ON DELETE CASCADE,
  state          "TriageState" NOT NULL,
  kind           "InputKind",
  matched_rule   text,
  version        integer NOT NULL DEFAULT 1,
  decided_by_id  text,
  decided_by     text,
  decided_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, reply_id)
);
CREATE INDEX reply_triage_agency_id_state_idx ON reply_triage (agency_id, state);

CREATE TABLE work_item (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id    uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  title        text NOT NULL,
  owner        text,
  case_number  text,
  status       "WorkItemStatus" NOT NULL DEFAULT 'active',
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX work_item_agency_id_title_key ON work_item (agency_id, title);

CREATE TABLE input_link (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id       uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  reply_id        uuid NOT NULL REFERENCES reply(id) ON DELETE CASCADE,
  work_item_id    uuid NOT NULL REFERENCES work_item(id) ON DELETE CASCADE,
  status          "LinkStatus" NOT NULL DEFAULT 'received',
  decline_reason  text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  decided_at      timestamptz(3),
  CHECK (status <> 'declined' OR length(trim(decline_reason)) > 0)
);
CREATE UNIQUE INDEX input_link_agency_id_reply_id_work_item_id_key ON input_link (agency_id, reply_id, work_item_id);
CREATE INDEX input_link_agency_id_work_item_id_idx ON input_link (agency_id, work_item_id);

CREATE TABLE input_move (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id     uuid NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  link_id       uuid REFERENCES input_link(id) ON DELETE SET NULL,
  work_item_id  uuid REFERENCES work_item(id) ON DELETE SET NULL,
  from_status   "LinkStatus",
  to_status     "LinkStatus" NOT NULL,
  note          text,
  actor_id      text,
  actor_label   text NOT NULL,
  at            timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX input_move_agency_id_link_id_idx ON input_move (agency_id, link_id);
CREATE INDEX input_move_agency_id_at_idx ON input_move (agency_id, at);

-- The trail is append-only: rows may only lose their references (when a reply is erased), never change.
CREATE FUNCTION input_move_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.agency_id IS DISTINCT FROM OLD.agency_id
     OR NEW.from_status IS DISTINCT FROM OLD.from_status OR NEW.to_status IS DISTINCT FROM OLD.to_status
     OR NEW.note IS DISTINCT FROM OLD.note OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
     OR NEW.actor_label IS DISTINCT FROM OLD.actor_label OR NEW.at IS DISTINCT FROM OLD.at
     OR (NEW.link_id IS NOT NULL AND NEW.link_id IS DISTINCT FROM OLD.link_id)
     OR (NEW.work_item_id IS NOT NULL AND NEW.work_item_id IS DISTINCT FROM OLD.work_item_id) THEN
    RAISE EXCEPTION 'input_move is append-only';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER input_move_append_only BEFORE UPDATE ON input_move FOR EACH ROW EXECUTE FUNCTION input_move_append_only();
