import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enrollmentIdOf } from '../engine/enroll-check';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import {
  createEnrollmentsRepo,
  dueQuery,
  ENROLL_CHUNK,
  type EnrollmentsRepo,
  SPAN_READ_MAX,
} from './enrollments-repo';
import type { IncomingLead } from './lead-docs';
import { createLeadsRepo, type LeadsRepo } from './leads-repo';
import type { SequenceDoc } from './schemas/outreach';
import { blankStep, createSequencesRepo } from './sequences-repo';

// Enrollment over a real (in-memory) RxDB: skipped leads counted by reason, the rotation kept, chunks.

let db: FairsendDatabase;
let leads: LeadsRepo;
let repo: EnrollmentsRepo;
let sequence: SequenceDoc;
let dbCount = 0;
const START = Date.UTC(2026, 11, 1, 9);
let clock = START;

const lead = (n: number, fields: Partial<IncomingLead> = {}): IncomingLead => ({
  id: `p${n}@prospect.test`,
  email: `p${n}@prospect.test`,
  firstName: `P${n}`,
  lastName: '',
  company: 'Prospect',
  title: '',
  timezone: '',
  tags: [],
  custom: {},
  ...fields,
});

beforeEach(async () => {
  clock = START;
  db = await createFairsendDatabase(`enrollments-test-${++dbCount}`, getRxStorageMemory());
  leads = createLeadsRepo(db);
  repo = createEnrollmentsRepo(db, () => clock);
  const sequences = createSequencesRepo(db);
  sequence = await sequences.create({
    name: 'Outbound',
    mailboxIds: ['mb1', 'mb2'],
    steps: [{ ...blankStep(0), subject: 'Hi {{ first_name }}', body: '<p>Hello {{ first_name }}</p>' }],
  });
});
afterEach(async () => {
  await db.close();
});

