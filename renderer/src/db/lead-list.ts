import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { searchKey } from '../../../shared/leads/lead';
import type { FairsendDatabase } from './database';
import { docsInOrder } from './index-position';
import { createKeptPositions, type KeptOrder, type KeptPositions, type ListOrder } from './kept-positions';
import type { ListKeys } from './lead-docs';
import { searchIds, sortsMatches } from './lead-search';
import { type LeadQuery, type LeadsRepo, planLeadQuery } from './leads-repo';
import type { Cursor } from './list-positions';
import type { LeadDoc } from './schemas/leads';

export { SEARCH_CAP } from './lead-search';

type CursorFields = Pick<LeadDoc, 'rank' | 'nameKey' | 'companyKey'>;

/** A page of rows: from the index in one read where it serves the query alone, else through RxDB's query. */
async function readRows(db: FairsendDatabase, query: MangoQuery<LeadDoc>): Promise<LeadDoc[]> {
  const rows = await docsInOrder(db.leads, query);
  if (rows) return rows;
  return (await db.leads.find(query).exec()).map((d) => d.toMutableJSON());
}

/**
 * One list order, served by an index. Newest first walks `rank`; name and company walk `[field, rank]` and a
 * page after (key, rank) is two index ranges: the rest of that key (rank > r), then every later key. `skip`
 * applies to the combined stream (a near jump); far jumps start from a kept position (kept-positions.ts).
 */
function ordering(db: FairsendDatabase, query: LeadQuery) {
  const sort = query.sort ?? 'newest';
  const { selector, index: filterIndex } = planLeadQuery(query);
  const matches = (k: ListKeys) =>
    (!query.status || k.status === query.status) &&
    (!query.company || k.companyKey === searchKey(query.company)) &&
    (!query.source || k.source === query.source) &&
    (query.suppressed !== 'only' || k.suppressed === 1);
  const id = JSON.stringify([
    sort,
    query.status ?? '',
    searchKey(query.company ?? ''),
    query.source ?? '',
    query.suppressed ?? '',
  ]);
  if (sort === 'newest') {
    const cursorOf = (d: CursorFields): Cursor => ({ key: '', rank: d.rank });
    const order: ListOrder = {
      id,
      whole: { selector, index: filterIndex, sort: [{ rank: 'asc' }] },
      matches,
      cursorOf,
      cursorOfStop: (stop) => ({ key: '', rank: Number(stop.fields.rank) }),
    };
    return {
      order,
      fetch: (after: Cursor | undefined, skip: number, limit: number): Promise<LeadDoc[]> =>
        readRows(db, {
          selector: after === undefined ? selector : { ...selector, rank: { $gt: after.rank } },
          index: filterIndex,
          sort: [{ rank: 'asc' }],
          skip,
          limit,
        }),
    };
  }
  const field = sort === 'name' ? 'nameKey' : 'companyKey';
  const index = [field, 'rank'];
  const sortBy = [{ [field]: 'asc' as const }, { rank: 'asc' as const }];
  const find = async (where: MangoQuerySelector<LeadDoc>, skip: number, limit: number) =>
    limit <= 0 ? [] : readRows(db, { selector: { ...selector, ...where }, index, sort: sortBy, skip, limit });
  const order: ListOrder = {
    id,
    whole: { selector, index, sort: sortBy },
    matches,
    cursorOf: (d) => ({ key: d[field], rank: d.rank }),
    cursorOfStop: (stop) => ({ key: String(stop.fields[field]), rank: Number(stop.fields.rank) }),
  };
  return {
    order,
    async fetch(after: Cursor | undefined, skip: number, limit: number): Promise<LeadDoc[]> {
      if (after === undefined) return find({}, skip, limit);
      const sameKey = await find({ [field]: after.key, rank: { $gt: after.rank } }, 0, skip + limit);
      const fromSame = sameKey.slice(skip);
      const stillToSkip = Math.max(0, skip - sameKey.length);
      const later = await find({ [field]: { $gt: after.key } }, stillToSkip, limit - fromSame.length);
      return [...fromSame, ...later];
    },
  };
}

/**
 * What the virtualized table reads: a total and rows by position, fetched a page at a time.
 * Plain filters walk an index with keyset pages (rank > last seen), so scrolling never re-reads
 * what came before; search and tag results are a bounded, ordered list of ids.
 */
