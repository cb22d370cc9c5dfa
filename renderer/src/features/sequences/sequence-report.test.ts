import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../../../shared/ipc/inbox';
import { ok } from '../../../../shared/ipc/result';
import type { SendOutcome } from '../../../../shared/ipc/send';
import { blockedOutcome, SUPPRESSED } from '../../../../shared/outbox/testing/outcomes';
import { createFairsendDatabase, type FairsendDatabase } from '../../db/database';
import { createInboxApplier } from '../../db/inbox-applier';
import { createLeadsRepo, type LeadsRepo } from '../../db/leads-repo';
import { createMessagesRepo, type MessagesRepo } from '../../db/messages-repo';
import type { EnrollmentDoc, MessageDoc } from '../../db/schemas/outreach';
import { blankStep } from '../../db/sequences-repo';
import { createSuppressionRepo } from '../../db/suppression-repo';
import { fakeKeys } from '../../db/testing/fake-keys';
import { readSequenceReport } from './report-data';
import { rateWords, sequenceReport } from './sequence-report';
import { testSequence } from './test-sequence';

// Sends, blocks, replies and bounces booked through the real repos and the real inbox applier, then the
// report read back through the indexes. Each count is one audit event's worth (docs/decisions.md, Reports):
// sent ↔ send.sent, blocked ↔ send.blocked (latest per key), replied ↔ inbox.reply, bounced ↔ inbox.bounce.

let db: FairsendDatabase;
let leads: LeadsRepo;
let messages: MessagesRepo;
let events: InboxEvent[];
let n = 0;

const step1 = {
  ...blankStep(1, 'b'),
  variants: [
    { id: 'va', subject: 'A', body: 'a', text: '', weight: 50 },
    { id: 'vb', subject: 'B', body: 'b', text: '', weight: 50 },
  ],
};
const SEQUENCE = testSequence('active', [blankStep(0, 'a'), step1, blankStep(2, 'c')]);

const sent = (messageId: string): SendOutcome => ({
  status: 'sent',
  messageId,
  providerId: '250 ok',
  gate: { verdict: 'ok', score: 0, reasons: [] },
});

beforeEach(async () => {
  db = await createFairsendDatabase(`sequence-report-${++n}`, getRxStorageMemory());
  leads = createLeadsRepo(db);
  messages = createMessagesRepo(db);
  events = [];
});
afterEach(() => db.close());

async function enroll(i: number, step: number, variants: string[]) {
  const email = `lead${i}@example.test`;
  await leads.create({ email, firstName: 'A', lastName: 'B', company: 'C', title: '', timezone: '' });
  await db.enrollments.insert({
    id: `e${i}`,
    sequenceId: 's1',
    leadId: email,
    mailboxId: 'mb1',
    step,
    status: 'active',
    variants,
    nextSendAt: 5,
    enrolledAt: 1,
    updatedAt: 1,
  });
  return email;
}

async function book(i: number, step: number, outcome: SendOutcome) {
  await messages.record({
    key: `e${i}:${step}`,
    leadId: `lead${i}@example.test`,
    mailboxId: 'mb1',
    subject: 'Hi',
    outcome,
    sequence: { enrollmentId: `e${i}`, step },
  });
}

