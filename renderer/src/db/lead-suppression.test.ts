import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { createLeadLists, type LeadLists } from './lead-list';
import { CHECKED_DOC, createLeadSuppression, type LeadSuppression } from './lead-suppression';
import { createLeadsRepo, type IncomingLead, type LeadsRepo, planLeadQuery } from './leads-repo';
import { createSuppressionRepo, type SuppressionRepo } from './suppression-repo';
import { fakeKey, fakeKeys } from './testing/fake-keys';

let db: FairsendDatabase;
let leads: LeadsRepo;
let lists: LeadLists;
let suppression: SuppressionRepo;
let flags: LeadSuppression;
let running: { stop(): void; settled(): Promise<void> } | null;
let keyCalls: number;
let dbCount = 0;

const lead = (id: string): IncomingLead => ({
  id,
  email: id,
  firstName: id.split('@')[0] ?? '',
  lastName: '',
  company: '',
  title: '',
  timezone: '',
  tags: [],
  custom: {},
});

beforeEach(async () => {
  db = await createFairsendDatabase(`lead-suppression-test-${++dbCount}`, getRxStorageMemory());
  leads = createLeadsRepo(db);
  lists = createLeadLists(db, leads);
  keyCalls = 0;
  const keys = async (kind: 'address' | 'domain', values: string[]) => {
    keyCalls++;
    return fakeKeys(kind, values);
  };
  suppression = createSuppressionRepo(db, { keys, record: async () => {} });
  flags = createLeadSuppression(db, leads, { keys, flushMs: 5 });
  running = null;
});

afterEach(async () => {
  running?.stop();
  await db.close();
});

async function start() {
  running = flags.start();
  await running.settled();
  return running;
}

async function flagsOf(...ids: string[]) {
  const docs = await leads.getMany(ids);
  return Object.fromEntries(docs.map((d) => [d.id, [d.suppressed, d.suppressedBy]]));
}

/** An entry with no plaintext, as an erasure leaves it or the team's list brings it. */
async function listedByKeyOnly(kind: 'address' | 'domain', value: string, reason: 'erased' | 'unsubscribed') {
  await db.suppression.insert({
    id: await fakeKey(kind, value),
    kind,
    value: '',
    reason,
    note: '',
    rank: 1,
    createdAt: 1,
  });
}

async function suppressedList() {
  const list = await lists.open({ suppressed: 'only' });
  await list.load(0, list.total);
  return { total: list.total, ids: await list.allIds() };
}

