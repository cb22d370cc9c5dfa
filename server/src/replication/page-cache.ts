import type { Queryable } from '../db/db';
import type { JsonPage } from './store';

/**
 * Pull pages kept while nothing changed. Many desktops catching up at once (after a night offline, after the
 * server restarted) ask for the same pages from the same checkpoints. A page is kept with the version of the
 * team's collection counter read in the same statement (same snapshot) that built it; every write to the
 * collection stamps its rows through that counter in its own transaction (db/order.ts), and the counter's row
 * lock makes writers commit in stamp order, so while the committed counter still reads the same, no write has
 * committed since and the page is exactly what the query would build again. Per database object (one server),
 * a few dozen pages at most.
 *
 * Desktops asking for a page that is being built wait for that build instead of building it again (50 at once
 * built the same page 50 times), under the same rule: a waiting request has read the counter itself after it
 * arrived, and takes the built page only when it was built at that same version; else it builds its own.
 */
const MAX_PAGES = 64;

export interface VersionedPage {
  version: string;
  page: JsonPage;
}

interface Pages {
  kept: Map<string, VersionedPage>;
  building: Map<string, Promise<VersionedPage>>;
}

const caches = new WeakMap<Queryable, Pages>();

function pagesOf(q: Queryable): Pages {
  let pages = caches.get(q);
  if (!pages) {
    pages = { kept: new Map(), building: new Map() };
    caches.set(q, pages);
  }
  return pages;
}

export async function cachedPage(
  q: Queryable,
  key: string,
  readVersion: () => Promise<string>,
  build: () => Promise<VersionedPage>,
): Promise<JsonPage> {
  const { kept, building } = pagesOf(q);
  if (kept.has(key) || building.has(key)) {
    const version = await readVersion();
    const held = kept.get(key);
    if (held?.version === version) return held.page;
    const pending = building.get(key);
    if (pending) {
      const built = await pending.catch(() => null);
      if (built?.version === version) return built.page;
    }
  }
  return (await buildAndKeep({ kept, building }, key, build)).page;
}

async function buildAndKeep(
  { kept, building }: Pages,
  key: string,
  build: () => Promise<VersionedPage>,
): Promise<VersionedPage> {
  const pending = build();
  building.set(key, pending);
  try {
    const built = await pending;
    kept.delete(key);
    kept.set(key, built);
    if (kept.size > MAX_PAGES) kept.delete(kept.keys().next().value as string);
    return built;
  } finally {
    if (building.get(key) === pending) building.delete(key);
  }
}
