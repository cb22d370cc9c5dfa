import { useEffect, useState } from 'react';
import type { LeadStats } from '../../../db/leads-repo';
import { useServices } from '../../../services/use-services';
import { useRepoVersion } from './use-repo-version';

/** The kept counters (one small read), refreshed after writes; never a recount. */
export function useLeadStats(): LeadStats | null {
  const { leads } = useServices();
  const version = useRepoVersion();
  const [stats, setStats] = useState<LeadStats | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the re-read trigger.
  useEffect(() => {
    let live = true;
    void leads.stats().then((s) => live && setStats(s));
    return () => {
      live = false;
    };
  }, [leads, version]);
  return stats;
}