describe('a sequence report', () => {
  it('counts per step and variant what was sent, blocked, replied to and bounced', async () => {
    // lead 1: steps 1 and 2 (variant A) sent, then replies; lead 2: step 1 sent, bounces;
    // lead 3: step 1 sent, step 2 (variant B) blocked as suppressed; lead 4: step 1 blocked, then sent.
    await enroll(1, 2, ['', 'va']);
    await enroll(2, 1, ['']);
    await enroll(3, 1, ['', 'vb']);
    await enroll(4, 1, ['']);
    await book(1, 0, sent('<m1.0@acme.test>'));
    await book(1, 1, sent('<m1.1@acme.test>'));
    await book(2, 0, sent('<m2.0@acme.test>'));
    await book(3, 0, sent('<m3.0@acme.test>'));
    await book(3, 1, blockedOutcome([SUPPRESSED]));
    await book(4, 0, blockedOutcome([SUPPRESSED]));
    await book(4, 0, sent('<m4.0@acme.test>')); // the same key sent later: one sent, no block
    events = [
      {
        seq: 1,
        type: 'reply',
        address: 'lead1@example.test',
        messageId: '<m1.1@acme.test>',
        mailboxId: 'mb1',
        at: 2,
      },
      { seq: 2, type: 'bounce', address: 'lead2@example.test', mailboxId: 'mb1', at: 3 },
    ];
    const suppression = createSuppressionRepo(db, { keys: fakeKeys, record: async () => {} });
    await createInboxApplier(db, {
      since: async (seq, limit) => ok(events.filter((e) => e.seq > seq).slice(0, limit)),
      suppression,
      leads,
    }).apply();

    const report = await readSequenceReport(db, messages, SEQUENCE, 'UTC');
    expect(report.total).toEqual({
      sent: 5,
      replied: 1,
      positive: 1,
      bounced: 1,
      optedOut: 0,
      blocked: 1,
      leadsReached: 4,
    });
    const rows = report.rows.map(({ step, variant, sent, replied, bounced, blocked }) => [
      step,
      variant,
      sent,
      replied,
      bounced,
      blocked,
    ]);
    expect(rows).toEqual([
      [0, '', 4, 0, 1, 0],
      [1, '', 1, 1, 0, 1],
      [1, 'va', 1, 1, 0, 0],
      [1, 'vb', 0, 0, 0, 1],
      [2, '', 0, 0, 0, 0],
    ]);
    expect(report.rows[1]!.blockedBy).toEqual([
      { code: 'suppressed-address', message: 'On the list.', count: 1 },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(report.days).toEqual([{ date: today, sent: 5, replied: 1 }]);
    expect(rateWords(report.total.replied, report.total.leadsReached)).toBe('25%');
  });
});

describe('A/B variants in the report', () => {
  async function applyEvents() {
    const suppression = createSuppressionRepo(db, { keys: fakeKeys, record: async () => {} });
    await createInboxApplier(db, {
      since: async (seq, limit) => ok(events.filter((e) => e.seq > seq).slice(0, limit)),
      suppression,
      leads,
    }).apply();
  }

  it('counts a reply that asks to be removed as a reply, never as a positive one, and names no winner early', async () => {
    // leads 1 and 2 get variant A of step 2 and answer with interest; leads 3 and 4 get variant B and reply
    // "remove me" (the classifier gives such a reply a reply and an opt-out effect, applied in that order)
    for (const i of [1, 2, 3, 4]) {
      await enroll(i, 2, ['', i <= 2 ? 'va' : 'vb']);
      await book(i, 0, sent(`<m${i}.0@acme.test>`));
      await book(i, 1, sent(`<m${i}.1@acme.test>`));
    }
    let seq = 0;
    for (const i of [1, 2, 3, 4]) {
      const about = { address: `lead${i}@example.test`, messageId: `<m${i}.1@acme.test>`, mailboxId: 'mb1' };
      events.push({ seq: ++seq, type: 'reply', ...about, at: 2 });
      if (i > 2) events.push({ seq: ++seq, type: 'optout', ...about, at: 2 });
    }
    await applyEvents();

    const report = await readSequenceReport(db, messages, SEQUENCE, 'UTC');
    expect(report.total).toMatchObject({ sent: 8, replied: 4, positive: 2 });
    const byVariant = report.rows
      .filter((r) => r.step === 1)
      .map(({ variant, sent, replied, positive }) => [variant, sent, replied, positive]);
    expect(byVariant).toEqual([
      ['', 4, 4, 2],
      ['va', 2, 2, 2],
      ['vb', 2, 2, 0],
    ]);
    // two sends a variant is far below the minimum: no winner yet, and the rep is told how far
    expect(report.verdicts).toEqual([{ step: 1, verdict: { kind: 'not-enough', sends: 2, needed: 100 } }]);
  });
  it('names the winner on positive replies once each variant has 100 sends, not the one with more replies', () => {
    // variant A: 100 sends, 6 replies of which 5 ask to be removed; variant B: 100 sends, 3 positive replies
    const enrollments: EnrollmentDoc[] = [];
    const sentDocs = new Map<string, MessageDoc>();
    const statuses = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const variant = i < 100 ? 'va' : 'vb';
      const k = i % 100;
      const replied = variant === 'va' ? k < 6 : k < 3;
      enrollments.push({
        id: `e${i}`,
        sequenceId: 's1',
        leadId: `l${i}`,
        mailboxId: 'mb1',
        step: 1,
        status: replied ? 'stopped' : 'active',
        ...(replied ? { stopReason: 'replied' } : {}),
        waitReason: '',
        variants: ['', variant],
        nextSendAt: 5,
        enrolledAt: 1,
        updatedAt: 1,
      });
      for (const step of [0, 1])
        sentDocs.set(`e${i}:${step}`, {
          status: 'sent',
          sentAt: 1,
          scheduledAt: 1,
          reasons: [],
        } as unknown as MessageDoc);
      statuses.set(`l${i}`, variant === 'va' && k < 5 ? 'opted-out' : replied ? 'replied' : 'contacted');
    }
    const report = sequenceReport(
      SEQUENCE,
      enrollments,
      sentDocs,
      () => '2027-01-05',
      (id) => statuses.get(id),
    );
    const va = report.rows.find((r) => r.variant === 'va')!;
    const vb = report.rows.find((r) => r.variant === 'vb')!;
    expect([va.replied, va.positive, vb.replied, vb.positive]).toEqual([6, 1, 3, 3]);
    expect(report.verdicts).toEqual([
      { step: 1, verdict: { kind: 'winner', variant: 'vb', rate: 0.03, runnerUp: 0.01 } },
    ]);
  });
});

describe('the report after the sequence was edited', () => {
  it('keeps each send with the step it was: a removed step leaves the rows, a moved one moves with its id', async () => {
    // Lead 1 had step a (variant-less) under key e1:0; then the rep removed step a, so the lead goes on at b
    // (now index 0) under key e1:1 (the edit's key shift), sending its variant B.
    await enroll(1, 0, []);
    await (await db.enrollments.findOne('e1').exec())?.incrementalPatch({ keyShift: 1 });
    await messages.record({
      key: 'e1:0',
      leadId: 'lead1@example.test',
      mailboxId: 'mb1',
      subject: 'Hi',
      outcome: sent('<m1.0@acme.test>'),
      sequence: { enrollmentId: 'e1', step: 0, stepId: 'a', variant: '' },
    });
    await messages.record({
      key: 'e1:1',
      leadId: 'lead1@example.test',
      mailboxId: 'mb1',
      subject: 'Hi again',
      outcome: sent('<m1.1@acme.test>'),
      sequence: { enrollmentId: 'e1', step: 0, stepId: 'b', variant: 'vb' },
    });
    const edited = testSequence('active', [step1, blankStep(2, 'c')]);

    const report = await readSequenceReport(db, messages, edited, 'UTC');
    expect(report.total).toMatchObject({ sent: 2, leadsReached: 1 });
    const rows = report.rows.map(({ step, variant, sent }) => [step, variant, sent]);
    expect(rows).toEqual([
      [0, '', 1],
      [0, 'vb', 1],
      [1, '', 0],
    ]);
  });
});
