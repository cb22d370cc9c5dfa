import { domainKeyOf } from '../../../shared/leads/lead';
import type { FairsendDatabase } from './database';
import type { SuppressionKind } from './dnc-csv';
import type { LeadsRepo, SuppressedBy } from './leads-repo';
import type { SuppressionDoc } from './schemas/compliance';
import type { LeadDoc } from './schemas/leads';

/** A local document on `leads`: present once every lead was checked against the list (after migration v2). */
export const CHECKED_DOC = 'suppression-flags-checked';
/** Leads checked per step: two `suppression.keys` calls and one key lookup, well under their limits. */
export const CHECK_CHUNK = 2000;

type LeadKeys = Pick<LeadDoc, 'id' | 'domainKey'>;
type FlaggedLead = LeadKeys & Pick<LeadDoc, 'suppressedBy'>;

export interface LeadSuppressionDeps {
  /** suppression keys from main (the HMAC under the team key; only main holds the key) */
  keys(kind: SuppressionKind, values: string[]): Promise<string[]>;
  /** a check that failed; the flags stay as they were and the next change tries again */
  onProblem?(message: string): void;
  /** changes within this window are checked together */
  flushMs?: number;
}

/** The entries that list one lead: its address's, its domain's, or neither. */
export interface LeadEntries {
  address: SuppressionDoc | null;
  domain: SuppressionDoc | null;
}

export const suppressedByOf = (address: boolean, domain: boolean): SuppressedBy =>
  address && domain ? 'both' : address ? 'address' : domain ? 'domain' : '';

/**
 * Keeps each lead's `suppressed` flag true to the suppression list, so the Leads screen can show a badge and
 * filter through an index instead of asking about 100,000 leads. A lead is checked by key, as main's gate
 * checks it: the HMAC of its address and of its domain looked up in `suppression`, so entries with no
 * plaintext (an erased lead imported again, a team entry) count too. What is checked when:
 * - an entry with plaintext is added or removed: the lead with that address, or every lead of that domain
 *   (through the `[domainKey, rank]` index);
 * - an entry without plaintext (other than an erasure, whose lead is gone): every lead, a chunk at a time;
 * - a new lead (import, "New lead", a changed address): that lead, when the list is not empty;
 * - at start, once after the migration that added the flag: every lead.
 */
