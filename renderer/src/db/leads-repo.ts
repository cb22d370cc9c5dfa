import type { MangoQuerySelector, RxDocument } from 'rxdb';
import { LEAD_STATUSES, type Lead, type LeadStatus, nameKeyOf, rankFor, searchKey } from '../../../shared/leads/lead';
import type { FairsendDatabase } from './database';
import type { LeadDoc } from './schemas/leads';

/** What the leads screen filters by. Every field is optional; '' means "any". */
export interface LeadQuery {
  search?: string;
  status?: LeadStatus | '';
  tag?: string;
  company?: string;
  source?: string;
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

const STATS_DOC = 'stats';
const emptyByStatus = (): Record<LeadStatus, number> =>
  Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;

/** Derived fields, recomputed whenever the fields they come from change. */
export function withDerived<T extends Pick<Lead, 'firstName' | 'lastName' | 'company'>>(lead: T) {
  return { ...lead, nameKey: nameKeyOf(lead.firstName, lead.lastName), companyKey: searchKey(lead.company) };
}

/** Non-empty incoming values win; tags are united; custom fields are merged. */
export function mergeLead(existing: LeadDoc, incoming: IncomingLead, now: number): LeadDoc {
  const pick = (a: string, b: string) => (b.trim() ? b : a);
  return {
    ...existing,
    ...withDerived({
      firstName: pick(existing.firstName, incoming.firstName),
      lastName: pick(existing.lastName, incoming.lastName),
      company: pick(existing.company, incoming.company),
    }),
    email: existing.email,
    title: pick(existing.title, incoming.title),
    timezone: pick(existing.timezone, incoming.timezone),
    tags: [...new Set([...existing.tags, ...incoming.tags])].slice(0, 20),
    custom: { ...existing.custom, ...Object.fromEntries(Object.entries(incoming.custom).filter(([, v]) => v.trim())) },
    updatedAt: now,
  };
}

/**
 * The one place that writes leads. Writes are serialised so the kept counters stay exact,
 * and every write tells the screens through `onChange`.
 */
export function createLeadsRepo(db: FairsendDatabase) {
  const leads = db.leads;
  const listeners = new Set<() => void>();
  let queue: Promise<unknown> = Promise.resolve();
  let lastCreatedAt = 0;

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run.then((value) => {
      for (const listener of listeners) listener();
      return value;
    });
  }

  /** A creation time strictly after the last one, so ranks never collide across batches. */
  function nextCreatedAt(): number {
    lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
    return lastCreatedAt;
  }

  async function readStats(): Promise<LeadStats> {
    const doc = await leads.getLocal<LeadStats>(STATS_DOC);
    if (doc) return doc.toJSON().data as LeadStats;
    return recount();
  }

