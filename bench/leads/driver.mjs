// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { median } from '../../scripts/lib/figures.mjs';

/**
 * @typedef {import('./api.ts').LeadsBenchApi} LeadsBenchApi
 * @typedef {import('../../scripts/lib/figures.mjs').Figure} Figure
 * @typedef {import('@playwright/test').Page} Page
 */

/** Distinct prefixes, so no run is answered from RxDB's query cache; "mar" is the common first-name prefix. */
const SEARCHES = ['mar', 'jo', 'an', 'da', 'sa', 'ch', 'el', 'ka'];

/**
 * Calls one method of the page's bench API.
 * @template {keyof LeadsBenchApi} M
 * @param {Page} page
 * @param {M} method
 * @param {Parameters<LeadsBenchApi[M]>[0]} [arg]
 * @returns {Promise<Awaited<ReturnType<LeadsBenchApi[M]>>>}
 */
function call(page, method, arg) {
  return page.evaluate(
    ([m, a]) => {
      const api = /** @type {{ fairsendBench: Record<string, (arg: unknown) => Promise<unknown>> }} */ (
        /** @type {unknown} */ (globalThis)
      ).fairsendBench;
      return /** @type {never} */ (api[m]?.(a));
    },
    /** @type {const} */ ([method, arg]),
  );
}

/**
 * A fresh on-disk profile (IndexedDB on disk, as in the app), removed afterwards.
 * @template T
 * @param {{ url: string, executablePath: string, args: string[] }} browser
 * @param {(page: Page) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function withProfile(browser, work) {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: browser.executablePath,
    args: browser.args,
    headless: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
    await page.goto(`${browser.url}index.html`);
    await page.waitForFunction(
      () =>
        /** @type {{ fairsendBench?: unknown }} */ (/** @type {unknown} */ (globalThis)).fairsendBench !==
        undefined,
    );
    return await work(page);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * The leads figures: import of `count` rows vs the raw IndexedDB floor, then list, filter and counts on the result.
 * @param {{ url: string, executablePath: string, args: string[], runs: number, count: number, log: (line: string) => void }} options
 * @returns {Promise<Figure[]>}
 */
