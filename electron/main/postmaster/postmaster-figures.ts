import { AppError } from '../../../shared/ipc/result';
import {
  POSTMASTER_LIMITS,
  type PostmasterDomain,
  type PostmasterValue,
} from '../../../shared/team/postmaster';
import type { PostmasterClient } from './postmaster-client';

/** how often a connected admin's desktop reads Postmaster Tools again (Google updates once a day) */
export const POSTMASTER_REFRESH_MS = 6 * 3_600_000;
const DAYS_FETCHED = 30;
const DAY_MS = 86_400_000;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** reads every chosen domain's days; a domain Google will not show is marked, any other failure stops all */
export async function readFigures(
  api: PostmasterClient,
  chosen: string[],
  now: number,
): Promise<PostmasterValue> {
  const range = { from: utcDay(now - DAYS_FETCHED * DAY_MS), to: utcDay(now + DAY_MS) };
  const domains: PostmasterDomain[] = [];
  for (const domain of chosen.slice(0, POSTMASTER_LIMITS.maxDomains)) {
    const days = await api.trafficStats(domain, range);
    if (!days.ok && days.error.code === 'forbidden') {
      domains.push({ domain, days: [], problem: 'not-verified' });
      continue;
    }
    if (!days.ok) throw new AppError(days.error.code, days.error.message);
    const kept = days.value.slice(-POSTMASTER_LIMITS.maxDays);
    domains.push({ domain, days: kept, ...(kept.length === 0 ? { problem: 'no-data' as const } : {}) });
  }
  return { fetchedAt: now, domains };
}

/** Runs `refresh` every POSTMASTER_REFRESH_MS until stopped; its failures are the caller's to keep (the status). */
export function createRefreshTimer(refresh: () => Promise<void>) {
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    /** a second start while running is a no-op */
    start(): void {
      if (timer) return;
      timer = setInterval(() => void refresh().catch(() => {}), POSTMASTER_REFRESH_MS);
      timer.unref?.();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
