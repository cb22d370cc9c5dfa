import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from '../../db/database';
import { createDraftsRepo, type DraftsRepo } from '../../db/drafts-repo';
import { createDraftKeeper, onWindowClose } from './draft-keeper';

let db: FairsendDatabase;
let drafts: DraftsRepo;
let dbCount = 0;
/** every write that reached the store, in order */
let writes: string[];

beforeEach(async () => {
  db = await createFairsendDatabase(`draft-keeper-test-${++dbCount}`, getRxStorageMemory());
  const repo = createDraftsRepo(db, () => 42);
  writes = [];
  drafts = {
    ...repo,
    save: (id, fields) => {
      writes.push(`save ${fields.subject}`);
      return repo.save(id, fields);
    },
    remove: (id) => {
      writes.push('remove');
      return repo.remove(id);
    },
  };
});
afterEach(async () => {
  await db.close();
});

const LEAD = 'ana@acme.test';
const form = (subject: string, body = 'Hi Ana') => ({ mailboxId: 'mb1', subject, body });

describe('draft keeper', () => {
  it('opens with the stored draft and writes only what changed', async () => {
    await drafts.save(LEAD, form('Kept'));
    writes = [];
    const keeper = createDraftKeeper(drafts, LEAD);
    expect(await keeper.open()).toEqual({ ...form('Kept'), updatedAt: 42 });
    expect(keeper.unsaved(form('Kept'))).toBe(false);
    await keeper.save(form('Kept'));
    expect(writes).toEqual([]);
    expect(keeper.unsaved(form('Kept!'))).toBe(true);
    await keeper.save(form('Kept!'));
    await keeper.save(form('Kept!'));
    expect(writes).toEqual(['save Kept!']);
    expect((await drafts.get(LEAD))?.subject).toBe('Kept!');
  });

  it('writes nothing for a blank form when there is no draft, and removes a draft emptied', async () => {
    const keeper = createDraftKeeper(drafts, LEAD);
    expect(await keeper.open()).toBeNull();
    expect(keeper.unsaved(form('', ' '))).toBe(false);
    await keeper.save(form('', ''));
    expect(writes).toEqual([]);
    await keeper.save(form('Hello'));
    await keeper.save(form('', ''));
    expect(await drafts.get(LEAD)).toBeNull();
  });

  it('a discarded or sent draft stays gone: a save still waiting and a later one write nothing', async () => {
    const keeper = createDraftKeeper(drafts, LEAD);
    await keeper.open();
    const late = keeper.save(form('Typed just before Discard'));
    const gone = keeper.finish();
    await keeper.save(form('The autosave after'));
    await Promise.all([late, gone]);
    expect(writes).toEqual(['remove']);
    expect(await drafts.get(LEAD)).toBeNull();
    expect(keeper.unsaved(form('anything'))).toBe(false);
  });

  it('"Discard draft" empties the store but keeps saving what is typed next', async () => {
    const keeper = createDraftKeeper(drafts, LEAD);
    await keeper.open();
    await keeper.save(form('First try'));
    await keeper.clear();
    expect(await drafts.get(LEAD)).toBeNull();
    await keeper.save(form('Second try'));
    expect((await drafts.get(LEAD))?.subject).toBe('Second try');
  });
});

describe('onWindowClose', () => {
  it('asks in the app in Electron when closing would ask, and lets the window close otherwise', () => {
    expect(onWindowClose('electron', true, false)).toBe('ask-in-app');
    expect(onWindowClose('electron', false, true)).toBe('close');
  });
  it('uses the browser’s prompt only while a save is still due', () => {
    expect(onWindowClose('browser', true, true)).toBe('browser-prompt');
    expect(onWindowClose('browser', true, false)).toBe('close');
  });
});
