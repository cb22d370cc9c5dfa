import type { RxCollection } from 'rxdb';
import { LEAD_STATUSES, type LeadStatus } from '../../../shared/leads/lead';
import type { LeadStats } from './lead-docs';
import type { LeadDoc } from './schemas/leads';

const STATS_DOC = 'stats';

const emptyByStatus = (): Record<LeadStatus, number> =>
  Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;

/**
 * The kept per-status counters of the leads (a local document), so the screen never recounts 100k leads.
 * The leads repository is the only writer of leads in a window, so the counters also live in memory; it
 * bumps them in the same serialised write that changes the leads.
 */
export function createLeadCounters(leads: RxCollection<LeadDoc>) {
  let cached: LeadStats | null = null;

  async function read(): Promise<LeadStats> {
    if (cached) return structuredClone(cached);
    const doc = await leads.getLocal<LeadStats>(STATS_DOC);
    if (doc) {
      cached = doc.toJSON().data as LeadStats;
      return structuredClone(cached);
    }
    return recount();
  }

  /** Counts every status through its index; used once when no counters exist yet, or to repair them. */
  async function recount(): Promise<LeadStats> {
    const byStatus = emptyByStatus();
    for (const status of LEAD_STATUSES) byStatus[status] = await leads.count({ selector: { status } }).exec();
    const stats = { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
    await leads.upsertLocal(STATS_DOC, stats);
    cached = structuredClone(stats);
    return stats;
  }

  async function bump(delta: Partial<Record<LeadStatus, number>>): Promise<void> {
    const stats = await read();
    for (const [status, n] of Object.entries(delta) as [LeadStatus, number][]) {
      stats.byStatus[status] = Math.max(0, stats.byStatus[status] + n);
      stats.total = Math.max(0, stats.total + n);
    }
    await leads.upsertLocal(STATS_DOC, stats);
    cached = stats;
  }

  return { read, recount, bump };
}

/** The counter change of removing (-1) or adding (+1) these leads. */
export function countStatuses(docs: readonly Pick<LeadDoc, 'status'>[], sign: 1 | -1) {
  const delta: Partial<Record<LeadStatus, number>> = {};
  for (const d of docs) delta[d.status] = (delta[d.status] ?? 0) + sign;
  return delta;
}
