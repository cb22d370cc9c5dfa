import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailboxHealthInfo, MailboxInfo } from '../../../shared/ipc/mailboxes';
import type { Result } from '../../../shared/ipc/result';
import type { SendDraft, SendOutcome } from '../../../shared/ipc/send';
import { MAX_SLEEP_MS } from '../../../shared/outbox/scheduled-sends';
import { createFairsendDatabase, type FairsendDatabase } from '../db/database';
import { createEnrollmentsRepo, type EnrollmentsRepo } from '../db/enrollments-repo';
import { createLeadsRepo, type LeadsRepo } from '../db/leads-repo';
import { createMessagesRepo } from '../db/messages-repo';
import type { SequenceDoc } from '../db/schemas/outreach';
import { blankStep, createSequencesRepo, type SequencesRepo } from '../db/sequences-repo';
import type { LoopTimers } from '../scheduler/wake-loop';
import { windowLock } from '../scheduler/window-lock';
import type { EngineDay } from './plan-input';
import { createSequenceRunner, HORIZON_MS, nextRunDelay } from './sequence-runner';

// The engine's loop on a simulated clock and timers: a wake-up is due when the clock reaches it, and only the
// test moves the clock. Real (in-memory) RxDB, the real planner, and a stand-in for main's send path.

const TUESDAY_10 = Date.UTC(2026, 11, 1, 10); // Tuesday 1 December 2026, 10:00 UTC
const THURSDAY_9_30 = Date.UTC(2026, 11, 3, 9, 30); // step 2 is due at 09:00 that day

let db: FairsendDatabase;
let dbCount = 0;
let clock = TUESDAY_10;
let leads: LeadsRepo;
let enrollments: EnrollmentsRepo;
let sequences: SequencesRepo;
let delivered: string[];
/** what main's "Pause all sending" says */
let paused: boolean;

/** Wake-ups on the simulated clock: `due()` runs those the clock has reached. */
function testTimers() {
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: LoopTimers = {
    set(fn, ms) {
      pending.set(next, { at: clock + ms, fn });
      return next++;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    /** the soonest wake-up set, as a time on the clock */
    soonest: () => Math.min(...[...pending.values()].map((p) => p.at)),
    due() {
      for (const [id, p] of [...pending]) {
        if (p.at > clock) continue;
        pending.delete(id);
        p.fn();
      }
    },
  };
}

/** A promise the test settles by hand: a step of a run held until the test lets it go. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const MAILBOX = { id: 'mb1', displayName: 'Rita Rep' } as MailboxInfo;
const HEALTH = {
  id: 'mb1',
  sentToday: 0,
  cap: { cap: 50, target: 50, ceiling: 500, rampingUp: false, reasons: [] },
  breaker: { state: 'ok', reasons: [], judged: false, rates: { bounce: 0, complaint: 0 } },
} satisfies MailboxHealthInfo;

/** The runner with a hook into its runs: `hold.mailboxes` / `hold.save` keep a run at that point. */
function loopRunner(timers: LoopTimers) {
  let stored: EngineDay | null = null;
  const hold: { mailboxes?: Promise<void>; save?: Promise<void>; saving?: () => void } = {};
  const asked: string[] = [];
  const engine = createSequenceRunner({
    enrollments,
    sequences,
    leads,
    messages: createMessagesRepo(db),
    async send(key: string, _draft: SendDraft): Promise<Result<SendOutcome>> {
      asked.push(key);
      delivered.push(key);
      const messageId = `<fs.${delivered.length}@acme.test>`;
      return {
        ok: true,
        value: {
          status: 'sent',
          messageId,
          providerId: '250',
          gate: { verdict: 'ok', score: 0, reasons: [] },
        },
      };
    },
    sendingPaused: async () => paused,
    async mailboxes() {
      await hold.mailboxes;
      return { list: [MAILBOX], health: [HEALTH] };
    },
    company: async () => 'Acme',
    day: {
      load: async () => stored,
      async save(d) {
        hold.saving?.();
        await hold.save;
        stored = d;
      },
    },
    lock: windowLock('wake-test'),
    now: () => clock,
    repTimeZone: 'UTC',
    jitterSeed: null,
    timers,
  });
  // each run's end, in order, for the test to wait on
  let runs = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  engine.onRun(() => {
    runs++;
    for (const w of waiters.filter((x) => x.n <= runs)) w.resolve();
  });
  const runEnded = (n: number) =>
    n <= runs ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }));
  return { engine, hold, asked, runEnded, runs: () => runs };
}

async function twoStepSequence(): Promise<SequenceDoc> {
  const created = await sequences.create({
    name: 'Outbound',
    mailboxIds: ['mb1'],
    steps: [
      { ...blankStep(0), subject: 'Quick question, {{ first_name }}', body: '<p>Hi {{ first_name }}</p>' },
      {
        ...blankStep(1),
        delayBusinessDays: 2,
        subject: '',
        body: '<p>Following up</p>',
        threadWithPrevious: true,
      },
    ],
  });
  return sequences.setStatus(created.id, 'active');
}

