import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../../../shared/leads/csv-mapping';
import type { ImportedLead } from '../../../../../shared/leads/csv-rows';
import type { BatchOutcome, DuplicateMode } from '../../../db/leads-repo';
import { createImportEngine } from '../../../workers/csv-import-engine';
import { MAX_UNACKED, type MainToWorker, type WorkerToMain } from '../../../workers/csv-import-protocol';
import {
  defaultImportSource,
  type ImportOptions,
  type ImportWorker,
  previewCsv,
  runImportWith,
} from './run-import';

/** A worker that runs the engine in this thread, delivering messages asynchronously like postMessage. */
function inProcessWorker(chunkBytes: number, stats = { maxUnacked: 0 }) {
  return (): ImportWorker => {
    let engine: ReturnType<typeof createImportEngine> | null = null;
    let unacked = 0;
    let terminated = false;
    const worker: ImportWorker = {
      onmessage: null,
      onerror: null,
      terminate: () => {
        terminated = true;
        engine?.cancel();
      },
      postMessage(message: MainToWorker) {
        setTimeout(() => {
          if (terminated) return;
          if (message.type === 'start') {
            engine = createImportEngine(
              message,
              (out: WorkerToMain) => {
                if (out.type === 'batch') stats.maxUnacked = Math.max(stats.maxUnacked, ++unacked);
                const copy = structuredClone(out);
                setTimeout(
                  () => !terminated && worker.onmessage?.({ data: copy } as MessageEvent<WorkerToMain>),
                );
              },
              chunkBytes,
            );
            void engine.run();
          } else if (message.type === 'ack') {
            unacked--;
            engine?.ack(message.seq);
          } else engine?.cancel();
        });
      },
    };
    return worker;
  };
}

function memoryRepo(options: { delayMs?: number; failOnBatch?: number } = {}) {
  const stored = new Map<string, ImportedLead>();
  let batches = 0;
  return {
    stored,
    async importBatch(batch: readonly ImportedLead[], mode: DuplicateMode): Promise<BatchOutcome> {
      batches++;
      await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
      if (batches === options.failOnBatch) throw new Error('QuotaExceededError');
      const ids = new Set<string>();
      let inserted = 0;
      let merged = 0;
      let skipped = 0;
      for (const lead of batch) {
        if (ids.has(lead.id)) throw new Error('a batch holds an id twice');
        ids.add(lead.id);
        const old = stored.get(lead.id);
        if (!old) {
          stored.set(lead.id, lead);
          inserted++;
        } else if (mode === 'merge') {
          stored.set(lead.id, { ...old, firstName: lead.firstName || old.firstName });
          merged++;
        } else skipped++;
      }
      return { inserted, merged, skipped };
    },
  };
}

const mapping: ColumnMapping = { email: 0, firstName: 1, custom: [] };
const options = (patch: Partial<ImportOptions> = {}): ImportOptions => ({
  mapping,
  duplicates: 'skip',
  source: 'import: test.csv (2026-01-01)',
  ...patch,
});
const csv = (rows: number, extra = '') =>
  new Blob([
    `email,first\n${Array.from({ length: rows }, (_, i) => `u${i}@acme.com,Zoë ${i}`).join('\n')}\n${extra}`,
  ]);

