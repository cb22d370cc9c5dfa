import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailboxHealthInfo, MailboxInfo } from '../../../shared/ipc/mailboxes';
import type { Result } from '../../../shared/ipc/result';
import type { SendDraft, SendOutcome } from '../../../shared/ipc/send';
import { blockedOutcome, CAP_REACHED, SUPPRESSED } from '../../../shared/outbox/testing/outcomes';
import { createCompanyStop } from '../db/company-stop';
import { createFairsendDatabase, type FairsendDatabase } from '../db/database';
import { createEnrollmentsRepo, type EnrollmentsRepo } from '../db/enrollments-repo';
import { createLeadsRepo, type LeadsRepo } from '../db/leads-repo';
import { createMessagesRepo } from '../db/messages-repo';
import type { SequenceDoc } from '../db/schemas/outreach';
import { blankStep, createSequencesRepo, type SequencesRepo } from '../db/sequences-repo';
import { windowLock } from '../scheduler/window-lock';
import type { EngineDay } from './plan-input';
import { createSequenceRunner } from './sequence-runner';

// The runner over a real (in-memory) RxDB and the real planner; `send` stands in for main's send path with
// its journal of keys: a key that went out once is answered "duplicate, sent" and is never delivered again.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TUESDAY_10 = Date.UTC(2026, 11, 1, 10); // Tuesday 1 December 2026, 10:00 UTC

let db: FairsendDatabase;
let dbCount = 0;
let clock = TUESDAY_10;
let leads: LeadsRepo;
let enrollments: EnrollmentsRepo;
let sequences: SequencesRepo;
let delivered: { key: string; draft: SendDraft; messageId: string }[];
let journal: Map<string, 'sent' | 'unknown'>;
/** the Message-ID main's journal keeps for a key (answered with "duplicate") */
let journalIds: Map<string, string>;
let answer: (key: string, draft: SendDraft) => SendOutcome | null;

function mainStandIn() {
  return async (key: string, draft: SendDraft): Promise<Result<SendOutcome>> => {
    const known = journal.get(key);
    const kept = journalIds.get(key);
    if (known)
      return { ok: true, value: { status: 'duplicate', state: known, ...(kept ? { messageId: kept } : {}) } };
    const special = answer(key, draft);
    if (special) return { ok: true, value: special };
    const messageId = `<fs.${delivered.length + 1}@acme.test>`;
    delivered.push({ key, draft, messageId });
    journal.set(key, 'sent');
    return {
      ok: true,
      value: { status: 'sent', messageId, providerId: '250', gate: { verdict: 'ok', score: 0, reasons: [] } },
    };
  };
}

const MAILBOX = { id: 'mb1', displayName: 'Rita Rep' } as MailboxInfo;
const HEALTH = {
  id: 'mb1',
  sentToday: 0,
  cap: { cap: 50, target: 50, ceiling: 500, rampingUp: false, reasons: [] },
  breaker: { state: 'ok', reasons: [], judged: false, rates: { bounce: 0, complaint: 0 } },
} satisfies MailboxHealthInfo;

function runner(beforeSend?: () => Promise<unknown>) {
  let stored: EngineDay | null = null;
  return createSequenceRunner({
    enrollments,
    sequences,
    leads,
    messages: createMessagesRepo(db),
    send: mainStandIn(),
    companyStop: createCompanyStop(db),
    ...(beforeSend ? { beforeSend } : {}),
    mailboxes: async () => ({ list: [MAILBOX], health: [HEALTH] }),
    company: async () => 'Acme',
    day: {
      load: async () => stored,
      save: async (d) => {
        stored = d;
      },
    },
    lock: windowLock('test'),
    now: () => clock,
    repTimeZone: 'UTC',
    jitterSeed: null,
  });
}