export function createLeadSuppression(db: FairsendDatabase, repo: LeadsRepo, deps: LeadSuppressionDeps) {
  async function keysOf(kind: SuppressionKind, values: string[]): Promise<string[]> {
    const keys = values.length ? await deps.keys(kind, values) : [];
    if (keys.length !== values.length) throw new Error('Main returned the wrong number of suppression keys.');
    return keys;
  }

  /** What suppresses each lead now (at most CHECK_CHUNK leads a call). */
  async function check(leads: readonly LeadKeys[]): Promise<Map<string, SuppressedBy>> {
    const domains = [...new Set(leads.map((l) => l.domainKey))];
    const [addressKeys, domainKeys] = await Promise.all([
      keysOf(
        'address',
        leads.map((l) => l.id),
      ),
      keysOf('domain', domains),
    ]);
    const domainKey = new Map(domains.map((d, n) => [d, domainKeys[n] ?? '']));
    const listed = await db.suppression.findByIds([...addressKeys, ...domainKeys]).exec();
    return new Map(
      leads.map((l, n) => [
        l.id,
        suppressedByOf(listed.has(addressKeys[n] ?? ''), listed.has(domainKey.get(l.domainKey) ?? '')),
      ]),
    );
  }

  /** Writes only the flags that change, so checking many unlisted leads queues no write behind an import. */
  async function checkAndMark(leads: readonly FlaggedLead[]): Promise<number> {
    let changed = 0;
    for (let i = 0; i < leads.length; i += CHECK_CHUNK) {
      const chunk = leads.slice(i, i + CHECK_CHUNK);
      const now = await check(chunk);
      for (const lead of chunk) if (now.get(lead.id) === lead.suppressedBy) now.delete(lead.id);
      if (now.size) changed += await repo.markSuppressed(now);
    }
    return changed;
  }

  /** Checks the leads with these ids (missing ones are skipped). */
  async function refresh(ids: readonly string[]): Promise<number> {
    let changed = 0;
    for (let i = 0; i < ids.length; i += CHECK_CHUNK) {
      const found = await db.leads.findByIds(ids.slice(i, i + CHECK_CHUNK)).exec();
      changed += await checkAndMark([...found.values()]);
    }
    return changed;
  }

  /** Checks every lead; with an empty list only the flagged ones (through their index) need clearing. */
  async function refreshAll(): Promise<number> {
    const empty = (await db.suppression.count().exec()) === 0;
    let changed = 0;
    let afterRank = -1;
    for (;;) {
      const selector = empty ? { suppressed: 1, rank: { $gt: afterRank } } : { rank: { $gt: afterRank } };
      const page = await db.leads
        .find({
          selector,
          index: empty ? ['suppressed', 'rank'] : ['rank'],
          sort: [{ rank: 'asc' }],
          limit: CHECK_CHUNK,
        })
        .exec();
      changed += await checkAndMark(page);
      if (page.length < CHECK_CHUNK) return changed;
      afterRank = page.at(-1)?.rank ?? afterRank;
    }
  }

  /** The leads of these domains, through the domain index. */
  async function idsOfDomains(domains: Iterable<string>): Promise<string[]> {
    const ids: string[] = [];
    for (const domain of domains) {
      const docs = await db.leads
        .find({ selector: { domainKey: domain }, index: ['domainKey', 'rank'], sort: [{ rank: 'asc' }] })
        .exec();
      for (const d of docs) ids.push(d.id);
    }
    return ids;
  }

  /**
   * New leads (an import: maybe 100,000), checked from their keys alone, without reading them. They are stored
   * unflagged, so only a listed one needs a write; on an empty list they keep the flag they were stored with.
   */
  async function checkNew(ids: readonly string[]): Promise<void> {
    if (!ids.length || (await db.suppression.count().exec()) === 0) return;
    for (let i = 0; i < ids.length; i += CHECK_CHUNK) {
      const chunk = ids.slice(i, i + CHECK_CHUNK).map((id) => ({ id, domainKey: domainKeyOf(id) }));
      const listed = new Map([...(await check(chunk))].filter(([, by]) => by !== ''));
      if (listed.size) await repo.markSuppressed(listed);
    }
  }

  /** Every lead, once: after the migration that added the flag, until the check has finished. */
  async function checkAllOnce(): Promise<void> {
    if (await db.leads.getLocal(CHECKED_DOC)) return;
    await refreshAll();
    await db.leads.upsertLocal(CHECKED_DOC, { at: Date.now() });
  }

  return {
    check,
    refresh,
    refreshAll,

    /** The entries listing one lead, for words on screen (Compose, before anything is typed). */
    async entriesFor(lead: LeadKeys): Promise<LeadEntries> {
      const [[addressKey = ''], [domainKey = '']] = await Promise.all([
        keysOf('address', [lead.id]),
        keysOf('domain', [lead.domainKey]),
      ]);
      const listed = await db.suppression.findByIds([addressKey, domainKey]).exec();
      const entry = (key: string) => listed.get(key)?.toMutableJSON() ?? null;
      return { address: entry(addressKey), domain: entry(domainKey) };
    },

    /** Follows the list and new leads until stopped; `settled` waits for every change seen so far (tests). */
    start(): { stop(): void; settled(): Promise<void> } {
      const flushMs = deps.flushMs ?? 100;
      const pendingIds = new Set<string>();
      const pendingDomains = new Set<string>();
      /** new leads: stored unflagged, so only a listed one needs a write */
      const pendingNew = new Set<string>();
      let everyLead = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;
      let queue: Promise<unknown> = Promise.resolve();

      const run = (work: () => Promise<unknown>) => {
        queue = queue.then(work).catch((error: unknown) => {
          deps.onProblem?.(error instanceof Error ? error.message : String(error));
        });
      };

      async function flush(): Promise<void> {
        const all = everyLead;
        const ids = [...pendingIds];
        const domains = [...pendingDomains];
        const fresh = [...pendingNew];
        everyLead = false;
        pendingIds.clear();
        pendingDomains.clear();
        pendingNew.clear();
        if (all) {
          await refreshAll();
          return;
        }
        await refresh([...new Set([...ids, ...(await idsOfDomains(domains))])]);
        await checkNew(fresh);
      }

      function schedule(): void {
        if (timer || stopped) return;
        timer = setTimeout(() => {
          timer = undefined;
          run(flush);
        }, flushMs);
      }

      const entries = db.suppression.$.subscribe((event) => {
        const doc = event.documentData ?? event.previousDocumentData;
        if (!doc) return;
        if (doc.value) (doc.kind === 'domain' ? pendingDomains : pendingIds).add(doc.value);
        // an erasure's entry was made for a lead that is gone; a new lead is checked on its own
        else if (doc.reason !== 'erased') everyLead = true;
        schedule();
      });
      const inserts = db.leads.$.subscribe((event) => {
        if (event.operation !== 'INSERT') return;
        pendingNew.add(event.documentId);
        schedule();
      });

      run(checkAllOnce);

      return {
        stop() {
          stopped = true;
          if (timer) clearTimeout(timer);
          entries.unsubscribe();
          inserts.unsubscribe();
        },
        async settled() {
          for (;;) {
            await queue;
            if (!timer && !pendingIds.size && !pendingDomains.size && !pendingNew.size && !everyLead) return;
            await new Promise((resolve) => setTimeout(resolve, flushMs));
          }
        },
      };
    },
  };
}

export type LeadSuppression = ReturnType<typeof createLeadSuppression>;
