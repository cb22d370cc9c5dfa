import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { searchKey } from '../../../shared/leads/lead';
import type { FairsendDatabase } from './database';
import { idAtPosition } from './index-position';
import type { LeadSort } from './lead-docs';
import { type LeadQuery, type LeadsRepo, planLeadQuery } from './leads-repo';
import type { LeadDoc } from './schemas/leads';

/** Where a keyset page starts: after this row in the list's order. */
interface Cursor {
  key: string;
  rank: number;
}

type CursorFields = Pick<LeadDoc, 'rank' | 'nameKey' | 'companyKey'>;

/**
 * One list order, served by an index. Newest first walks `rank`; name and company walk `[field, rank]` and a
 * page after (key, rank) is two index ranges: the rest of that key (rank > r), then every later key. `skip`
 * applies to the combined stream (a near jump); `cursorAt` answers far jumps from the index alone.
 */
function ordering(
  db: FairsendDatabase,
  sort: LeadSort,
  selector: MangoQuerySelector<LeadDoc>,
  filterIndex: string[],
) {
  /** The cursor of the row at `position` in the whole list, or undefined when only a skip can find it. */
  async function cursorAt(
    whole: MangoQuery<LeadDoc>,
    cursorOf: (d: CursorFields) => Cursor,
    position: number,
    total: number,
  ): Promise<Cursor | undefined> {
    const id = await idAtPosition(db.leads, whole, position, total);
    if (!id) return undefined;
    const doc = await db.leads.findOne(id).exec();
    return doc ? cursorOf(doc) : undefined;
  }
  if (sort === 'newest') {
    const cursorOf = (d: CursorFields): Cursor => ({ key: '', rank: d.rank });
    return {
      cursorOf,
      cursorAt: (position: number, total: number) =>
        cursorAt({ selector, index: filterIndex, sort: [{ rank: 'asc' }] }, cursorOf, position, total),
      async fetch(after: Cursor | undefined, skip: number, limit: number): Promise<LeadDoc[]> {
        const docs = await db.leads
          .find({
            selector: after === undefined ? selector : { ...selector, rank: { $gt: after.rank } },
            index: filterIndex,
            sort: [{ rank: 'asc' }],
            skip,
            limit,
          })
          .exec();
        return docs.map((d) => d.toMutableJSON());
      },
    };
  }
  const field = sort === 'name' ? 'nameKey' : 'companyKey';
  const index = [field, 'rank'];
  const sortBy = [{ [field]: 'asc' as const }, { rank: 'asc' as const }];
  const find = async (where: MangoQuerySelector<LeadDoc>, skip: number, limit: number) =>
    limit <= 0
      ? []
      : (
          await db.leads
            .find({ selector: { ...selector, ...where }, index, sort: sortBy, skip, limit })
            .exec()
        ).map((d) => d.toMutableJSON());
  const cursorOf = (d: CursorFields): Cursor => ({ key: d[field], rank: d.rank });
  return {
    cursorOf,
    cursorAt: (position: number, total: number) =>
      cursorAt({ selector, index, sort: sortBy }, cursorOf, position, total),
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
  /** a cached row, or undefined while it loads */
  peek(index: number): LeadDoc | undefined;
  /** loads the rows of [start, end) into the cache */
  load(start: number, end: number): Promise<void>;
  /** the ids of every row, for "select all"; walks the list in pages */
  allIds(): Promise<string[]>;
  /** every row in list order, a chunk at a time, for export (the caller yields between chunks) */
  chunks(size: number): AsyncGenerator<LeadDoc[]>;
}

export const PAGE_SIZE = 100;
export const SEARCH_CAP = 1000;
export const TAG_CAP = 50_000;
/** ~5,000 rows stay in memory; scrolled-away pages are dropped and re-read by key when they come back. */
const MAX_CACHED_PAGES = 50;
/**
 * Farther than this past a known page, a page is found by position in the index (a key cursor's `advance`,
 * no document read: ~430 ms at row 50,000 of 100k, the worst case, ~5 ms at the end) rather than by `skip`
 * (reads every skipped document: ~1.6 s at 50,000, ~2.7 s at the end; bench `leads.list.jump_ms`).
 * An anchor map built by walking the list in keyset chunks was the alternative; it reads every document up
 * to the jump too, so a first far jump on each new list (one after every write) would still take seconds.
 */
const FAR_SKIP = 1000;

let warned = false;
/** The index lookup failed (RxDB changed under it): jumps still work, through `skip`, only slower. */
function warnOnce(error: unknown): void {
  if (warned) return;
  warned = true;
  console.warn('lead list: far jumps fall back to skip', error);
}

export async function openLeadList(
  db: FairsendDatabase,
  repo: LeadsRepo,
  query: LeadQuery,
): Promise<LeadList> {
  if (query.search?.trim()) return idList(db, await searchIds(db, query));
  if (query.tag) return idList(db, await tagIds(db, query));
  return indexedList(db, repo, query);
}

async function indexedList(db: FairsendDatabase, repo: LeadsRepo, query: LeadQuery): Promise<LeadList> {
  const { selector, index } = planLeadQuery(query);
  const onlyStatus = !query.company && !query.source;
  const stats = onlyStatus ? await repo.stats() : null;
  const total = stats
    ? query.status
      ? stats.byStatus[query.status]
      : stats.total
    : await db.leads.count({ selector, index }).exec();
  const order = ordering(db, query.sort ?? 'newest', selector, index);
  const pages = new Map<number, LeadDoc[]>();
  // Where every page ever read ends: evicted pages stay cheap to re-read, and far pages start from the nearest.
  const lastRanks = new Map<number, Cursor>();
  const inflight = new Map<number, Promise<void>>();

  function keep(page: number, docs: LeadDoc[]): void {
    pages.set(page, docs);
    const last = docs.at(-1);
    if (last) lastRanks.set(page, order.cursorOf(last));
    if (pages.size <= MAX_CACHED_PAGES) return;
    let farthest = page;
    for (const p of pages.keys()) if (Math.abs(p - page) > Math.abs(farthest - page)) farthest = p;
    pages.delete(farthest);
  }

  /** Where page `page` starts: after the nearest known page end, or after the row the index says is just before it. */
  async function startOf(page: number): Promise<{ after: Cursor | undefined; skip: number }> {
    let anchor = -1;
    for (const known of lastRanks.keys()) if (known < page && known > anchor) anchor = known;
    const skip = (page - anchor - 1) * PAGE_SIZE;
    if (skip < FAR_SKIP) return { after: anchor >= 0 ? lastRanks.get(anchor) : undefined, skip };
    try {
      const before = await order.cursorAt(page * PAGE_SIZE - 1, total);
      if (before) {
        lastRanks.set(page - 1, before);
        return { after: before, skip: 0 };
      }
    } catch (error) {
      warnOnce(error);
    }
    return { after: anchor >= 0 ? lastRanks.get(anchor) : undefined, skip };
  }

  function fetchPage(page: number): Promise<void> {
    const running = inflight.get(page);
    if (running) return running;
    const work = startOf(page)
      .then(({ after, skip }) => order.fetch(after, skip, PAGE_SIZE))
      .then((docs) => keep(page, docs))
      .finally(() => inflight.delete(page));
    inflight.set(page, work);
    return work;
  }

  return {
    total,
    capped: false,
    peek: (i) => pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
    async load(start, end) {
      const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, Math.min(end, total) - 1) / PAGE_SIZE);
      // In order, so each page anchors on the one before it.
      for (let p = first; p <= last; p++) if (!pages.has(p)) await fetchPage(p);
    },
    async allIds() {
      const ids: string[] = [];
      for await (const docs of walk(2000)) for (const d of docs) ids.push(d.id);
      return ids;
    },
    chunks: walk,
  };

  /** Keyset walk over the whole filter, in the list's order: each chunk starts after the last row seen. */
  async function* walk(size: number): AsyncGenerator<LeadDoc[]> {
    let after: Cursor | undefined;
    for (;;) {
      const docs = await order.fetch(after, 0, size);
      if (docs.length) yield docs;
      const last = docs.at(-1);
      if (docs.length < size || !last) return;
      after = order.cursorOf(last);
    }
  }
}

