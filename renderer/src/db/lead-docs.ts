import type { MangoQuerySelector } from 'rxdb';
import {
  domainKeyOf,
  LEAD_LIMITS,
  type Lead,
  type LeadStatus,
  nameKeyOf,
  normalizeTag,
  searchKey,
} from '../../../shared/leads/lead';
import type { LeadDoc } from './schemas/leads';

// The leads repository's vocabulary and its pure helpers: types, derived fields, merging, query plans.

/** What the leads screen filters by. Every field is optional; '' means "any". */
/** List orders the indexes serve (RxDB's Dexie storage walks indexes ascending only). */
export type LeadSort = 'newest' | 'name' | 'company';

export interface LeadQuery {
  /** default newest first; search results and tag lists follow it too, tag lists excepted */
  sort?: LeadSort;
  search?: string;
  status?: LeadStatus | '';
  tag?: string;
  company?: string;
  source?: string;
  /** 'only': the leads whose address or domain is on the suppression list */
  suppressed?: '' | 'only';
}

/** A lead as the import hands it over: fields checked and normalised, nothing derived yet. */
export type IncomingLead = Pick<
  Lead,
  'id' | 'email' | 'firstName' | 'lastName' | 'company' | 'title' | 'timezone' | 'tags' | 'custom'
>;

export type DuplicateMode = 'skip' | 'merge';

export interface BatchOutcome {
  inserted: number;
  merged: number;
  skipped: number;
}

export interface LeadStats {
  total: number;
  byStatus: Record<LeadStatus, number>;
}

/** The fields the indexed lists order and filter by: what a write must report for kept list positions. */
export type ListKeys = Pick<LeadDoc, 'rank' | 'status' | 'companyKey' | 'source' | 'nameKey' | 'suppressed'>;

/** One lead as one write changed it, for the indexed lists: null where it did not exist. */
export interface LeadChange {
  before: ListKeys | null;
  after: ListKeys | null;
}

/** Told before each write of the leads repository and after it ('unknown': it failed part-way). */
export interface WriteWatcher {
  begin(): void;
  end(changes: readonly LeadChange[] | 'unknown'): void;
}

export function listKeysOf(doc: ListKeys): ListKeys {
  return {
    rank: doc.rank,
    status: doc.status,
    companyKey: doc.companyKey,
    source: doc.source,
    nameKey: doc.nameKey,
    suppressed: doc.suppressed,
  };
}

/** A write the user can fix (duplicate address, invalid value); its message is shown as is. */
export class LeadWriteError extends Error {
  override name = 'LeadWriteError';
  constructor(
    message: string,
    /** the form field the message belongs to */
    readonly field?: 'email',
  ) {
    super(message);
  }
}

/** Derived fields (the search and sort keys), recomputed whenever the fields they come from change. */
export function withDerived<T extends Pick<Lead, 'id' | 'firstName' | 'lastName' | 'company'>>(lead: T) {
  return {
    ...lead,
    nameKey: nameKeyOf(lead.firstName, lead.lastName),
    lastNameKey: searchKey(lead.lastName),
    companyKey: searchKey(lead.company),
    domainKey: domainKeyOf(lead.id),
  };
}

/** Non-empty incoming values win; tags are united; custom fields are merged. */
export function mergeLead(existing: LeadDoc, incoming: IncomingLead, now: number): LeadDoc {
  const pick = (a: string, b: string) => (b.trim() ? b : a);
  return {
    ...existing,
    ...withDerived({
      id: existing.id,
      firstName: pick(existing.firstName, incoming.firstName),
      lastName: pick(existing.lastName, incoming.lastName),
      company: pick(existing.company, incoming.company),
    }),
    email: existing.email,
    title: pick(existing.title, incoming.title),
    timezone: pick(existing.timezone, incoming.timezone),
    tags: [...new Set([...existing.tags, ...incoming.tags])].slice(0, LEAD_LIMITS.tags),
    custom: {
      ...existing.custom,
      ...Object.fromEntries(Object.entries(incoming.custom).filter(([, v]) => v.trim())),
    },
    updatedAt: now,
  };
}

/** Normalised, de-duplicated, at most LEAD_LIMITS.tags. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag).filter(Boolean))].slice(0, LEAD_LIMITS.tags);
}

/**
 * The selector and index for the equality filters (suppressed, status, company, source); search and tag are
 * handled apart.
 */
export function planLeadQuery(q: LeadQuery): { selector: MangoQuerySelector<LeadDoc>; index: string[] } {
  const selector: MangoQuerySelector<LeadDoc> = {};
  if (q.suppressed === 'only') selector.suppressed = 1;
  if (q.status) selector.status = q.status;
  if (q.company) selector.companyKey = searchKey(q.company);
  if (q.source) selector.source = q.source;
  // The most selective equality leads (suppressed leads are few); the rest are checked while walking its range.
  const index =
    q.suppressed === 'only'
      ? ['suppressed', 'rank']
      : q.company
        ? ['companyKey', 'rank']
        : q.source
          ? ['source', 'rank']
          : q.status
            ? ['status', 'rank']
            : ['rank'];
  return { selector, index };
}
