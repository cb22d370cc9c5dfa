import { checkEmail } from '../../../shared/leads/email';
import {
  createRankSlots,
  LEAD_LIMITS,
  type Lead,
  type LeadFields,
  rankFor,
  slotRank,
} from '../../../shared/leads/lead';
import type { FairsendDatabase } from './database';
import { removeDraftsOf } from './drafts-repo';
import { countStatuses, createLeadCounters } from './lead-counters';
import {
  type BatchOutcome,
  cleanTags,
  type DuplicateMode,
  type IncomingLead,
  type LeadChange,
  LeadWriteError,
  listKeysOf,
  mergeLead,
  type WriteWatcher,
  withDerived,
} from './lead-docs';
import { rekeyHistory } from './lead-history';
import type { LeadDoc } from './schemas/leads';

export {
  type BatchOutcome,
  cleanTags,
  type DuplicateMode,
  type IncomingLead,
  type LeadQuery,
  type LeadStats,
  LeadWriteError,
  mergeLead,
  planLeadQuery,
  type WriteWatcher,
  withDerived,
} from './lead-docs';

/** `suppression.keys` takes at most this many values per call. */
const KEYS_PER_CALL = 10_000;
const NOT_SUPPRESSED = { suppressed: 0, suppressedBy: '' } as const;
export type SuppressedBy = LeadDoc['suppressedBy'];
/** Bulk edits go in chunks so no single write holds the main thread long. */
const WRITE_CHUNK = 2_000;

/**
 * The one place that writes leads. Writes are serialised so the kept counters stay exact,
 * and every write tells the screens through `onChange`.
 */
