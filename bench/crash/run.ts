/**
 * `npm run bench -- --only crash` (issue 8): the crash loop. For four mailbox setups (SMTP with STARTTLS and
 * DKIM plus IMAP, the same without IMAP, the Gmail stand-in, the Graph stand-in), each iteration is one life of
 * the app in a child process (child.ts): start-up reconcile, retry of what is retryable, one new send, and a
 * SIGKILL at a random moment: of the new send (a random time after `sending`, or a random named moment), or
 * of the start-up before it (a random time from the process's start, which lands in opening the services,
 * the reconcile, the retries and follow-ups of earlier keys; or a random named moment of an earlier key's
 * retry or follow-ups). Deliveries are counted per key
 * where they land: the SMTP server's received messages parsed back, the stand-ins' sent messages, the IMAP
 * Sent folder; never from the journal. By hand: `node_modules/node/bin/node --import tsx bench/crash/run.ts
 * [--kills N]` (N per setup, default 126: 504 in all).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEND_POINTS, type SendPoint } from '../../electron/main/send/send-points';
import { bundleForNode } from '../../electron/main/testing/node-bundle';
import { trustCertificateForTests } from '../../electron/main/testing/self-signed';
import {
  connectMailbox,
  MAILBOX_SETUPS,
  type MailboxSetup,
  openServicesAt,
  type SendWorld,
  startSendWorld,
} from '../../electron/main/testing/send-world';
import { argValue, emitFigures, loadAverage, quantile, watchdog } from '../lib/child';
import type { ChildMessage } from './child';
import { type Account, account, type KeyRecord } from './count';
import { figuresOf } from './figures';
import { createQuickCount, type Moment, momentOf } from './moments';

const KILLS_PER_SETUP = Math.max(1, Number(argValue('kills') ?? 126));
const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 2, 9, 0, 0);

watchdog(45 * 60, 'crash bench');
const loadBefore = loadAverage();
const t0 = Date.now();
const dir = await mkdtemp(join(tmpdir(), 'fairsend-crash-bench-'));
const [world, childScript] = await Promise.all([
  startSendWorld(),
  bundleForNode(join(import.meta.dirname, 'child.ts'), 'crash-bench-child'),
]);
const untrust = trustCertificateForTests(world.tls.cert);
const addressFile = join(dir, 'address.json');
const certFile = join(dir, 'cert.pem');
await writeFile(addressFile, JSON.stringify(world.address()));
await writeFile(certFile, world.tls.cert);
const quick = createQuickCount(world);

/** How a life is to end: unharmed (to time a send), or killed at a named moment or a random time. */
type Aim =
  | { kind: 'none' }
  | { kind: 'point'; point: SendPoint; of: 'new' | 'earlier' }
  | { kind: 'after-sending'; ms: number }
  | { kind: 'from-start'; ms: number };

interface Life {
  killed: boolean;
  /** the child had said `sending` (the new key's send had begun) */
  sawSending: boolean;
  restarted?: Record<string, string>;
  openedMs?: number;
  restartedMs?: number;
  sentMs?: number;
  windows: number[];
  audited?: Record<string, number>;
}

