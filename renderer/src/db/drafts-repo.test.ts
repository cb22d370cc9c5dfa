import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { createDraftsRepo, type DraftsRepo, isBlankDraft } from './drafts-repo';
import { createLeadsRepo, type LeadsRepo } from './leads-repo';
import type { DraftDoc } from './schemas/drafts';
import { fakeKeys } from './testing/fake-keys';

let db: FairsendDatabase;
let drafts: DraftsRepo;
let leads: LeadsRepo;
let dbCount = 0;
let clock = 1_000;

beforeEach(async () => {
  db = await createFairsendDatabase(`drafts-test-${++dbCount}`, getRxStorageMemory());
  drafts = createDraftsRepo(db, () => clock);
  leads = createLeadsRepo(db);
});
afterEach(async () => {
  await db.close();
});

const EMAIL = { mailboxId: 'mb1', subject: 'A question', body: 'Hi Ana,\n\nA short call?' };

async function addLead(email: string) {
  return leads.create({ email, firstName: 'Ana', lastName: '', company: '', title: '', timezone: '' });
}

describe('drafts', () => {
  it('keeps one draft per lead, the latest save winning, with the time it was saved', async () => {
    clock = 5_000;
    await drafts.save('ana@acme.test', EMAIL);
    clock = 6_000;
    await drafts.save('ana@acme.test', { ...EMAIL, subject: 'A better question' });
    await drafts.save('bo@acme.test', EMAIL);
    expect(await drafts.get('ana@acme.test')).toEqual({
      leadId: 'ana@acme.test',
      ...EMAIL,
      subject: 'A better question',
      updatedAt: 6_000,
    });
    expect((await drafts.get('bo@acme.test'))?.subject).toBe('A question');
    expect(await drafts.get('cy@acme.test')).toBeNull();
  });

  it('removes the draft when what is saved is blank, and on remove', async () => {
    await drafts.save('ana@acme.test', EMAIL);
    expect(await drafts.save('ana@acme.test', { mailboxId: 'mb1', subject: ' ', body: '\n' })).toBeNull();
    expect(await drafts.get('ana@acme.test')).toBeNull();
    await drafts.save('ana@acme.test', EMAIL);
    await drafts.remove('ana@acme.test');
    expect(await drafts.get('ana@acme.test')).toBeNull();
    await drafts.remove('nobody@acme.test'); // nothing to remove is not an error
  });

  it('tells a watcher of every change to the lead’s draft', async () => {
    const seen: (string | null)[] = [];
    const stop = drafts.watch('ana@acme.test', (d: DraftDoc | null) => seen.push(d?.subject ?? null));
    await expect.poll(() => seen).toEqual([null]);
    await drafts.save('ana@acme.test', EMAIL);
    await drafts.save('bo@acme.test', { ...EMAIL, subject: 'Not Ana' });
    await drafts.remove('ana@acme.test');
    await expect.poll(() => seen).toEqual([null, 'A question', null]);
    stop();
    await drafts.save('ana@acme.test', EMAIL);
    expect(seen).toEqual([null, 'A question', null]);
  });

  it('lists every draft newest first, and again after each change', async () => {
    const seen: string[][] = [];
    const stop = drafts.watchAll((all) => seen.push(all.map((d) => d.leadId)));
    clock = 1;
    await drafts.save('ana@acme.test', EMAIL);
    clock = 2;
    await drafts.save('bo@acme.test', EMAIL);
    clock = 3;
    await drafts.save('ana@acme.test', { ...EMAIL, body: 'Later' });
    await expect.poll(() => seen.at(-1)).toEqual(['ana@acme.test', 'bo@acme.test']);
    await drafts.remove('ana@acme.test');
    await expect.poll(() => seen.at(-1)).toEqual(['bo@acme.test']);
    stop();
  });

  it('goes with its lead: deleted or erased with it, moved when the address changes', async () => {
    await addLead('ana@acme.test');
    await addLead('bo@acme.test');
    await addLead('cy@acme.test');
    for (const id of ['ana@acme.test', 'bo@acme.test', 'cy@acme.test']) await drafts.save(id, EMAIL);

    await leads.remove(['ana@acme.test']);
    expect(await drafts.get('ana@acme.test')).toBeNull();

    await leads.erase(['bo@acme.test'], (addresses) => fakeKeys('address', addresses));
    expect(await drafts.get('bo@acme.test')).toBeNull();
    // no tombstone keeps the erased person's draft text (the erasure purges the collection's tombstones)
    const stored = await db.drafts.storageInstance.findDocumentsById(['bo@acme.test'], true);
    expect(stored).toEqual([]);

    await leads.update('cy@acme.test', { email: 'cy@new.test' });
    expect(await drafts.get('cy@acme.test')).toBeNull();
    expect((await drafts.get('cy@new.test'))?.subject).toBe('A question');
  });
});

describe('isBlankDraft', () => {
  it('is blank when neither subject nor text holds more than spaces', () => {
    expect(isBlankDraft({ subject: '  ', body: '\n\t' })).toBe(true);
    expect(isBlankDraft({ subject: 'Hi', body: '' })).toBe(false);
    expect(isBlankDraft({ subject: '', body: 'x' })).toBe(false);
  });
});
