-- Team stats (server/src/stats): a rollup of the audit log per team, rep, day and metric, kept in the audit push's
-- own transaction (applyRollup), so GET /v1/stats reads a few thousand rows instead of a million events.
-- day is the UTC date of the event's own time (shared/team/stats.ts says why).

CREATE TABLE stats_daily (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  day date NOT NULL,
  -- the member whose device pushed the events; '' for a one-click opt-out whose rep is not known
  member_id text NOT NULL CHECK (length(member_id) <= 64),
  metric text NOT NULL CHECK (metric IN ('sent', 'blocked', 'blocked_by', 'bounced', 'replied', 'opted_out', 'complained')),
  -- the blocking reason's code for blocked_by, else ''
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 64),
  count bigint NOT NULL CHECK (count >= 0),
  PRIMARY KEY (team_id, day, member_id, metric, reason)
);

-- the same per sequence, for events that name theirs (data.sequenceId); none is kept for events that do not
CREATE TABLE stats_sequence_daily (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  day date NOT NULL,
  member_id text NOT NULL CHECK (length(member_id) <= 64),
  sequence_id text NOT NULL CHECK (length(sequence_id) BETWEEN 1 AND 64),
  metric text NOT NULL CHECK (metric IN ('sent', 'blocked', 'bounced', 'replied', 'opted_out', 'complained')),
  count bigint NOT NULL CHECK (count >= 0),
  PRIMARY KEY (team_id, day, member_id, sequence_id, metric)
);

-- How far each audit chain has been counted: an event is counted only when its seq is past the mark, and the
-- mark moves in the same transaction, so a push that is retried (or an event handed over twice) counts once.
CREATE TABLE stats_marks (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  chain_id text NOT NULL CHECK (length(chain_id) BETWEEN 1 AND 64),
  counted_seq bigint NOT NULL,
  PRIMARY KEY (team_id, chain_id)
);

-- Which member sends from a mailbox (learnt from pushed send.sent events), so a one-click opt-out, whose token
-- names only the mailbox, is counted for the rep who sent that email.
CREATE TABLE stats_mailboxes (
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  mailbox_id text NOT NULL CHECK (length(mailbox_id) BETWEEN 1 AND 200),
  member_id text NOT NULL CHECK (length(member_id) <= 64),
  PRIMARY KEY (team_id, mailbox_id)
);
