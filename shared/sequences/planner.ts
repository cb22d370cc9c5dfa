/**
 * The sequence planner: pure. Given the time, the due enrollments, the mailboxes' caps, counts and states and
 * the sequences' calendars, it returns this tick's sends (each at a paced, jittered time inside the lead's
 * window) and, for every other due enrollment, why it waits and until when. The forecast runs the same
 * function on a simulated clock with a day's horizon and no jitter.
 */
import { calendarFor, dueAfterDelay, nextOpening } from './calendar';
import { type Candidate, MailboxLane, rankOf, type SequenceRun } from './mailbox-lane';
import { type Random, streamFor } from './random';
import {
  DEFAULT_PACING,
  type DueEnrollment,
  type PlanInput,
  type PlanMailbox,
  type PlanNotice,
  type PlannedSend,
  sendKey,
  type TickPlan,
  type WaitReason,
} from './types';
import { resolveZone, zoneClock } from './zone-clock';

const NO_JITTER: Random = () => 0;

const MAILBOX_WAIT: Record<Exclude<PlanMailbox['state'], 'ready'>, WaitReason> = {
  paused: 'mailbox-paused',
  breaker: 'mailbox-breaker',
  disconnected: 'mailbox-disconnected',
};

interface Classified {
  lanes: Map<string, { mailbox: PlanMailbox; candidates: Candidate[] }>;
  plan: TickPlan;
}

export function planTick(input: PlanInput): TickPlan {
  const pacing = input.pacing ?? DEFAULT_PACING;
  const { lanes: byMailbox, plan } = classify(input);
  // A plan stops at the first midnight, the mailbox's (its cap) or the rep's (the sequences' limits): the
  // counters the caller gave are today's.
  const repDayEndsAt = (zoneClock(input.repTimeZone) ?? zoneClock('UTC')!).dayOf(input.now).endsAt;
  const horizonEnd = Math.min(input.now + input.horizonMs, repDayEndsAt);
  const lanes: MailboxLane[] = [];
  for (const [mailboxId, { mailbox, candidates }] of byMailbox) {
    if (!candidates.length) continue;
    const dayEndsAt = (zoneClock(mailbox.timeZone) ?? zoneClock('UTC')!).dayOf(input.now).endsAt;
    const random =
      input.jitterSeed === null
        ? NO_JITTER
        : streamFor(input.jitterSeed, `${mailboxId}:${mailbox.lastSentAt ?? 'never'}`);
    const endAt = Math.min(horizonEnd, dayEndsAt);
    lanes.push(new MailboxLane(mailbox, endAt, dayEndsAt, candidates, pacing, random, input.now));
  }
  const planned = new Set<string>();
  runLanes(lanes, (c, at) => {
    if (planned.has(c.enrollment.id)) return false;
    planned.add(c.enrollment.id);
    plan.sends.push(plannedSend(c, at));
    return true;
  });
  for (const lane of lanes) lane.leftovers(plan.waits);
  return plan;
}

/** Walks every lane in time order, so a sequence's daily limit goes to whichever mailbox is first in time. */
function runLanes(lanes: MailboxLane[], emit: (c: Candidate, at: number) => boolean): void {
  const active = [...lanes];
  while (active.length) {
    let first = 0;
    for (let i = 1; i < active.length; i++) if (active[i]!.cursor < active[first]!.cursor) first = i;
    if (!active[first]!.next(emit)) active.splice(first, 1);
  }
}

function plannedSend(c: Candidate, at: number): PlannedSend {
  const { enrollment: e, sequence } = c;
  const nextStep = sequence.plan.steps[e.step + 1];
  const dueAt = nextStep ? dueAfterDelay(at, nextStep.delayDays, c.clock, sequence.calendar) : null;
  return {
    key: sendKey(e.id, e.step),
    enrollmentId: e.id,
    leadId: e.leadId,
    sequenceId: e.sequenceId,
    step: e.step,
    mailboxId: e.mailboxId,
    at,
    timeZone: c.clock.zone,
    next: nextStep ? { step: e.step + 1, dueAt: dueAt ?? at } : null,
  };
}

/** Sorts the due enrollments into mailbox lanes, or straight into waits when nothing can go in this horizon. */
function classify(input: PlanInput): Classified {
  const plan: TickPlan = { sends: [], waits: [], finished: [], notices: [] };
  const lanes = new Map<string, { mailbox: PlanMailbox; candidates: Candidate[] }>();
  const sequences = sequenceRuns(input, plan.notices);
  const horizonEnd = input.now + input.horizonMs;
  const recheckMs = (input.pacing ?? DEFAULT_PACING).recheckMs;
  const noticed = new Set<string>();
  const wait = (e: DueEnrollment, reason: WaitReason, until: number | null) =>
    plan.waits.push({ enrollmentId: e.id, reason, until });
  for (const e of input.due) {
    const sequence = sequences.get(e.sequenceId);
    if (!sequence || sequence.plan.paused) {
      wait(e, 'sequence-paused', null);
      continue;
    }
    if (e.step >= sequence.plan.steps.length || e.step < 0) {
      plan.finished.push(e.id);
      continue;
    }
    let lane = lanes.get(e.mailboxId);
    if (!lane) {
      const found = input.mailboxes.get(e.mailboxId);
      if (found) {
        lane = { mailbox: found, candidates: [] };
        lanes.set(found.id, lane);
      }
    }
    const mailbox = lane?.mailbox;
    if (!lane || !mailbox) {
      wait(e, 'mailbox-gone', null); // one sender per lead: it waits for the rep, never switches in silence
      continue;
    }
    const zone = resolveZone(e.leadTimeZone, mailbox.timeZone);
    if (zone.problem && !noticed.has(e.id)) {
      noticed.add(e.id); // rare: only leads whose zone is not understood
      plan.notices.push({ code: zone.problem, subjectId: e.id, value: zone.unknown ?? '' });
    }
    const opening = nextOpening(Math.max(e.nextSendAt, input.now), zone.clock, sequence.calendar);
    if (!opening) {
      wait(e, 'no-send-days', null);
    } else if (mailbox.state !== 'ready') {
      const resumes = mailbox.resumesAt ?? input.now + recheckMs;
      const later = nextOpening(Math.max(resumes, opening.at), zone.clock, sequence.calendar);
      wait(e, MAILBOX_WAIT[mailbox.state], later?.at ?? null);
    } else if (opening.at >= horizonEnd) {
      wait(e, opening.deferred ?? 'pacing', opening.at);
    } else {
      const candidate = {
        enrollment: e,
        sequence,
        clock: zone.clock,
        opensAt: opening.at,
        closesAt: opening.closesAt,
        rank: rankOf(e),
      };
      lane.candidates.push(candidate);
    }
  }
  return { lanes, plan };
}

function sequenceRuns(input: PlanInput, notices: PlanNotice[]): Map<string, SequenceRun> {
  const repClock = zoneClock(input.repTimeZone) ?? zoneClock('UTC')!;
  const dayEndsAt = repClock.dayOf(input.now).endsAt;
  const runs = new Map<string, SequenceRun>();
  for (const [id, plan] of input.sequences) {
    const calendar = calendarFor(plan.schedule);
    if (calendar.unknownCountry) {
      notices.push({ code: 'unknown-holiday-country', subjectId: id, value: calendar.unknownCountry });
    }
    const left =
      plan.dailyLimit === null ? Number.POSITIVE_INFINITY : Math.max(0, plan.dailyLimit - plan.sentToday);
    runs.set(id, { plan, calendar, left, dayEndsAt });
  }
  return runs;
}
