/**
 * The lead record as every process sees it, and the small derivations the leads screen indexes on.
 */

export const LEAD_STATUSES = ['new', 'contacted', 'replied', 'bounced', 'opted-out'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  replied: 'Replied',
  bounced: 'Bounced',
  'opted-out': 'Opted out',
};

export const LEAD_LIMITS = {
  /** first/last name, company, title */
  field: 256,
  /** one custom field's value: long enough for notes and icebreakers */
  customValue: 10_000,
  customFields: 50,
  customKey: 64,
  tags: 20,
  tag: 48,
} as const;

export interface Lead {
  /** the normalised address: the dedupe and suppression key */
  id: string;
  /** the address as the rep typed or imported it */
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  /** IANA time zone, or '' when unknown (the send window then uses the mailbox's zone) */
  timezone: string;
  status: LeadStatus;
  /** where the lead came from: "import: file.csv (2026-11-26)", "manual" */
  source: string;
  companyKey: string;
  /** folded "first last": the name search and the name sort */
  nameKey: string;
  /** folded last name: the last-name search */
  lastNameKey: string;
  /** the address's domain (lower case, IDNA ASCII): the domain search */
  domainKey: string;
  tags: string[];
  custom: Record<string, string>;
  rank: number;
  createdAt: number;
  updatedAt: number;
}

/** The editable part of a lead; everything else is derived. */
export type LeadFields = Pick<Lead, 'email' | 'firstName' | 'lastName' | 'company' | 'title' | 'timezone'> & {
  tags?: string[];
  custom?: Record<string, string>;
};

const RANK_CEILING = 9_000_000_000_000_000;

/**
 * An ascending key for newest-first lists (RxDB's Dexie storage sorts ascending only), at millisecond
 * resolution: `seq` orders up to 1,000 items written in the same millisecond, in the writer's order.
 * Messages and suppression entries rank this way.
 */
export function rankFor(createdAt: number, seq = 0): number {
  return RANK_CEILING - (createdAt * 1000 + (999 - (seq % 1000)));
}

/** Rows one write session can rank within its second: 2,097,152. */
const ROWS_PER_SLOT = 2 ** 21;

/**
 * The leads' rank: one write session (an import, a lead added by hand) takes a whole second from
 * `createRankSlots` and ranks its rows by `seq` inside it, so a 100,000-row file keeps its order and no two
 * leads ever share a rank (keyset paging depends on that). Whole seconds times 2^21 stay a safe integer
 * until 2106 and never exceed rankFor's ceiling.
 */
export function slotRank(slotMs: number, seq = 0): number {
  const slot = Math.floor(slotMs / 1000);
  return RANK_CEILING - (slot * ROWS_PER_SLOT + (ROWS_PER_SLOT - 1 - (seq % ROWS_PER_SLOT)));
}

/** Hands out a distinct second (as epoch ms) per write session, never earlier than the clock. */
export function createRankSlots(now: () => number = Date.now): () => number {
  let last = 0;
  return () => {
    last = Math.max(Math.floor(now() / 1000), last + 1);
    return last * 1000;
  };
}

/** Case- and accent-folded prefix used for search; short, because only prefixes are searched. */
export function searchKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 48);
}

export function nameKeyOf(firstName: string, lastName: string): string {
  return searchKey(`${firstName} ${lastName}`);
}

/** The domain of a normalised address (a lead's key): what a search for "acme.com" walks. */
export function domainKeyOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export function normalizeTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, LEAD_LIMITS.tag);
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
