import type { MangoQuery } from 'rxdb';
import type { FairsendDatabase } from './database';
import { type IndexStop, stopAt, walkStops } from './index-position';
import type { LeadChange, ListKeys, WriteWatcher } from './lead-docs';
import { type Anchor, type Cursor, createListPositions, type ListPositions } from './list-positions';
import { loadPositions, savePositions } from './saved-positions';
import type { LeadDoc } from './schemas/leads';

/**
 * Positions kept per list order (newest first, by status, by name…) for as long as the window lives: a list
 * reopened after a write starts with what earlier lists learnt, shifted by that write. In the background, once
 * no write has happened for a moment, the gaps between anchors are filled by walking the index (keys only), so
 * a far jump anywhere needs at most a short walk from an anchor and one page read.
 */

/** One list order, as lead-list.ts describes it. */
export interface ListOrder {
  /** the same for every list of this order and filter */
  id: string;
  /** the whole list, served by its index alone (what walks read) */
  whole: MangoQuery<LeadDoc>;
  matches(keys: ListKeys): boolean;
  cursorOf(keys: Pick<ListKeys, 'rank' | 'nameKey' | 'companyKey'>): Cursor;
  /** the cursor of a row read from the index (its fields in the index key) */
  cursorOfStop(stop: IndexStop): Cursor;
}

/** Anchor spacing of a walk: a jump then reads at most this many keys past an anchor. */
const EVERY = 100;
/** Gaps wider than this are filled in the background. */
const MAX_GAP = 3 * EVERY;
/** One transaction walks this many anchors' worth of keys (~2,000), so writes never wait long. */
const STOPS_PER_CHUNK = 20;
/** The background walk waits this long after the last write (an import writes every few milliseconds). */
const QUIET_MS = 600;
const KEPT_ORDERS = 6;
/** With no write lately, the walk starts this long after a list opens (its first rows come first). */
const FIRST_WALK_MS = 200;
/** Positions are saved this long after the last walk or write. */
const SAVE_AFTER_MS = 1500;

interface Entry {
  order: ListOrder;
  positions: ListPositions;
  /** rows in the list as the latest list opened on it counted them */
  total: number;
  filling: boolean;
  /** the index cannot serve walks (memory storage in tests, or a plan the index does not fully serve) */
  unsupported: boolean;
  evicted: boolean;
}

export interface KeptOrder {
  readonly positions: ListPositions;
  /** the cursor of the row at `target`, walked from the nearest anchor or an end; undefined if unknown */
  locate(target: number, total: number, openedAt: number | null): Promise<Cursor | undefined>;
  /** starts (or keeps) filling this order's gaps in the background; `total` is the list's row count */
  fill(total: number): void;
}

export interface KeptPositions {
  order(order: ListOrder): KeptOrder;
  /** stops every background walk (tests, window close) */
  stop(): void;
}

