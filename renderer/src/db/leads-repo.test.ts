import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { createLeadLists } from './lead-list';
import { createLeadsRepo, type IncomingLead, type LeadsRepo } from './leads-repo';

let db: FairsendDatabase;
let repo: LeadsRepo;
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`repo-test-${++dbCount}`, getRxStorageMemory());
  repo = createLeadsRepo(db);
});

afterEach(async () => {
  await db.close();
});

function incoming(i: number, patch: Partial<IncomingLead> = {}): IncomingLead {
  return {
    id: `person${i}@example.com`,
    email: `Person${i}@Example.com`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    company: `Company ${i % 5}`,
    title: 'Head of Sales',
    timezone: 'Europe/Berlin',
    tags: [],
    custom: {},
    ...patch,
  };
}

const fakeKeys = async (addresses: string[]) => addresses.map((a) => `hmac-of-${a}`);

async function tagRows(leadId: string) {
  return (await db.lead_tags.find({ selector: { leadId } }).exec()).map((r) => r.tag).sort();
}

/** One sent message and one active enrollment for a lead: the history that re-keying moves and erasure removes. */
async function addHistory(leadId: string) {
  await db.messages.insert({
    id: 'm1',
    leadId,
    mailboxId: 'mb',
    status: 'sent',
    subject: 'Hi',
    reasons: [],
    scheduledAt: 1,
    rank: 1,
  });
  await db.enrollments.insert({
    id: `seq1|${leadId}`,
    sequenceId: 'seq1',
    leadId,
    mailboxId: 'mb',
    step: 1,
    status: 'active',
    stopReason: '',
    nextSendAt: 5,
    updatedAt: 1,
  });
}

describe('importBatch', () => {
  it('skips duplicates and leaves the stored lead untouched', async () => {
    await repo.importBatch([incoming(1, { title: 'CEO', tags: ['a'] })], 'skip', 'import: one.csv');
    const outcome = await repo.importBatch(
      [incoming(1, { title: 'CTO', tags: ['b'] }), incoming(2)],
      'skip',
      'import: two.csv',
    );
    expect(outcome).toEqual({ inserted: 1, merged: 0, skipped: 1 });
    const kept = await repo.get('person1@example.com');
    expect(kept?.title).toBe('CEO');
    expect(kept?.tags).toEqual(['a']);
    expect(kept?.source).toBe('import: one.csv');
  });

  it('merges: keeps existing values where the incoming one is empty, unites tags and custom fields', async () => {
    await repo.importBatch(
      [incoming(1, { title: 'CEO', company: 'Acme', tags: ['a'], custom: { city: 'Berlin' } })],
      'skip',
      'one.csv',
    );
    const outcome = await repo.importBatch(
      [incoming(1, { title: '', company: 'Acme GmbH', tags: ['b'], custom: { city: '', size: '50' } })],
      'merge',
      'two.csv',
    );
    expect(outcome).toEqual({ inserted: 0, merged: 1, skipped: 0 });
    const lead = await repo.get('person1@example.com');
    expect(lead?.title).toBe('CEO');
    expect(lead?.company).toBe('Acme GmbH');
    expect(lead?.companyKey).toBe('acme gmbh');
    expect(lead?.tags).toEqual(['a', 'b']);
    expect(lead?.custom).toEqual({ city: 'Berlin', size: '50' });
    expect(await tagRows('person1@example.com')).toEqual(['a', 'b']);
    expect((await repo.stats()).total).toBe(1);
  });

  it('treats the same address twice in one batch as a duplicate', async () => {
    const twice = [incoming(1, { title: 'CEO' }), incoming(1, { title: '', tags: ['x'] })];
    expect(await repo.importBatch(twice, 'skip', 'f.csv')).toEqual({ inserted: 1, merged: 0, skipped: 1 });
    expect(await repo.importBatch([incoming(2), incoming(2, { tags: ['x'] })], 'merge', 'f.csv')).toEqual({
      inserted: 1,
      merged: 1,
      skipped: 0,
    });
    expect((await repo.get('person2@example.com'))?.tags).toEqual(['x']);
    expect((await repo.stats()).total).toBe(2);
  });
});