describe('lead suppression flags', () => {
  it('follow an address and a whole domain as they are added and removed', async () => {
    await leads.importBatch(
      ['ana@acme.com', 'bo@acme.com', 'cy@beta.io', 'di@gamma.org'].map(lead),
      'skip',
      'a.csv',
    );
    const sync = await start();
    const byAddress = await suppression.add({ kind: 'address', value: 'cy@beta.io', reason: 'unsubscribed' });
    const byDomain = await suppression.add({ kind: 'domain', value: 'acme.com', reason: 'manual' });
    await suppression.add({ kind: 'address', value: 'bo@acme.com', reason: 'bounced' });
    await sync.settled();

    expect(await flagsOf('ana@acme.com', 'bo@acme.com', 'cy@beta.io', 'di@gamma.org')).toEqual({
      'ana@acme.com': [1, 'domain'],
      'bo@acme.com': [1, 'both'],
      'cy@beta.io': [1, 'address'],
      'di@gamma.org': [0, ''],
    });
    // the filter is the [suppressed, rank] index's range, newest first, and counts through it
    expect(planLeadQuery({ suppressed: 'only' }).index).toEqual(['suppressed', 'rank']);
    expect(await suppressedList()).toEqual({
      total: 3,
      ids: ['ana@acme.com', 'bo@acme.com', 'cy@beta.io'],
    });

    await suppression.remove(byDomain.id, 'added by mistake');
    await sync.settled();
    expect(await flagsOf('ana@acme.com', 'bo@acme.com', 'cy@beta.io')).toEqual({
      'ana@acme.com': [0, ''],
      'bo@acme.com': [1, 'address'],
      'cy@beta.io': [1, 'address'],
    });
    await suppression.remove(byAddress.id, 'asked to hear again');
    await sync.settled();
    expect(await suppressedList()).toEqual({ total: 1, ids: ['bo@acme.com'] });
  });

  it('flags a new lead that is already listed, also by a key with no plaintext (an erased lead imported again)', async () => {
    const sync = await start();
    await suppression.add({ kind: 'domain', value: 'beta.io', reason: 'manual' });
    await listedByKeyOnly('address', 'eve@x.org', 'erased');
    await sync.settled();
    await leads.importBatch(['eve@x.org', 'cy@beta.io', 'fay@x.org'].map(lead), 'skip', 'b.csv');
    await leads.create({ ...lead('gus@beta.io'), tags: [] });
    await sync.settled();
    expect(await flagsOf('eve@x.org', 'cy@beta.io', 'fay@x.org', 'gus@beta.io')).toEqual({
      'eve@x.org': [1, 'address'],
      'cy@beta.io': [1, 'domain'],
      'fay@x.org': [0, ''],
      'gus@beta.io': [1, 'domain'],
    });
    // a lead whose address is changed to an unlisted one is checked again
    await leads.update('gus@beta.io', { email: 'gus@free.org' });
    await sync.settled();
    expect(await flagsOf('gus@free.org')).toEqual({ 'gus@free.org': [0, ''] });
  });

  it('checks every lead when an entry with no plaintext arrives (a team entry)', async () => {
    await leads.importBatch(['ana@acme.com', 'di@gamma.org'].map(lead), 'skip', 'a.csv');
    const sync = await start();
    await listedByKeyOnly('domain', 'gamma.org', 'unsubscribed');
    await sync.settled();
    expect(await flagsOf('ana@acme.com', 'di@gamma.org')).toEqual({
      'ana@acme.com': [0, ''],
      'di@gamma.org': [1, 'domain'],
    });
  });

  it('checks every lead once at start after the migration, not at every start', async () => {
    await leads.importBatch(['ana@acme.com', 'di@gamma.org'].map(lead), 'skip', 'a.csv');
    // listed before the flag existed (as after migration v2): nothing follows the list yet
    await suppression.add({ kind: 'address', value: 'di@gamma.org', reason: 'manual' });
    expect(await flagsOf('di@gamma.org')).toEqual({ 'di@gamma.org': [0, ''] });
    (await start()).stop();
    expect(await flagsOf('di@gamma.org')).toEqual({ 'di@gamma.org': [1, 'address'] });
    expect(await db.leads.getLocal(CHECKED_DOC)).toBeTruthy();
    const before = keyCalls;
    await start();
    expect(keyCalls).toBe(before);
  });

  it('checks an import from its keys alone, and not at all while the list is empty', async () => {
    const sync = await start();
    const before = keyCalls;
    const many = Array.from({ length: 2500 }, (_, i) => lead(`p${i}@bulk.test`));
    await leads.importBatch(many, 'skip', 'big.csv');
    await sync.settled();
    expect(keyCalls).toBe(before);
    await suppression.add({ kind: 'address', value: 'p7@late.test', reason: 'manual' });
    await sync.settled();
    const afterAdd = keyCalls;
    await leads.importBatch([lead('p7@late.test'), lead('q@late.test')], 'skip', 'more.csv');
    await sync.settled();
    expect(keyCalls - afterAdd).toBe(2); // one call for the addresses, one for the domains
    expect(await flagsOf('p7@late.test', 'q@late.test')).toEqual({
      'p7@late.test': [1, 'address'],
      'q@late.test': [0, ''],
    });
  });

  it('tells the entries behind one lead, for Compose', async () => {
    await suppression.add({ kind: 'domain', value: 'acme.com', reason: 'complained' });
    const entries = await flags.entriesFor({ id: 'ana@acme.com', domainKey: 'acme.com' });
    expect(entries.address).toBeNull();
    expect(entries.domain).toMatchObject({ kind: 'domain', value: 'acme.com', reason: 'complained' });
  });
});
