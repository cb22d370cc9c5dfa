/**
 * The sending side of the smtp group, one fresh process per run: 1,000 messages handed at once to ONE pooled
 * transport (createSmtpTransport, pool: true: 2 connections, 500 messages each), timed from the first deliver()
 * to the last accepted message. Peak RSS: process.resourceUsage().maxRSS (the kernel's high-water mark for
 * this process) and, as a cross-check, process.memoryUsage().rss sampled every 10 ms during the send.
 * Usage (forked by run.ts): sender.ts --port N --security plaintext-loopback|starttls [--ca-file F] [--count N]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createSmtpTransport } from '../../electron/main/send/transports/smtp-transport';
import { argValue, exitWithParent, toMiB, watchdog } from '../lib/child';
import { answerParent } from '../lib/ipc';
import { buildMessage, stamp } from './message';

export interface SendRun {
  count: number;
  failed: number;
  firstError: string | null;
  ms: number;
  messageBytes: number;
  /** process.resourceUsage().maxRSS, MiB */
  maxRssMiB: number;
  /** highest 10 ms sample of rss during the send, MiB */
  sampledPeakMiB: number;
  /** rss just before the first deliver(), MiB */
  beforeMiB: number;
  samples: number;
  cpuMs: number;
}

exitWithParent();
watchdog(60, 'smtp bench sender');
const count = Number(argValue('count') ?? 1000);
const security = argValue('security') === 'starttls' ? 'starttls' : 'plaintext-loopback';
const caFile = argValue('ca-file');
const message = await buildMessage();

const transport = createSmtpTransport({
  host: '127.0.0.1',
  port: Number(argValue('port')) as 587,
  security,
  pool: true,
  ...(caFile ? { ca: readFileSync(caFile, 'utf8') } : {}),
});

let sampledPeak = 0;
let samples = 0;
const sample = () => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  samples++;
};
const before = process.memoryUsage.rss();
const cpu0 = process.cpuUsage();
const timer = setInterval(sample, 10);
sample();
const t0 = performance.now();
const results = await Promise.all(
  Array.from({ length: count }, (_, i) =>
    // no journal here: the commit point has nothing to record
    transport.deliver({ raw: stamp(message, i), from: message.from, to: [message.to] }, async () => {}),
  ),
);
const ms = performance.now() - t0;
clearInterval(timer);
sample();
const cpu = process.cpuUsage(cpu0);
await transport.close();

const failures = results.filter((r) => !r.ok);
const first = failures[0];
const run: SendRun = {
  count,
  failed: failures.length,
  firstError: first && !first.ok ? `${first.error.code}: ${first.error.message}` : null,
  ms,
  messageBytes: message.raw.length,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  sampledPeakMiB: toMiB(sampledPeak),
  beforeMiB: toMiB(before),
  samples,
  cpuMs: (cpu.user + cpu.system) / 1000,
};
if (process.send) await answerParent(run);
else console.log(run);
process.exit(0);
