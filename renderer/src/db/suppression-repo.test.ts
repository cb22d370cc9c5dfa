import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { parseDncCsv } from './dnc-csv';
import { createSuppressionRepo, type SuppressionDeps, type SuppressionRepo } from './suppression-repo';
import { fakeKey, fakeKeys } from './testing/fake-keys';

let db: FairsendDatabase;
let repo: SuppressionRepo;
let audited: { type: string; data: Record<string, unknown> }[];
let keyCalls: number[];
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`suppression-test-${++dbCount}`, getRxStorageMemory());
  audited = [];
  keyCalls = [];
  const deps: SuppressionDeps = {
    keys: async (kind, values) => {
      keyCalls.push(values.length);
      return fakeKeys(kind, values);
    },
    record: async (type, data) => void audited.push({ type, data }),
  };
  repo = createSuppressionRepo(db, deps);
});

afterEach(async () => {
  await db.close();
});

describe('suppression repo', () => {
  it('adds an address and a whole domain, keyed by main, plaintext kept locally, audited by key only', async () => {
    const one = await repo.add({
      kind: 'address',
      value: ' Ana@Example.com',
      reason: 'unsubscribed',
      note: 'phone',
    });
    expect(one).toEqual({ added: true, id: await fakeKey('address', 'ana@example.com') });
    const again = await repo.add({ kind: 'address', value: 'ana@example.com', reason: 'manual' });
    expect(again.added).toBe(false);
    await repo.add({ kind: 'domain', value: 'Rival.COM', reason: 'manual' });
    const docs = await repo.list();
    expect(docs.map((d) => [d.kind, d.value, d.reason])).toEqual([
      ['domain', 'rival.com', 'manual'],
      ['address', 'ana@example.com', 'unsubscribed'],
    ]);
    expect(audited.map((a) => a.type)).toEqual(['suppression.added', 'suppression.added']);
    expect(JSON.stringify(audited)).not.toContain('example.com');
    expect(audited[0]?.data.keys).toEqual([one.id]);
  });

  it('refuses values of the wrong kind', async () => {
    await expect(repo.add({ kind: 'address', value: 'example.com', reason: 'manual' })).rejects.toThrow(
      'Enter a full email address.',
    );
    await expect(repo.add({ kind: 'address', value: 'nope@', reason: 'manual' })).rejects.toThrow();
  });

  it('searches by prefix of the value, case-insensitively', async () => {
    for (const v of ['ana@example.com', 'anton@example.com', 'bo@example.com'])
      await repo.add({ kind: 'address', value: v, reason: 'manual' });
    expect((await repo.search('AN')).map((d) => d.value)).toEqual(['ana@example.com', 'anton@example.com']);
    expect(await repo.search('zz')).toEqual([]);
    expect((await repo.search('')).length).toBe(3);
  });

  it('removes only with a reason, audits first, and keeps erased entries', async () => {
    const { id } = await repo.add({ kind: 'address', value: 'ana@example.com', reason: 'manual' });
    await expect(repo.remove(id, ' ')).rejects.toThrow('Say why');
    await expect(repo.remove(id, 'asked by ana@example.com')).rejects.toThrow('Leave email addresses out');
    await repo.remove(id, 'Added by mistake');
    expect(await repo.count()).toBe(0);
    expect(audited.at(-1)).toEqual({
      type: 'suppression.removed',
      data: { keys: [id], kind: 'address', addedFor: 'manual', reason: 'Added by mistake' },
    });

    await db.suppression.insert({
      id: 'e'.repeat(64),
      kind: 'address',
      value: '',
      reason: 'erased',
      note: '',
      rank: 1,
      createdAt: 1,
    });
    await expect(repo.remove('e'.repeat(64), 'Consent given')).rejects.toThrow('erased lead');
  });

  it('does not remove when the audit cannot be written', async () => {
    const failing = createSuppressionRepo(db, {
      keys: fakeKeys,
      record: async () => {
        throw new Error('audit down');
      },
    });
    await db.suppression.insert({
      id: 'f'.repeat(64),
      kind: 'address',
      value: 'x@y.co',
      reason: 'manual',
      note: '',
      rank: 1,
      createdAt: 1,
    });
    await expect(failing.remove('f'.repeat(64), 'Wrong entry')).rejects.toThrow('audit down');
    expect(await db.suppression.count().exec()).toBe(1);
  });

  it('imports a DNC file in key batches of at most 10,000 and reports what it did', async () => {
    await repo.add({ kind: 'address', value: 'person3@example.com', reason: 'manual' });
    const rows = Array.from({ length: 12_000 }, (_, i) => `person${i}@example.com`);
    const csv = ['email', ...rows, 'person5@example.com', 'not valid', 'rival.com'].join('\n');
    const parsed = parseDncCsv(csv);
    keyCalls = [];
    const summary = await repo.importValues(parsed.values, parsed.invalid);
    expect(summary).toEqual({
      added: 12_000,
      alreadyPresent: 1,
      duplicates: 1,
      invalid: [{ row: 12_003, value: 'not valid', message: 'Not an email address or a domain.' }],
    });
    expect(Math.max(...keyCalls)).toBeLessThanOrEqual(10_000);
    expect(await repo.count()).toBe(12_001);
    expect(audited.at(-1)).toEqual({
      type: 'suppression.imported',
      data: { added: 12_000, alreadyPresent: 1, invalidRows: 1 },
    });
    // keyset pages walk every entry exactly once, newest first
    let seen = 0;
    const ranks: number[] = [];
    for await (const chunk of repo.chunks(5000)) {
      seen += chunk.length;
      ranks.push(...chunk.map((d) => d.rank));
    }
    expect(seen).toBe(12_001);
    expect(new Set(ranks).size).toBe(12_001);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});
