import type { MangoQuery, RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { stopAt, walkStops } from './index-position';
import {
  createLeadLists,
  distinctSources,
  distinctTags,
  type LeadList,
  type LeadLists,
  SEARCH_CAP,
} from './lead-list';
import { createLeadsRepo, type IncomingLead, type LeadsRepo } from './leads-repo';

// The memory storage has no IndexedDB index to walk, so index-position.ts is emulated here from the documents in
// the query's order: the same answers the Dexie adapter gives (the bench and e2e check that one in Chromium),
// including "cannot tell" (undefined) when the index does not serve the whole query.
vi.mock('./index-position', () => {
  type Row = Record<string, unknown> & { id: string };
  const served = <T>(collection: RxCollection<T>, query: MangoQuery<T>) => {
    const { queryPlan } = collection.find(query).getPreparedQuery();
    return queryPlan.selectorSatisfiedByIndex && queryPlan.sortSatisfiedByIndex;
  };
  const rowsOf = async <T>(collection: RxCollection<T>, query: MangoQuery<T>) =>
    (await collection.find({ selector: query.selector, sort: query.sort }).exec()).map(
      (d) => d.toJSON() as unknown as Row,
    );
  const sortFields = <T>(query: MangoQuery<T>) => (query.sort ?? []).map((s) => Object.keys(s)[0] ?? '');
  // the raw key: the sort fields' values, compared as IndexedDB compares array keys
  const rawOf = (row: Row, fields: string[]) => fields.map((f) => row[f] as string | number);
  const compare = (a: (string | number)[], b: (string | number)[]) => {
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i] ?? '', b[i] ?? ''];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  const after = (rows: Row[], raw: unknown, fields: string[]) => {
    const i = rows.findIndex((r) => compare(rawOf(r, fields), raw as (string | number)[]) > 0);
    return i < 0 ? rows.length : i;
  };
  const stopOf = (row: Row, fields: string[]) => ({ raw: rawOf(row, fields), id: row.id, fields: row });
  return {
    stopAt: vi.fn(
      async <T>(collection: RxCollection<T>, query: MangoQuery<T>, from: unknown, steps: number) => {
        if (!served(collection, query)) return undefined;
        const rows = await rowsOf(collection, query);
        const fields = sortFields(query);
        const at =
          from === 'start'
            ? steps
            : from === 'end'
              ? rows.length - 1 - steps
              : after(rows, from, fields) + steps - 1;
        const row = at >= 0 ? rows[at] : undefined;
        return row ? stopOf(row, fields) : null;
      },
    ),
    walkStops: vi.fn(
      async <T>(
        collection: RxCollection<T>,
        query: MangoQuery<T>,
        from: unknown,
        every: number,
        maxStops: number,
      ) => {
        if (!served(collection, query)) return undefined;
        const rows = await rowsOf(collection, query);
        const fields = sortFields(query);
        const stops = [];
        const first = (from === 'start' ? 0 : after(rows, from, fields)) + every - 1;
        for (let at = first; at < rows.length && stops.length < maxStops; at += every)
          stops.push(stopOf(rows[at] as Row, fields));
        return { stops, done: stops.length < maxStops };
      },
    ),
    // a served query's documents, as the index read gives them (its skip and limit applied)
    docsInOrder: vi.fn(async <T>(collection: RxCollection<T>, query: MangoQuery<T>) =>
      served(collection, query)
        ? (await collection.find(query).exec()).map((d) => d.toMutableJSON())
        : undefined,
    ),
    // the newest write: the row count and the latest last-write time (an edit, an insert or a removal moves it)
    newestWrite: vi.fn(async <T>(collection: RxCollection<T>) => {
      const docs = await collection.find().exec();
      const lwt = Math.max(0, ...docs.map((d) => (d.toJSON(true) as { _meta: { lwt: number } })._meta.lwt));
      return JSON.stringify([docs.length, lwt]);
    }),
    idsInOrder: vi.fn(async <T>(collection: RxCollection<T>, query: MangoQuery<T>, limit: number) =>
      served(collection, query)
        ? (await collection.find({ ...query, limit }).exec()).map((d) => d.primary)
        : undefined,
    ),
  };
});

