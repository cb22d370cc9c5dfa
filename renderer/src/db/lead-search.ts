import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import { searchKey } from '../../../shared/leads/lead';
import type { FairsendDatabase } from './database';
import { idsInOrder } from './index-position';
import { type LeadQuery, planLeadQuery } from './lead-docs';
import type { LeadDoc } from './schemas/leads';

/** The fields a search walks, each through its own index. */
export type SearchField = 'nameKey' | 'lastNameKey' | 'companyKey' | 'id' | 'domainKey';

/** One prefix range of one index. */
export interface SearchRange {
  field: SearchField;
  prefix: string;
}

export const SEARCH_CAP = 1000;

/**
 * What the search box looks for, best kind of match first: the start of the first name or full name, of the
 * last name, of the company, of the address, of the address's domain. Text with an "@" is an address
 * ("emma@", "emma@acme"), or a domain when it starts with one ("@acme"); text with a space is a name or a
 * company. Names are folded (case, accents); addresses and domains are lower-cased, as the lead keys are.
 */
export function searchRanges(text: string): SearchRange[] {
  const typed = text.trim();
  if (!typed) return [];
  const address = typed.toLowerCase();
  if (address.includes('@')) {
    const domain = address.slice(1);
    if (!address.startsWith('@')) return [{ field: 'id', prefix: address }];
    return domain && !domain.includes('@') ? [{ field: 'domainKey', prefix: domain }] : [];
  }
  const key = searchKey(typed);
  const ranges: SearchRange[] = key
    ? [
        { field: 'nameKey', prefix: key },
        { field: 'lastNameKey', prefix: key },
        { field: 'companyKey', prefix: key },
      ]
    : [];
  if (!/\s/.test(address))
    ranges.push({ field: 'id', prefix: address }, { field: 'domainKey', prefix: address });
  return ranges;
}

const prefixOf = (p: string) => ({ $gte: p, $lt: `${p}\uffff` });

/**
 * The query of one range, in its index's order (the key, then newest first). The primary key is the normalised
 * address, so an address prefix is a key range; Dexie keeps a [_deleted+id] index for it, which the planner
 * only uses when named (else it walks the rank index: a full scan). The memory storage (unit tests) has none.
 */
function rangeQuery(
  db: FairsendDatabase,
  range: SearchRange,
  selector: MangoQuerySelector<LeadDoc>,
): MangoQuery<LeadDoc> {
  const where = { ...selector, [range.field]: prefixOf(range.prefix) };
  if (range.field === 'id') {
    return db.storage.name === 'dexie'
      ? { selector: where, index: ['id'], sort: [{ id: 'asc' }] }
      : { selector: where, sort: [{ id: 'asc' }] };
  }
  return {
    selector: where,
    index: [range.field, 'rank'],
    sort: [{ [range.field]: 'asc' }, { rank: 'asc' }],
  };
}

/** The ids of one range, up to `limit`: from the index alone when nothing else filters, else from the documents. */
async function rangeIds(
  db: FairsendDatabase,
  range: SearchRange,
  query: LeadQuery,
  limit: number,
): Promise<string[]> {
  const { selector } = planLeadQuery(query);
  const q = rangeQuery(db, range, selector);
  if (!query.tag) {
    const ids = await idsInOrder(db.leads, q, limit);
    if (ids) return ids;
  }
  const docs = await db.leads.find({ ...q, limit }).exec();
  // tags cannot be indexed: a tag narrows what the range found
  const kept = query.tag ? docs.filter((d) => d.tags.includes(query.tag ?? '')) : docs;
  return kept.map((d) => d.id);
}

export interface SearchResult {
  ids: string[];
  /** more matched than SEARCH_CAP: the rep should narrow the search */
  capped: boolean;
}

/**
 * Prefix search: each range read from its index (primary keys only, no document, when no other filter is
 * set), best kind of match first, each lead once, at most `cap`; `capped` says more matched. With a name or
 * company sort, the matches are read and sorted by it (at most SEARCH_CAP per range).
 *
 * With a smaller `cap` this is exactly the start of the whole answer: the first n leads of the joined ranges
 * come from the first n of each range (a range can repeat at most as many leads as came before it).
 */
export async function searchIds(
  db: FairsendDatabase,
  query: LeadQuery,
  cap = SEARCH_CAP,
): Promise<SearchResult> {
  const seen = new Set<string>();
  const ids: string[] = [];
  // One range at a time (IndexedDB serves them one after another anyway): once the answer holds more than
  // `cap`, the later ranges could only add leads past the cap, so they are not read. A common first-name
  // prefix ("mar") is then one read.
  for (const range of searchRanges(query.search ?? '')) {
    if (ids.length > cap) break;
    for (const id of await rangeIds(db, range, query, cap + 1)) {
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
  }
  const capped = ids.length > cap;
  const kept = ids.slice(0, cap);
  if (!sortsMatches(query)) return { ids: kept, capped };
  const field = query.sort === 'name' ? 'nameKey' : 'companyKey';
  const found = await db.leads.findByIds(kept).exec();
  const docs = kept.flatMap((id) => {
    const doc = found.get(id);
    return doc ? [doc] : [];
  });
  docs.sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.rank - b.rank));
  return { ids: docs.map((d) => d.id), capped };
}

/** A name or company sort reorders the whole answer, so no part of it can be shown before the rest. */
export function sortsMatches(query: LeadQuery): boolean {
  return query.sort === 'name' || query.sort === 'company';
}
