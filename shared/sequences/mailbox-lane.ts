/**
 * One mailbox's queue during a plan: its due leads ordered by when their window opens (pending) and, once
 * open, by priority (ready: follow-ups first, then the longest waiting). A cursor walks the horizon: each send
 * moves it on by the gap, which spreads what is left of the day's sends over what is left of the window.
 */
import { type Calendar, nextOpening } from './calendar';
import { Heap } from './heap';
import type { Random } from './random';
import type { DueEnrollment, Pacing, PlanMailbox, PlannedWait, PlanSequence, WaitReason } from './types';
import type { ZoneClock } from './zone-clock';

/** A sequence during one plan: its calendar and what is left of its daily limit. */
export interface SequenceRun {
  plan: PlanSequence;
  calendar: Calendar;
  left: number;
  /** when the rep's day ends, and the daily limit starts again */
  dayEndsAt: number;
}

export interface Candidate {
  enrollment: DueEnrollment;
  sequence: SequenceRun;
  clock: ZoneClock;
  /** the earliest send time: in a window, not before it is due or now */
  opensAt: number;
  closesAt: number;
  /** the priority as one number, lower first: follow-ups, then the longest waiting (`rankOf`) */
  rank: number;
}

/** Follow-ups a whole epoch ahead of first touches, then by how long they have waited. */
const FIRST_TOUCH_OFFSET = 2 ** 45;
export const rankOf = (e: DueEnrollment): number => (e.isFollowUp ? 0 : FIRST_TOUCH_OFFSET) + e.nextSendAt;

const byOpening = (a: Candidate, b: Candidate) => a.opensAt < b.opensAt;

/** Follow-ups before first touches; then whoever has waited longest; then the id, so ties are stable. */
function byPriority(a: Candidate, b: Candidate): boolean {
  return a.rank !== b.rank ? a.rank < b.rank : a.enrollment.id < b.enrollment.id;
}

export class MailboxLane {
  private readonly pending: Heap<Candidate>;
  private readonly ready: Heap<Candidate>;
  private readonly missed: Candidate[] = [];
  private readonly limited: Candidate[] = [];
  private followUpsLeft = 0;
  /** candidates neither sent nor set aside */
  private remaining: number;
  private spanEnd = 0;
  capLeft: number;
  cursor: number;

  constructor(
    readonly mailbox: PlanMailbox,
    /** the end of this plan for the mailbox: the horizon, or its own midnight if sooner (caps are per day) */
    readonly endAt: number,
    private readonly dayEndsAt: number,
    candidates: Candidate[],
    private readonly pacing: Pacing,
    private readonly random: Random,
    now: number,
  ) {
    for (const c of candidates) {
      if (c.enrollment.isFollowUp) this.followUpsLeft++;
      if (c.closesAt > this.spanEnd) this.spanEnd = c.closesAt;
    }
    this.spanEnd = Math.min(this.spanEnd, dayEndsAt);
    this.remaining = candidates.length;
    this.capLeft = Math.max(0, Math.floor(mailbox.capToday - mailbox.sentToday));
    const last = mailbox.lastSentAt;
    // Never before the last send plus a gap: after sleep this is in the past (catch up from now, paced);
    // after the clock went back it is in the future (nothing goes until the clock is past it).
    this.cursor = last === undefined ? now : Math.max(now, last + this.gapAt(last));
    // Most due leads are open already: heapify them at once rather than pushing one by one.
    const open = candidates.filter((c) => c.opensAt <= this.cursor);
    const later = open.length === candidates.length ? [] : candidates.filter((c) => c.opensAt > this.cursor);
    this.ready = new Heap(byPriority, open);
    this.pending = new Heap(byOpening, later);
  }