describe('enroll', () => {
  it('counts each skipped lead with its reason and enrolls the rest, spread over the rotation', async () => {
    await leads.importBatch(
      [
        lead(1),
        lead(2),
        lead(3),
        lead(4, { firstName: '' }), // the subject needs first_name and has no fallback
        lead(5),
        lead(6),
      ],
      'skip',
      'test',
    );
    await leads.markSuppressed(new Map([['p5@prospect.test', 'address']]));
    await leads.update('p6@prospect.test', { status: 'replied' });
    const report = await repo.enroll({
      sequence,
      leadIds: [
        'p1@prospect.test',
        'p2@prospect.test',
        'p3@prospect.test',
        'p4@prospect.test',
        'p5@prospect.test',
        'p6@prospect.test',
        'gone@prospect.test',
      ],
    });
    expect(report.enrolled).toBe(3);
    expect(report.skipped).toMatchObject({
      'cannot-render': 1,
      suppressed: 1,
      replied: 1,
      'not-found': 1,
      'in-active-sequence': 0,
    });
    expect(report.gaps[0]?.variable).toBe('first_name');
    const enrolled = await db.enrollments.find().exec();
    const byMailbox = new Map<string, number>();
    for (const e of enrolled) byMailbox.set(e.mailboxId, (byMailbox.get(e.mailboxId) ?? 0) + 1);
    expect([...byMailbox.values()].sort()).toEqual([1, 2]);
    expect(enrolled.every((e) => e.status === 'active' && e.step === 0 && e.nextSendAt === clock)).toBe(true);
    expect(enrolled[0]!.id).toBe(enrollmentIdOf(sequence.id, enrolled[0]!.leadId));
    expect(`${enrolled[0]!.id}:19`.length).toBeLessThanOrEqual(64);
  });

  it('skips a lead already in an active sequence, and one enrolled in this sequence before', async () => {
    await leads.importBatch([lead(1), lead(2)], 'skip', 'test');
    const other = { ...sequence, id: 'other' };
    await repo.enroll({ sequence: other, leadIds: ['p1@prospect.test'] });
    await repo.enroll({ sequence, leadIds: ['p2@prospect.test'] });
    const p2 = enrollmentIdOf(sequence.id, 'p2@prospect.test');
    await repo.patch(p2, { status: 'finished' });
    const report = await repo.enroll({ sequence, leadIds: ['p1@prospect.test', 'p2@prospect.test'] });
    expect(report.enrolled).toBe(0);
    expect(report.skipped['in-active-sequence']).toBe(1);
    expect(report.skipped['already-in-sequence']).toBe(1);
  });

  it('writes in chunks with progress, and evens the rotation out across enrollments', async () => {
    const count = ENROLL_CHUNK * 2 + 10;
    const batch = Array.from({ length: count }, (_, i) => lead(i));
    await leads.importBatch(batch, 'skip', 'test');
    const progress: number[] = [];
    const report = await repo.enroll({
      sequence,
      leadIds: batch.slice(0, 1).map((l) => l.id),
    });
    expect(report.enrolled).toBe(1);
    const second = await repo.enroll({
      sequence,
      leadIds: batch.slice(1).map((l) => l.id),
      onProgress: (done) => progress.push(done),
    });
    expect(second.enrolled).toBe(count - 1);
    expect(progress).toEqual([ENROLL_CHUNK, ENROLL_CHUNK * 2, count - 1]);
    const mb1 = await db.enrollments.count({ selector: { mailboxId: 'mb1' } }).exec();
    expect(mb1).toBe(count / 2);
  });

  it('reads a span of enrollments per chunk, and still skips leads of any chunk that are in another sequence', async () => {
    const count = ENROLL_CHUNK * 2 + 10;
    const batch = Array.from({ length: count }, (_, i) => lead(i));
    await leads.importBatch(batch, 'skip', 'test');
    const elsewhere = batch.filter((_, i) => i % 50 === 3).map((l) => l.id);
    await repo.enroll({ sequence: { ...sequence, id: 'other' }, leadIds: elsewhere });
    // finished in another sequence: no bar (the span read brings it too, and it counts for nothing)
    const done = batch[10]!.id;
    await repo.enroll({ sequence: { ...sequence, id: 'old' }, leadIds: [done] });
    await repo.patch(enrollmentIdOf('old', done), { status: 'finished' });
    const find = vi.spyOn(db.enrollments, 'find');
    // in no particular order: the repo takes them in id order
    const report = await repo.enroll({ sequence, leadIds: batch.map((l) => l.id).reverse() });
    expect(report.skipped['in-active-sequence']).toBe(elsewhere.length);
    expect(report.enrolled).toBe(count - elsewhere.length);
    // the observer: what is stored, read apart from the repo
    const mine = await db.enrollments.find({ selector: { sequenceId: sequence.id } }).exec();
    const leadsIn = new Set(mine.map((e) => e.leadId));
    expect(mine).toHaveLength(count - elsewhere.length);
    expect(elsewhere.filter((id) => leadsIn.has(id))).toEqual([]);
    expect(leadsIn.has(done)).toBe(true);
    // no lookup per lead was needed: every span was small
    expect(find.mock.calls.some(([q]) => JSON.stringify(q).includes('$in'))).toBe(false);
  });

  it('enrolls each lead once when two windows enroll the same leads at the same time', async () => {
    const count = ENROLL_CHUNK * 2 + 10;
    const batch = Array.from({ length: count }, (_, i) => lead(i));
    await leads.importBatch(batch, 'skip', 'test');
    const ids = batch.map((l) => l.id);
    const other = createEnrollmentsRepo(db, () => clock);
    const [a, b] = await Promise.all([
      repo.enroll({ sequence, leadIds: ids }),
      other.enroll({ sequence, leadIds: [...ids].reverse() }),
    ]);
    expect(a.enrolled + b.enrolled).toBe(count);
    // the other window's copy is refused, or seen before it is written (live in this sequence)
    const refused = (r: typeof a) => r.skipped['already-in-sequence'] + r.skipped['in-active-sequence'];
    expect(refused(a) + refused(b)).toBe(count);
    const stored = await db.enrollments.find({ selector: { sequenceId: sequence.id } }).exec();
    expect(new Set(stored.map((e) => e.leadId)).size).toBe(count);
    expect(stored).toHaveLength(count);
  });

  it('looks each lead up instead when a span holds more enrollments than one read should bring', async () => {
    await leads.importBatch(
      [
        lead(1, { id: 'a@prospect.test', email: 'a@prospect.test' }),
        lead(2, { id: 'z@prospect.test', email: 'z@prospect.test' }),
      ],
      'skip',
      'test',
    );
    // between a… and z…: more rows than SPAN_READ_MAX, all finished in another sequence
    const filler = Array.from({ length: SPAN_READ_MAX + 1 }, (_, i) => ({
      id: `f${i}`,
      sequenceId: 'old',
      leadId: `m${i}@prospect.test`,
      mailboxId: 'mb1',
      step: 1,
      keyShift: 0,
      status: 'finished' as const,
      waitReason: '',
      variants: [],
      nextSendAt: START,
      enrolledAt: START,
      updatedAt: START,
    }));
    await db.enrollments.bulkInsert(filler);
    await repo.enroll({ sequence: { ...sequence, id: 'other' }, leadIds: ['z@prospect.test'] });
    const find = vi.spyOn(db.enrollments, 'find');
    const report = await repo.enroll({ sequence, leadIds: ['z@prospect.test', 'a@prospect.test'] });
    expect(report.enrolled).toBe(1);
    expect(report.skipped['in-active-sequence']).toBe(1);
    const mine = await db.enrollments.find({ selector: { sequenceId: sequence.id } }).exec();
    expect(mine.map((e) => e.leadId)).toEqual(['a@prospect.test']);
    // the memory storage is not Dexie: the per-lead lookup is RxDB's own `$in` query
    expect(find.mock.calls.some(([q]) => JSON.stringify(q).includes('$in'))).toBe(true);
  });
});

