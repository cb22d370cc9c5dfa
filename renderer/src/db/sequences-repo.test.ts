import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import type { SequenceDoc } from './schemas/outreach';
import { blankStep, copyName, createSequencesRepo, type SequencesRepo } from './sequences-repo';

let db: FairsendDatabase;
let repo: SequencesRepo;
let dbCount = 0;
let clock = 1_000;

beforeEach(async () => {
  clock = 1_000;
  db = await createFairsendDatabase(`sequences-test-${++dbCount}`, getRxStorageMemory());
  repo = createSequencesRepo(db, () => clock);
});
afterEach(async () => {
  await db.close();
});

describe('sequences repo', () => {
  it('creates a draft with one empty first step and the Mon–Fri 9–5 schedule', async () => {
    const made = await repo.create({ name: '  Intro  ' });
    expect(made).toMatchObject({
      name: 'Intro',
      status: 'draft',
      mailboxIds: [],
      dailyLimit: 0,
      stopCompanyOnReply: false,
      schedule: { sendDays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020, holidaysCountry: '' },
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(made.steps).toEqual([{ ...blankStep(0, made.steps[0]?.id), threadWithPrevious: false }]);
    expect(await repo.get(made.id)).toEqual(made);
    expect(await repo.get('nope')).toBeNull();
    expect((await repo.create()).name).toBe('Untitled sequence');
  });

  it('lists newest first, also within one millisecond', async () => {
    const a = await repo.create({ name: 'A' });
    const b = await repo.create({ name: 'B' });
    clock = 2_000;
    const c = await repo.create({ name: 'C' });
    expect((await repo.list()).map((s) => s.id)).toEqual([c.id, b.id, a.id]);
  });

  it('saves edits with the time, keeping status, rank and creation', async () => {
    const made = await repo.create({ name: 'Intro' });
    clock = 5_000;
    const steps = [blankStep(0), { ...blankStep(1), subject: 'Following up', delayBusinessDays: 3 }];
    const saved = await repo.update(made.id, { steps, dailyLimit: 40, name: ' Intro v2 ' });
    expect(saved).toMatchObject({ name: 'Intro v2', steps, dailyLimit: 40, updatedAt: 5_000 });
    expect(saved).toMatchObject({ status: 'draft', rank: made.rank, createdAt: 1_000 });
    await expect(repo.update('nope', { dailyLimit: 1 })).rejects.toThrow();
  });

  it('renames, sets a status and archives', async () => {
    const made = await repo.create({ name: 'Intro' });
    expect((await repo.rename(made.id, 'Cold intro')).name).toBe('Cold intro');
    expect((await repo.rename(made.id, '   ')).name).toBe('Untitled sequence');
    expect((await repo.setStatus(made.id, 'active')).status).toBe('active');
    expect((await repo.archive(made.id)).status).toBe('archived');
  });

  it('duplicates as a draft with fresh ids, first in the list, named as a copy', async () => {
    const made = await repo.create({ name: 'Intro' });
    const variants = [
      { id: 'v1', subject: 'A', body: 'a', text: '', weight: 50 },
      { id: 'v2', subject: 'B', body: 'b', text: '', weight: 50 },
    ];
    await repo.update(made.id, { steps: [{ ...blankStep(0), variants }], mailboxIds: ['mb1'] });
    await repo.setStatus(made.id, 'active');
    clock = 9_000;
    const copy = await repo.duplicate(made.id);
    const again = await repo.duplicate(made.id);
    expect(copy).toMatchObject({
      name: 'Intro (copy)',
      status: 'draft',
      mailboxIds: ['mb1'],
      createdAt: 9_000,
    });
    expect(again.name).toBe('Intro (copy 2)');
    const original = (await repo.get(made.id)) as SequenceDoc;
    expect(copy.steps[0]?.id).not.toBe(original.steps[0]?.id);
    expect(copy.steps[0]?.variants.map((v) => v.subject)).toEqual(['A', 'B']);
    expect(copy.steps[0]?.variants[0]?.id).not.toBe('v1');
    expect((await repo.list()).map((s) => s.id)).toEqual([again.id, copy.id, made.id]);
  });

  it('tells watchers of each change until stopped', async () => {
    const seen: string[][] = [];
    const stop = repo.watchAll((all) => seen.push(all.map((s) => s.name)));
    const made = await repo.create({ name: 'Intro' });
    const one: (string | null)[] = [];
    const stopOne = repo.watch(made.id, (s) => one.push(s?.name ?? null));
    await repo.rename(made.id, 'Cold intro');
    await new Promise((r) => setTimeout(r, 20));
    stop();
    stopOne();
    await repo.rename(made.id, 'Later');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).toEqual(['Cold intro']);
    expect(seen.flat()).not.toContain('Later');
    expect(one).toEqual(['Intro', 'Cold intro']);
  });
});

describe('copyName', () => {
  it('counts up past the copies that exist', () => {
    expect(copyName('Intro', new Set())).toBe('Intro (copy)');
    expect(copyName('Intro (copy)', new Set(['Intro (copy)']))).toBe('Intro (copy 2)');
    expect(copyName('Intro', new Set(['Intro (copy)', 'Intro (copy 2)']))).toBe('Intro (copy 3)');
  });
});