describe('runImport (engine in-process)', () => {
  it('stores every row, keeping characters whole across read chunks, and never runs ahead of the writes', async () => {
    const repo = memoryRepo({ delayMs: 2 });
    const stats = { maxUnacked: 0 };
    const progress: number[] = [];
    const summary = await runImportWith(
      inProcessWorker(4096, stats),
      repo,
      csv(3000),
      options({
        onProgress: (p) => progress.push(p.inserted),
      }),
    );
    expect(summary).toMatchObject({
      inserted: 3000,
      invalid: 0,
      skipped: 0,
      rowsRead: 3000,
      cancelled: false,
    });
    expect(summary.error).toBeUndefined();
    expect(repo.stored.get('u2999@acme.com')?.firstName).toBe('Zoë 2999');
    expect([...repo.stored.values()].every((l) => l.firstName.startsWith('Zoë'))).toBe(true);
    expect(stats.maxUnacked).toBeLessThanOrEqual(MAX_UNACKED);
    expect(progress.at(-1)).toBe(3000);
  });

  it('reports invalid rows and duplicates within the file, and merges them in merge mode', async () => {
    const file = new Blob(['email,first\nann@acme.com,Ann\nnot-an-address,X\nANN@acme.com,Annie\n']);
    const skip = await runImportWith(inProcessWorker(8), memoryRepo(), file, options());
    expect(skip).toMatchObject({ inserted: 1, invalid: 1, skipped: 1 });
    expect(skip.problems.map((p) => p.message)).toEqual([
      'Row 3: "not-an-address": The email address has no "@".',
      'Row 4: ann@acme.com is a duplicate of row 2; skipped.',
    ]);
    const repo = memoryRepo();
    const merge = await runImportWith(inProcessWorker(8), repo, file, options({ duplicates: 'merge' }));
    expect(merge).toMatchObject({ inserted: 1, merged: 1, invalid: 1 });
    expect(repo.stored.get('ann@acme.com')?.firstName).toBe('Annie');
  });

  it.each([
    [new Blob(['email,first\n']), 'The file has a header but no rows.'],
    [new Blob(['email,first\n\n\n']), 'The file has a header but no rows.'],
    [new Blob([new Uint8Array([1, 2, 0, 4])]), 'This looks like a binary file, not a CSV.'],
    [new Blob([]), 'The file is empty.'],
  ])('stores nothing from bad input (%#)', async (file, error) => {
    const repo = memoryRepo();
    const summary = await runImportWith(inProcessWorker(1024), repo, file, options());
    expect(summary.error).toBe(error);
    expect(repo.stored.size).toBe(0);
  });

  it('stops at a quote that never closes, keeping the rows before it', async () => {
    const tail = `x@acme.com,"Runaway\n${'y@acme.com,Name\n'.repeat(80_000)}`;
    const repo = memoryRepo();
    const summary = await runImportWith(inProcessWorker(256 * 1024), repo, csv(10, tail), options());
    expect(summary.inserted).toBe(10);
    expect(summary.error).toMatch(/^Row 12: a quote \("\) opens a value that is still open 1024 KB later/);
  });

  it('reports an unclosed quote near the end by row', async () => {
    const summary = await runImportWith(
      inProcessWorker(64),
      memoryRepo(),
      csv(3, 'z@acme.com,"Zed\nq@acme.com,Q\n'),
      options(),
    );
    expect(summary.inserted).toBe(3);
    expect(summary.problems[0]?.message).toMatch(/^Row 5: a quote \("\) opens a value that never closes/);
  });

  it('keeps what was stored when cancelled', async () => {
    const controller = new AbortController();
    const repo = memoryRepo({ delayMs: 5 });
    const summary = await runImportWith(
      inProcessWorker(4096),
      repo,
      csv(20_000),
      options({
        signal: controller.signal,
        onProgress: (p) => p.inserted >= 1000 && controller.abort(),
      }),
    );
    expect(summary.cancelled).toBe(true);
    expect(summary.inserted).toBe(repo.stored.size);
    expect(summary.inserted).toBeGreaterThanOrEqual(1000);
    expect(summary.inserted).toBeLessThan(20_000);
  });

  it('reports how many were stored when a write fails', async () => {
    const repo = memoryRepo({ failOnBatch: 3 });
    const summary = await runImportWith(inProcessWorker(4096), repo, csv(5000), options());
    expect(summary.inserted).toBe(1000);
    expect(summary.error).toBe(
      'Could not store the leads: this computer has no room left for Fairsend’s data. Free some disk space, then import the rest. 1,000 leads stored before this were kept.',
    );
  });
});

describe('previewCsv', () => {
  it('suggests a mapping from the first rows', async () => {
    const preview = await previewCsv(
      new Blob(['\uFEFFFirst Name;E-mail;Company\nAnn;ann@acme.com;Acme, Inc\n']),
    );
    expect(preview).toMatchObject({
      ok: true,
      delimiter: ';',
      headers: ['First Name', 'E-mail', 'Company'],
      hasHeader: true,
    });
    expect(preview.ok && preview.suggested).toMatchObject({ email: 1, firstName: 0, company: 2 });
  });

  it('reads a file without a header as data', async () => {
    const preview = await previewCsv(new Blob(['ann@acme.com,Ann\nbob@acme.com,Bob\n']));
    expect(preview).toMatchObject({ ok: true, hasHeader: false, headers: ['Column 1', 'Column 2'] });
    expect(preview.ok && preview.rows).toHaveLength(2);
  });

  it.each([
    ['email:first\nann@acme.com:Ann\n', /only one column.*separated by ":"/],
    ['email,first\n', 'The file has a header but no rows.'],
  ])('explains a file it cannot use (%#)', async (text, message) => {
    const preview = await previewCsv(new Blob([text]));
    expect(preview.ok ? '' : preview.message).toMatch(message);
  });

  it('names the source after the file and the day, within the stored limit', () => {
    expect(defaultImportSource('leads.csv', new Date(2026, 10, 26))).toBe('import: leads.csv (2026-11-26)');
    expect(defaultImportSource('x'.repeat(300), new Date(2026, 0, 1))).toHaveLength(128);
  });
});