/** Runs one life of the app, killed as `aim` says (by the parent for a random time, by itself at a point). */
function life(args: string[], aim: Aim): Promise<Life> {
  const crashAt = aim.kind === 'point' ? aim.point : null;
  const child: ChildProcess = fork(childScript, [...args, aim.kind === 'point' ? aim.of : 'new'], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: certFile,
      // V8's code cache across lives: each one loads the same modules
      NODE_COMPILE_CACHE: join(dir, 'compile-cache'),
      ...(crashAt ? { FAIRSEND_CRASH_AT: crashAt } : {}),
    },
  });
  const result: Life = { killed: false, sawSending: false, windows: [] };
  const kill = () => child.kill('SIGKILL');
  let timer: NodeJS.Timeout | null = aim.kind === 'from-start' ? setTimeout(kill, aim.ms) : null;
  const deadline = setTimeout(() => child.kill('SIGTERM'), 60_000);
  child.on('message', (raw) => {
    const message = raw as ChildMessage;
    if (message.type === 'restarted')
      Object.assign(result, {
        restarted: message.states,
        openedMs: message.openedMs,
        restartedMs: message.restartedMs,
      });
    else if (message.type === 'window') result.windows.push(message.ms);
    else if (message.type === 'sent') result.sentMs = message.ms;
    else if (message.type === 'done') result.audited = message.audited;
    else if (message.type === 'sending') {
      result.sawSending = true;
      if (aim.kind === 'after-sending') timer = setTimeout(kill, aim.ms);
    }
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      if (timer) clearTimeout(timer);
      result.killed = signal === 'SIGKILL';
      if (!result.killed && code !== 0) reject(new Error(`a crash-loop child exited with ${signal ?? code}`));
      else resolve(result);
    }),
  );
}

interface SetupRun {
  setup: MailboxSetup;
  dataDir: string;
  keys: string[];
  kills: number;
  moments: Map<Moment, number>;
  windows: number[];
  audited: Record<string, number>;
  sendMs: number[];
  openedMs: number[];
  restartedMs: number[];
}

async function runSetup(setup: MailboxSetup, w: SendWorld): Promise<SetupRun> {
  const dataDir = await mkdtemp(join(dir, `${setup}-`));
  const services = await openServicesAt(dataDir, w.address(), { now: () => START });
  const { id: mailboxId } = await connectMailbox(services, setup, w);
  await services.close();
  const points = SEND_POINTS.filter((p) => setup === 'smtp-imap' || !p.includes('sent-copy'));
  const run: SetupRun = {
    setup,
    dataDir,
    keys: [],
    kills: 0,
    moments: new Map(),
    windows: [],
    audited: {},
    sendMs: [],
    openedMs: [],
    restartedMs: [],
  };
  const pending = new Set<string>();
  /** where the last life's kill landed (null: it was not killed) */
  let previous: Moment | null = null;
  for (let i = 0; run.kills < KILLS_PER_SETUP && i < KILLS_PER_SETUP * 3; i++) {
    const key = `${setup}.${i}`;
    run.keys.push(key);
    const calibration = i % 8 === 0;
    const aim: Aim = calibration ? { kind: 'none' } : aimOf(run, points, previous);
    const args = [
      dataDir,
      addressFile,
      mailboxId,
      key,
      String(START + (i + 1) * DAY),
      [...pending].join(','),
      '0',
    ];
    const lived = await life(args, aim);
    for (const [k, state] of Object.entries(lived.restarted ?? {}))
      if (state !== 'none' && state !== 'retryable') pending.delete(k);
    pending.add(key);
    run.windows.push(...lived.windows);
    if (calibration && lived.sentMs !== undefined) run.sendMs.push(lived.sentMs);
    if (lived.openedMs !== undefined) run.openedMs.push(lived.openedMs);
    if (lived.restartedMs !== undefined) run.restartedMs.push(lived.restartedMs);
    previous = null;
    if (lived.killed) {
      run.kills += 1;
      const moment: Moment =
        aim.kind === 'point' && aim.of === 'earlier'
          ? 'a named moment of an earlier key'
          : !lived.sawSending
            ? 'start-up: open, reconcile, earlier retries and follow-ups'
            : momentOf(await quick.stateOnDisk(dataDir, key), quick.delivered(setup, key));
      run.moments.set(moment, (run.moments.get(moment) ?? 0) + 1);
      previous = moment;
      if (run.kills % 42 === 0) console.log(`  ${setup}: ${run.kills} kills (load ${loadAverage()})`);
    }
  }
  // later, the app runs on (here: a day after the last send): open fates are looked up once more, what is
  // retryable is sent; no kill
  const end = [
    dataDir,
    addressFile,
    mailboxId,
    `${setup}.final`,
    String(START + (run.keys.length + 2) * DAY),
  ];
  const last = await life([...end, [...pending].join(','), '1'], { kind: 'none' });
  run.windows.push(...last.windows);
  run.audited = last.audited ?? {};
  const med = (v: number[]) => Math.round(quantile(v, 0.5));
  console.log(
    `  ${setup}: ${run.kills} kills in ${run.keys.length} lives; a life: services open at ${med(run.openedMs)} ms, restart done at ${med(run.restartedMs)} ms, a send ${med(run.sendMs)} ms (load ${loadAverage()})`,
  );
  return run;
}

