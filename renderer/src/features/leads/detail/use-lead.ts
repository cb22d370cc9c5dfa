import { useEffect, useState } from 'react';
import type { LeadDoc } from '../../../db/schemas/leads';
import { useServices } from '../../../services/use-services';
import { useRepoVersion } from '../hooks/use-repo-version';

/** One lead, re-read after writes; `null` once it is gone (deleted, erased, or re-keyed elsewhere). */
export function useLead(id: string): { lead: LeadDoc | null; loading: boolean } {
  const { leads } = useServices();
  const version = useRepoVersion(150);
  const [state, setState] = useState<{ lead: LeadDoc | null; loading: boolean }>({
    lead: null,
    loading: true,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the re-read trigger.
  useEffect(() => {
    let live = true;
    void leads.get(id).then((lead) => live && setState({ lead, loading: false }));
    return () => {
      live = false;
    };
  }, [leads, id, version]);
  return state;
}