let db: FairsendDatabase;
let repo: LeadsRepo;
let lists: LeadLists;
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`list-test-${++dbCount}`, getRxStorageMemory());
  repo = createLeadsRepo(db);
  lists = createLeadLists(db, repo);
});

afterEach(async () => {
  await db.close();
});

function incoming(i: number, patch: Partial<IncomingLead> = {}): IncomingLead {
  return {
    id: `p${i}@example.com`,
    email: `p${i}@example.com`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    company: `Company ${i % 3}`,
    title: '',
    timezone: '',
    tags: [],
    custom: {},
    ...patch,
  };
}

/** Imports `n` leads in chunks, as the import does; lead i is p{i}@example.com. */
async function seed(n: number, patch: (i: number) => Partial<IncomingLead> = () => ({}), source = 'a.csv') {
  for (let start = 0; start < n; start += 2000) {
    const batch = Array.from({ length: Math.min(2000, n - start) }, (_, k) =>
      incoming(start + k, patch(start + k)),
    );
    await repo.importBatch(batch, 'skip', source);
  }
}

/** The ids `seed(n)` produces, newest first: the last chunk on top, each chunk in file order. */
function newestFirst(n: number): string[] {
  const ids: string[] = [];
  for (let start = Math.floor((n - 1) / 2000) * 2000; start >= 0; start -= 2000) {
    for (let i = start; i < Math.min(n, start + 2000); i++) ids.push(`p${i}@example.com`);
  }
  return ids;
}

async function rows(list: LeadList, start = 0, end = list.total) {
  await list.load(start, end);
  return Array.from({ length: end - start }, (_, k) => list.peek(start + k)?.id);
}

