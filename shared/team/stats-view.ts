import { DAY_METRICS, type DayMetric, emptyFigures, type Figures, type StatsAnswer } from './stats';

/**
 * The Team screen's numbers, shaped from `GET /v1/stats` (pure): every day of the range (days with nothing are
 * zeros, so the chart's x axis has no holes), one row per rep with their totals and each metric per day (the
 * chart's series and the table's cells are the same numbers), blocked sends grouped by what a rep would fix.
 */

export const METRIC_WORDS: Record<DayMetric, string> = {
  sent: 'Sent',
  blocked: 'Blocked',
  bounced: 'Bounced',
  replied: 'Replied',
  opted_out: 'Opted out',
  complained: 'Complaints',
};

const ROLE_WORDS: Record<string, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  rep: 'Rep',
  readonly: 'Read only',
};
export const roleInWords = (role: string): string => ROLE_WORDS[role] ?? role;

/** the row for one-click opt-outs whose rep is not known */
export const UNKNOWN_REP = 'Unsubscribe links (sender not known)';

export interface RepRow {
  memberId: string;
  name: string;
  role: string;
  totals: Figures;
  /** per metric, one number per day of `days` */
  perDay: Record<DayMetric, number[]>;
}

export interface SequenceRow {
  sequenceId: string;
  /** the members whose events named it (one, unless a rep's sequence came from a teammate's computer) */
  memberIds: string[];
  totals: Figures;
}

export interface BlockedGroup {
  words: string;
  count: number;
  /** the reason codes behind it, for the Details toggle */
  codes: { code: string; count: number }[];
}

export interface TeamStatsShape {
  days: string[];
  reps: RepRow[];
  totals: Figures;
  blocked: BlockedGroup[];
  /** per sequence (events that named one), biggest first; the reps who sent from it by member id */
  sequences: SequenceRow[];
  members: { id: string; email: string; role: string }[];
  /** true when the caller sees only their own numbers */
  own: boolean;
}

/** every UTC day from `from` to `to`, both included */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length <= 400; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const add = (into: Figures, from: Figures) => {
  for (const m of DAY_METRICS) into[m] += from[m];
};

export function shapeStats(answer: StatsAnswer): TeamStatsShape {
  const days = daysBetween(answer.from, answer.to);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const member = new Map(answer.members.map((m) => [m.id, m]));
  const reps = new Map<string, RepRow>();
  const rowOf = (memberId: string): RepRow => {
    let row = reps.get(memberId);
    if (!row) {
      const known = member.get(memberId);
      row = {
        memberId,
        name: memberId === '' ? UNKNOWN_REP : (known?.email ?? 'A former member'),
        role: known?.role ?? '',
        totals: emptyFigures(),
        perDay: Object.fromEntries(DAY_METRICS.map((m) => [m, days.map(() => 0)])) as RepRow['perDay'],
      };
      reps.set(memberId, row);
    }
    return row;
  };
  // reps (and managers who send) appear even on a quiet range; readonly members and admins only with numbers
  for (const m of answer.members) if (m.role === 'rep' || m.role === 'manager') rowOf(m.id);
  const totals = emptyFigures();
  for (const d of answer.days) {
    const row = rowOf(d.memberId);
    const i = dayIndex.get(d.day);
    for (const m of DAY_METRICS) {
      row.totals[m] += d[m];
      if (i !== undefined) row.perDay[m][i]! += d[m];
    }
    add(totals, d);
  }
  const sequences = new Map<string, SequenceRow>();
  for (const s of answer.sequences) {
    const row = sequences.get(s.sequenceId) ?? {
      sequenceId: s.sequenceId,
      memberIds: [],
      totals: emptyFigures(),
    };
    add(row.totals, s);
    if (!row.memberIds.includes(s.memberId)) row.memberIds.push(s.memberId);
    sequences.set(s.sequenceId, row);
  }
  return {
    days,
    reps: [...reps.values()].sort(
      (a, b) =>
        Number(a.memberId === '') - Number(b.memberId === '') ||
        b.totals.sent - a.totals.sent ||
        a.name.localeCompare(b.name),
    ),
    totals,
    blocked: groupBlocked(answer.blockedBy),
    sequences: [...sequences.values()].sort(
      (a, b) => b.totals.sent - a.totals.sent || a.sequenceId.localeCompare(b.sequenceId),
    ),
    members: [...answer.members].sort((a, b) => a.email.localeCompare(b.email)),
    own: answer.scope === 'own',
  };
}