async function threeStepSequence(): Promise<SequenceDoc> {
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
      {
        ...blankStep(2),
        delayBusinessDays: 3,
        subject: '',
        body: '<p>Last note</p>',
        threadWithPrevious: true,
      },
    ],
  });
  return sequences.setStatus(created.id, 'active');
}

async function enrollAna(sequence: SequenceDoc): Promise<string> {
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
  db = await createFairsendDatabase(`runner-test-${++dbCount}`, getRxStorageMemory());
  clock = TUESDAY_10;
  leads = createLeadsRepo(db);
  enrollments = createEnrollmentsRepo(db, () => clock);
  sequences = createSequencesRepo(db, () => clock);
  delivered = [];
  journal = new Map();
  journalIds = new Map();
  answer = () => null;
});
afterEach(async () => {
  await db.close();
});

describe('the sequence runner', () => {
  it('sends step 1, then step 2 threaded after its delay, and stops the lead who replied before step 3', async () => {
    const engine = runner();
    const sequence = await threeStepSequence();
    const id = await enrollAna(sequence);
    expect((await engine.runOnce()).sent).toBe(1);
    expect(delivered[0]).toMatchObject({
      key: `${id}:0`,
      draft: { subject: 'Quick question, Ana', isFirstTouch: true, kind: 'sequence', mailboxId: 'mb1' },
    });
    // the draft names its sequence and step: main's audit events carry them to the team's per-sequence stats
    expect(delivered[0]!.draft.sequence).toEqual({ sequenceId: sequence.id, stepId: sequence.steps[0]!.id });
    expect(delivered[0]!.draft.window).toEqual({ startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5] });
    const afterFirst = await enrollments.fresh(id);
    // two business days later, at the window's opening: Thursday 09:00
    expect(afterFirst).toMatchObject({ step: 1, status: 'active', nextSendAt: Date.UTC(2026, 11, 3, 9) });
    expect((await leads.get('ana@prospect.test'))?.status).toBe('contacted');

    clock = Date.UTC(2026, 11, 2, 12); // Wednesday: nothing due yet
    expect((await engine.runOnce()).sent).toBe(0);

    clock = Date.UTC(2026, 11, 3, 9, 30);
    expect((await engine.runOnce()).sent).toBe(1);
    expect(delivered[1]!.draft).toMatchObject({
      subject: 'Re: Quick question, Ana',
      isFirstTouch: false,
      thread: { inReplyTo: delivered[0]!.messageId, references: [delivered[0]!.messageId] },
      sequence: { sequenceId: sequence.id, stepId: sequence.steps[1]!.id },
    });
    const sent = await db.messages.findOne(`${id}:1`).exec();
    expect(sent).toMatchObject({ enrollmentId: id, step: 1, status: 'sent' });

    await leads.update('ana@prospect.test', { status: 'replied' });
    clock = Date.UTC(2026, 11, 9, 10);
    expect((await engine.runOnce()).sent).toBe(0);
    expect(delivered).toHaveLength(2);
    expect(await enrollments.fresh(id)).toMatchObject({ status: 'stopped', stopReason: 'replied', step: 2 });
  });

  it('books a step main already sent (a run cut short) as sent, never delivering it again', async () => {
    const engine = runner();
    const id = await enrollAna(await threeStepSequence());
    journal.set(`${id}:0`, 'sent'); // main sent it, then the window died before recording it
    await engine.runOnce();
    expect(delivered).toHaveLength(0);
    expect(await enrollments.fresh(id)).toMatchObject({ step: 1, status: 'active' });
    // booked as sent, so the lead's timeline and the Outbox show it
    expect(await db.messages.findOne(`${id}:0`).exec()).toMatchObject({
      status: 'sent',
      enrollmentId: id,
      step: 0,
    });
  });

  it('threads the next step under the Message-ID main kept for a step sent before the window died', async () => {
    const engine = runner();
    const id = await enrollAna(await threeStepSequence());
    journal.set(`${id}:0`, 'sent');
    journalIds.set(`${id}:0`, '<fs.before-crash@acme.test>');
    await engine.runOnce();
    expect(await db.messages.findOne(`${id}:0`).exec()).toMatchObject({
      status: 'sent',
      messageId: '<fs.before-crash@acme.test>',
    });
    clock = Date.UTC(2026, 11, 3, 9, 30);
    expect((await engine.runOnce()).sent).toBe(1);
    expect(delivered[0]!.draft).toMatchObject({
      subject: 'Re: Quick question, Ana',
      thread: { inReplyTo: '<fs.before-crash@acme.test>', references: ['<fs.before-crash@acme.test>'] },
    });
  });

  it.each([
    ['stops a lead right before the send when a colleague replied to the sequence (company stop on)', true],
    ['sends to a colleague of a lead who replied when the company stop is off', false],
  ])('%s', async (_name, stopCompanyOnReply) => {
    const engine = runner();
    const created = await sequences.create({
      name: 'Company',
      mailboxIds: ['mb1'],
      steps: [{ ...blankStep(0), subject: 'Hi {{ first_name }}', body: '<p>Hi</p>' }],
      stopCompanyOnReply,
    });
    const sequence = await sequences.setStatus(created.id, 'active');
    const id = await enrollAna(sequence);
    await leads.create({
      email: 'bo@prospect.test',
      firstName: 'Bo',
      lastName: 'Li',
      company: 'Prospect',
      title: '',
      timezone: '',
    });
    await enrollments.enroll({ sequence, leadIds: ['bo@prospect.test'] });
    // Bo replied (the watcher found it between planning and sending): his enrollment stopped as replied
    const bo = await db.enrollments.findOne({ selector: { leadId: 'bo@prospect.test' } }).exec();
    await bo!.incrementalPatch({ status: 'stopped', stopReason: 'replied' });
    await engine.runOnce();
    if (stopCompanyOnReply) {
      expect(delivered).toHaveLength(0);
      expect(await enrollments.fresh(id)).toMatchObject({ status: 'stopped', stopReason: 'company-replied' });
    } else expect(delivered.map((d) => d.draft.to)).toEqual(['ana@prospect.test']);
  });

  it('does not send a step whose lead an out-of-office paused right before the send, and sends it when back', async () => {
    let id = '';
    const back = Date.UTC(2026, 11, 8, 12);
    const engine = runner(async () => {
      // the inbox's news, applied right before the send: Ana is away until Tuesday 8 December
      const e = await enrollments.fresh(id);
      if (e && e.step === 1 && e.waitReason !== 'out-of-office')
        await enrollments.patch(id, { nextSendAt: back, waitReason: 'out-of-office' });
    });
    id = await enrollAna(await threeStepSequence());
    await engine.runOnce();
    clock = Date.UTC(2026, 11, 3, 9, 30);
    expect((await engine.runOnce()).sent).toBe(0);
    expect(delivered).toHaveLength(1);
    expect(await enrollments.fresh(id)).toMatchObject({
      status: 'active',
      step: 1,
      waitReason: 'out-of-office',
    });
    clock = back + HOUR;
    expect((await engine.runOnce()).sent).toBe(1);
    expect(delivered[1]!.key).toBe(`${id}:1`);
  });

  it('does not send for a paused sequence, nor outside the window', async () => {
    const engine = runner();
    const sequence = await threeStepSequence();
    const id = await enrollAna(sequence);
    clock = Date.UTC(2026, 11, 1, 18); // after 17:00
    await engine.runOnce();
    expect(await enrollments.fresh(id)).toMatchObject({
      waitReason: 'outside-window',
      nextSendAt: Date.UTC(2026, 11, 2, 9),
    });
    await sequences.setStatus(sequence.id, 'paused');
    clock = Date.UTC(2026, 11, 2, 10);
    await engine.runOnce();
    expect(delivered).toHaveLength(0);
    expect(await enrollments.fresh(id)).toMatchObject({ waitReason: 'sequence-paused' });
  });

  it('stops a suppressed lead with the reason, and waits for the time the gate names for a cap', async () => {
    const engine = runner();
    const sequence = await threeStepSequence();
    const id = await enrollAna(sequence);
    answer = () => blockedOutcome([CAP_REACHED], clock + DAY);
    await engine.runOnce();
    expect(await enrollments.fresh(id)).toMatchObject({
      status: 'active',
      step: 0,
      nextSendAt: clock + DAY,
      waitReason: 'daily-cap-reached',
    });
    answer = () => blockedOutcome([{ ...SUPPRESSED, code: 'suppressed-address' }]);
    clock += DAY;
    await engine.runOnce();
    expect(await enrollments.fresh(id)).toMatchObject({
      status: 'stopped',
      stopReason: 'suppressed-address',
    });
  });

  it('holds a send of unknown fate and moves on once main says it was sent', async () => {
    const engine = runner();
    const id = await enrollAna(await threeStepSequence());
    answer = (key) => {
      journal.set(key, 'unknown');
      return {
        status: 'unknown',
        messageId: '<fs.x@acme.test>',
        why: 'connection-lost',
        message: 'The connection dropped.',
        gate: { verdict: 'ok', score: 0, reasons: [] },
      };
    };
    await engine.runOnce();
    expect(await enrollments.fresh(id)).toMatchObject({ status: 'held', step: 0 });
    clock += HOUR;
    await engine.runOnce();
    expect(await enrollments.fresh(id)).toMatchObject({ status: 'held', step: 0 });
    journal.set(`${id}:0`, 'sent'); // the rep settled it in the Outbox
    clock += HOUR;
    await engine.runOnce();
    expect(await enrollments.fresh(id)).toMatchObject({ status: 'active', step: 1 });
    expect(delivered).toHaveLength(0);
    // booked as sent with the Message-ID it was tried with, so step 2 threads under it
    expect(await db.messages.findOne(`${id}:0`).exec()).toMatchObject({
      status: 'sent',
      messageId: '<fs.x@acme.test>',
    });
    answer = () => null;
    clock = Date.UTC(2026, 11, 3, 10);
    await engine.runOnce();
    expect(delivered[0]?.draft.thread?.inReplyTo).toBe('<fs.x@acme.test>');
  });
});

