import type { FairsendDatabase } from './database';
import { newestWrite } from './index-position';
import type { Anchor } from './list-positions';

/**
 * Kept list positions outlive the window: saved in a local document with a token of the newest write to the
 * leads, and taken back at the next start only if that token still holds (nothing written since). A rep who
 * reopens Fairsend can then jump anywhere in 100,000 leads at once, without the index walk that found them.
 */

const DOC = 'list-positions';
/** [pos, key, rank, raw index key] */
type SavedAnchor = [number, string, number, IDBValidKey | null];

interface SavedDoc {
  token: string;
  orders: Record<string, SavedAnchor[]>;
}

function isSavedDoc(value: unknown): value is SavedDoc {
  if (typeof value !== 'object' || value === null) return false;
  const { token, orders } = value as Record<string, unknown>;
  return typeof token === 'string' && typeof orders === 'object' && orders !== null;
}

function toAnchor(saved: unknown): Anchor | null {
  if (!Array.isArray(saved) || saved.length !== 4) return null;
  const [pos, key, rank, raw] = saved as unknown[];
  if (typeof pos !== 'number' || typeof key !== 'string' || typeof rank !== 'number') return null;
  const cursor = { key, rank };
  // index keys here are strings, numbers and arrays of them (JSON keeps those as they were)
  if (typeof raw === 'string' || typeof raw === 'number' || Array.isArray(raw)) return { pos, cursor, raw };
  return { pos, cursor };
}

/** The positions saved by an earlier window, by list order, if nothing has been written to the leads since. */
export async function loadPositions(db: FairsendDatabase): Promise<Map<string, Anchor[]> | null> {
  const token = await newestWrite(db.leads);
  if (token === undefined) return null;
  const doc = await db.leads.getLocal<SavedDoc>(DOC);
  const saved: unknown = doc?.toJSON().data;
  if (!isSavedDoc(saved) || saved.token !== token) return null;
  const orders = new Map<string, Anchor[]>();
  for (const [id, list] of Object.entries(saved.orders)) {
    if (!Array.isArray(list)) continue;
    orders.set(
      id,
      list.flatMap((a) => {
        const anchor = toAnchor(a);
        return anchor ? [anchor] : [];
      }),
    );
  }
  return orders;
}

/**
 * Saves the positions with the token of the newest write. `stillTrue` is asked after the token is read: false
 * when a write began since the positions were taken, and then nothing is saved.
 */
export async function savePositions(
  db: FairsendDatabase,
  orders: ReadonlyMap<string, readonly Anchor[]>,
  stillTrue: () => boolean,
): Promise<void> {
  const token = await newestWrite(db.leads);
  if (token === undefined || !stillTrue()) return;
  const doc: SavedDoc = { token, orders: {} };
  for (const [id, anchors] of orders) {
    doc.orders[id] = anchors.map((a) => [a.pos, a.cursor.key, a.cursor.rank, a.raw ?? null]);
  }
  await db.leads.upsertLocal(DOC, doc);
}