  /** Counts every status through its index; used once when no counters exist yet, or to repair them. */
  async function recount(): Promise<LeadStats> {
    const byStatus = emptyByStatus();
    for (const status of LEAD_STATUSES) byStatus[status] = await leads.count({ selector: { status } }).exec();
    const stats = { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
    await leads.upsertLocal(STATS_DOC, stats);
    return stats;
  }

  async function bumpStats(delta: Partial<Record<LeadStatus, number>>): Promise<void> {
    const stats = await readStats();
    for (const [status, n] of Object.entries(delta) as [LeadStatus, number][]) {
      stats.byStatus[status] = Math.max(0, stats.byStatus[status] + n);
      stats.total = Math.max(0, stats.total + n);
    }
    await leads.upsertLocal(STATS_DOC, stats);
  }

  async function writeTags(docs: readonly Pick<LeadDoc, 'id' | 'tags' | 'rank'>[]): Promise<void> {
    const rows = docs.flatMap((d) => d.tags.map((tag) => ({ id: `${tag}|${d.id}`, tag, leadId: d.id, rank: d.rank })));
    if (rows.length) await db.lead_tags.bulkUpsert(rows);
  }

  async function removeTags(leadIds: readonly string[]): Promise<void> {
    const rows = await db.lead_tags.find({ selector: { leadId: { $in: [...leadIds] } } }).exec();
    if (rows.length) await db.lead_tags.bulkRemove(rows.map((r) => r.id));
  }

  return {
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    stats: readStats,
    recount: () => serial(recount),

    /** Stores one import chunk. Duplicates by normalised address are skipped or merged, as the user chose. */
    importBatch(batch: readonly IncomingLead[], mode: DuplicateMode, source: string): Promise<BatchOutcome> {
      return serial(async () => {
        const existing = await leads.findByIds(batch.map((l) => l.id)).exec();
        const now = nextCreatedAt();
        const fresh: LeadDoc[] = [];
        const merged: LeadDoc[] = [];
        let skipped = 0;
        batch.forEach((lead, i) => {
          const old = existing.get(lead.id);
          if (old) {
            if (mode === 'merge') merged.push(mergeLead(old.toMutableJSON(), lead, now));
            else skipped++;
            return;
          }
          fresh.push({
            ...lead,
            ...withDerived(lead),
            status: 'new',
            source,
            rank: rankFor(now, i),
            createdAt: now,
            updatedAt: now,
          });
        });
        if (fresh.length) {
          const { error } = await leads.bulkInsert(fresh);
          if (error.length) throw new Error(`Could not store ${error.length} leads (${error[0]?.status ?? 'error'})`);
        }
        if (merged.length) await leads.bulkUpsert(merged);
        await writeTags([...fresh, ...merged].filter((d) => d.tags.length));
        if (fresh.length) await bumpStats({ new: fresh.length });
        return { inserted: fresh.length, merged: merged.length, skipped };
      });
    },

    get: async (id: string) => (await leads.findOne(id).exec())?.toJSON() ?? null,

    /** Edits one lead. Changing the address re-keys it (the key is the address), keeping rank and history. */
    update(id: string, patch: Partial<Omit<Lead, 'id' | 'rank' | 'createdAt' | 'updatedAt'>> & { id?: string }) {
      return serial(async () => {
        const doc = await leads.findOne(id).exec();
        if (!doc) throw new Error('This lead no longer exists.');
        const before = doc.toMutableJSON();
        const next: LeadDoc = { ...before, ...patch, updatedAt: Date.now() } as LeadDoc;
        Object.assign(next, withDerived(next));
        if (patch.id && patch.id !== id) {
          if (await leads.findOne(patch.id).exec()) throw new Error('Another lead already has this address.');
          await leads.insert(next);
          await doc.remove();
          await removeTags([id]);
        } else {
          await doc.incrementalPatch(next);
        }
        await writeTags([next]);
        const dropped = before.tags.filter((t) => !next.tags.includes(t));
        if (dropped.length) await db.lead_tags.bulkRemove(dropped.map((t) => `${t}|${next.id}`));
        if (before.status !== next.status) await bumpStats({ [before.status]: -1, [next.status]: 1 });
        return next;
      });
    },

    /** Adds or removes tags on many leads at once. */
    retag(ids: readonly string[], change: { add?: string[]; remove?: string[] }) {
      return serial(async () => {
        const docs = [...(await leads.findByIds([...ids]).exec()).values()];
        const now = Date.now();
        const updated = docs.map((d) => {
          const tags = new Set(d.tags);
          for (const t of change.add ?? []) tags.add(t);
          for (const t of change.remove ?? []) tags.delete(t);
          return { ...d.toMutableJSON(), tags: [...tags].slice(0, 20), updatedAt: now };
        });
        await leads.bulkUpsert(updated);
        await writeTags(updated);
        const removed = docs.flatMap((d) => (change.remove ?? []).map((t) => `${t}|${d.id}`));
        if (removed.length) await db.lead_tags.bulkRemove(removed);
        return updated.length;
      });
    },

    /** Deletes leads (they may be re-imported later). */
    remove(ids: readonly string[]) {
      return serial(async () => {
        const docs = [...(await leads.findByIds([...ids]).exec()).values()];
        await leads.bulkRemove(docs.map((d) => d.id));
        await removeTags(docs.map((d) => d.id));
        await bumpStats(countStatuses(docs, -1));
        return docs.length;
      });
    },

    /**
     * Right to erasure (GDPR art. 17): the lead, its tags, enrollments and messages are removed and purged
     * (no tombstone keeps the address); only a suppression entry keyed by the address's HMAC stays, with no
     * plaintext, so the person is never contacted again. `suppressionKeys` comes from main (it holds the team key).
     */
    erase(ids: readonly string[], suppressionKeys: (addresses: string[]) => Promise<string[]>) {
      return serial(async () => {
        const docs = [...(await leads.findByIds([...ids]).exec()).values()];
        if (!docs.length) return 0;
        const keys = await suppressionKeys(docs.map((d) => d.id));
        const now = Date.now();
        await db.suppression.bulkUpsert(
          keys.map((id, i) => ({
            id,
            kind: 'address' as const,
            value: '',
            reason: 'erased' as const,
            note: '',
            rank: rankFor(now, i),
            createdAt: now,
          })),
        );
        const leadIds = docs.map((d) => d.id);
        const [messages, enrollments] = await Promise.all([
          db.messages.find({ selector: { leadId: { $in: leadIds } } }).exec(),
          db.enrollments.find({ selector: { leadId: { $in: leadIds } } }).exec(),
        ]);
        await db.messages.bulkRemove(messages.map((m) => m.id));
        await db.enrollments.bulkRemove(enrollments.map((e) => e.id));
        await removeTags(leadIds);
        await leads.bulkRemove(leadIds);
        await bumpStats(countStatuses(docs, -1));
        // Purge the tombstones now rather than after the usual month: they still hold the address.
        await Promise.all([leads.cleanup(0), db.messages.cleanup(0), db.enrollments.cleanup(0), db.lead_tags.cleanup(0)]);
        return docs.length;
      });
    },
  };
}

function countStatuses(docs: readonly RxDocument<LeadDoc>[], sign: 1 | -1) {
  const delta: Partial<Record<LeadStatus, number>> = {};
  for (const d of docs) delta[d.status] = (delta[d.status] ?? 0) + sign;
  return delta;
}

export type LeadsRepo = ReturnType<typeof createLeadsRepo>;

/** The selector and index for the equality filters (status, company, source); search and tag are handled apart. */
export function planLeadQuery(q: LeadQuery): { selector: MangoQuerySelector<LeadDoc>; index: string[] } {
  const selector: MangoQuerySelector<LeadDoc> = {};
  if (q.status) selector.status = q.status;
  if (q.company) selector.companyKey = searchKey(q.company);
  if (q.source) selector.source = q.source;
  // The most selective equality leads; the rest are checked while walking its range.
  const index = q.company ? ['companyKey', 'rank'] : q.source ? ['source', 'rank'] : q.status ? ['status', 'rank'] : ['rank'];
  return { selector, index };
}