interface IdResult {
  ids: string[];
  capped: boolean;
}

function idList(db: FairsendDatabase, { ids, capped }: IdResult): LeadList {
  const rows = new Map<string, LeadDoc>();
  return {
    total: ids.length,
    capped,
    peek: (i) => {
      const id = ids[i];
      return id === undefined ? undefined : rows.get(id);
    },
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

/**
 * The primary key is the normalised address, so an address prefix is a key range. Dexie keeps a [_deleted+id]
 * index for it, which the planner only uses when named (else it walks the rank index: a full scan, ~3 s at 100k).
 * The memory storage (unit tests) has no such index.
 */
function primaryKeyRange(db: FairsendDatabase): { index?: string[]; sort?: [{ id: 'asc' }] } {
  return db.storage.name === 'dexie' ? { index: ['id'], sort: [{ id: 'asc' }] } : {};
}

/** Prefix search over the name, the company and the address, each through its own index. */
async function searchIds(db: FairsendDatabase, query: LeadQuery): Promise<IdResult> {
  const { selector } = planLeadQuery(query);
  const text = query.search?.trim() ?? '';
  const key = searchKey(text);
  const address = text.toLowerCase();
  const prefix = (p: string) => ({ $gte: p, $lt: `${p}\uffff` });
  const runs = await Promise.all([
    key
      ? db.leads
          .find({
            selector: { ...selector, nameKey: prefix(key) },
            index: ['nameKey', 'rank'],
            sort: [{ nameKey: 'asc' }, { rank: 'asc' }],
            limit: SEARCH_CAP,
          })
          .exec()
      : [],
    key
      ? db.leads
          .find({
            selector: { ...selector, companyKey: prefix(key) },
            index: ['companyKey', 'rank'],
            sort: [{ companyKey: 'asc' }, { rank: 'asc' }],
            limit: SEARCH_CAP,
          })
          .exec()
      : [],
    db.leads
      .find({ selector: { ...selector, id: prefix(address) }, ...primaryKeyRange(db), limit: SEARCH_CAP })
      .exec(),
  ]);
  const byId = new Map<string, LeadDoc>();
  for (const docs of runs) for (const d of docs) byId.set(d.id, d);
  let hits = [...byId.values()];
  if (query.tag) hits = hits.filter((d) => d.tags.includes(query.tag ?? ''));
  const field = query.sort === 'name' ? 'nameKey' : query.sort === 'company' ? 'companyKey' : null;
  hits.sort((a, b) => (field ? a[field].localeCompare(b[field]) : 0) || a.rank - b.rank);
  const capped = runs.some((r) => r.length === SEARCH_CAP) || hits.length > SEARCH_CAP;
  return { ids: hits.slice(0, SEARCH_CAP).map((d) => d.id), capped };
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
