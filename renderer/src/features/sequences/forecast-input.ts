/**
 * The forecast's input from what the window holds, pure: the live sequences' active enrollments (read through
 * `[sequenceId, status]`), the leads' zones, and each mailbox's cap and today's count as main reports them,
 * turned into the planner's input by the engine's own `planInputOf`, so the forecast plans what the engine would.
 */
import type { MailboxHealthInfo, MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { type Forecast, type ForecastInput, forecast } from '../../../../shared/sequences/forecast';
import { PARKED_REASONS } from '../../db/enrollments-repo';
import type { EnrollmentDoc, SequenceDoc } from '../../db/schemas/outreach';
import { type EngineDay, planInputOf } from '../../engine/plan-input';

export const FORECAST_DAYS = 14;

export interface ForecastFacts {
  now: number;
  /** the sequences to plan; a draft is planned as if launched now (the rep asks "what if") */
  sequences: readonly SequenceDoc[];
  /** their active enrollments */
  enrollments: readonly EnrollmentDoc[];
  leadZones: ReadonlyMap<string, string>;
  mailboxes: readonly MailboxInfo[];
  health: readonly MailboxHealthInfo[];
  /** the engine's counters for today (sends per sequence), when known */
  engineDay: EngineDay | null;
  repTimeZone: string;
}

export function forecastInputOf(facts: ForecastFacts): ForecastInput {
  const parked = new Set<string>(PARKED_REASONS);
  // a parked lead sits at a far time until the engine's hourly look; the forecast judges it afresh from now
  const due = facts.enrollments
    .filter((e) => e.status === 'active')
    .map((e) => (parked.has(e.waitReason ?? '') ? { ...e, nextSendAt: facts.now } : e));
  const sequences = new Map(
    facts.sequences.map((s) => [s.id, s.status === 'draft' ? { ...s, status: 'active' as const } : s]),
  );
  const input = planInputOf({
    now: facts.now,
    horizonMs: 0,
    due,
    sequences,
    leadZones: facts.leadZones,
    mailboxes: facts.mailboxes,
    health: facts.health,
    engineDay: facts.engineDay ?? { day: '', bySequence: {}, lastSentAt: {} },
    repTimeZone: facts.repTimeZone,
    jitterSeed: null,
  });
  return {
    now: facts.now,
    days: FORECAST_DAYS,
    enrollments: input.due,
    sequences: input.sequences,
    mailboxes: input.mailboxes,
    repTimeZone: facts.repTimeZone,
  };
}

export const forecastOf = (facts: ForecastFacts): Forecast => forecast(forecastInputOf(facts));

/** "Wed 14 Jan" for a rep's date "2026-01-14". */
export function dayWords(date: string): string {
  const at = new Date(`${date}T12:00:00Z`);
  return at.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** Business days (Mon–Fri) after `from` up to and including `to`, both rep dates. */
export function businessDaysBetween(from: string, to: string): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  let n = 0;
  for (let at = start + 86_400_000; at <= end; at += 86_400_000) {
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) n++;
  }
  return n;
}

type SequenceForecast = Forecast['sequences'][number];

/** When the caps stretch a sequence: what the rep reads, or '' when they do not. */
export function stretchWords(s: SequenceForecast, stepCount: number, days = FORECAST_DAYS): string {
  if (!s.stretched || !s.withoutCaps) return '';
  const step = `step ${stepCount}`;
  if (!s.lastStepDate)
    return `At these caps the last lead does not get ${step} within ${days} days; without them it would on ${dayWords(s.withoutCaps)}.`;
  const late = businessDaysBetween(s.withoutCaps, s.lastStepDate);
  const later = late === 1 ? '1 business day' : `${late} business days`;
  return `At these caps the last lead gets ${step} on ${dayWords(s.lastStepDate)}, ${later} later than without them.`;
}

/** The day the last lead gets the last step, in words. */
export function lastStepWords(s: SequenceForecast | undefined, days = FORECAST_DAYS): string {
  if (!s) return 'No lead is waiting for a step.';
  if (s.lastStepDate) return `The last lead gets the last step on ${dayWords(s.lastStepDate)}.`;
  return `Some leads still have steps to go after the next ${days} days.`;
}
