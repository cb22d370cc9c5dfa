-- The team's suppression list and audit log. Both carry server_order: a number the server stamps inside the
-- writing transaction from team_counters (one row per team and collection, locked by the UPDATE), so writers
-- of one team and collection are serialised and a checkpoint (server_order, id) never skips a late commit.

CREATE TABLE team_counters (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  collection text NOT NULL CHECK (collection IN ('suppression', 'audit', 'team')),
  last_order bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (team_id, collection)
);

CREATE TABLE suppression (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  -- HMAC-SHA256 (hex) of the normalised address or domain under the team key: never a plaintext address
  id text NOT NULL CHECK (id ~ '^[0-9a-f]{64}$'),
  kind text NOT NULL CHECK (kind IN ('address', 'domain')),
  reason text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'erased', 'manual', 'imported')),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  -- where it came from: 'unsubscribe-link' for a one-click opt-out, else the device that pushed it
  source text NOT NULL CHECK (length(source) <= 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- removal is a tombstone (admins only, with a reason), so pulls can hand it on
  deleted boolean NOT NULL DEFAULT false,
  server_order bigint NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE UNIQUE INDEX suppression_order ON suppression (team_id, server_order, id);

CREATE TABLE audit (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  id text NOT NULL CHECK (length(id) <= 100),
  -- the device whose chain it belongs to; 'server' for events the server itself records (one-click opt-outs)
  device_id text NOT NULL CHECK (length(device_id) <= 64),
  seq bigint NOT NULL CHECK (seq >= 0),
  type text NOT NULL CHECK (length(type) <= 48),
  at timestamptz NOT NULL,
  -- no message bodies, no plaintext recipients
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL DEFAULT '' CHECK (length(prev_hash) <= 64),
  hash text NOT NULL DEFAULT '' CHECK (length(hash) <= 64),
  server_order bigint NOT NULL,
  PRIMARY KEY (team_id, id),
  UNIQUE (team_id, device_id, seq)
);
CREATE UNIQUE INDEX audit_order ON audit (team_id, server_order, id);
CREATE INDEX audit_type_at ON audit (team_id, type, at);