describe('lead lists', () => {
  it('lists newest first: the last import on top, each import in file order', async () => {
    await seed(3);
    await repo.importBatch([incoming(10), incoming(11)], 'skip', 'b.csv');
    const list = await lists.open({});
    expect(list.total).toBe(5);
    expect(await rows(list)).toEqual([
      'p10@example.com',
      'p11@example.com',
      'p0@example.com',
      'p1@example.com',
      'p2@example.com',
    ]);
  });

  it('keeps file order and distinct ranks in a batch bigger than 1,000 rows', async () => {
    await repo.importBatch(
      Array.from({ length: 2500 }, (_, i) => incoming(i)),
      'skip',
      'big.csv',
    );
    const list = await lists.open({});
    const ids: (string | undefined)[] = [];
    for (let start = 0; start < 2500; start += 100) ids.push(...(await rows(list, start, start + 100)));
    expect(ids).toEqual(Array.from({ length: 2500 }, (_, i) => `p${i}@example.com`));
  });

  it('keeps a whole import in file order across its batches, with later imports on top', async () => {
    const importId = 'import-1';
    for (let offset = 0; offset < 1500; offset += 500) {
      const batch = Array.from({ length: 500 }, (_, i) => incoming(offset + i));
      await repo.importBatch(batch, 'skip', 'three-batches.csv', { importId, offset });
    }
    await repo.importBatch([incoming(9000)], 'skip', 'later.csv', { importId: 'import-2', offset: 0 });
    const list = await lists.open({});
    const ids: (string | undefined)[] = [];
    for (let start = 0; start < 1501; start += 100)
      ids.push(...(await rows(list, start, Math.min(start + 100, 1501))));
    expect(ids).toEqual([
      'p9000@example.com',
      ...Array.from({ length: 1500 }, (_, i) => `p${i}@example.com`),
    ]);
  });

  it.each(['name', 'company'] as const)(
    'sorts by %s through its index, every row once, ties in list order, also after a jump',
    async (sort) => {
      // 5 names and 3 companies over 1,200 leads: each key spans several pages, so the cursor must carry the rank.
      await seed(1200, (i) => ({
        firstName: ['Zoe', 'Ana', 'Émile', 'bob', 'Carl'][i % 5],
        lastName: 'Smith',
      }));
      const list = await lists.open({ sort });
      const all = await db.leads.find().exec();
      const key = (d: { nameKey: string; companyKey: string }) =>
        sort === 'name' ? d.nameKey : d.companyKey;
      const expected = all
        .map((d) => d.toMutableJSON())
        .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.rank - b.rank))
        .map((d) => d.id);
      await list.load(1000, 1100); // a jump first
      const ids = await rows(list, 0, 1200);
      expect(ids).toEqual(expected);
      if (sort === 'name') expect(list.peek(0)?.firstName).toBe('Ana'); // accents and case folded: Ana, bob, Carl, Émile
      const exported: string[] = [];
      for await (const chunk of list.chunks(250)) exported.push(...chunk.map((d) => d.id));
      expect(exported).toEqual(expected);
    },
  );

  it('keyset paging gives every row exactly once, also after a jump', async () => {
    await seed(6000);
    const list = await lists.open({});
    expect(list.total).toBe(6000);
    const expected = newestFirst(6000);
    await list.load(5000, 5100);
    await list.load(0, 100);
    expect(list.peek(5000)?.id).toBe(expected[5000]);
    expect(list.peek(0)?.id).toBe(expected[0]);
    // read the rest out of order: back to front in windows the size a screen shows
    for (let start = 5900; start >= 0; start -= 100) await list.load(start, start + 100);
    const seen = Array.from({ length: 6000 }, (_, i) => list.peek(i)?.id);
    // only ~5,000 rows stay cached; re-load everything in order and check it
    const ids: (string | undefined)[] = [];
    for (let start = 0; start < 6000; start += 500) ids.push(...(await rows(list, start, start + 500)));
    expect(new Set(ids).size).toBe(6000);
    expect(ids).toEqual(expected);
    expect(seen.filter(Boolean).length).toBeGreaterThan(4000);
    expect(list.peek(6000)).toBeUndefined();
  });

  it('filters by status, company and source, with exact totals', async () => {
    await seed(30);
    await repo.importBatch([incoming(100, { company: 'Other' })], 'skip', 'b.csv');
    await repo.update('p4@example.com', { status: 'replied' });
    await repo.update('p7@example.com', { status: 'replied' });

    const replied = await lists.open({ status: 'replied' });
    expect(replied.total).toBe(2);
    expect(await rows(replied)).toEqual(['p4@example.com', 'p7@example.com']);

    const company = await lists.open({ company: 'company 1' });
    expect(company.total).toBe(10);
    expect((await rows(company)).every((id) => Number(id?.slice(1).split('@')[0]) % 3 === 1)).toBe(true);

    const both = await lists.open({ company: 'Company 1', status: 'replied' });
    expect(await rows(both)).toEqual(['p4@example.com', 'p7@example.com']);

    const source = await lists.open({ source: 'b.csv' });
    expect(await rows(source)).toEqual(['p100@example.com']);
    expect(await distinctSources(db)).toEqual(['a.csv', 'b.csv']);
  });

  it('filters by tag, alone and with other filters', async () => {
    await seed(20, (i) => ({
      tags: i % 2 ? ['odd'] : ['even'],
      ...(i === 5 ? { tags: ['odd', 'vip'] } : {}),
    }));
    await repo.update('p3@example.com', { status: 'bounced' });
    expect(await distinctTags(db)).toEqual(['even', 'odd', 'vip']);
    const odd = await lists.open({ tag: 'odd' });
    expect(odd.total).toBe(10);
    expect((await rows(odd))[0]).toBe('p1@example.com');
    expect(await odd.allIds()).toHaveLength(10);
    const oddBounced = await lists.open({ tag: 'odd', status: 'bounced' });
    expect(await rows(oddBounced)).toEqual(['p3@example.com']);
    await repo.retag(['p5@example.com'], { remove: ['vip'] });
    expect(await distinctTags(db)).toEqual(['even', 'odd']);
  });

  it('searches by prefix of the name, the company and the address, folding case and accents', async () => {
    await seed(5);
    await repo.importBatch(
      [
        incoming(50, {
          firstName: 'Zoë',
          lastName: 'Quinn',
          company: 'Nordwind',
          email: 'zq@nw.io',
          id: 'zq@nw.io',
        }),
        incoming(51, {
          firstName: 'Ana',
          lastName: 'Zorn',
          company: 'Zephyr Labs',
          email: 'ana@z.io',
          id: 'ana@z.io',
        }),
        incoming(52, {
          firstName: 'Bo',
          lastName: 'Li',
          company: 'Acme',
          email: 'zed@acme.io',
          id: 'zed@acme.io',
        }),
      ],
      'skip',
      'b.csv',
    );
    const byName = await lists.open({ search: 'zoe q' });
    expect(await rows(byName)).toEqual(['zq@nw.io']);
    const byCompany = await lists.open({ search: 'ZEPH' });
    expect(await rows(byCompany)).toEqual(['ana@z.io']);
    const byAddress = await lists.open({ search: 'zed@' });
    expect(await rows(byAddress)).toEqual(['zed@acme.io']);
    // all three kinds at once, newest first, each once
    const z = await lists.open({ search: 'z' });
    expect(await rows(z)).toEqual(['zq@nw.io', 'ana@z.io', 'zed@acme.io']);
    expect(z.capped).toBe(false);
    const withStatus = await lists.open({ search: 'z', status: 'replied' });
    expect(withStatus.total).toBe(0);
    const nothing = await lists.open({ search: 'nobody' });
    expect(nothing.total).toBe(0);
  });

  it('finds a lead by the start of its last name, full name, address or domain, best kind of match first', async () => {
    await seed(5);
    await repo.importBatch(
      [
        incoming(60, {
          firstName: 'Emma',
          lastName: 'Khan',
          company: 'Globex',
          email: 'emma@acme.com',
          id: 'emma@acme.com',
        }),
        incoming(61, {
          firstName: 'Khalid',
          lastName: 'Ali',
          company: 'Initech',
          email: 'k@ini.io',
          id: 'k@ini.io',
        }),
        incoming(62, {
          firstName: 'Liam',
          lastName: 'Dubois',
          company: 'Acme GmbH',
          email: 'liam@acme.com.au',
          id: 'liam@acme.com.au',
        }),
        incoming(63, {
          firstName: 'Ava',
          lastName: 'Stone',
          company: 'Khan Academy',
          email: 'ava@stone.io',
          id: 'ava@stone.io',
        }),
      ],
      'skip',
      'c.csv',
    );
    // first names, then last names, then companies
    expect(await rows(await lists.open({ search: 'Kha' }))).toEqual([
      'k@ini.io',
      'emma@acme.com',
      'ava@stone.io',
    ]);
    expect(await rows(await lists.open({ search: 'khan' }))).toEqual(['emma@acme.com', 'ava@stone.io']);
    expect(await rows(await lists.open({ search: 'Emma K' }))).toEqual(['emma@acme.com']);
    expect(await rows(await lists.open({ search: 'emma@' }))).toEqual(['emma@acme.com']);
    // a domain: its start, with or without the "@"; the company "Acme GmbH" matches the start too
    expect(await rows(await lists.open({ search: 'acme.com' }))).toEqual([
      'emma@acme.com',
      'liam@acme.com.au',
    ]);
    expect(await rows(await lists.open({ search: '@ACME.COM.' }))).toEqual(['liam@acme.com.au']);
    expect(await rows(await lists.open({ search: 'acme' }))).toEqual(['liam@acme.com.au', 'emma@acme.com']);
    // with a filter, the matches are checked on the documents
    expect(await rows(await lists.open({ search: 'khan', source: 'c.csv', status: 'new' }))).toEqual([
      'emma@acme.com',
      'ava@stone.io',
    ]);
    expect((await lists.open({ search: 'khan', status: 'replied' })).total).toBe(0);
    // a name sort reads and sorts the matches
    expect(await rows(await lists.open({ search: 'acme', sort: 'name' }))).toEqual([
      'emma@acme.com',
      'liam@acme.com.au',
    ]);
  });

  it("shows a big search's first rows first, then its whole answer, capped, with the same first rows", async () => {
    // "first" starts every first name; a third of the leads also have a last name and a company starting so
    await seed(SEARCH_CAP + 50, (i) => (i % 3 ? {} : { lastName: `Firstly${i}`, company: `First Co ${i}` }));
    const first = await lists.open({ search: 'first' });
    expect(first.complete).toBeDefined();
    expect(first.total).toBe(100);
    const whole = await first.complete?.();
    if (!whole) throw new Error('no whole answer');
    expect(whole.complete).toBeUndefined();
    expect(whole.total).toBe(SEARCH_CAP);
    expect(whole.capped).toBe(true);
    expect(await rows(first, 0, 100)).toEqual(await rows(whole, 0, 100));
    // the first answer hands "select all" and export to the whole one
    expect(await first.allIds()).toEqual(await whole.allIds());
    // a small search is whole at once
    const small = await lists.open({ search: 'first104' });
    expect(small.complete).toBeUndefined();
    expect(small.total).toBe(11); // First104, First1040…First1049
  });

  it('reads the whole list in chunks for export, in list order', async () => {
    await seed(2500);
    const list = await lists.open({});
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const chunk of list.chunks(1000)) {
      sizes.push(chunk.length);
      ids.push(...chunk.map((d) => d.id));
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(ids).toEqual(await list.allIds());
    expect(ids).toEqual(newestFirst(2500));
    const opened = await lists.open({ search: 'first1' });
    const search = (await opened.complete?.()) ?? opened;
    const searched: string[] = [];
    for await (const chunk of opened.chunks(100)) searched.push(...chunk.map((d) => d.id));
    expect(searched).toEqual(await search.allIds());
    expect(searched.length).toBe(search.total);
  });

  describe('far jumps', () => {
    /** 4,500 leads: 5 first names and 3 companies (each key spans many pages), two sources, some replied. */
    async function seedVaried() {
      await seed(3000, (i) => ({ firstName: ['Zoe', 'Ana', 'Émile', 'bob', 'Carl'][i % 5] }));
      const later = Array.from({ length: 1500 }, (_, k) =>
        incoming(3000 + k, { firstName: ['Dan', 'Ana'][k % 2] }),
      );
      await repo.importBatch(later, 'skip', 'b.csv');
      for (let i = 0; i < 2000; i += 1)
        if (i % 5 !== 1) await repo.update(`p${i}@example.com`, { status: 'replied' });
    }

    /**
     * Every row of the list, read front to back a page at a time: each page anchors on the one before. Through
     * a repository of its own, so the positions it learns are not the ones the jumps under test start from.
     */
    async function sequential(query: Parameters<LeadLists['open']>[0]) {
      const list = await createLeadLists(db, createLeadsRepo(db)).open(query);
      const ids: (string | undefined)[] = [];
      for (let start = 0; start < list.total; start += 100)
        ids.push(...(await rows(list, start, Math.min(start + 100, list.total))));
      return ids;
    }

    /** Far, unaligned, out of order, and the very end (the End key). */
    const targets = (total: number) =>
      [Math.floor(total * 0.7) + 37, total - 100, Math.floor(total * 0.4) + 1, 1234, total - 1].filter(
        (t) => t >= 0,
      );

    it.each([
      ['newest', {}],
      ['newest, replied', { status: 'replied' }],
      ['newest, by company', { company: 'Company 1' }],
      ['newest, by source', { source: 'a.csv' }],
      ['name', { sort: 'name' }],
      ['company', { sort: 'company' }],
      ['name, replied (checked while walking: skip)', { sort: 'name', status: 'replied' }],
      ['company, by source (checked while walking: skip)', { sort: 'company', source: 'b.csv' }],
    ] as const)('%s: a jump shows exactly the rows a sequential read shows', async (_, query) => {
      await seedVaried();
      const expected = await sequential(query);
      expect(new Set(expected).size).toBe(expected.length);
      const list = await lists.open(query);
      expect(list.total).toBe(expected.length);
      expect(list.total).toBeGreaterThan(1200);
      vi.mocked(stopAt).mockClear();
      vi.mocked(walkStops).mockClear();
      for (const t of targets(list.total)) {
        const end = Math.min(t + 100, list.total);
        expect(await rows(list, t, end)).toEqual(expected.slice(t, end));
      }
      // found in the index (a walk from an anchor, an end, or the background fill), not by reading documents
      expect(vi.mocked(stopAt).mock.calls.length + vi.mocked(walkStops).mock.calls.length).toBeGreaterThan(0);
      // and the rows around the jumps, read on from them by keyset
      expect(await rows(list, 0, list.total)).toEqual(expected);
    });

    it('jumps on a list reopened after a write', async () => {
      await seed(3000);
      const before = await lists.open({});
      await rows(before, 2500, 2600);
      await repo.importBatch([incoming(9000), incoming(9001)], 'skip', 'b.csv');
      await repo.remove(['p2100@example.com']);
      const expected = await sequential({});
      const list = await lists.open({});
      expect(list.total).toBe(3001);
      expect(await rows(list, 2500, 2600)).toEqual(expected.slice(2500, 2600));
      expect(await rows(list, 1500, 1600)).toEqual(expected.slice(1500, 1600));
      expect(expected[0]).toBe('p9000@example.com');
      expect(expected).not.toContain('p2100@example.com');
    });

    it('a list reopened after writes starts far jumps from the positions kept through them', async () => {
      await seed(3000);
      const first = await lists.open({});
      await rows(first, 1500, 1600);
      // each write moves what the first list learnt: two leads on top, one removed, one renamed
      await repo.importBatch([incoming(9000), incoming(9001)], 'skip', 'b.csv');
      await repo.remove(['p100@example.com']);
      await repo.update('p200@example.com', { firstName: 'Renamed' });
      const expected = await sequential({});
      vi.mocked(stopAt).mockClear();
      const list = await lists.open({});
      expect(await rows(list, 1900, 2000)).toEqual(expected.slice(1900, 2000));
      // walked from the kept anchor near row 1500, not from either end of the list
      const walks = vi.mocked(stopAt).mock.calls;
      expect(walks.length).toBeGreaterThan(0);
      for (const [, , from, steps] of walks) {
        expect(from).not.toBe('start');
        expect(from).not.toBe('end');
        expect(steps).toBeLessThan(500);
      }
    });

    it('a new window takes back the positions the last one saved, unless a lead was written since', async () => {
      await seed(3000);
      const expected = newestFirst(3000);
      await rows(await lists.open({}), 0, 100);
      // the first window walks the index once writes have paused, then saves what it found
      await expect
        .poll(
          async () => {
            const saved = (await db.leads.getLocal('list-positions'))?.toJSON().data as
              | { orders: Record<string, unknown[]> }
              | undefined;
            return Object.values(saved?.orders ?? {})[0]?.length ?? 0;
          },
          { timeout: 15_000, interval: 200 },
        )
        .toBeGreaterThanOrEqual(29);

      // a second window: far jumps start from the saved positions, with no walk at all
      vi.mocked(stopAt).mockClear();
      vi.mocked(walkStops).mockClear();
      const next = await createLeadLists(db, createLeadsRepo(db)).open({});
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await rows(next, 2000, 2100)).toEqual(expected.slice(2000, 2100));
      expect(await rows(next, 1234, 1334)).toEqual(expected.slice(1234, 1334));
      expect(vi.mocked(stopAt)).not.toHaveBeenCalled();
      expect(vi.mocked(walkStops)).not.toHaveBeenCalled();

      // an edit since: a third window does not trust them, finds its rows in the index, and they are right
      await repo.remove(['p10@example.com']);
      const third = await createLeadLists(db, createLeadsRepo(db)).open({});
      await new Promise((resolve) => setTimeout(resolve, 50));
      const after = expected.filter((id) => id !== 'p10@example.com');
      expect(await rows(third, 2000, 2100)).toEqual(after.slice(2000, 2100));
      expect(vi.mocked(stopAt)).toHaveBeenCalled();
    });

    it('mixed jumps and scrolling give every row exactly once, in order', async () => {
      await seed(6000);
      const expected = newestFirst(6000);
      const list = await lists.open({});
      // a deterministic mix: far jumps both ways, short scrolls after them, a re-read of evicted pages
      const windows = [
        5900, 3000, 3100, 3150, 1200, 1250, 4999, 0, 100, 2222, 5000, 4900, 2000, 1100, 5950, 3033, 600,
      ];
      for (const start of windows) {
        const end = Math.min(start + 100, 6000);
        expect(await rows(list, start, end)).toEqual(expected.slice(start, end));
      }
      // ~5,000 rows stay cached: read the whole list back in screens
      const all: (string | undefined)[] = [];
      for (let start = 0; start < 6000; start += 500) all.push(...(await rows(list, start, start + 500)));
      expect(new Set(all).size).toBe(6000);
      expect(all).toEqual(expected);
    });

    it('falls back to skip when the index cannot tell, with the same rows', async () => {
      await seed(2500);
      vi.mocked(stopAt).mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('changed'));
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const list = await lists.open({});
      expect(await rows(list, 2000, 2100)).toEqual(newestFirst(2500).slice(2000, 2100));
      const other = await lists.open({});
      expect(await rows(other, 1800, 1900)).toEqual(newestFirst(2500).slice(1800, 1900));
      warn.mockRestore();
    });
  });
});