/**
 * Where a life that is not timing a send is aimed. 70% at the new key's send: half at a random time within
 * 1.3 × the median send (from `sending`), half at a random named moment. 30% before it: half at a random time
 * within 1.15 × the median start-up (from the process's start: opening the services, the reconcile, the
 * retries and follow-ups of earlier keys; the later ones land in the new send), half at a random named moment
 * of an earlier key. That last one only after a kill that left an earlier key work to do in the next life
 * (a retry, or its follow-ups: then one of the follow-ups' moments), else at a random time from the start;
 * a life in which no earlier key reaches the moment runs on unharmed and is no kill.
 */
function aimOf(run: SetupRun, points: readonly SendPoint[], previous: Moment | null): Aim {
  const pick = (from: readonly SendPoint[]) =>
    from[Math.floor(Math.random() * from.length)] ?? 'before-connect';
  const roll = Math.random();
  if (roll < 0.35) return { kind: 'point', point: pick(points), of: 'new' };
  if (roll < 0.7)
    return { kind: 'after-sending', ms: Math.random() * (quantile(run.sendMs, 0.5) || 400) * 1.3 };
  const fromStart = (): Aim => ({
    kind: 'from-start',
    ms: Math.random() * (quantile(run.restartedMs, 0.5) || 1500) * 1.15,
  });
  if (roll < 0.85 || previous === null || !LEAVES_WORK.has(previous)) return fromStart();
  const followUps = points.filter((p) => FOLLOW_UP_POINTS.has(p));
  return {
    kind: 'point',
    point: pick(previous === 'accepted, follow-ups due' ? followUps : points),
    of: 'earlier',
  };
}

/** kills after which the next life retries an earlier key, or runs its follow-ups (or looks it up first) */
const LEAVES_WORK = new Set<Moment>([
  'start-up: open, reconcile, earlier retries and follow-ups',
  'a named moment of an earlier key',
  'before the journal knew the key',
  'connecting or streaming (prepared)',
  'committed, before the server answered',
  'server answered, accepted not yet on disk',
  'accepted, follow-ups due',
]);
const FOLLOW_UP_POINTS = new Set<SendPoint>([
  'after-audit',
  'before-sent-copy',
  'after-sent-copy',
  'after-follow-ups',
]);

let runs: SetupRun[] = [];
try {
  // two setups at a time: a lane per core (the servers share this process)
  const queue = [...MAILBOX_SETUPS];
  const lanes = await Promise.all(
    [0, 1].map(async () => {
      const done: SetupRun[] = [];
      for (let setup = queue.shift(); setup; setup = queue.shift()) done.push(await runSetup(setup, world));
      return done;
    }),
  );
  runs = lanes.flat();
  const accounts: Account[] = [];
  const records: KeyRecord[] = [];
  for (const run of runs) {
    const result = await account(run.setup, run.dataDir, run.keys, world, run.audited);
    accounts.push(result.summary);
    records.push(...result.records);
  }
  emitFigures(
    figuresOf({
      runs,
      accounts,
      records,
      seconds: (Date.now() - t0) / 1000,
      load: `load ${loadBefore} → ${loadAverage()}`,
    }),
  );
} finally {
  untrust();
  await world.close();
  await rm(dir, { recursive: true, force: true });
  await rm(join(childScript, '..'), { recursive: true, force: true });
}

export type { SetupRun };
