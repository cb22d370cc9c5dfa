-- Replication (server/src/replication): what pulls, pushes and live streams need beyond 002.
-- Suppression removals carry a reason and who made them; audit chains are bound to the server device that
-- pushes them; the team collection is a table of documents (settings, and one per member kept by a trigger);
-- every write to a replicated table NOTIFYs at commit, so live streams on every instance hear of it.

ALTER TABLE suppression
  ADD COLUMN removed_note text CHECK (length(removed_note) <= 500),
  ADD COLUMN removed_by text CHECK (length(removed_by) <= 64),
  ADD COLUMN removed_at timestamptz;

-- One row per device chain (the desktop's chain id, a UUID): which server device may push it, and its head.
CREATE TABLE audit_chains (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  chain_id text NOT NULL CHECK (length(chain_id) BETWEEN 1 AND 64),
  device_id text NOT NULL,
  member_id text NOT NULL,
  head_seq bigint NOT NULL CHECK (head_seq >= 1),
  head_hash text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (team_id, chain_id)
);
CREATE INDEX audit_chains_member ON audit_chains (team_id, member_id);

CREATE TABLE team_docs (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  -- 'settings', or 'member:<member id>'
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  value jsonb NOT NULL,
  -- ms since the epoch: shown on the desktop, never used to order anything
  updated_at bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  server_order bigint NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE UNIQUE INDEX team_docs_order ON team_docs (team_id, server_order, id);

-- the same stamp as server/src/db/order.ts nextOrder(): the counter row stays locked until the transaction ends
CREATE FUNCTION fairsend_next_order(p_team text, p_collection text) RETURNS bigint
LANGUAGE sql AS $$
  INSERT INTO team_counters (team_id, collection, last_order) VALUES (p_team, p_collection, 1)
  ON CONFLICT (team_id, collection) DO UPDATE SET last_order = team_counters.last_order + 1
  RETURNING last_order
$$;

-- members (changed by invites, joins, role changes and removals) become team documents in the same transaction
CREATE FUNCTION fairsend_member_doc() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO team_docs (team_id, id, value, updated_at, deleted, server_order)
  VALUES (
    NEW.team_id,
    'member:' || NEW.id,
    jsonb_build_object('memberId', NEW.id, 'email', NEW.email, 'role', NEW.role),
    (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
    NEW.removed_at IS NOT NULL,
    fairsend_next_order(NEW.team_id, 'team')
  )
  ON CONFLICT (team_id, id) DO UPDATE
    SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, deleted = EXCLUDED.deleted,
        server_order = EXCLUDED.server_order;
  RETURN NULL;
END
$$;

CREATE TRIGGER members_team_doc AFTER INSERT OR UPDATE OF email, role, removed_at ON members
  FOR EACH ROW EXECUTE FUNCTION fairsend_member_doc();

-- members that existed before this migration: naming role in SET fires the trigger once for each
UPDATE members SET role = role;

-- NOTIFY is delivered at commit, and identical payloads in one transaction are delivered once
CREATE FUNCTION fairsend_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fairsend_sync', NEW.team_id || ' ' || TG_ARGV[0]);
  RETURN NULL;
END
$$;

CREATE TRIGGER suppression_notify AFTER INSERT OR UPDATE ON suppression
  FOR EACH ROW EXECUTE FUNCTION fairsend_notify_change('suppression');
CREATE TRIGGER audit_notify AFTER INSERT OR UPDATE ON audit
  FOR EACH ROW EXECUTE FUNCTION fairsend_notify_change('audit');
CREATE TRIGGER team_docs_notify AFTER INSERT OR UPDATE ON team_docs
  FOR EACH ROW EXECUTE FUNCTION fairsend_notify_change('team');
