import type { FairsendDatabase } from '../../../renderer/src/db/database';
import { createLeadLists, type LeadList, type LeadLists } from '../../../renderer/src/db/lead-list';
import { createLeadsRepo, type LeadsRepo, withDerived } from '../../../renderer/src/db/leads-repo';
import { openDatabase } from '../../../renderer/src/db/open-browser-db';
import type { LeadDoc } from '../../../renderer/src/db/schemas/leads';
import { previewCsv, runImport } from '../../../renderer/src/features/leads/import/run-import';
import { BATCH_SIZE } from '../../../renderer/src/workers/csv-import-protocol';
import { normalizeEmail } from '../../../shared/leads/email';
import { slotRank } from '../../../shared/leads/lead';
import { generateLeadRows, LEAD_COLUMNS, type LeadRow } from '../../generate-leads';
import type { JumpMeasure, LeadsBenchApi, ListMeasure } from '../api';
import { countIndexedDb, measureEnroll, seedForEnroll } from './enroll';
import { writeFloor } from './floor';
import { watchLongTasks } from './long-tasks';

// The leads benchmark, run in Chromium on an on-disk profile by bench/leads/driver.mjs.

let rows: LeadRow[] = [];
let file: Blob | null = null;
let opened: { db: FairsendDatabase; repo: LeadsRepo; lists: LeadLists } | null = null;

const status = (text: string) => {
  const el = document.getElementById('status');
  if (el) el.textContent = text;
};

async function app() {
  if (!opened) {
    const db = await openDatabase();
    const repo = createLeadsRepo(db);
    opened = { db, repo, lists: createLeadLists(db, repo) };
  }
  return opened;
}

