/**
 * A sequence's report, pure: per step and per A/B variant, how many were sent, replied, bounced, opted out and
 * blocked (by reason), and the sends and replies per day. Sends and blocks are the message records of the keys
 * `enrollmentId:step` (one per key: the latest outcome of that step for that lead, as the Outbox shows it);
 * replies, bounces and opt-outs are the enrollments the inbox stopped, counted against the last step the lead
 * was sent, with the variant that step used. Positive replies leave out replies that asked to be removed
 * (their lead is opted out), and A/B winners are judged on those alone (shared/sequences/variant-winner.ts).
 */
import { answerOf, judgeVariants, type VariantVerdict } from '../../../../shared/sequences/variant-winner';
import type { EnrollmentDoc, MessageDoc, SequenceDoc } from '../../db/schemas/outreach';

export interface ReportCounts {
  sent: number;
  replied: number;
  /** replies that are not requests to be removed (nor auto-replies): what A/B winners are judged on */
  positive: number;
  bounced: number;
  optedOut: number;
  blocked: number;
}

export interface BlockedReason {
  code: string;
  /** the gate's own words for it */
  message: string;
  count: number;
}

export interface ReportRow extends ReportCounts {
  step: number;
  /** '' for the step as a whole */
  variant: string;
  blockedBy: BlockedReason[];
}

export interface ReportDay {
  /** the rep's local date, YYYY-MM-DD */
  date: string;
  sent: number;
  replied: number;
}

export interface SequenceReport {
  total: ReportCounts & { leadsReached: number };
  /** each step, then its variants (when it has some) */
  rows: ReportRow[];
  days: ReportDay[];
  /** for each step with A/B variants: the winner on positive replies, or why there is none yet */
  verdicts: { step: number; verdict: VariantVerdict }[];
}

const OPTED_OUT = new Set(['opted-out', 'complained']);

/** The keys of the steps an enrollment may have a record of: every step up to the one it is at. */
export function reportKeys(sequence: SequenceDoc, enrollments: readonly EnrollmentDoc[]): string[] {
  const last = sequence.steps.length - 1;
  // an edit shifts an enrollment's keys past the ones it used (edit-plan.ts): read those too
  return enrollments.flatMap((e) =>
    Array.from({ length: Math.min(e.step, last) + 1 + (e.keyShift ?? 0) }, (_, n) => `${e.id}:${n}`),
  );
}

/** Where a step's record counts now: the step's index today (null: a removed step) and its variant. */
interface Place {
  step: number | null;
  variant: string;
}

/**
 * A record names its step by id and its variant since messages v3, so an edit (a step removed, moved or added)
 * leaves each send with the step it was; an older record falls back to the index it was sent at.
 */
function placeOf(m: MessageDoc, ordinal: number, e: EnrollmentDoc, sequence: SequenceDoc): Place {
  if (m.stepId) {
    const step = sequence.steps.findIndex((s) => s.id === m.stepId);
    return { step: step < 0 ? null : step, variant: step < 0 ? '' : (m.variant ?? '') };
  }
  const step = m.step ?? ordinal;
  return step < sequence.steps.length
    ? { step, variant: e.variants[step] ?? '' }
    : { step: null, variant: '' };
}

const zero = (): ReportCounts => ({
  sent: 0,
  replied: 0,
  positive: 0,
  bounced: 0,
  optedOut: 0,
  blocked: 0,
});

/** What a report adds up as it reads the records: a row per step and per variant, a day per date, the totals. */
function createTally(dayOf: (at: number) => string) {
  const rows = new Map<string, ReportRow>();
  const row = (step: number, variant: string): ReportRow => {
    const key = `${step}|${variant}`;
    const found = rows.get(key);
    if (found) return found;
    const r: ReportRow = { step, variant, ...zero(), blockedBy: [] };
    rows.set(key, r);
    return r;
  };
  const days = new Map<string, ReportDay>();
  const day = (at: number) => {
    const date = dayOf(at);
    const found = days.get(date);
    if (found) return found;
    const d: ReportDay = { date, sent: 0, replied: 0 };
    days.set(date, d);
    return d;
  };
  const total = { ...zero(), leadsReached: 0 };
  // a removed step's sends still count in the totals; its row is gone with the step
  const count = ({ step, variant }: Place, field: keyof ReportCounts) => {
    if (step !== null) {
      row(step, '')[field]++;
      if (variant) row(step, variant)[field]++;
    }
    total[field]++;
  };
  const blockedBy = ({ step, variant }: Place, reason: { code: string; message: string }) => {
    if (step === null) return;
    for (const r of variant ? [row(step, ''), row(step, variant)] : [row(step, '')]) {
      const same = r.blockedBy.find((b) => b.code === reason.code);
      if (same) same.count++;
      else r.blockedBy.push({ code: reason.code, message: reason.message, count: 1 });
    }
  };
  return { rows, row, days, day, total, count, blockedBy };
}

