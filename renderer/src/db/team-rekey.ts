import type { FairsendDatabase } from './database';
import type { SuppressionDoc } from './schemas/compliance';

/** `suppression.keys` takes at most this many values a call */
const KEYS_PER_CALL = 10_000;
const PAGE = 2_000;

export interface RekeyDeps {
  /** the keys under the current (team) key: main's `suppression.keys` */
  keys(kind: SuppressionDoc['kind'], values: string[]): Promise<string[]>;
}

export interface RekeyOutcome {
  /** entries moved to the team key (they reach the team with the first push) */
  moved: number;
  /**
   * ids that stay on this computer and are never pushed: entries without plaintext (an erasure keeps only its
   * hash, under the key it was made with) and the old ids of the moved ones (their local tombstones)
   */
  localOnly: string[];
}

/**
 * Once per team joined, before the first push: every entry made before joining is keyed under this desktop's
 * own key. One whose plaintext is kept gets a new id under the team key (same facts, same place in the list)
 * and the old one is removed; one without plaintext cannot be re-keyed, so it stays as it is, listed locally
 * (main's gate checks a recipient under both keys) and never sent. Safe to run again after an interruption:
 * an entry already under the team key is left alone.
 */
export async function rekeyForTeam(db: FairsendDatabase, deps: RekeyDeps): Promise<RekeyOutcome> {
  const outcome: RekeyOutcome = { moved: 0, localOnly: [] };
  let afterRank: number | undefined;
  for (;;) {
    const page = await db.suppression
      .find({
        selector: afterRank === undefined ? {} : { rank: { $gt: afterRank } },
        sort: [{ rank: 'asc' }],
        index: ['rank'],
        limit: PAGE,
      })
      .exec();
    const docs = page.map((d) => d.toJSON() as SuppressionDoc);
    const moves: { from: SuppressionDoc; to: string }[] = [];
    for (const kind of ['address', 'domain'] as const) {
      const known = docs.filter((d) => d.kind === kind && d.value !== '');
      for (let i = 0; i < known.length; i += KEYS_PER_CALL) {
        const chunk = known.slice(i, i + KEYS_PER_CALL);
        const keys = await deps.keys(
          kind,
          chunk.map((d) => d.value),
        );
        chunk.forEach((doc, n) => {
          const to = keys[n];
          if (to && to !== doc.id) moves.push({ from: doc, to });
        });
      }
    }
    for (const doc of docs) if (doc.value === '') outcome.localOnly.push(doc.id);
    await move(db, moves);
    outcome.moved += moves.length;
    outcome.localOnly.push(...moves.map((m) => m.from.id));
    if (page.length < PAGE) return outcome;
    afterRank = docs.at(-1)?.rank;
  }
}

async function move(db: FairsendDatabase, moves: readonly { from: SuppressionDoc; to: string }[]) {
  if (moves.length === 0) return;
  const existing = await db.suppression.findByIds(moves.map((m) => m.to)).exec();
  const fresh = moves.filter((m) => !existing.has(m.to)).map((m) => ({ ...m.from, id: m.to }));
  if (fresh.length) {
    const { error } = await db.suppression.bulkInsert(fresh);
    if (error.length) throw new Error(`Could not move ${error.length} suppression entries to the team key.`);
  }
  await db.suppression.bulkRemove(moves.map((m) => m.from.id));
}