describe('editing a running sequence', () => {
  it('after a sent step is removed, the next step goes out under a fresh key (not answered "duplicate")', async () => {
    const engine = runner();
    const sequence = await threeStepSequence();
    const id = await enrollAna(sequence);
    await engine.runOnce();
    clock = Date.UTC(2026, 11, 3, 9, 30);
    await engine.runOnce();
    expect(delivered.map((d) => d.key)).toEqual([`${id}:0`, `${id}:1`]);
    // the rep removes step 1 (sent): Ana had steps 1 and 2, so the last note (now step 2) is next
    const oldIds = sequence.steps.map((s) => s.id);
    const newIds = oldIds.slice(1);
    const plan = await enrollments.planEdit(sequence.id, oldIds, newIds);
    expect(plan.groups).toEqual([{ from: 2, to: 1, count: 1 }]);
    await sequences.update(sequence.id, { steps: sequence.steps.slice(1) });
    expect(await enrollments.applyEdit(plan)).toBe(1);
    expect(await enrollments.fresh(id)).toMatchObject({ step: 1, keyShift: 1, status: 'active' });

    clock = Date.UTC(2026, 11, 9, 10);
    expect((await engine.runOnce()).sent).toBe(1);
    expect(delivered[2]).toMatchObject({ key: `${id}:2`, draft: { subject: 'Re: Quick question, Ana' } });
    expect(delivered[2]!.draft.thread?.inReplyTo).toBe(delivered[1]!.messageId);
    expect(await enrollments.fresh(id)).toMatchObject({ status: 'finished' });
  });
});