describe('counters', () => {
  it('stay exact through import, update, remove and erase', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => incoming(i));
    await repo.importBatch(batch.slice(0, 30), 'skip', 'a.csv');
    await repo.importBatch(batch.slice(20), 'merge', 'b.csv');
    expect(await repo.stats()).toEqual({
      total: 50,
      byStatus: { new: 50, contacted: 0, replied: 0, bounced: 0, 'opted-out': 0 },
    });
    await repo.update('person1@example.com', { status: 'replied' });
    await repo.update('person2@example.com', { status: 'bounced' });
    await repo.update('person2@example.com', { title: 'still bounced' });
    await repo.remove(['person3@example.com', 'person1@example.com', 'nobody@example.com']);
    await repo.erase(['person2@example.com', 'person4@example.com'], fakeKeys);
    const expected = {
      total: 46,
      byStatus: { new: 46, contacted: 0, replied: 0, bounced: 0, 'opted-out': 0 },
    };
    expect(await repo.stats()).toEqual(expected);
    // what a recount through the indexes finds is what the counters said
    expect(await repo.recount()).toEqual(expected);
  });
});

describe('create', () => {
  it('adds a manual lead, normalising the key and tags', async () => {
    const lead = await repo.create({
      email: ' Ana@Example.COM ',
      firstName: 'Ana',
      lastName: 'Lima',
      company: 'Acme',
      title: '',
      timezone: '',
      tags: [' VIP ', 'vip', 'Q3 list'],
    });
    expect(lead.id).toBe('ana@example.com');
    expect(lead.source).toBe('manual');
    expect(lead.tags).toEqual(['vip', 'q3 list']);
    expect(await tagRows('ana@example.com')).toEqual(['q3 list', 'vip']);
    expect((await repo.stats()).byStatus.new).toBe(1);
  });

  it('refuses a duplicate address with a clear message', async () => {
    await repo.importBatch([incoming(1)], 'skip', 'a.csv');
    const fields = {
      email: 'PERSON1@example.com',
      firstName: '',
      lastName: '',
      company: '',
      title: '',
      timezone: '',
    };
    await expect(repo.create(fields)).rejects.toThrow(
      'A lead with the address person1@example.com already exists.',
    );
    expect((await repo.stats()).total).toBe(1);
  });
});

describe('update', () => {
  it('re-keys the lead when the address changes, keeping rank, tags and history', async () => {
    await repo.importBatch([incoming(1, { tags: ['hot'] }), incoming(2)], 'skip', 'a.csv');
    const before = await repo.get('person1@example.com');
    await addHistory('person1@example.com');
    const next = await repo.update('person1@example.com', { email: 'New.Address@Example.com' });
    expect(next.id).toBe('new.address@example.com');
    expect(await repo.get('person1@example.com')).toBeNull();
    const moved = await repo.get('new.address@example.com');
    expect(moved?.email).toBe('New.Address@Example.com');
    expect(moved?.rank).toBe(before?.rank);
    expect(moved?.createdAt).toBe(before?.createdAt);
    expect(await tagRows('person1@example.com')).toEqual([]);
    expect(await tagRows('new.address@example.com')).toEqual(['hot']);
    expect((await db.messages.findOne('m1').exec())?.leadId).toBe('new.address@example.com');
    expect(await db.enrollments.findOne('seq1|new.address@example.com').exec()).not.toBeNull();
    expect(await db.enrollments.findOne('seq1|person1@example.com').exec()).toBeNull();
    expect((await repo.stats()).total).toBe(2);
  });

  it('refuses an address another lead has, and an invalid one', async () => {
    await repo.importBatch([incoming(1), incoming(2)], 'skip', 'a.csv');
    await expect(repo.update('person1@example.com', { email: 'person2@EXAMPLE.com' })).rejects.toThrow(
      'Another lead already has the address person2@example.com.',
    );
    await expect(repo.update('person1@example.com', { email: 'not-an-address' })).rejects.toThrow(
      'has no "@"',
    );
    expect(await repo.get('person1@example.com')).not.toBeNull();
  });

  it('updates derived search keys and tag rows', async () => {
    await repo.importBatch([incoming(1, { tags: ['a', 'b'] })], 'skip', 'a.csv');
    await repo.update('person1@example.com', { firstName: 'Zoë', company: 'Új Kft', tags: ['b', 'c'] });
    const lead = await repo.get('person1@example.com');
    expect(lead?.nameKey).toBe('zoe last1');
    expect(lead?.companyKey).toBe('uj kft');
    expect(await tagRows('person1@example.com')).toEqual(['b', 'c']);
    // the last-name and domain keys follow the name and the address (a new address re-keys the lead)
    const moved = await repo.update('person1@example.com', { lastName: 'Ångström', email: 'zoe@Acme.COM' });
    expect(moved.lastNameKey).toBe('angstrom');
    expect(moved.domainKey).toBe('acme.com');
    expect((await repo.get('zoe@acme.com'))?.domainKey).toBe('acme.com');
  });
});

