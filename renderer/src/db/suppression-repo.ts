import type { RendererAuditType } from '../../../shared/ipc/audit';
import { rankFor } from '../../../shared/leads/lead';
import type { FairsendDatabase } from './database';
import { classifyDncValue, type DncProblem, type DncValue, type SuppressionKind } from './dnc-csv';
import type { SuppressionDoc } from './schemas/compliance';

/** What a rep picks when adding by hand; 'erased' and 'imported' are set by those paths only. */
export const MANUAL_REASONS = ['manual', 'unsubscribed', 'bounced', 'complained'] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

/**
 * What the repo needs from main. `keys` computes HMACs under the team key (only main holds it); `record`
 * appends to main's audit chain. Both throw on failure, so nothing unaudited or unkeyed is written.
 */
export interface SuppressionDeps {
  keys(kind: SuppressionKind, values: string[]): Promise<string[]>;
  record(type: RendererAuditType, data: Record<string, string | number | boolean | string[]>): Promise<void>;
}

/** A problem the user can fix (bad value, missing reason); its message is shown as is. */
export class SuppressionInputError extends Error {
  override name = 'SuppressionInputError';
}

export interface ImportSummary {
  added: number;
  alreadyPresent: number;
  /** repeated within the file itself */
  duplicates: number;
  invalid: DncProblem[];
}

/** `suppression.keys` takes at most this many values per call. */
export const KEYS_PER_CALL = 10_000;
export const SEARCH_LIMIT = 200;

/**
 * The one place that writes the suppression list. Search is a prefix range on the indexed, lower-case
 * `value` (schema v1); the list walks the `rank` index newest first with keyset pages. Removal needs a
 * reason and is audited before the entry goes; main's index follows through suppression-sync.ts.
 */
