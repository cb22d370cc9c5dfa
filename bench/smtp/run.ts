/**
 * `npm run bench -- --only smtp` (issue 3): 1,000 ~5 KB messages through one pooled SMTP transport to a loopback
 * smtp-server in another process, plain and STARTTLS, each run in a fresh sender process; medians of RUNS.
 * Run by hand: `node_modules/node/bin/node --import tsx bench/smtp/run.ts [--runs N]`.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../../scripts/lib/figures.mjs';
import { argValue, emitFigures, type Figure, loadAverage, watchdog } from '../lib/child';
import { forkTs, runChild } from '../lib/ipc';
import type { SendRun } from './sender';
import type { ServerReady, ServerStats } from './server';

const COUNT = 1000;
const RUNS = Math.max(1, Number(argValue('runs') ?? 3));
const TARGET_PER_S = 300;

watchdog(180, 'smtp bench');
const loadBefore = loadAverage();
const server = forkTs<ServerReady>(new URL('./server.ts', import.meta.url), [], 20_000);
const ready = await server.first;
const dir = await mkdtemp(join(tmpdir(), 'fairsend-smtp-bench-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, ready.cert);

async function sends(security: 'plaintext-loopback' | 'starttls', port: number): Promise<SendRun[]> {
  const runs: SendRun[] = [];
  for (let r = 0; r < RUNS; r++) {
    const args = ['--port', String(port), '--security', security, '--count', String(COUNT)];
    if (security === 'starttls') args.push('--ca-file', caFile);
    const run = await runChild<SendRun>(new URL('./sender.ts', import.meta.url), args, 60_000);
    if (run.failed) throw new Error(`${security}: ${run.failed} of ${run.count} failed (${run.firstError})`);
    console.log(
      `  ${security} run ${r + 1}: ${Math.round((run.count / run.ms) * 1000)}/s, ${run.ms.toFixed(0)} ms, ` +
        `maxRSS ${run.maxRssMiB.toFixed(1)} MiB, sampled peak ${run.sampledPeakMiB.toFixed(1)} MiB, cpu ${run.cpuMs.toFixed(0)} ms`,
    );
    runs.push(run);
  }
  return runs;
}

function serverStats(): Promise<ServerStats> {
  return new Promise((resolve) => {
    server.child.once('message', (m) => resolve(m as ServerStats));
    server.child.send('stats');
  });
}

try {
  const plain = await sends('plaintext-loopback', ready.plainPort);
  const tls = await sends('starttls', ready.tlsPort);
  const stats = await serverStats();
  const expected = 2 * RUNS * COUNT;
  if (stats.messages !== expected)
    throw new Error(`server counted ${stats.messages} messages, not ${expected}`);
  const rate = (runs: SendRun[]) => median(runs.map((r) => (r.count / r.ms) * 1000));
  const cpuPerMsg = (runs: SendRun[]) => median(runs.map((r) => (r.cpuMs / r.count) * 1000));
  const kb = (plain[0]?.messageBytes ?? 0) / 1024;
  const received = stats.bytes / stats.messages / 1024;
  const load = `load ${loadBefore} → ${loadAverage()}`;
  const common = `${COUNT} × ${kb.toFixed(1)} KB MIME (MailComposer), one pooled transport (2 conns × 500 msgs), server in its own process counts ${received.toFixed(1)} KB/msg; median of ${RUNS} fresh sender processes`;
  const figures: Figure[] = [
    {
      id: 'smtp.pooled.msgs_per_s',
      value: rate(plain),
      unit: 'msgs/s',
      target: TARGET_PER_S,
      note: `plaintext-loopback; ${common}; sender CPU ${cpuPerMsg(plain).toFixed(0)} µs/msg; ${load}`,
    },
    {
      id: 'smtp.pooled_tls.msgs_per_s',
      value: rate(tls),
      unit: 'msgs/s',
      target: null,
      note: `STARTTLS (self-signed, TLS 1.2+), same otherwise; sender CPU ${cpuPerMsg(tls).toFixed(0)} µs/msg; issue 3's ≥ ${TARGET_PER_S}/s is for the plaintext figure`,
    },
    {
      id: 'main.peak_rss_mb.smtp_1000',
      value: median(plain.map((r) => r.maxRssMiB)),
      unit: 'MB',
      target: null,
      note:
        `sender process maxRSS (resourceUsage; MiB), plaintext; median of ${RUNS}; rss before sending ` +
        `${median(plain.map((r) => r.beforeMiB)).toFixed(1)}, 10 ms-sampled peak ${median(plain.map((r) => r.sampledPeakMiB)).toFixed(1)}; ` +
        `STARTTLS maxRSS ${median(tls.map((r) => r.maxRssMiB)).toFixed(1)}`,
    },
  ];
  emitFigures(figures);
} finally {
  server.child.send('stop');
  await rm(dir, { recursive: true, force: true });
}