describe('watchWrites', () => {
  it('tells each write before it starts and what it changed once it ends', async () => {
    const told: string[] = [];
    const stop = repo.watchWrites({
      begin: () => told.push('begin'),
      end: (changes) =>
        told.push(
          changes === 'unknown'
            ? 'unknown'
            : changes
                .map((c) => `${c.before ? c.before.status : '-'}>${c.after ? c.after.status : '-'}`)
                .join(','),
        ),
    });
    await repo.importBatch([incoming(1), incoming(2)], 'skip', 'a.csv');
    await repo.importBatch([incoming(2, { firstName: 'Merged' })], 'merge', 'a.csv');
    await repo.update('person1@example.com', { status: 'replied' });
    await repo.retag(['person1@example.com'], { add: ['x'] });
    await repo.remove(['person2@example.com']);
    await expect(repo.update('nobody@example.com', { title: 'x' })).rejects.toThrow();
    stop();
    await repo.create({
      email: 'late@example.com',
      firstName: '',
      lastName: '',
      company: '',
      title: '',
      timezone: '',
    });
    expect(told).toEqual([
      'begin',
      '->new,->new',
      'begin',
      'new>new',
      'begin',
      'new>replied',
      'begin',
      '', // tags only: no indexed list moves
      'begin',
      'new>-',
      'begin',
      'unknown',
    ]);
  });
});

describe('retag', () => {
  it('adds and removes tags on many leads, keeping tag rows in step', async () => {
    await repo.importBatch([incoming(1, { tags: ['old'] }), incoming(2, { tags: ['old'] })], 'skip', 'a.csv');
    await repo.retag(['person1@example.com', 'person2@example.com'], { add: ['Hot '], remove: ['old'] });
    expect((await repo.get('person1@example.com'))?.tags).toEqual(['hot']);
    expect(await tagRows('person2@example.com')).toEqual(['hot']);
  });
});

describe('erase', () => {
  it('leaves no lead, tag rows, messages or enrollments, and one hashed suppression entry', async () => {
    await repo.importBatch(
      [incoming(1, { tags: ['a', 'b'] }), incoming(2, { tags: ['a'] })],
      'skip',
      'a.csv',
    );
    await addHistory('person1@example.com');
    const asked: string[][] = [];
    const erased = await repo.erase(['person1@example.com'], async (addresses) => {
      asked.push(addresses);
      return fakeKeys(addresses);
    });
    expect(erased).toBe(1);
    expect(asked).toEqual([['person1@example.com']]);
    expect(await repo.get('person1@example.com')).toBeNull();
    expect(await tagRows('person1@example.com')).toEqual([]);
    expect(await db.messages.find({ selector: { leadId: 'person1@example.com' } }).exec()).toHaveLength(0);
    expect(await db.enrollments.find({ selector: { leadId: 'person1@example.com' } }).exec()).toHaveLength(0);
    const entries = (await db.suppression.find().exec()).map((d) => d.toJSON());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: 'hmac-of-person1@example.com',
      kind: 'address',
      value: '',
      reason: 'erased',
    });
    // the other lead is untouched
    expect(await tagRows('person2@example.com')).toEqual(['a']);
    const list = await createLeadLists(db, repo).open({});
    expect(list.total).toBe(1);
    expect(await list.allIds()).toEqual(['person2@example.com']);
  });

  it('deletes nothing when the suppression keys cannot be made', async () => {
    await repo.importBatch([incoming(1)], 'skip', 'a.csv');
    await expect(
      repo.erase(['person1@example.com'], async () => {
        throw new Error('team key unavailable');
      }),
    ).rejects.toThrow('team key unavailable');
    expect(await repo.get('person1@example.com')).not.toBeNull();
    expect((await repo.stats()).total).toBe(1);
  });
});
