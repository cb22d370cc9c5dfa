import type { Figure } from '../lib/child';
import { quantile } from '../lib/child';
import type { Account, KeyRecord } from './count';
import { MOMENTS, type Moment } from './moments';

interface Inputs {
  runs: { setup: string; kills: number; moments: Map<Moment, number>; windows: number[]; keys: string[] }[];
  accounts: Account[];
  records: KeyRecord[];
  seconds: number;
  load: string;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The crash loop's bench lines (bench/results.json), with per-setup detail in the notes. */
export function figuresOf({ runs, accounts, records, seconds, load }: Inputs): Figure[] {
  const kills = sum(runs.map((r) => r.kills));
  const perSetup = (pick: (a: Account) => number) => accounts.map((a) => `${a.setup} ${pick(a)}`).join(', ');
  const moments = MOMENTS.map((m) => `${m}: ${sum(runs.map((r) => r.moments.get(m) ?? 0))}`).join('; ');
  const ending = (e: keyof Account['endings']) => sum(accounts.map((a) => a.endings[e]));
  const windows = runs.flatMap((r) => r.windows);
  const lostKeys = records.filter((r) => r.ending === 'lost' || r.ending === 'duplicate').slice(0, 5);
  const checks =
    `counted sends ${sum(accounts.map((a) => a.countedSends))} for ${sum(accounts.map((a) => a.deliveries))} deliveries; ` +
    `Sent-copy problems ${sum(accounts.map((a) => a.sentCopyProblems))}; audit problems ${sum(accounts.map((a) => a.auditProblems))}; ` +
    `Message-ID problems ${sum(accounts.map((a) => a.messageIdProblems))}`;
  return [
    {
      id: 'send.crash_loop.kills',
      value: kills,
      unit: 'kills',
      target: null,
      note: `SIGKILLs (≥ 500 required), ${perSetup((a) => runs.find((r) => r.setup === a.setup)?.kills ?? 0)}; where they landed: ${moments}; ${Math.round(seconds)} s; ${load}`,
    },
    {
      id: 'send.crash_loop.duplicates',
      value: ending('duplicate'),
      unit: 'keys',
      target: 0,
      note: `keys delivered twice or more, counted at the receiving servers (SMTP received, Gmail/Graph stand-ins' sent, parsed back, key in the subject) over ${records.length} keys${lostKeys.length ? `; e.g. ${lostKeys.map((r) => `${r.key}=${r.delivered}/${r.state}`).join(' ')}` : ''}`,
    },
    {
      id: 'send.crash_loop.lost',
      value: ending('lost'),
      unit: 'keys',
      target: 0,
      note: `keys that ended neither delivered once (accepted), nor not delivered and retryable, nor held; delivered ${ending('delivered')}, retryable ${ending('retryable')}; ${checks}`,
    },
    {
      id: 'send.crash_loop.held',
      value: ending('held'),
      unit: 'keys',
      target: null,
      note: `held for the rep (fate unknown; ${sum(accounts.map((a) => a.heldDelivered))} of them were in fact delivered): ${perSetup((a) => a.endings.held)}`,
    },
    {
      id: 'send.crash_loop.accept_window_ms.median',
      value: quantile(windows, 0.5),
      unit: 'ms',
      target: null,
      note: `from the transport reporting the server's answer to \`accepted\` fsynced (the window a crash turns into a held message), ${windows.length} sends`,
    },
    {
      id: 'send.crash_loop.accept_window_ms.p99',
      value: quantile(windows, 0.99),
      unit: 'ms',
      target: null,
      note: `p99 of the same; max ${Math.round(Math.max(...windows, 0) * 10) / 10} ms`,
    },
  ];
}