export interface LeadList {
  readonly total: number;
  /** true when search or tag results were cut at the cap: the user should narrow the search */
  readonly capped: boolean;
  /**
   * Set on a search's first answer (its first rows, found from a few keys per index): reads the whole answer,
   * with its count, once (later calls get the same promise). Until then `total` counts only what the first
   * answer holds. The screen asks once the first rows are painted: the whole answer reads up to SEARCH_CAP keys
   * per index, and IndexedDB would serve the first rows behind it.
   */
  readonly complete?: () => Promise<LeadList>;
  /** a cached row, or undefined while it loads */
  peek(index: number): LeadDoc | undefined;
  /** true when every row of [start, end) is cached */
  has(start: number, end: number): boolean;
  /** loads the rows of [start, end) into the cache */
  load(start: number, end: number): Promise<void>;
  /** the ids of every row, for "select all"; walks the list in pages */
  allIds(): Promise<string[]>;
  /** every row in list order, a chunk at a time, for export (the caller yields between chunks) */
  chunks(size: number): AsyncGenerator<LeadDoc[]>;
}

export const PAGE_SIZE = 100;
export const TAG_CAP = 50_000;
/** More rows than a tall window shows: a search reads them before it counts its matches. */
const FIRST_SCREEN = 40;
/** ~5,000 rows stay in memory; scrolled-away pages are dropped and re-read by key when they come back. */
const MAX_CACHED_PAGES = 50;
/**
 * Up to this many rows past a kept position, a page is read by keyset and `skip` (RxDB reads the skipped
 * documents); farther, the row before the page is found in the index by key (kept-positions.ts).
 */
const NEAR_SKIP = 200;

let warned = false;
/** The index lookup failed (RxDB changed under it): jumps still work, through `skip`, only slower. */
function warnOnce(error: unknown): void {
  if (warned) return;
  warned = true;
  console.warn('lead list: far jumps fall back to skip', error);
}

/**
 * The lead lists of one repository: what opens them, with the state they share. Built once, by the composition
 * root (app/composition.ts), beside the repository it reads, and handed down in the services.
 * - the kept positions: one registry for the repository (it reports the writes that move them), made at the
 *   first indexed open and stopped when the database closes;
 * - the warmed first page: the newest-first list read as the window opens, handed once to the first open of
 *   that list (a write since re-opens it anyway).
 */
export interface LeadLists {
  open(query: LeadQuery): Promise<LeadList>;
  /**
   * Opens the newest-first list and reads its first page as the window opens, while its frame and first screen
   * load; the leads screen's first open of that list takes it over instead of reading it again.
   */
  warmFirstPage(): void;
}

export function createLeadLists(db: FairsendDatabase, repo: LeadsRepo): LeadLists {
  let kept: KeptPositions | null = null;
  let warm: Promise<LeadList> | null = null;

  function keptPositions(): KeptPositions {
    if (!kept) {
      const created = createKeptPositions(db, repo.watchWrites, warnOnce);
      db.onClose.push(() => created.stop());
      kept = created;
    }
    return kept;
  }

  function takeWarm(query: LeadQuery): Promise<LeadList> | null {
    const plain =
      !query.search?.trim() &&
      !query.status &&
      !query.tag &&
      !query.company &&
      !query.source &&
      !query.suppressed;
    if (!warm || !plain || (query.sort ?? 'newest') !== 'newest') return null;
    const list = warm;
    warm = null;
    return list;
  }

  async function open(query: LeadQuery): Promise<LeadList> {
    const warmed = takeWarm(query);
    if (warmed) {
      try {
        return await warmed;
      } catch {
        // opened again below
      }
    }
    if (query.search?.trim()) return searchList(db, query);
    if (query.tag) return idList(db, await tagIds(db, query));
    return indexedList(db, repo, keptPositions(), query);
  }

  return {
    open,
    warmFirstPage() {
      const list = open({}).then(async (opened) => {
        await opened.load(0, PAGE_SIZE);
        return opened;
      });
      // the screen opens its own if this fails, and says so if that fails too
      list.catch(() => {});
      warm = list;
    },
  };
}

/**
 * The list's total: from the repository's status counters when at most a status filters it, else counted
 * through the filter's index.
 */