async function enrollAna(): Promise<string> {
  const sequence = await twoStepSequence();
  await leads.create({
    email: 'ana@prospect.test',
    firstName: 'Ana',
    lastName: 'Diaz',
    company: 'Prospect',
    title: '',
    timezone: '',
  });
  await enrollments.enroll({ sequence, leadIds: ['ana@prospect.test'] });
  const [e] = await db.enrollments.find().exec();
  return e!.id;
}

beforeEach(async () => {
  db = await createFairsendDatabase(`runner-wake-test-${++dbCount}`, getRxStorageMemory());
  clock = TUESDAY_10;
  leads = createLeadsRepo(db);
  enrollments = createEnrollmentsRepo(db, () => clock);
  sequences = createSequencesRepo(db, () => clock);
  delivered = [];
  paused = false;
});
afterEach(async () => {
  await db.close();
});

describe('the engine wakes when it should', () => {
  it('a run under way when the clock jumps to when a step is due wakes again at once, not a sleep later', async () => {
    const t = testTimers();
    const { engine, hold, runEnded } = loopRunner(t.timers);
    const id = await enrollAna();
    const stop = engine.start();
    await runEnded(1); // step 1 went: the next run is due at once
    expect(delivered).toEqual([`${id}:0`]);

    // the next run starts on Tuesday and is held before it reads what is due (a loaded machine)
    const held = gate();
    hold.mailboxes = held.opened;
    t.due();
    // meanwhile the clock jumps to Thursday 09:30 (a laptop's sleep, the e2e's clocks), past step 2's 09:00
    clock = THURSDAY_9_30;
    held.open();
    await runEnded(2);
    expect(delivered).toHaveLength(1); // that run read what was due on Tuesday: nothing

    // it found step 2 due before "now" yet after what it read: the next run is due now, not a sleep later
    expect(t.soonest()).toBe(THURSDAY_9_30);
    t.due();
    await runEnded(3);
    expect(delivered).toEqual([`${id}:0`, `${id}:1`]);
    await stop();
  });

  it('a wake-up asked for while a run is under way is kept for when it ends (a lead resumed meanwhile)', async () => {
    const t = testTimers();
    const { engine, hold, runEnded, runs } = loopRunner(t.timers);
    const id = await enrollAna();
    await enrollments.patch(id, { status: 'paused' });
    // the first run reads what is due (nobody: Ana is paused), then is held before it ends
    const held = gate();
    hold.save = held.opened;
    const reachedEnd = new Promise<void>((resolve) => {
      hold.saving = resolve;
    });
    const stop = engine.start();
    await reachedEnd;
    // the rep resumes Ana, and the screen wakes the engine, while that run is still under way
    await enrollments.patch(id, { status: 'active', nextSendAt: clock, waitReason: '' });
    engine.wake();
    held.open();
    await runEnded(1);
    expect(runs()).toBe(1);
    // the wake-up stands: the next run is due now (it would have been a sleep of MAX_SLEEP_MS)
    expect(t.soonest()).toBe(clock);
    t.due();
    await runEnded(2);
    expect(delivered).toEqual([`${id}:0`]);
    await stop();
  });

  it('while all sending is paused it asks the gate for nobody and sleeps; Resume wakes it and the step goes', async () => {
    const t = testTimers();
    const { engine, asked, runEnded } = loopRunner(t.timers);
    const id = await enrollAna();
    paused = true;
    const stop = engine.start();
    await runEnded(1);
    expect(asked).toEqual([]);
    expect(await enrollments.fresh(id)).toMatchObject({ step: 0, status: 'active', nextSendAt: TUESDAY_10 });
    expect(t.soonest()).toBe(clock + MAX_SLEEP_MS);

    clock += 60_000;
    paused = false;
    engine.wake(); // what Resume sending does (App → SendingToggle)
    t.due();
    await runEnded(2);
    expect(delivered).toEqual([`${id}:0`]);
    await stop();
  });
});

describe('when the next run starts', () => {
  const report = (r: Partial<Parameters<typeof nextRunDelay>[0]>) => ({
    sent: 0,
    nextAt: null,
    seenUntil: TUESDAY_10 + HORIZON_MS,
    ...r,
  });

  it('at once after a send, and at once for a due time past what the run read', () => {
    expect(nextRunDelay(report({ sent: 1 }), null, TUESDAY_10)).toBe(0);
    expect(nextRunDelay(report({}), TUESDAY_10 + HORIZON_MS + 1, THURSDAY_9_30)).toBe(0);
  });

  it('at the plan`s time for a due time the run read and left (pacing), and at a future due time', () => {
    const now = TUESDAY_10 + 60_000;
    expect(nextRunDelay(report({ nextAt: now + 300_000 }), TUESDAY_10, now)).toBe(300_000);
    expect(nextRunDelay(report({}), now + 120_000, now)).toBe(120_000);
    expect(nextRunDelay(report({}), null, now)).toBe(MAX_SLEEP_MS);
  });

  it('a sleep while sending is paused (Resume wakes it)', () => {
    expect(nextRunDelay(report({ paused: true }), TUESDAY_10, TUESDAY_10)).toBe(MAX_SLEEP_MS);
  });
});
