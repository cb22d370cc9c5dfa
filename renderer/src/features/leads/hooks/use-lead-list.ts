import { useEffect, useState } from 'react';
import type { LeadSort } from '../../../db/lead-docs';
import { type LeadList, openLeadList } from '../../../db/lead-list';
import { useServices } from '../../../services/use-services';
import type { LeadFilter } from '../../../store';
import { useRepoVersion } from './use-repo-version';

export interface LeadListState {
  /** the latest list; null only before the first one opened */
  list: LeadList | null;
  /** the filter `list` answers, so the screen can tell "no leads" from "no matches" */
  filter: LeadFilter | null;
  error: string;
}

/**
 * Opens the list for the filter, and again after writes (throttled to 300 ms, so an import in progress
 * re-reads a few times a second at most). The old list stays until the new one is ready: no flash.
 */
export function useLeadList(filter: LeadFilter, sort: LeadSort = 'newest'): LeadListState {
  const { db, leads } = useServices();
  const version = useRepoVersion(300);
  const [state, setState] = useState<LeadListState>({ list: null, filter: null, error: '' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the re-read trigger.
  useEffect(() => {
    let live = true;
    openLeadList(db, leads, { ...filter, sort }).then(
      (list) => live && setState({ list, filter, error: '' }),
      (error: unknown) =>
        live && setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) })),
    );
    return () => {
      live = false;
    };
  }, [db, leads, filter, sort, version]);
  return state;
}