async function totalOf(db: FairsendDatabase, repo: LeadsRepo, query: LeadQuery): Promise<number> {
  const { selector, index } = planLeadQuery(query);
  const onlyStatus = !query.company && !query.source && !query.suppressed;
  const stats = onlyStatus ? await repo.stats() : null;
  return stats
    ? query.status
      ? stats.byStatus[query.status]
      : stats.total
    : await db.leads.count({ selector, index }).exec();
}

async function indexedList(
  db: FairsendDatabase,
  repo: LeadsRepo,
  keptPositions: KeptPositions,
  query: LeadQuery,
): Promise<LeadList> {
  const order = ordering(db, query);
  const positions: KeptOrder = keptPositions.order(order.order);
  const kept = positions.positions;
  // the total is true for as long as no write begins after this stamp
  const openedAt = kept.stamp();
  const total = await totalOf(db, repo, query);
  if (total > 2 * NEAR_SKIP) positions.fill(total);
  const pages = new Map<number, LeadDoc[]>();
  const inflight = new Map<number, Promise<void>>();

  function keep(page: number, docs: LeadDoc[], stamp: number | null): void {
    pages.set(page, docs);
    const last = docs.at(-1);
    if (last)
      kept.add({ pos: page * PAGE_SIZE + docs.length - 1, cursor: order.order.cursorOf(last) }, stamp);
    if (pages.size <= MAX_CACHED_PAGES) return;
    let farthest = page;
    for (const p of pages.keys()) if (Math.abs(p - page) > Math.abs(farthest - page)) farthest = p;
    pages.delete(farthest);
  }

  /** Where page `page` starts as kept positions alone tell it: after the nearest one, skipping the rows between. */
  function nearStart(page: number): { after: Cursor | undefined; skip: number } {
    const before = page * PAGE_SIZE - 1;
    if (before < 0) return { after: undefined, skip: 0 };
    const anchor = kept.atOrBefore(before);
    return { after: anchor?.cursor, skip: anchor ? before - anchor.pos : before + 1 };
  }

  /** Where page `page` starts: after the nearest kept position, or after the row the index says is just before it. */
  async function startOf(page: number): Promise<{ after: Cursor | undefined; skip: number }> {
    const before = page * PAGE_SIZE - 1;
    const near = nearStart(page);
    if (near.skip < NEAR_SKIP) return near;
    try {
      const cursor = await positions.locate(before, total, openedAt);
      if (cursor) return { after: cursor, skip: 0 };
    } catch (error) {
      warnOnce(error);
    }
    return near;
  }

  function fetchPage(page: number): Promise<void> {
    const running = inflight.get(page);
    if (running) return running;
    const work = (async () => {
      // before the start is found: a write during either read leaves this page's rows unplaced
      const stamp = kept.stamp();
      const { after, skip } = await startOf(page);
      keep(page, await order.fetch(after, skip, PAGE_SIZE), stamp);
    })().finally(() => inflight.delete(page));
    inflight.set(page, work);
    return work;
  }

  const pageRange = (start: number, end: number) => ({
    first: Math.floor(Math.max(0, start) / PAGE_SIZE),
    last: Math.floor(Math.max(0, Math.min(end, total) - 1) / PAGE_SIZE),
  });

  return {
    total,
    capped: false,
    peek: (i) => pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
    has(start, end) {
      const { first, last } = pageRange(start, end);
      for (let p = first; p <= last; p++) if (!pages.has(p)) return false;
      return true;
    },
    async load(start, end) {
      const { first, last } = pageRange(start, end);
      const missing: number[] = [];
      for (let p = first; p <= last; p++) if (!pages.has(p)) missing.push(p);
      // Pages a kept position already places are read at once (a view across two pages, after a jump);
      // the others in order, so each anchors on the one before it.
      if (missing.every((p) => nearStart(p).skip < NEAR_SKIP)) {
        await Promise.all(missing.map(fetchPage));
        return;
      }
      for (const p of missing) await fetchPage(p);
    },
    async allIds() {
      const ids: string[] = [];
      for await (const docs of walk(order, 2000)) for (const d of docs) ids.push(d.id);
      return ids;
    },
    chunks: (size) => walk(order, size),
  };
}

/** Keyset walk over the whole filter, in the list's order: each chunk starts after the last row seen. */
async function* walk(order: ReturnType<typeof ordering>, size: number): AsyncGenerator<LeadDoc[]> {
  let after: Cursor | undefined;
  for (;;) {
    const docs = await order.fetch(after, 0, size);
    if (docs.length) yield docs;
    const last = docs.at(-1);
    if (docs.length < size || !last) return;
    after = order.order.cursorOf(last);
  }
}