export async function runLeadsBench({ url, executablePath, args, runs, count, log }) {
  const browser = { url, executablePath, args };
  const seed = 42;
  const label = count === 100_000 ? '100k' : String(count);
  /** @type {Record<'import' | 'preview' | 'floor' | 'floorRx' | 'maxTask' | 'firstPage' | 'search' | 'company' | 'suppressed' | 'stats' | 'jump', number[]>} */
  const m = {
    import: [],
    preview: [],
    floor: [],
    floorRx: [],
    maxTask: [],
    firstPage: [],
    search: [],
    company: [],
    suppressed: [],
    stats: [],
    jump: [],
  };
  let bytes = 0;
  let chunk = 0;
  let longTasks = 0;
  /** @type {string[]} */
  const outcomes = [];

  for (let run = 1; run <= runs; run++) {
    // The floor in its own fresh profile, so neither write pays for the other's data or compaction.
    const floor = await withProfile(browser, async (page) => {
      await call(page, 'prepare', { count, seed });
      return call(page, 'floor');
    });
    m.floor.push(floor.ms);
    chunk = floor.chunk;
    log(`run ${run}/${runs}: floor ${Math.round(floor.ms)} ms`);
    // The same write with RxDB's storage layout: how much of the gap is RxDB's indexes and metadata.
    const floorRx = await withProfile(browser, async (page) => {
      await call(page, 'prepare', { count, seed });
      return call(page, 'floor', { layout: 'rxdb' });
    });
    m.floorRx.push(floorRx.ms);
    log(`run ${run}/${runs}: floor with RxDB's layout ${Math.round(floorRx.ms)} ms`);

    await withProfile(browser, async (page) => {
      const prepared = await call(page, 'prepare', { count, seed });
      bytes = prepared.bytes;
      const imported = await call(page, 'importLeads');
      if (imported.error || imported.cancelled || imported.inserted !== count) {
        throw new Error(`the import did not store every lead: ${JSON.stringify(imported)}`);
      }
      m.import.push(imported.ms);
      m.preview.push(imported.previewMs);
      m.maxTask.push(imported.maxTaskMs);
      longTasks = Math.max(longTasks, imported.longTasks);
      outcomes.push(
        `${imported.inserted} inserted, ${imported.invalid} invalid, ${imported.skipped} skipped`,
      );
      log(`run ${run}/${runs}: import ${Math.round(imported.ms)} ms (longest task ${imported.maxTaskMs} ms)`);

      m.firstPage.push((await call(page, 'firstPage')).ms);
      for (let i = 0; i < 5; i++) m.stats.push((await call(page, 'stats')).ms);
      for (const text of SEARCHES) m.search.push((await call(page, 'search', { text })).ms);
      for (const name of prepared.companies) m.company.push((await call(page, 'company', { name })).ms);
      for (let i = 0; i < 3; i++) m.suppressed.push((await call(page, 'suppressed')).ms);
      const jumped = await call(page, 'jump', { at: jumpTargets(count) });
      if (
        !jumped.matches ||
        jumped.rows.some((n, i) => n !== Math.min(100, count - (jumpTargets(count)[i] ?? 0)))
      ) {
        throw new Error(`a far jump came back short: ${JSON.stringify(jumped)}`);
      }
      m.jump.push(...jumped.each);
      log(`run ${run}/${runs}: far jumps ${jumped.each.map((ms) => Math.round(ms)).join(', ')} ms`);
    });
  }

  const runsNote =
    runs === 1 ? '1 run (one 100k import per run keeps the bench short)' : `median of ${runs} runs`;
  const importMs = median(m.import);
  const floorMs = median(m.floor);
  const floorRxMs = median(m.floorRx);
  const search = median(m.search);
  const company = median(m.company);
  const suppressed = median(m.suppressed);
  return [
    {
      id: `leads.import.${label}`,
      value: importMs,
      unit: 'ms',
      target: null,
      note: `previewCsv + runImport, ${(bytes / 1e6).toFixed(1)} MB CSV, on-disk profile; ${runsNote}; preview ${Math.round(median(m.preview))} ms; ${outcomes[0] ?? ''}`,
    },
    {
      id: `leads.import.${label}.floor`,
      value: floorMs,
      unit: 'ms',
      target: null,
      note: `raw IndexedDB put(), same docs and the schema's 8 indexes, ${chunk} per transaction; ${runsNote}`,
    },
    {
      id: `leads.import.${label}.ratio`,
      value: importMs / floorMs,
      unit: 'x',
      target: 1.5,
      note: `import / floor; against raw IndexedDB with RxDB's own layout (${Math.round(floorRxMs)} ms) it is ${round1(importMs / floorRxMs)}x`,
    },
    {
      id: `leads.import.${label}.floor_rxdb_layout`,
      value: floorRxMs,
      unit: 'ms',
      target: null,
      note: "the same documents with raw IndexedDB but the index set RxDB's Dexie storage creates (11: each schema index prefixed with _deleted and suffixed with id, plus [_deleted+id], [_meta.lwt+id], _meta.lwt) and its stored shape",
    },
    {
      id: 'leads.import.max_task_ms',
      value: Math.max(...m.maxTask),
      unit: 'ms',
      target: 200,
      note: `longest main-thread task during preview + import (worst run); up to ${longTasks} tasks over 50 ms`,
    },
    {
      id: 'leads.list.first_page_ms',
      value: median(m.firstPage),
      unit: 'ms',
      target: 50,
      note: `openLeadList({ status: 'new' }) + load(0, 100) right after the import; ${runsNote}`,
    },
    {
      id: `leads.filter.${label}`,
      value: Math.max(search, company, suppressed),
      unit: 'ms',
      target: 100,
      note: `the slower median: search ${round1(search)} ms (${SEARCHES.length} prefixes, e.g. "mar"), company ${round1(company)} ms (${m.company.length / runs} companies), suppressed ${round1(suppressed)} ms (1 lead in 1,000 flagged); open + first 100 rows`,
    },
    {
      id: 'leads.list.jump_ms',
      value: median(m.jump),
      unit: 'ms',
      target: 500,
      note: `newest-first list, load(n, n + 100) on a fresh list for n = ${jumpTargets(count).join(', ')} (scrollbar drags, End); median of ${m.jump.length}`,
    },
    {
      id: 'leads.count_by_status_ms',
      value: median(m.stats),
      unit: 'ms',
      target: 50,
      note: `repo.stats() (kept counters), median of ${m.stats.length}`,
    },
  ];
}

/**
 * Far rows of a `count`-row list, in an order that is not monotonic (each on a fresh list anyway).
 * @param {number} count
 */
function jumpTargets(count) {
  return [0.5, 0.25, 0.75, 0.6, 1].map((f) =>
    Math.max(0, Math.min(count - 100, Math.floor((count * f) / 100) * 100)),
  );
}

/** @param {number} value */
function round1(value) {
  return Math.round(value * 10) / 10;
}
