import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../../shared/ipc/inbox';
import { ok } from '../../../shared/ipc/result';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { APPLIED_DOC, createInboxApplier } from './inbox-applier';
import { createLeadsRepo, type LeadsRepo } from './leads-repo';
import { createSuppressionRepo } from './suppression-repo';
import { fakeKey, fakeKeys } from './testing/fake-keys';

let db: FairsendDatabase;
let leads: LeadsRepo;
let events: InboxEvent[];
let audited: string[];
let n = 0;

const fields = (email: string) => ({
  email,
  firstName: 'A',
  lastName: 'B',
  company: 'C',
  title: '',
  timezone: '',
});
const event = (
  seq: number,
  type: InboxEvent['type'],
  address: string | null,
  messageId?: string,
): InboxEvent => ({
  seq,
  type,
  address,
  ...(messageId ? { messageId } : {}),
  mailboxId: 'mb1',
  at: 1,
});

beforeEach(async () => {
  db = await createFairsendDatabase(`inbox-applier-${++n}`, getRxStorageMemory());
  leads = createLeadsRepo(db);
  events = [];
  audited = [];
});
afterEach(() => db.close());

function applier() {
  const suppression = createSuppressionRepo(db, {
    keys: fakeKeys,
    record: async (type) => void audited.push(type),
  });
  return createInboxApplier(db, {
    since: async (seq, limit) => ok(events.filter((e) => e.seq > seq).slice(0, limit)),
    suppression,
    leads,
  });
}

async function enroll(leadId: string, sequenceId: string, status: 'active' | 'finished') {
  await db.enrollments.insert({
    id: `${sequenceId}|${leadId}`,
    sequenceId,
    leadId,
    mailboxId: 'mb1',
    step: 1,
    status,
    nextSendAt: 5,
    updatedAt: 1,
  });
}

describe('inbox applier', () => {
  it('suppresses bounces, opt-outs and complaints, sets statuses and stops sequences, once', async () => {
    for (const a of ['bo@example.test', 'op@example.test', 'co@example.test', 're@example.test'])
      await leads.create(fields(a));
    await enroll('re@example.test', 's1', 'active');
    await enroll('re@example.test', 's2', 'finished');
    await enroll('bo@example.test', 's1', 'active');
    events = [
      event(1, 'bounce', 'Bo@Example.test', '<m1@acme.test>'),
      event(2, 'optout', 'op@example.test'),
      event(3, 'complaint', 'co@example.test', '<m3@acme.test>'),
      event(4, 'reply', 're@example.test', '<m4@acme.test>'),
      event(5, 'reply', 'bo@example.test', '<m1@acme.test>'), // a late reply leaves a bounced lead bounced
    ];
    const apply = applier();
    expect(await apply.apply()).toBe(5);
    expect(await apply.apply()).toBe(0);

    const statuses = await Promise.all(
      ['bo', 'op', 'co', 're'].map(async (p) => (await leads.get(`${p}@example.test`))?.status),
    );
    expect(statuses).toEqual(['bounced', 'opted-out', 'opted-out', 'replied']);
    const suppressed = (await db.suppression.find().exec()).map((d) => [d.value, d.reason]);
    expect(suppressed.sort()).toEqual([
      ['bo@example.test', 'bounced'],
      ['co@example.test', 'complained'],
      ['op@example.test', 'unsubscribed'],
    ]);
    expect(audited).toEqual(['suppression.added', 'suppression.added', 'suppression.added']);
    const enrollments = (await db.enrollments.find().exec()).map((e) => [e.id, e.status, e.stopReason]);
    expect(enrollments.sort()).toEqual([
      ['s1|bo@example.test', 'stopped', 'bounced'],
      ['s1|re@example.test', 'stopped', 'replied'],
      ['s2|re@example.test', 'finished', undefined],
    ]);
    expect((await db.leads.getLocal<{ seq: number }>(APPLIED_DOC))?.get('seq')).toBe(5);
    expect((await leads.stats()).byStatus).toMatchObject({ bounced: 1, 'opted-out': 2, replied: 1 });
  });

  it('finds the lead of a reply by its thread, and of a redacted complaint by its message', async () => {
    await leads.create(fields('lee@example.test'));
    await db.messages.insert({
      id: 'k1',
      leadId: 'lee@example.test',
      mailboxId: 'mb1',
      status: 'sent',
      subject: 'Hi',
      messageId: '<m9@acme.test>',
      reasons: [],
      scheduledAt: 1,
      rank: 1,
    });
    events = [event(1, 'reply', 'assistant@example.test', '<m9@acme.test>')];
    const apply = applier();
    await apply.apply();
    expect((await leads.get('lee@example.test'))?.status).toBe('replied');
    events.push(event(2, 'complaint', null, '<m9@acme.test>'));
    await apply.apply();
    expect((await leads.get('lee@example.test'))?.status).toBe('opted-out');
    const [entry] = await db.suppression.find().exec();
    expect(entry?.id).toBe(await fakeKey('address', 'lee@example.test'));
    expect(entry?.reason).toBe('complained');
    // A feedback loop that put a placeholder where the recipient was: the thread's lead is suppressed too.
    await leads.update('lee@example.test', { status: 'replied' });
    await db.suppression.find().remove();
    events.push(event(3, 'complaint', 'redacted@example.test', '<m9@acme.test>'));
    await apply.apply();
    expect((await db.suppression.find().exec()).map((d) => d.value).sort()).toEqual([
      'lee@example.test',
      'redacted@example.test',
    ]);
    expect((await leads.get('lee@example.test'))?.status).toBe('opted-out');
  });

  it('suppresses an address with no lead, and stops on a failed fetch without moving its place', async () => {
    events = [event(1, 'bounce', 'nobody@example.test')];
    const apply = applier();
    await apply.apply();
    expect(await db.suppression.count().exec()).toBe(1);
    const failing = createInboxApplier(db, {
      since: async () => ({ ok: false, error: { code: 'unavailable', message: 'main is busy' } }),
      suppression: { add: async () => ({ added: false, id: '' }) },
      leads,
    });
    await expect(failing.apply()).rejects.toThrow('main is busy');
    expect((await db.leads.getLocal<{ seq: number }>(APPLIED_DOC))?.get('seq')).toBe(1);
  });
});