interface IdResult {
  ids: string[];
  capped: boolean;
}

/**
 * A search answers in two steps: first a page's worth of keys from each index (enough to show the first rows in
 * their final order), then, when asked, up to SEARCH_CAP, for the count and the rest. Both share the rows read.
 */
async function searchList(db: FairsendDatabase, query: LeadQuery): Promise<LeadList> {
  if (sortsMatches(query)) return idList(db, await searchIds(db, query));
  const rows = new Map<string, LeadDoc>();
  const first = await searchIds(db, query, PAGE_SIZE);
  if (!first.capped) return idList(db, first, rows);
  const list = idList(db, { ids: first.ids, capped: false }, rows);
  // The rows a screen shows first, before the whole answer takes the database for a while.
  await list.load(0, FIRST_SCREEN);
  let whole: Promise<LeadList> | undefined;
  const complete = () => {
    whole ??= searchIds(db, query).then((found) => idList(db, found, rows));
    return whole;
  };
  return {
    ...list,
    complete,
    allIds: async () => (await complete()).allIds(),
    async *chunks(size) {
      yield* (await complete()).chunks(size);
    },
  };
}

function idList(
  db: FairsendDatabase,
  { ids, capped }: IdResult,
  rows = new Map<string, LeadDoc>(),
): LeadList {
  return {
    total: ids.length,
    capped,
    peek: (i) => {
      const id = ids[i];
      return id === undefined ? undefined : rows.get(id);
    },
    has: (start, end) => ids.slice(Math.max(0, start), end).every((id) => rows.has(id)),
    async load(start, end) {
      const wanted = ids.slice(Math.max(0, start), end).filter((id) => !rows.has(id));
      if (!wanted.length) return;
      const found = await db.leads.findByIds(wanted).exec();
      for (const [id, doc] of found) rows.set(id, doc.toMutableJSON());
    },
    allIds: async () => [...ids],
    async *chunks(size) {
      for (let i = 0; i < ids.length; i += size) {
        const slice = ids.slice(i, i + size);
        const found = await db.leads.findByIds(slice).exec();
        yield slice.flatMap((id) => {
          const doc = found.get(id);
          return doc ? [doc.toMutableJSON()] : [];
        });
      }
    },
  };
}

/** Tag filter through `lead_tags`, newest first; other filters are checked on the leads themselves. */
async function tagIds(db: FairsendDatabase, query: LeadQuery): Promise<IdResult> {
  const rows = await db.lead_tags
    .find({
      selector: { tag: query.tag ?? '' },
      index: ['tag', 'rank'],
      sort: [{ rank: 'asc' }],
      limit: TAG_CAP,
    })
    .exec();
  let ids = rows.map((r) => r.leadId);
  const { selector } = planLeadQuery(query);
  if (Object.keys(selector).length) {
    const kept: string[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      const docs = await db.leads.find({ selector: { ...selector, id: { $in: chunk } } }).exec();
      const keep = new Set(docs.map((d) => d.id));
      for (const id of chunk) if (keep.has(id)) kept.push(id);
    }
    ids = kept;
  }
  return { ids, capped: rows.length === TAG_CAP };
}

/** Distinct values for the filter menus (tags and sources), read from their indexes. */
export async function distinctTags(db: FairsendDatabase, limit = 200): Promise<string[]> {
  const tags: string[] = [];
  let after = '';
  // Walk the tag index one tag at a time: a skip-scan, so 50 tags cost 50 tiny queries, not a full read.
  while (tags.length < limit) {
    const next = await db.lead_tags
      .findOne({
        selector: { tag: { $gt: after } },
        index: ['tag', 'rank'],
        sort: [{ tag: 'asc' }, { rank: 'asc' }],
      })
      .exec();
    if (!next) break;
    tags.push(next.tag);
    after = next.tag;
  }
  return tags;
}

export async function distinctSources(db: FairsendDatabase, limit = 100): Promise<string[]> {
  const sources: string[] = [];
  let after = '';
  while (sources.length < limit) {
    const next = await db.leads
      .findOne({
        selector: { source: { $gt: after } },
        index: ['source', 'rank'],
        sort: [{ source: 'asc' }, { rank: 'asc' }],
      })
      .exec();
    if (!next) break;
    sources.push(next.source);
    after = next.source;
  }
  return sources;
}