describe('due enrollments', () => {
  it('are read through [status, nextSendAt], soonest first, active ones only', async () => {
    await leads.importBatch([lead(1), lead(2), lead(3)], 'skip', 'test');
    await repo.enroll({ sequence, leadIds: ['p1@prospect.test', 'p2@prospect.test', 'p3@prospect.test'] });
    const [a, b, c] = (await db.enrollments.find().exec()).map((e) => e.id);
    await repo.patch(a!, { nextSendAt: clock + 5_000 });
    await repo.patch(b!, { status: 'held', nextSendAt: clock });
    await repo.patch(c!, { nextSendAt: clock + 1_000 });
    const due = await repo.due(clock + 10_000);
    expect(due.map((e) => e.id)).toEqual([c, a]);
    expect((await repo.heldDue(clock + 1)).map((e) => e.id)).toEqual([b]);
    expect(await repo.nextDueAt()).toBe(clock);
    const plan = db.enrollments.find(dueQuery('active', clock, 10)).getPreparedQuery();
    expect(plan.queryPlan.index).toEqual(['_deleted', 'status', 'nextSendAt', 'id']);
    expect(plan.queryPlan.sortSatisfiedByIndex).toBe(true);
  });

  it('waits many at once, and leaves alone one that is no longer active', async () => {
    await leads.importBatch([lead(1), lead(2)], 'skip', 'test');
    await repo.enroll({ sequence, leadIds: ['p1@prospect.test', 'p2@prospect.test'] });
    const [a, b] = (await db.enrollments.find().exec()).map((e) => e.id);
    await repo.patch(b!, { status: 'stopped', stopReason: 'replied' });
    await repo.waitMany([
      { id: a!, until: clock + 60_000, reason: 'outside-window' },
      { id: b!, until: clock + 60_000, reason: 'outside-window' },
    ]);
    expect(await repo.fresh(a!)).toMatchObject({ nextSendAt: clock + 60_000, waitReason: 'outside-window' });
    expect(await repo.fresh(b!)).toMatchObject({ status: 'stopped', nextSendAt: clock, waitReason: '' });
  });

  it('wakes a resumed sequence’s parked enrollments at once, and no other', async () => {
    await leads.importBatch([lead(1), lead(2)], 'skip', 'test');
    await repo.enroll({ sequence, leadIds: ['p1@prospect.test', 'p2@prospect.test'] });
    const [a, b] = (await db.enrollments.find().exec()).map((e) => e.id);
    await repo.waitMany([
      { id: a!, until: clock + 3_600_000, reason: 'sequence-paused' },
      { id: b!, until: clock + 3_600_000, reason: 'outside-window' },
    ]);
    clock += 60_000;
    expect(await repo.wakeSequence(sequence.id)).toBe(1);
    expect(await repo.fresh(a!)).toMatchObject({ nextSendAt: clock, waitReason: '' });
    expect(await repo.fresh(b!)).toMatchObject({ waitReason: 'outside-window' });
  });

  it('wakes the enrollments waiting for a mailbox that is back, and none waiting for another reason or mailbox', async () => {
    await leads.importBatch([lead(1), lead(2), lead(3), lead(4)], 'skip', 'test');
    await repo.enroll({ sequence, leadIds: [1, 2, 3, 4].map((n) => `p${n}@prospect.test`) });
    const all = (await db.enrollments.find().exec()).map((e) => e.toMutableJSON());
    const on = (mailboxId: string) => all.filter((e) => e.mailboxId === mailboxId).map((e) => e.id);
    const [paused, windowed] = on('mb1');
    const [other] = on('mb2');
    await repo.waitMany([
      { id: paused!, until: clock + 900_000, reason: 'mailbox-paused' },
      { id: windowed!, until: clock + 3_600_000, reason: 'outside-window' },
      { id: other!, until: clock + 900_000, reason: 'mailbox-paused' },
    ]);
    clock += 60_000;
    expect(await repo.wakeMailbox('mb1', [sequence.id])).toBe(1);
    expect(await repo.fresh(paused!)).toMatchObject({ nextSendAt: clock, waitReason: '' });
    expect(await repo.fresh(windowed!)).toMatchObject({ waitReason: 'outside-window' });
    expect(await repo.fresh(other!)).toMatchObject({ waitReason: 'mailbox-paused' });
  });
});
