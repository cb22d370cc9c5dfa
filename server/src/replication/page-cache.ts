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
 */
const MAX_PAGES = 64;
const caches = new WeakMap<Queryable, Map<string, { version: string; page: JsonPage }>>();

export interface VersionedPage {
  version: string;
  page: JsonPage;
}

export async function cachedPage(
  q: Queryable,
  key: string,
  readVersion: () => Promise<string>,
  build: () => Promise<VersionedPage>,
): Promise<JsonPage> {
  const cache = caches.get(q) ?? new Map<string, VersionedPage>();
  caches.set(q, cache);
  const held = cache.get(key);
  if (held && held.version === (await readVersion())) return held.page;
  const built = await build();
  cache.delete(key);
  cache.set(key, built);
  if (cache.size > MAX_PAGES) cache.delete(cache.keys().next().value as string);
  return built.page;
}