export function createSuppressionRepo(db: FairsendDatabase, deps: SuppressionDeps) {
  const collection = db.suppression;
  let lastCreatedAt = 0;

  function nextCreatedAt(span = 1): number {
    const start = Math.max(Date.now(), lastCreatedAt + 1);
    lastCreatedAt = start + span - 1;
    return start;
  }

  /** Keys for many values of one kind, in calls of at most KEYS_PER_CALL. */
  async function keysFor(kind: SuppressionKind, values: string[]): Promise<string[]> {
    const keys: string[] = [];
    for (let i = 0; i < values.length; i += KEYS_PER_CALL) {
      const chunk = values.slice(i, i + KEYS_PER_CALL);
      const got = await deps.keys(kind, chunk);
      if (got.length !== chunk.length) throw new Error('Main returned the wrong number of suppression keys.');
      keys.push(...got);
    }
    return keys;
  }

  /** The entries with their keys, asked of main per kind in calls of at most KEYS_PER_CALL. */
  async function withKeys(entries: readonly DncValue[]): Promise<(DncValue & { id: string })[]> {
    const keyed: (DncValue & { id: string })[] = [];
    for (const kind of ['address', 'domain'] as const) {
      const ofKind = entries.filter((e) => e.kind === kind);
      const keys = await keysFor(
        kind,
        ofKind.map((e) => e.value),
      );
      ofKind.forEach((e, n) => {
        keyed.push({ ...e, id: keys[n] ?? '' });
      });
    }
    return keyed;
  }

  /** Inserts the entries not on the list yet (existing ones are left as they are); returns the new ones' keys. */
  async function insertNew(
    entries: readonly (DncValue & { id: string })[],
    reason: SuppressionDoc['reason'],
    note: string,
  ): Promise<string[]> {
    const added: string[] = [];
    for (let i = 0; i < entries.length; i += KEYS_PER_CALL) {
      const chunk = entries.slice(i, i + KEYS_PER_CALL);
      const existing = await collection.findByIds(chunk.map((e) => e.id)).exec();
      // One millisecond per thousand entries keeps every rank unique (keyset paging needs that).
      const now = nextCreatedAt(Math.ceil(chunk.length / 1000));
      const fresh = chunk
        .filter((e) => !existing.has(e.id))
        .map(
          (e, n): SuppressionDoc => ({
            id: e.id,
            kind: e.kind,
            value: e.value,
            reason,
            note,
            rank: rankFor(now + Math.floor(n / 1000), n),
            createdAt: now,
          }),
        );
      if (fresh.length) {
        const { error } = await collection.bulkInsert(fresh);
        if (error.length) throw new Error(`Could not store ${error.length} suppression entries.`);
      }
      added.push(...fresh.map((f) => f.id));
    }
    return added;
  }

  return {
    /** Adds one address or whole domain. `added: false` when it was already on the list. */
    async add(input: {
      kind: SuppressionKind;
      value: string;
      reason: ManualReason;
      note?: string;
    }): Promise<{ added: boolean; id: string }> {
      const classified = classifyDncValue(
        input.kind === 'domain' ? input.value.replace(/^.*@/, '') : input.value,
      );
      if ('error' in classified) throw new SuppressionInputError(classified.error);
      if (classified.kind !== input.kind)
        throw new SuppressionInputError(
          input.kind === 'address' ? 'Enter a full email address.' : 'Enter a domain like example.com.',
        );
      const note = (input.note ?? '').trim().slice(0, 500);
      const [entry] = await withKeys([{ row: 1, ...classified }]);
      if (!entry) throw new Error('No suppression key came back.');
      const added = (await insertNew([entry], input.reason, note)).length > 0;
      if (added)
        await deps.record('suppression.added', { keys: [entry.id], kind: entry.kind, reason: input.reason });
      return { added, id: entry.id };
    },

    /** Adds a parsed do-not-contact file; invalid rows come back with their row numbers. */
    async importValues(values: DncValue[], invalid: DncProblem[] = []): Promise<ImportSummary> {
      const seen = new Set<string>();
      const unique = values.filter((v) => {
        const k = `${v.kind}:${v.value}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      const added = (await insertNew(await withKeys(unique), 'imported', '')).length;
      const summary = {
        added,
        alreadyPresent: unique.length - added,
        duplicates: values.length - unique.length,
        invalid,
      };
      await deps.record('suppression.imported', {
        added,
        alreadyPresent: summary.alreadyPresent,
        invalidRows: invalid.length,
      });
      return summary;
    },

    /** Newest first, `limit` entries after the entry of rank `afterRank` (keyset paging). */
    async list({ limit = 500, afterRank }: { limit?: number; afterRank?: number } = {}) {
      const docs = await collection
        .find({
          selector: afterRank === undefined ? {} : { rank: { $gt: afterRank } },
          sort: [{ rank: 'asc' }],
          index: ['rank'],
          limit,
        })
        .exec();
      return docs.map((d) => d.toMutableJSON());
    },

    /** Entries whose value starts with `text` (case-insensitive), in value order, at most `limit`. */
    async search(text: string, limit = SEARCH_LIMIT): Promise<SuppressionDoc[]> {
      const prefix = text.trim().toLowerCase();
      if (!prefix) return this.list({ limit });
      const docs = await collection
        .find({
          selector: { value: { $gte: prefix, $lt: `${prefix}\uffff` } },
          sort: [{ value: 'asc' }],
          index: ['value'],
          limit,
        })
        .exec();
      return docs.map((d) => d.toMutableJSON());
    },

    count: () => collection.count().exec(),

    /**
     * Takes an entry off the list. Needs a reason, which is audited first: if the audit cannot be written,
     * the entry stays. An erased lead's entry cannot be removed (it is all that keeps them out).
     */
    async remove(id: string, reason: string): Promise<void> {
      const why = reason.trim();
      if (why.length < 3) throw new SuppressionInputError('Say why this entry is removed.');
      if (why.length > 200) throw new SuppressionInputError('Keep the reason under 200 characters.');
      if (why.includes('@'))
        throw new SuppressionInputError(
          'Leave email addresses out of the reason; it goes into the audit log.',
        );
      const doc = await collection.findOne(id).exec();
      if (!doc) throw new SuppressionInputError('This entry is no longer on the list.');
      if (doc.reason === 'erased')
        throw new SuppressionInputError(
          'This entry keeps an erased lead from being contacted again, so it cannot be removed.',
        );
      await deps.record('suppression.removed', {
        keys: [id],
        kind: doc.kind,
        addedFor: doc.reason,
        reason: why,
      });
      await doc.remove();
      // The tombstone holds the plaintext value: purge it now rather than after the usual month.
      await collection.cleanup(0);
    },

    /** Every entry, newest first, a chunk at a time (export; suppression-sync's full send). */
    async *chunks(size = 5000): AsyncGenerator<SuppressionDoc[]> {
      let afterRank: number | undefined;
      for (;;) {
        const page = await this.list({ limit: size, ...(afterRank === undefined ? {} : { afterRank }) });
        if (page.length) yield page;
        if (page.length < size) return;
        afterRank = page.at(-1)?.rank;
      }
    },
  };
}

export type SuppressionRepo = ReturnType<typeof createSuppressionRepo>;
