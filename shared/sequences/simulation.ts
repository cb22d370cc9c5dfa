/**
 * A simulated send world for the planner: enrollments, mailbox counters and sequence counters as the runner
 * keeps them, advanced by applying plans as if every planned send went out at its time. The forecast runs it
 * with a day's horizon and no jitter; tests run it tick by tick with jitter.
 */
import { planTick } from './planner';
import type { DueEnrollment, Pacing, PlanMailbox, PlanSequence, TickPlan } from './types';
import { zoneClock } from './zone-clock';

export interface WorldInput {
  enrollments: readonly DueEnrollment[];
  sequences: ReadonlyMap<string, PlanSequence>;
  mailboxes: ReadonlyMap<string, PlanMailbox>;
  repTimeZone: string;
  pacing?: Pacing;
}

export interface SimEnrollment extends DueEnrollment {
  /** false once the last step is sent (or the sequence has no step left for it) */
  active: boolean;
  /** false while it waits for something only the rep can change (a gone mailbox, a paused sequence) */
  parked: boolean;
}

export class SimulatedWorld {
  readonly enrollments: SimEnrollment[];
  readonly sequences: Map<string, PlanSequence>;
  readonly mailboxes: Map<string, PlanMailbox>;
  /** when each mailbox's day ends (its counter starts again), and the rep's (the sequences' limits) */
  private readonly mailboxDayEnds = new Map<string, number>();
  private repDayEndsAt = Number.NEGATIVE_INFINITY;
  private readonly byId: Map<string, SimEnrollment>;

  constructor(
    readonly input: WorldInput,
    start: number,
  ) {
    this.enrollments = input.enrollments.map((e) => ({ ...e, active: true, parked: false }));
    this.byId = new Map(this.enrollments.map((e) => [e.id, e]));
    this.sequences = new Map([...input.sequences].map(([id, s]) => [id, { ...s }]));
    this.mailboxes = new Map([...input.mailboxes].map(([id, m]) => [id, { ...m }]));
    this.rollDays(start);
  }

  enrollment(id: string): SimEnrollment | undefined {
    return this.byId.get(id);
  }

  /** The next instant after `at` when a mailbox's or the rep's day ends. */
  nextDayBoundary(at: number): number {
    this.rollDays(at);
    let next = this.repDayEndsAt;
    for (const end of this.mailboxDayEnds.values()) next = Math.min(next, end);
    return next > at ? next : at + 1;
  }

  /** Plans from `now` for `horizonMs` over the active enrollments due within it, and applies the plan. */
  step(now: number, horizonMs: number, jitterSeed: number | null): TickPlan {
    this.rollDays(now);
    const end = now + horizonMs;
    const due = this.enrollments.filter((e) => e.active && !e.parked && e.nextSendAt < end);
    const plan = planTick({
      now,
      horizonMs,
      due,
      sequences: this.sequences,
      mailboxes: this.mailboxes,
      repTimeZone: this.input.repTimeZone,
      jitterSeed,
      ...(this.input.pacing ? { pacing: this.input.pacing } : {}),
    });
    this.apply(plan);
    return plan;
  }

  /** Every planned send goes out at its time; every wait moves the enrollment's next time. */
  apply(plan: TickPlan): void {
    const { byId } = this;
    for (const send of plan.sends) {
      const e = byId.get(send.enrollmentId)!;
      const mailbox = this.mailboxes.get(send.mailboxId)!;
      mailbox.sentToday++;
      mailbox.lastSentAt = Math.max(mailbox.lastSentAt ?? send.at, send.at);
      this.sequences.get(send.sequenceId)!.sentToday++;
      if (send.next) {
        e.step = send.next.step;
        e.nextSendAt = send.next.dueAt;
        e.isFollowUp = true;
      } else e.active = false;
    }
    for (const wait of plan.waits) {
      const e = byId.get(wait.enrollmentId)!;
      if (wait.until === null) e.parked = true;
      else if (wait.reason !== 'pacing') e.nextSendAt = wait.until;
    }
    for (const id of plan.finished) byId.get(id)!.active = false;
  }

  /** Starts new days: counters at zero for each mailbox (and the rep) whose day ended by `now`. */
  rollDays(now: number): void {
    for (const [id, mailbox] of this.mailboxes) {
      const end = this.mailboxDayEnds.get(id);
      if (end !== undefined && now < end) continue;
      if (end !== undefined) mailbox.sentToday = 0;
      const clock = zoneClock(mailbox.timeZone) ?? zoneClock('UTC')!;
      this.mailboxDayEnds.set(id, clock.dayOf(now).endsAt);
    }
    if (now >= this.repDayEndsAt) {
      if (Number.isFinite(this.repDayEndsAt)) for (const s of this.sequences.values()) s.sentToday = 0;
      this.repDayEndsAt = (zoneClock(this.input.repTimeZone) ?? zoneClock('UTC')!).dayOf(now).endsAt;
    }
  }
}