/** The registry for one database and its leads repository (lead-list.ts keeps one per repository). */
export function createKeptPositions(
  db: FairsendDatabase,
  watchWrites: (watcher: WriteWatcher) => () => void,
  onError: (error: unknown) => void,
): KeptPositions {
  const entries = new Map<string, Entry>();
  let writing = 0;
  /** writes begun in this window: saved positions are taken or kept only while it has not moved */
  let begun = 0;
  let lastWriteAt = 0;
  let stopped = false;
  /** positions an earlier window saved, still true when read; dropped at the first write */
  let restored: { orders: Map<string, Anchor[]>; begun: number } | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const unwatch = watchWrites({
    begin() {
      writing++;
      begun++;
      restored = null;
      lastWriteAt = Date.now();
      for (const e of entries.values()) e.positions.beginWrite();
    },
    end(changes) {
      writing = Math.max(0, writing - 1);
      lastWriteAt = Date.now();
      for (const e of entries.values()) {
        if (changes === 'unknown') e.positions.endWriteUnknown();
        else e.positions.endWrite(...moves(e.order, changes));
      }
    },
  });

  // Positions saved by the last window, if nothing was written since.
  const restoreFrom = begun;
  loadPositions(db)
    .then((orders) => {
      if (!orders || begun !== restoreFrom || writing) return;
      restored = { orders, begun };
      for (const entry of entries.values()) takeRestored(entry);
    })
    .catch(onError);

  function takeRestored(entry: Entry): void {
    const anchors = restored?.begun === begun && !writing ? restored.orders.get(entry.order.id) : undefined;
    if (!anchors) return;
    restored?.orders.delete(entry.order.id);
    const stamp = entry.positions.stamp();
    for (const anchor of anchors) entry.positions.add(anchor, stamp);
  }

  /** Saves every order's positions once writes and walks have paused (saved-positions.ts). */
  function scheduleSave(): void {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (stopped) return;
      if (writing || Date.now() - lastWriteAt < QUIET_MS) return scheduleSave();
      const at = begun;
      const orders = new Map([...entries.values()].map((e) => [e.order.id, e.positions.anchors] as const));
      savePositions(db, orders, () => begun === at && !writing && !stopped).catch(onError);
    }, SAVE_AFTER_MS);
  }

  function entryFor(order: ListOrder): Entry {
    let entry = entries.get(order.id);
    if (entry) {
      entries.delete(order.id); // most recently used last
    } else {
      entry = {
        order,
        positions: createListPositions(),
        total: 0,
        filling: false,
        unsupported: false,
        evicted: false,
      };
      for (let i = 0; i < writing; i++) entry.positions.beginWrite();
      takeRestored(entry);
    }
    entries.set(order.id, entry);
    for (const [id, old] of entries) {
      if (entries.size <= KEPT_ORDERS) break;
      old.evicted = true;
      entries.delete(id);
    }
    return entry;
  }

  /** One chunk of the background walk, then the next after a yield, until no gap is left. */
  async function fillStep(entry: Entry): Promise<void> {
    if (writing || Date.now() - lastWriteAt < QUIET_MS) return later(entry, QUIET_MS);
    const gap = stopped || entry.evicted ? null : firstGap(entry.positions.anchors, entry.total);
    if (!gap) {
      entry.filling = false;
      if (!stopped && !entry.evicted) scheduleSave();
      return;
    }
    const stamp = entry.positions.stamp();
    const stops = Math.min(STOPS_PER_CHUNK, Math.ceil(gap.steps / EVERY));
    const walked = await walkStops(db.leads, entry.order.whole, gap.from?.raw ?? 'start', EVERY, stops);
    if (!walked) {
      entry.unsupported = true;
      entry.filling = false;
      return;
    }
    const base = gap.from ? gap.from.pos : -1;
    walked.stops.forEach((stop, k) => {
      const anchor = { pos: base + (k + 1) * EVERY, cursor: entry.order.cursorOfStop(stop), raw: stop.raw };
      entry.positions.add(anchor, stamp);
    });
    // The walk met the end: the list is shorter than the total said (a write since); stop looking past it.
    if (walked.done && stamp === entry.positions.stamp()) {
      entry.total = Math.min(entry.total, base + (walked.stops.length + 1) * EVERY);
    }
    // what is found so far is saved too: a window closed half-way leaves the next one less to walk
    scheduleSave();
    later(entry, 0);
  }

  function later(entry: Entry, ms: number): void {
    setTimeout(() => {
      fillStep(entry).catch((error: unknown) => {
        entry.filling = false;
        entry.unsupported = true;
        onError(error);
      });
    }, ms);
  }

  return {
    order(order) {
      const entry = entryFor(order);
      return {
        positions: entry.positions,
        fill(total) {
          entry.total = total;
          if (entry.filling || entry.unsupported || stopped) return;
          entry.filling = true;
          // soon after the first rows when nothing is being written; after a pause when writes are coming
          later(entry, Date.now() - lastWriteAt < QUIET_MS ? QUIET_MS : FIRST_WALK_MS);
        },
        locate: (target, total, openedAt) => locate(db, entry, target, total, openedAt),
      };
    },
    stop() {
      stopped = true;
      clearTimeout(saveTimer);
      unwatch();
    },
  };
}

/** The rows one write took out of and put into this order's list, as cursors in its order. */
function moves(order: ListOrder, changes: readonly LeadChange[]): [Cursor[], Cursor[]] {
  const removed: Cursor[] = [];
  const added: Cursor[] = [];
  for (const { before, after } of changes) {
    if (before && order.matches(before)) removed.push(order.cursorOf(before));
    if (after && order.matches(after)) added.push(order.cursorOf(after));
  }
  return [removed, added];
}

/** The first stretch wider than MAX_GAP with no anchor, and the anchor with an index key to walk it from. */
function firstGap(anchors: readonly Anchor[], total: number): { from: Anchor | null; steps: number } | null {
  let from: Anchor | null = null;
  let previous = -1;
  for (const anchor of anchors) {
    if (anchor.pos - previous > MAX_GAP) return { from, steps: anchor.pos - (from?.pos ?? -1) };
    previous = anchor.pos;
    if (anchor.raw !== undefined) from = anchor;
  }
  const last = total - 1;
  return last - previous > MAX_GAP ? { from, steps: last - (from?.pos ?? -1) } : null;
}

/**
 * The cursor of the row at `target`: a key walk from the nearest anchor before it that came from the index, or
 * from the start, or back from the end when the list's total is still true (no write since `openedAt`).
 */
async function locate(
  db: FairsendDatabase,
  entry: Entry,
  target: number,
  total: number,
  openedAt: number | null,
): Promise<Cursor | undefined> {
  if (entry.unsupported) return undefined;
  const { positions, order } = entry;
  const stamp = positions.stamp();
  let from: Anchor | undefined = positions.atOrBefore(target);
  while (from && from.raw === undefined) from = positions.atOrBefore(from.pos - 1);
  if (from?.pos === target) return from.cursor;
  const fromAnchor = from ? target - from.pos : Number.POSITIVE_INFINITY;
  const fromEnd = stamp !== null && stamp === openedAt ? total - 1 - target : Number.POSITIVE_INFINITY;
  let stop: IndexStop | null | undefined;
  if (fromAnchor <= target && fromAnchor <= fromEnd && from?.raw !== undefined) {
    stop = await stopAt(db.leads, order.whole, from.raw, fromAnchor);
  } else if (fromEnd < target) {
    stop = await stopAt(db.leads, order.whole, 'end', fromEnd);
  } else {
    stop = await stopAt(db.leads, order.whole, 'start', target);
  }
  if (stop === undefined) {
    entry.unsupported = true;
    return undefined;
  }
  if (!stop) return undefined;
  const cursor = order.cursorOfStop(stop);
  positions.add({ pos: target, cursor, raw: stop.raw }, stamp);
  return cursor;
}