/**
 * What a sequence is called on the Team screen. The team server knows sequences by id only (their names stay
 * on the desktop that has them, see docs/decisions.md), so: the name this computer knows, else who sent it —
 * "A sequence of ana@acme.test", numbered when one rep has several this computer cannot name — or, on a rep's
 * own screen, that it is not on this computer (deleted, or sent from another of their computers).
 */
export function sequenceNames(
  shape: Pick<TeamStatsShape, 'sequences' | 'members' | 'own'>,
  known: ReadonlyMap<string, string>,
): Map<string, string> {
  const repName = new Map(shape.members.map((m) => [m.id, m.email]));
  const names = new Map<string, string>();
  const unnamed = new Map<string, string[]>();
  for (const s of shape.sequences) {
    const name = known.get(s.sequenceId)?.trim();
    if (name) {
      names.set(s.sequenceId, name);
      continue;
    }
    const who = shape.own
      ? 'A sequence no longer on this computer'
      : `A sequence of ${s.memberIds.map((id) => repName.get(id) ?? 'a former member').join(' and ')}`;
    unnamed.set(who, [...(unnamed.get(who) ?? []), s.sequenceId]);
  }
  for (const [who, ids] of unnamed)
    for (const [i, id] of ids.entries()) names.set(id, ids.length > 1 ? `${who} (${i + 1})` : who);
  return names;
}

const GROUPS: { words: string; test: (code: string) => boolean }[] = [
  { words: 'On the suppression list', test: (c) => c.startsWith('suppressed-') },
  {
    words: 'The address cannot take email (mistyped, no mail server, throwaway or role address)',
    test: (c) =>
      [
        'invalid-address',
        'disposable-domain',
        'null-mx',
        'no-mx',
        'domain-not-found',
        'role-account',
      ].includes(c),
  },
  {
    words: 'The mailbox was paused for too many bounces or complaints',
    test: (c) => c.startsWith('bounce-rate-') || c.startsWith('complaint-rate-'),
  },
  {
    words: 'Sender setup missing (SPF, DKIM, DMARC or the sender identity)',
    test: (c) => /^(spf|dkim|dmarc)-/.test(c) || c === 'identity-missing' || c === 'consumer-domain-mismatch',
  },
  {
    words: 'Sending limits or send days set up wrong',
    test: (c) => c.startsWith('cap-') || c === 'send-window-empty' || c === 'threshold-loosening-refused',
  },
  { words: 'Other reasons', test: (c) => c === 'unknown' },
];
const CONTENT = "The email's wording, links or layout";

/** blocked sends per group of reasons a rep fixes the same way, biggest first; codes kept for Details */
export function groupBlocked(rows: StatsAnswer['blockedBy']): BlockedGroup[] {
  const groups = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const words = GROUPS.find((g) => g.test(r.reason))?.words ?? CONTENT;
    const codes = groups.get(words) ?? new Map<string, number>();
    codes.set(r.reason, (codes.get(r.reason) ?? 0) + r.count);
    groups.set(words, codes);
  }
  return [...groups]
    .map(([words, codes]) => ({
      words,
      count: [...codes.values()].reduce((a, b) => a + b, 0),
      codes: [...codes].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count),
    }))
    .sort((a, b) => b.count - a.count || a.words.localeCompare(b.words));
}

/** "12.5%" of part over whole, or "–" with nothing to divide by */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const p = (part / whole) * 100;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}
