import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../../shared/ipc/inbox';
import { ok } from '../../../shared/ipc/result';
import { createCompanyStop } from './company-stop';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { createInboxApplier } from './inbox-applier';
import { createLeadsRepo, type LeadsRepo } from './leads-repo';
import { blankStep, createSequencesRepo } from './sequences-repo';
import { createSuppressionRepo } from './suppression-repo';
import { fakeKeys } from './testing/fake-keys';

// The inbox applier over a real (in-memory) RxDB: a reply stops the company when the sequence says so, and
// an out-of-office pauses its lead until the return date without stopping anyone.

const MONDAY = Date.UTC(2026, 10, 30, 10);
let db: FairsendDatabase;
let leads: LeadsRepo;
let events: InboxEvent[];
let n = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`company-stop-${++n}`, getRxStorageMemory());
  leads = createLeadsRepo(db);
  events = [];
});
afterEach(() => db.close());

function applier() {
  const suppression = createSuppressionRepo(db, { keys: fakeKeys, record: async () => {} });
  return createInboxApplier(db, {
    since: async (seq, limit) => ok(events.filter((e) => e.seq > seq).slice(0, limit)),
    suppression,
    leads,
  });
}

async function lead(email: string, company: string) {
  await leads.create({ email, firstName: 'A', lastName: 'B', company, title: '', timezone: '' });
}

async function sequence(stopCompanyOnReply: boolean) {
  const s = await createSequencesRepo(db, () => MONDAY).create({
    name: stopCompanyOnReply ? 'Company stop' : 'Each alone',
    mailboxIds: ['mb1'],
    steps: [blankStep(0), { ...blankStep(1), delayBusinessDays: 2 }],
    stopCompanyOnReply,
  });
  return s.id;
}

async function enroll(leadId: string, sequenceId: string) {
  await db.enrollments.insert({
    id: `${sequenceId}|${leadId}`,
    sequenceId,
    leadId,
    mailboxId: 'mb1',
    step: 1,
    status: 'active',
    variants: [''],
    nextSendAt: MONDAY,
    enrolledAt: MONDAY,
    updatedAt: MONDAY,
  });
}

const reply = (seq: number, address: string): InboxEvent => ({
  seq,
  type: 'reply',
  address,
  mailboxId: 'mb1',
  at: MONDAY,
});

const states = async () =>
  Object.fromEntries(
    (await db.enrollments.find().exec()).map((e) => [
      `${e.id.startsWith(companyWide) ? 'on' : 'off'}:${e.leadId}`,
      e.status === 'stopped' ? `stopped ${e.stopReason}` : e.status,
    ]),
  );
let companyWide = '';

describe('the company stop', () => {
  it('a reply stops that sequence for colleagues by company and by company domain, never by free mail', async () => {
    await lead('ana@acme-corp.test', 'Acme');
    await lead('ben@acme-corp.test', ''); // no company: the same domain
    await lead('fay@acme.io', 'ACME'); // the same company key, another domain
    await lead('gil@gmail.com', 'Acme'); // the same company key, a free-mail address
    await lead('cy@gmail.com', ''); // gmail.com is nobody's company
    await lead('ana.private@gmail.com', '');
    await lead('eve@other.test', 'Other');
    companyWide = await sequence(true);
    const alone = await sequence(false);
    for (const id of [
      'ana@acme-corp.test',
      'ben@acme-corp.test',
      'fay@acme.io',
      'gil@gmail.com',
      'cy@gmail.com',
      'eve@other.test',
    ])
      await enroll(id, companyWide);
    await enroll('ben@acme-corp.test', alone);
    await enroll('ana.private@gmail.com', companyWide);

    events = [reply(1, 'ana@acme-corp.test')];
    await applier().apply();
    expect(await states()).toEqual({
      'on:ana@acme-corp.test': 'stopped replied',
      'on:ben@acme-corp.test': 'stopped company-replied',
      'on:fay@acme.io': 'stopped company-replied',
      'on:gil@gmail.com': 'stopped company-replied',
      'on:cy@gmail.com': 'active',
      'on:ana.private@gmail.com': 'active',
      'on:eve@other.test': 'active',
      'off:ben@acme-corp.test': 'active', // the other sequence has the company stop off
    });

    // a reply from a free-mail lead without a company stops nobody else
    events.push(reply(2, 'cy@gmail.com'));
    await applier().apply();
    expect((await states())['on:ana.private@gmail.com']).toBe('active');
  });

  it('the pre-send check sees a colleague who replied to the same sequence only', async () => {
    await lead('ana@acme-corp.test', 'Acme');
    await lead('ben@acme-corp.test', 'Acme');
    companyWide = await sequence(true);
    const other = await sequence(true);
    await enroll('ben@acme-corp.test', companyWide);
    await enroll('ana@acme-corp.test', other);
    const anaDoc = await db.enrollments.findOne(`${other}|ana@acme-corp.test`).exec();
    await anaDoc!.incrementalPatch({ status: 'stopped', stopReason: 'replied' });
    const stop = createCompanyStop(db);
    const ben = (await leads.get('ben@acme-corp.test'))!;
    expect(await stop.replied(ben, companyWide)).toBe(false);
    expect(await stop.replied(ben, other)).toBe(true);
  });
});

describe('an out-of-office', () => {
  const away = (seq: number, address: string, returnsOn?: string): InboxEvent => ({
    seq,
    type: 'ooo',
    address,
    ...(returnsOn ? { returnsOn } : {}),
    mailboxId: 'mb1',
    at: MONDAY,
  });

  it('pauses the lead until the date it states, or three business days, and never stops anyone', async () => {
    await lead('ana@acme-corp.test', 'Acme');
    await lead('ben@acme-corp.test', 'Acme');
    companyWide = await sequence(true);
    await enroll('ana@acme-corp.test', companyWide);
    await enroll('ben@acme-corp.test', companyWide);
    events = [away(1, 'ana@acme-corp.test', '2026-12-14'), away(2, 'ben@acme-corp.test')];
    await applier().apply();
    const ana = await db.enrollments.findOne(`${companyWide}|ana@acme-corp.test`).exec();
    const ben = await db.enrollments.findOne(`${companyWide}|ben@acme-corp.test`).exec();
    expect(ana).toMatchObject({
      status: 'active',
      waitReason: 'out-of-office',
      nextSendAt: Date.UTC(2026, 11, 14, 12),
    });
    // Monday + 3 business days: Thursday
    expect(ben).toMatchObject({
      status: 'active',
      waitReason: 'out-of-office',
      nextSendAt: Date.UTC(2026, 11, 3, 10),
    });
    expect((await leads.get('ana@acme-corp.test'))?.status).not.toBe('replied');
  });
});