  /**
   * Sends one candidate at the cursor, or moves the cursor on; false when the lane is done. `emit` returns
   * false for an enrollment already planned (an index read that listed a row twice): it is dropped.
   */
  next(emit: (c: Candidate, at: number) => boolean): boolean {
    if (this.capLeft <= 0 || this.cursor >= this.endAt) return false;
    this.admit();
    const pick = this.pick();
    if (pick) {
      const at = this.cursor;
      if (!emit(pick, at)) {
        this.remaining--;
        if (pick.enrollment.isFollowUp) this.followUpsLeft--;
        return true;
      }
      this.capLeft--;
      this.remaining--;
      pick.sequence.left--;
      if (pick.enrollment.isFollowUp) this.followUpsLeft--;
      this.cursor = at + this.gapAt(at);
      return true;
    }
    const upcoming = this.pending.peek();
    if (!upcoming) return false;
    // The next window opens later: start there, a little after the hour (never on the dot like a machine).
    this.cursor = Math.max(this.cursor, upcoming.opensAt + this.jitter());
    return true;
  }

  /**
   * What the mailbox did not reach, each with why and until when. Past today's remaining sends, leads wait for
   * tomorrow at once ('mailbox-day-full'), so later ticks read only the leads that can still go today.
   */
  leftovers(waits: PlannedWait[]): void {
    const pacing = (c: Candidate) =>
      waits.push({
        enrollmentId: c.enrollment.id,
        reason: 'pacing',
        until: Math.max(c.opensAt, this.cursor),
      });
    const tomorrow = (c: Candidate, reason: WaitReason) =>
      waits.push(waitFor(c, reason, Math.max(this.dayEndsAt, c.opensAt)));
    if (this.capLeft <= 0) {
      for (const c of this.ready.drain()) tomorrow(c, 'mailbox-at-cap');
      for (const c of this.pending.drain()) tomorrow(c, 'mailbox-at-cap');
    } else {
      // The ready queue is in priority order: the first `capLeft` keep their turn today.
      for (let kept = 0; kept < this.capLeft && this.ready.size; kept++) pacing(this.ready.pop()!);
      for (const c of this.ready.drain()) tomorrow(c, 'mailbox-day-full');
      for (const c of this.pending.drain()) pacing(c);
    }
    for (const c of this.missed) waits.push(waitFor(c, 'mailbox-busy', c.closesAt));
    for (const c of this.limited) {
      waits.push(waitFor(c, 'sequence-daily-limit', Math.max(c.sequence.dayEndsAt, c.opensAt)));
    }
  }

  /** Leads whose window has opened by the cursor move to the ready queue. */
  private admit(): void {
    for (let top = this.pending.peek(); top && top.opensAt <= this.cursor; top = this.pending.peek()) {
      this.ready.push(this.pending.pop()!);
    }
  }

  /** The first ready lead that may go now; sets aside those whose window closed or whose sequence is full. */
  private pick(): Candidate | undefined {
    for (let c = this.ready.peek(); c; c = this.ready.peek()) {
      if (c.closesAt <= this.cursor) {
        this.setAside(this.missed);
        continue;
      }
      if (c.sequence.left <= 0) {
        this.setAside(this.limited);
        continue;
      }
      // A short day goes to follow-ups: a first touch only takes a slot no follow-up in this plan needs.
      if (!c.enrollment.isFollowUp && this.capLeft <= this.followUpsLeft) return undefined;
      return this.ready.pop();
    }
    return undefined;
  }

  private setAside(into: Candidate[]): void {
    const c = this.ready.pop()!;
    this.remaining--;
    if (c.enrollment.isFollowUp) this.followUpsLeft--;
    into.push(c);
  }

  /** The random part of a gap, in whole milliseconds. */
  private jitter(): number {
    return Math.floor(this.random() * this.pacing.jitterMs);
  }

  /**
   * The gap after a send at `at`: the minimum, or the rest of the window shared evenly by the sends left
   * (n sends in a window go at its start plus k/n of it, so the day is never front-loaded).
   */
  private gapAt(at: number): number {
    const sendsLeft = Math.max(0, Math.min(this.capLeft, this.remaining));
    const spread = (this.spanEnd - at) / (sendsLeft + 1);
    // whole milliseconds: a send's time is an instant (Temporal refuses a fraction of a millisecond)
    return Math.floor(Math.max(this.pacing.minGapMs, spread)) + this.jitter();
  }
}

/** A wait until the lead's next window at or after `from`. */
export function waitFor(c: Candidate, reason: WaitReason, from: number): PlannedWait {
  const opening = nextOpening(from, c.clock, c.sequence.calendar);
  return { enrollmentId: c.enrollment.id, reason, until: opening ? opening.at : null };
}