function toCsv(list: readonly LeadRow[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[LEAD_COLUMNS.join(','), ...list.map((r) => LEAD_COLUMNS.map((c) => field(r[c])).join(','))].join('\r\n')}\r\n`;
}

/** The documents the import stores, built directly: the same fields, derived keys and ranks. */
function toDocs(list: readonly LeadRow[]): LeadDoc[] {
  const now = Date.now();
  return list.map((r, i) => {
    const id = normalizeEmail(r.email) ?? r.email.toLowerCase();
    const lead = { id, firstName: r.first_name, lastName: r.last_name, company: r.company };
    return {
      email: r.email,
      ...withDerived(lead),
      suppressed: 0,
      suppressedBy: '',
      title: r.title,
      timezone: r.timezone,
      status: 'new',
      source: 'bench',
      tags: [],
      custom: { city: r.city, linkedin_url: r.linkedin_url, industry: r.industry, phone: r.phone },
      rank: slotRank(now, i),
      createdAt: now,
      updatedAt: now,
    } satisfies LeadDoc;
  });
}

async function timedList(open: () => Promise<LeadList>): Promise<ListMeasure> {
  const started = performance.now();
  const list = await open();
  await list.load(0, 100);
  const ms = performance.now() - started;
  let loaded = 0;
  for (let i = 0; i < Math.min(100, list.total); i++) if (list.peek(i)) loaded++;
  return { ms, total: list.total, rows: loaded };
}

const api: LeadsBenchApi = {
  async prepare({ count, seed }) {
    status(`generating ${count} rows`);
    const started = performance.now();
    rows = generateLeadRows(count, seed);
    file = new Blob([toCsv(rows)], { type: 'text/csv' });
    const companies = [...new Set(rows.filter((_, i) => i % 997 === 0).map((r) => r.company))].slice(0, 10);
    return { ms: performance.now() - started, rows: rows.length, bytes: file.size, companies };
  },

  async floor({ chunk = BATCH_SIZE, layout = 'schema' } = {}) {
    status(`floor (${layout})`);
    const docs = toDocs(rows);
    const { value, maxTaskMs } = await watchLongTasks(() => writeFloor(docs, chunk, layout));
    return { ms: value, docs: docs.length, chunk, maxTaskMs };
  },

  async importLeads() {
    if (!file) throw new Error('prepare() first');
    const blob = file;
    const { repo } = await app();
    status('importing');
    let previewMs = 0;
    const started = performance.now();
    const {
      value: summary,
      maxTaskMs,
      longTasks,
    } = await watchLongTasks(async () => {
      // What the wizard does: preview (sniff, head, suggested mapping), then import with that mapping.
      const preview = await previewCsv(blob);
      previewMs = performance.now() - started;
      if (!preview.ok) throw new Error(`preview failed: ${preview.message}`);
      return runImport(repo, blob, { mapping: preview.suggested, duplicates: 'skip', source: 'bench' });
    });
    const ms = performance.now() - started;
    status('imported');
    return {
      ms,
      previewMs,
      maxTaskMs,
      longTasks,
      inserted: summary.inserted,
      merged: summary.merged,
      skipped: summary.skipped,
      invalid: summary.invalid,
      cancelled: summary.cancelled,
      error: summary.error ? String(summary.error) : null,
    };
  },

  async firstPage() {
    const { lists } = await app();
    return timedList(() => lists.open({ status: 'new' }));
  },

  async search({ text }) {
    const { lists } = await app();
    return timedList(() => lists.open({ search: text }));
  },

  async suppressed() {
    const { db, repo, lists } = await app();
    const flagged = await db.leads
      .count({ selector: { suppressed: 1 }, index: ['suppressed', 'rank'] })
      .exec();
    if (!flagged) {
      const ids = rows
        .filter((_, i) => i % 1000 === 0)
        .map((r) => normalizeEmail(r.email) ?? r.email.toLowerCase());
      await repo.markSuppressed(new Map(ids.map((id) => [id, 'address' as const])));
    }
    return timedList(() => lists.open({ suppressed: 'only' }));
  },

  async company({ name }) {
    const { lists } = await app();
    return timedList(() => lists.open({ company: name }));
  },

  async stats() {
    const { repo } = await app();
    const started = performance.now();
    const stats = await repo.stats();
    return { ms: performance.now() - started, total: stats.total, rows: Object.keys(stats.byStatus).length };
  },

  async seedForEnroll({ count, seed }) {
    countIndexedDb(); // before the database opens
    const { db } = await app();
    status(`seeding ${count} leads`);
    return seedForEnroll(db, count, seed);
  },

  async enroll({ count }) {
    const { db } = await app();
    status('enrolling');
    const measure = await measureEnroll(db, count);
    status('enrolled');
    return measure;
  },

  async jump({ at }) {
    const { db, lists } = await app();
    const each: number[] = [];
    const loaded: number[] = [];
    for (const start of at) {
      // A fresh list each time, as after a write: nothing it learnt from an earlier jump helps.
      const list = await lists.open({});
      const began = performance.now();
      await list.load(start, start + 100);
      each.push(performance.now() - began);
      let n = 0;
      for (let i = start; i < Math.min(start + 100, list.total); i++) if (list.peek(i)) n++;
      loaded.push(n);
    }
    // Checked against RxDB's own skip (slow, untimed) at a front-half and a back-half position: the jump must
    // show exactly those rows.
    let matches = true;
    for (const start of [at[0] ?? 0, at[2] ?? 0]) {
      const check = await lists.open({});
      await check.load(start, start + 100);
      const bySkip = await db.leads
        .find({ sort: [{ rank: 'asc' }], index: ['rank'], skip: start, limit: 100 })
        .exec();
      matches &&= bySkip.length > 0 && bySkip.every((d, i) => check.peek(start + i)?.id === d.id);
    }
    const sorted = [...each].sort((a, b) => a - b);
    return {
      ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
      each,
      rows: loaded,
      matches,
    } satisfies JumpMeasure;
  },
};

(globalThis as unknown as { fairsendBench: LeadsBenchApi }).fairsendBench = api;
status('ready');
