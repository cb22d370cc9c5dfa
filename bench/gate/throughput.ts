/**
 * Gate throughput on one thread: 10,000 drafts (drafts.ts) through the send path's per-draft work (pipeline.ts)
 * against a 1,000,000-entry SuppressionIndex; one warm-up pass (it also fills the DNS cache), then REPEATS timed
 * passes. Forked by run.ts; by hand: `node_modules/node/bin/node --import tsx bench/gate/throughput.ts [--repeats N]`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createKeySealer } from '../../electron/main/secrets/sealer';
import { createTeamKey } from '../../electron/main/secrets/team-key';
import { evaluateBreaker } from '../../shared/compliance/breakers';
import { checkSenderAuth, createDnsCache } from '../../shared/compliance/sender-auth';
import { SuppressionIndex } from '../../shared/compliance/suppression-index';
import { syntheticKeys } from '../../shared/compliance/testing/synthetic-keys';
import { argValue, exitWithParent, quantile, watchdog } from '../lib/child';
import { answerParent } from '../lib/ipc';
import { generateDrafts } from './drafts';
import { type Outcome, type PipelineContext, processDraft } from './pipeline';

export interface GatePass {
  ms: number;
  perS: number;
  p50: number;
  p99: number;
  max: number;
}
export interface ThroughputRun {
  drafts: number;
  entries: number;
  buildMs: number;
  warmup: GatePass;
  passes: GatePass[];
  outcomes: Record<Outcome, number>;
  intents: Record<string, number>;
}

exitWithParent();
watchdog(150, 'gate throughput bench');
const DRAFTS = Number(argValue('drafts') ?? 10_000);
const ENTRIES = 1_000_000;
const REPEATS = Math.max(5, Number(argValue('repeats') ?? 7));
// Tuesday 10 June 2025, 15:30 UTC: inside the 08–18 window from Los Angeles to Berlin, outside it in Sydney and Tokyo.
const NOW = Date.UTC(2025, 5, 10, 15, 30);

const KEY = `v=DKIM1; k=rsa; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(9)}`;
const TXT: Record<string, string[]> = {
  'acme.io': ['google-site-verification=abc', 'v=spf1 include:_spf.google.com ~all'],
  'google._domainkey.acme.io': [KEY],
  '_dmarc.acme.io': ['v=DMARC1; p=quarantine; rua=mailto:dmarc@acme.io'],
};

const set = generateDrafts(DRAFTS);
const nx = new Set(set.nxDomains);
const dns = createDnsCache(
  {
    async txt(name) {
      const records = TXT[name];
      return records ? records.map((r) => r.match(/.{1,255}/gs) ?? ['']) : 'nxdomain';
    },
    async mx(domain) {
      return nx.has(domain)
        ? { kind: 'nxdomain' }
        : { kind: 'found', hosts: [`mx1.${domain}`, `mx2.${domain}`] };
    },
  },
  { ttlMs: 3_600_000, now: () => NOW },
);

const dir = await mkdtemp(join(tmpdir(), 'fairsend-gate-bench-'));
try {
  // no key file yet: the team key makes and seals one under its own name, as at a desktop's first start
  const teamKey = createTeamKey(join(dir, 'team.key'), createKeySealer(randomBytes(32)));
  const started = performance.now();
  const index = new SuppressionIndex(ENTRIES);
  const real = [
    ...new Set([
      ...(await teamKey.suppressionKeys('address', set.suppressedAddresses)),
      ...(await teamKey.suppressionKeys('domain', set.suppressedDomains)),
    ]),
  ];
  for (const key of syntheticKeys(ENTRIES - real.length, 1)) index.add(key);
  for (const key of real) index.add(key);
  const buildMs = performance.now() - started;

  const senderAuth = await checkSenderAuth(
    { domain: 'acme.io', kind: 'gmail', dkimSelectors: ['google'] },
    dns,
  );
  if (senderAuth.verdict !== 'ok') throw new Error(`sender auth: ${senderAuth.reasons.map((r) => r.code)}`);
  const ctx: PipelineContext = {
    now: NOW,
    timeZone: 'Europe/London',
    profile: {
      company: 'Acme Cadence Ltd',
      postalAddress: '1 Harbour Street\nSuite 400\nBristol BS1 4DJ\nUnited Kingdom',
      unsubscribeBaseUrl: 'https://team.acme.io',
      unsubscribeMailto: 'unsubscribe@acme.io',
    },
    mailbox: {
      id: 'mbx-1',
      address: 'ana.lima@acme.io',
      displayName: 'Ana Lima',
      signature: 'Ana Lima\nAccount Executive, Acme Cadence\n+44 117 496 0000',
      createdAt: NOW - 60 * 86_400_000,
    },
    teamKey,
    dns,
    index,
    senderAuth,
    breaker: evaluateBreaker({ sends: 400, hardBounces: 2, complaints: 0 }),
    sentToday: 12,
  };

  const outcomes: Record<Outcome, number> = { ok: 0, warn: 0, block: 0, refused: 0 };
  async function pass(count: boolean): Promise<GatePass> {
    const latencies = new Float64Array(set.drafts.length);
    const t0 = performance.now();
    for (let i = 0; i < set.drafts.length; i++) {
      const t = performance.now();
      const outcome = await processDraft(set.drafts[i]!.draft, ctx);
      latencies[i] = performance.now() - t;
      if (count) outcomes[outcome]++;
    }
    const ms = performance.now() - t0;
    const lat = Array.from(latencies);
    return {
      ms,
      perS: (set.drafts.length / ms) * 1000,
      p50: quantile(lat, 0.5),
      p99: quantile(lat, 0.99),
      max: quantile(lat, 1),
    };
  }
  const warmup = await pass(true);
  const passes: GatePass[] = [];
  for (let r = 0; r < REPEATS; r++) passes.push(await pass(false));

  const intents: Record<string, number> = {};
  for (const d of set.drafts) intents[d.intent] = (intents[d.intent] ?? 0) + 1;
  const run: ThroughputRun = {
    drafts: set.drafts.length,
    entries: index.size,
    buildMs,
    warmup,
    passes,
    outcomes,
    intents,
  };
  if (process.send) await answerParent(run);
  else console.log(JSON.stringify(run, null, 2));
} finally {
  await rm(dir, { recursive: true, force: true });
}