export function createLeadsRepo(db: FairsendDatabase) {
  const leads = db.leads;
  const listeners = new Set<() => void>();
  const watchers = new Set<WriteWatcher>();
  let queue: Promise<unknown> = Promise.resolve();
  const counters = createLeadCounters(leads);
  const readStats = counters.read;
  const bumpStats = counters.bump;
  // Each write session (one import, one manual lead) ranks in its own second: unique ranks, file order kept.
  const nextSlot = createRankSlots();
  const importSlots = new Map<string, number>();

  /** Runs one write after the ones before it; `work` reports each lead it changed into `changes`. */
  function serial<T>(work: (changes: LeadChange[]) => Promise<T>): Promise<T> {
    const changes: LeadChange[] = [];
    let began = false;
    // The counters must exist before a write: a first recount after it would count that write twice.
    const run = queue.then(readStats).then(() => {
      began = true;
      for (const watcher of watchers) watcher.begin();
      return work(changes);
    });
    queue = run.catch(() => {});
    const told = run.then(
      (value) => {
        if (began) for (const watcher of watchers) watcher.end(changes);
        return value;
      },
      (error: unknown) => {
        // A failed write may have stored part of its work: nothing it touched can be trusted.
        if (began) for (const watcher of watchers) watcher.end('unknown');
        throw error;
      },
    );
    // The screens re-read either way.
    return told.finally(() => {
      for (const listener of listeners) listener();
    });
  }

  async function writeTags(docs: readonly Pick<LeadDoc, 'id' | 'tags' | 'rank'>[]): Promise<void> {
    const rows = docs.flatMap((d) =>
      d.tags.map((tag) => ({ id: `${tag}|${d.id}`, tag, leadId: d.id, rank: d.rank })),
    );
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

    /** Told around every write, with what it changed: kept list positions follow writes through it. */
    watchWrites(watcher: WriteWatcher): () => void {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },

    stats: readStats,
    recount: () => serial(counters.recount),

    /**
     * Stores one import chunk. Duplicates by normalised address are skipped or merged, as the user chose.
     * The insert goes first and the existing leads come back as its conflicts: RxDB reads every key of a write
     * anyway, so a lookup before it would read each key twice (it cost a third of the import's main thread).
     */
    importBatch(
      batch: readonly IncomingLead[],
      mode: DuplicateMode,
      source: string,
      /** where this batch sits in its import, so the whole file ranks in its own order */
      position?: { importId: string; offset: number },
    ): Promise<BatchOutcome> {
      return serial(async (changes) => {
        const now = Date.now();
        let slot = position ? importSlots.get(position.importId) : undefined;
        if (slot === undefined) {
          slot = nextSlot();
          if (position) importSlots.set(position.importId, slot);
        }
        const offset = position?.offset ?? 0;
        // Insertion-ordered; a file may list one address twice, and the second row is then a duplicate.
        const fresh = new Map<string, LeadDoc>();
        let skipped = 0;
        let mergedInBatch = 0;
        batch.forEach((lead, i) => {
          const earlier = fresh.get(lead.id);
          if (earlier) {
            if (mode === 'skip') skipped++;
            else {
              fresh.set(lead.id, mergeLead(earlier, lead, now));
              mergedInBatch++;
            }
            return;
          }
          fresh.set(lead.id, {
            ...lead,
            ...withDerived(lead),
            ...NOT_SUPPRESSED,
            status: 'new',
            source,
            rank: slotRank(slot, offset + i),
            createdAt: now,
            updatedAt: now,
          });
        });
        const { error } = fresh.size ? await leads.bulkInsert([...fresh.values()]) : { error: [] };
        const existing: LeadDoc[] = [];
        for (const e of error) {
          if (e.status !== 409 || !('documentInDb' in e)) {
            throw new Error(`Could not store ${error.length} leads (${e.status})`);
          }
          const { _meta, _rev, _attachments, _deleted, ...stored } = e.documentInDb;
          existing.push(stored as LeadDoc);
        }
        const inserted = fresh.size - existing.length;
        const merged =
          mode === 'merge'
            ? existing.map((old) => mergeLead(old, fresh.get(old.id) as IncomingLead, now))
            : [];
        if (merged.length) await leads.bulkUpsert(merged);
        if (mode === 'skip') skipped += existing.length;
        const stored = new Set(existing.map((d) => d.id));
        const added = [...fresh.values()].filter((d) => !stored.has(d.id));
        for (const d of added) changes.push({ before: null, after: listKeysOf(d) });
        existing.forEach((old, i) => {
          const updated = merged[i];
          if (updated) changes.push({ before: listKeysOf(old), after: listKeysOf(updated) });
        });
        const written = [...added, ...merged];
        await writeTags(written.filter((d) => d.tags.length));
        if (inserted) await bumpStats({ new: inserted });
        return { inserted, merged: merged.length + (mode === 'merge' ? mergedInBatch : 0), skipped };
      });
    },

    /** Adds one lead by hand ("New lead"). A second lead with the same address is refused, not merged. */
    create(fields: LeadFields, source = 'manual'): Promise<LeadDoc> {
      return serial(async (changes) => {
        const checked = checkEmail(fields.email);
        if (!checked.ok) throw new LeadWriteError(checked.message, 'email');
        if (await leads.findOne(checked.address).exec()) {
          throw new LeadWriteError(`A lead with the address ${checked.address} already exists.`, 'email');
        }
        const now = Date.now();
        const doc: LeadDoc = {
          ...withDerived({ ...fields, id: checked.address }),
          ...NOT_SUPPRESSED,
          email: fields.email.trim(),
          title: fields.title,
          timezone: fields.timezone,
          status: 'new',
          source,
          tags: cleanTags(fields.tags ?? []),
          custom: fields.custom ?? {},
          rank: slotRank(nextSlot()),
          createdAt: now,
          updatedAt: now,
        };
        await leads.insert(doc);
        changes.push({ before: null, after: listKeysOf(doc) });
        await writeTags([doc]);
        await bumpStats({ new: 1 });
        return doc;
      });
    },

    get: async (id: string): Promise<LeadDoc | null> =>
      (await leads.findOne(id).exec())?.toMutableJSON() ?? null,

    /** Many leads by id, in the order asked for (missing ones left out); export reads selections through it. */
    async getMany(ids: readonly string[]): Promise<LeadDoc[]> {
      const found = await leads.findByIds([...ids]).exec();
      return ids.flatMap((id) => {
        const doc = found.get(id);
        return doc ? [doc.toMutableJSON()] : [];
      });
    },

    /**
     * Edits one lead. Changing the address re-keys it (the key is the normalised address), keeping rank,
     * creation time, tags and its messages and enrollments.
     */
    update(
      id: string,
      patch: Partial<Omit<Lead, 'id' | 'rank' | 'createdAt' | 'updatedAt'>>,
    ): Promise<LeadDoc> {
      return serial(async (changes) => {
        const doc = await leads.findOne(id).exec();
        if (!doc) throw new LeadWriteError('This lead no longer exists.');
        const before = doc.toMutableJSON();
        const next: LeadDoc = { ...before, ...patch, updatedAt: Date.now() };
        if (patch.tags) next.tags = cleanTags(patch.tags);
        if (patch.email !== undefined) {
          const checked = checkEmail(patch.email);
          if (!checked.ok) throw new LeadWriteError(checked.message, 'email');
          next.id = checked.address;
          next.email = patch.email.trim();
        }
        // after the address: the domain key comes from the new key
        Object.assign(next, withDerived(next));
        if (next.id !== id) {
          // a new address: lead-suppression.ts checks it as it does any new lead
          Object.assign(next, NOT_SUPPRESSED);
          if (await leads.findOne(next.id).exec()) {
            throw new LeadWriteError(`Another lead already has the address ${next.id}.`, 'email');
          }
          await leads.insert(next);
          await doc.remove();
          await removeTags([id]);
          await rekeyHistory(db, id, next.id);
          await leads.cleanup(0); // the old key is an address: do not keep it in a tombstone
        } else {
          await doc.incrementalPatch(next);
        }
        changes.push({ before: listKeysOf(before), after: listKeysOf(next) });
        await writeTags([next]);
        const dropped = before.tags.filter((t) => !next.tags.includes(t));
        if (dropped.length && next.id === id) await db.lead_tags.bulkRemove(dropped.map((t) => `${t}|${id}`));
        if (before.status !== next.status) await bumpStats({ [before.status]: -1, [next.status]: 1 });
        return next;
      });
    },

    /**
     * Sets the suppression flag of the leads named (lead-suppression.ts decides it); only those that change
     * are written, and `updatedAt` stays: the rep changed nothing. Returns how many changed.
     */
    markSuppressed(states: ReadonlyMap<string, SuppressedBy>): Promise<number> {
      return serial(async (changes) => {
        const ids = [...states.keys()];
        let changed = 0;
        for (let i = 0; i < ids.length; i += WRITE_CHUNK) {
          const docs = [...(await leads.findByIds(ids.slice(i, i + WRITE_CHUNK)).exec()).values()];
          const updated = docs.flatMap((d) => {
            const by = states.get(d.id) ?? '';
            if (d.suppressedBy === by) return [];
            const before = d.toMutableJSON();
            const after = { ...before, suppressedBy: by, suppressed: by ? 1 : 0 };
            changes.push({ before: listKeysOf(before), after: listKeysOf(after) });
            return [after];
          });
          if (updated.length) await leads.bulkUpsert(updated);
          changed += updated.length;
        }
        return changed;
      });
    },

    /** Adds or removes tags on many leads at once. */
    retag(ids: readonly string[], change: { add?: string[]; remove?: string[] }): Promise<number> {
      return serial(async () => {
        const add = cleanTags(change.add ?? []);
        const remove = cleanTags(change.remove ?? []);
        let touched = 0;
        for (let i = 0; i < ids.length; i += WRITE_CHUNK) {
          const docs = [...(await leads.findByIds(ids.slice(i, i + WRITE_CHUNK)).exec()).values()];
          const now = Date.now();
          const updated = docs.map((d) => {
            const tags = new Set(d.tags);
            for (const t of add) tags.add(t);
            for (const t of remove) tags.delete(t);
            return { ...d.toMutableJSON(), tags: [...tags].slice(0, LEAD_LIMITS.tags), updatedAt: now };
          });
          await leads.bulkUpsert(updated);
          await writeTags(updated);
          const removed = docs.flatMap((d) => remove.map((t) => `${t}|${d.id}`));
          if (removed.length) await db.lead_tags.bulkRemove(removed);
          touched += updated.length;
        }
        return touched;
      });
    },

    /** Deletes leads (they may be re-imported later). */
    remove(ids: readonly string[]): Promise<number> {
      return serial(async (changes) => {
        let removed = 0;
        for (let i = 0; i < ids.length; i += WRITE_CHUNK) {
          const docs = [...(await leads.findByIds(ids.slice(i, i + WRITE_CHUNK)).exec()).values()];
          await leads.bulkRemove(docs.map((d) => d.id));
          for (const d of docs) changes.push({ before: listKeysOf(d), after: null });
          await removeTags(docs.map((d) => d.id));
          await removeDraftsOf(
            db,
            docs.map((d) => d.id),
          );
          await bumpStats(countStatuses(docs, -1));
          removed += docs.length;
        }
        return removed;
      });
    },

    /**
     * Right to erasure (GDPR art. 17): the lead, its tags, enrollments and messages are removed and purged
     * (no tombstone keeps the address); only a suppression entry keyed by the address's HMAC stays, with no
     * plaintext, so the person is never contacted again. `suppressionKeys` comes from main (it holds the team key).
     */
    erase(
      ids: readonly string[],
      suppressionKeys: (addresses: string[]) => Promise<string[]>,
    ): Promise<number> {
      return serial(async (changes) => {
        let erased = 0;
        for (let i = 0; i < ids.length; i += KEYS_PER_CALL) {
          const docs = [...(await leads.findByIds(ids.slice(i, i + KEYS_PER_CALL)).exec()).values()];
          if (!docs.length) continue;
          const leadIds = docs.map((d) => d.id);
          // Keys first: if main cannot make them, nothing is deleted and the person stays reachable by no one.
          const keys = await suppressionKeys(leadIds);
          if (keys.length !== leadIds.length) throw new Error('Could not compute the suppression keys.');
          const now = Date.now();
          await db.suppression.bulkUpsert(
            keys.map((key, n) => ({
              id: key,
              kind: 'address' as const,
              value: '',
              reason: 'erased' as const,
              note: '',
              rank: rankFor(now, n),
              createdAt: now,
            })),
          );
          const [messages, enrollments] = await Promise.all([
            db.messages.find({ selector: { leadId: { $in: leadIds } } }).exec(),
            db.enrollments.find({ selector: { leadId: { $in: leadIds } } }).exec(),
          ]);
          await db.messages.bulkRemove(messages.map((m) => m.id));
          await db.enrollments.bulkRemove(enrollments.map((e) => e.id));
          await removeTags(leadIds);
          await removeDraftsOf(db, leadIds, true);
          await leads.bulkRemove(leadIds);
          for (const d of docs) changes.push({ before: listKeysOf(d), after: null });
          await bumpStats(countStatuses(docs, -1));
          erased += docs.length;
        }
        // Purge the tombstones now rather than after the usual month: they still hold the address.
        await Promise.all([
          leads.cleanup(0),
          db.messages.cleanup(0),
          db.enrollments.cleanup(0),
          db.lead_tags.cleanup(0),
        ]);
        return erased;
      });
    },
  };
}

export type LeadsRepo = ReturnType<typeof createLeadsRepo>;