export function sequenceReport(
  sequence: SequenceDoc,
  enrollments: readonly EnrollmentDoc[],
  messages: ReadonlyMap<string, MessageDoc>,
  dayOf: (at: number) => string,
  /** a lead's status (an opted-out lead's reply asked to be removed); unknown counts a reply as positive */
  leadStatus: (leadId: string) => string | undefined = () => undefined,
): SequenceReport {
  const { rows, row, days, day, total, count, blockedBy } = createTally(dayOf);

  for (const e of enrollments) {
    let lastSent: Place | null = null;
    const keys = Math.min(e.step, sequence.steps.length - 1) + 1 + (e.keyShift ?? 0);
    for (let n = 0; n < keys; n++) {
      const m = messages.get(`${e.id}:${n}`);
      if (!m) continue;
      const place = placeOf(m, n, e, sequence);
      if (m.status === 'sent') {
        lastSent = place;
        count(place, 'sent');
        day(m.sentAt ?? m.scheduledAt).sent++;
      } else if (m.status === 'blocked') {
        count(place, 'blocked');
        blockedBy(place, m.reasons[0] ?? { code: 'unknown', message: 'No reason was given.' });
      }
    }
    if (lastSent) total.leadsReached++;
    if (e.status !== 'stopped' || !lastSent) continue;
    if (e.stopReason === 'replied') {
      count(lastSent, 'replied');
      day(e.updatedAt).replied++;
      const answer = answerOf({ stopReason: e.stopReason, leadStatus: leadStatus(e.leadId) });
      if (answer === 'positive') count(lastSent, 'positive');
    } else if (e.stopReason === 'bounced') count(lastSent, 'bounced');
    else if (OPTED_OUT.has(e.stopReason ?? '')) count(lastSent, 'optedOut');
  }

  for (let step = 0; step < sequence.steps.length; step++) row(step, '');
  const sorted = inStepOrder(sequence, rows.values());
  return {
    total,
    rows: sorted,
    days: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
    verdicts: variantVerdicts(sequence, sorted),
  };
}

/** Each step's row, then its variants' in the order the step lists them. */
function inStepOrder(sequence: SequenceDoc, rows: Iterable<ReportRow>): ReportRow[] {
  const order = (r: ReportRow) => {
    const variants = sequence.steps[r.step]?.variants.map((v) => v.id) ?? [];
    return r.step * 100 + (r.variant ? variants.indexOf(r.variant) + 1 : 0);
  };
  return [...rows].sort((a, b) => order(a) - order(b));
}

/** Each step with two or more variants, judged on its variants' sends and positive replies. */
function variantVerdicts(sequence: SequenceDoc, rows: readonly ReportRow[]): SequenceReport['verdicts'] {
  return sequence.steps.flatMap((s, step) => {
    if (s.variants.length < 2) return [];
    const tallies = s.variants.map((v) => {
      const r = rows.find((x) => x.step === step && x.variant === v.id);
      return { variant: v.id, sent: r?.sent ?? 0, positive: r?.positive ?? 0 };
    });
    return [{ step, verdict: judgeVariants(tallies) }];
  });
}

/** "12%", or "–" before anything was sent. */
export function rateWords(part: number, whole: number): string {
  if (!whole) return '–';
  const rate = (100 * part) / whole;
  return `${rate < 10 && rate > 0 ? rate.toFixed(1) : Math.round(rate)}%`;
}
