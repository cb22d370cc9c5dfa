-- Teams, their members and devices, and invite codes. Every row below teams carries team_id, and every
-- query the server makes names it: no read or write crosses teams.

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- the team key: 32 random bytes as hex; suppression keys and unsubscribe tokens are HMACs under it
  team_key text NOT NULL CHECK (team_key ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  id text NOT NULL,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'rep', 'readonly')),
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  PRIMARY KEY (team_id, id),
  UNIQUE (team_id, email)
);

CREATE TABLE devices (
  team_id text NOT NULL,
  id text NOT NULL,
  member_id text NOT NULL,
  name text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  -- the token's public part, for lookup; the whole token is stored only as an Argon2id hash
  token_prefix text NOT NULL UNIQUE,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (team_id, id),
  FOREIGN KEY (team_id, member_id) REFERENCES members (team_id, id) ON DELETE CASCADE
);

CREATE TABLE invites (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  id text NOT NULL,
  -- SHA-256 of the code (hex): codes are 128 random bits, so a fast hash is enough and lookup is direct
  code_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'rep', 'readonly')),
  email text CHECK (length(email) <= 320),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_device text,
  PRIMARY KEY (team_id, id)
);
