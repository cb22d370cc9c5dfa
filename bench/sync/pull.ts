/**
 * `sync.pull.50_clients_ms`: 50 desktops (a device each) pull the team's 10,000 suppression entries at once,
 * each paging from the start with the pull route's limit (1,000), over loopback HTTP. The entries go in first
 * through the push route (10 pushes of 1,000). Each device makes one small pull before the clock starts (its
 * token's Argon2id check is remembered after it, as for a desktop that is already syncing).
 */
import { entry } from '../../server/src/replication/testing/sync-world';
import { type Checkpoint, checkpointQuery, LIMITS, syncPath } from '../../shared/team/replication';
import { runChild } from '../lib/ipc';
import { type BenchServer, call } from './world';

interface Page {
  documents: { id: string }[];
  checkpoint: Checkpoint | null;
}

export interface PullMeasure {
  ms: number;
  perClientMs: number[];
  pages: number;
  /** CPU time of the clients' process during the run */
  cpuMs: number;
}

export async function seedSuppression(server: BenchServer, count: number): Promise<void> {
  for (let i = 0; i < count; i += LIMITS.maxPushRows) {
    const rows = Array.from({ length: Math.min(LIMITS.maxPushRows, count - i) }, (_, j) => ({
      newDocumentState: entry({ note: `seed ${i + j}` }),
    }));
    await call(server.base, server.team.token, syncPath('suppression', 'push'), rows);
  }
}

export async function clientsFor(server: BenchServer, clients: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < clients; i++) tokens.push((await server.member('rep')).token);
  for (const token of tokens) await call(server.base, token, `${syncPath('suppression', 'pull')}?limit=1`);
  return tokens;
}

async function pullEverything(base: string, token: string, expected: number) {
  let checkpoint: Checkpoint | null = null;
  let seen = 0;
  let pages = 0;
  for (;;) {
    const page: Page = await call<Page>(
      base,
      token,
      `${syncPath('suppression', 'pull')}${checkpointQuery(checkpoint, LIMITS.maxPullRows)}`,
    );
    pages++;
    seen += page.documents.length;
    checkpoint = page.checkpoint;
    if (page.documents.length < LIMITS.maxPullRows) break;
  }
  if (seen !== expected) throw new Error(`a client pulled ${seen} of ${expected} entries`);
  return pages;
}

/** The clients' child: `runs` times, every token pulls everything at once; answers each run's measure. */
export function pullInChild(server: BenchServer, tokens: string[], expected: number, runs: number) {
  const args = ['--base', server.base, '--expected', String(expected), '--runs', String(runs)];
  return runChild<PullMeasure[]>(
    new URL('./pull-clients.ts', import.meta.url),
    [...args, ...tokens],
    600_000,
  );
}

export async function pullAtOnce(base: string, tokens: string[], expected: number): Promise<PullMeasure> {
  const perClientMs: number[] = [];
  let pages = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const pulled = await pullEverything(base, token, expected);
      pages += pulled;
      perClientMs.push(performance.now() - started);
    }),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, perClientMs, pages, cpuMs: (used.user + used.system) / 1000 };
}
