import { useEffect, useState } from 'react';
import { distinctSources, distinctTags } from '../../../db/lead-list';
import { useServices } from '../../../services/use-services';
import { useRepoVersion } from './use-repo-version';

/** Tags and sources for the filter menus, read from their indexes; refreshed at most once a second. */
export function useFilterOptions(): { tags: string[]; sources: string[] } {
  const { db } = useServices();
  const version = useRepoVersion(1000);
  const [options, setOptions] = useState<{ tags: string[]; sources: string[] }>({ tags: [], sources: [] });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the re-read trigger.
  useEffect(() => {
    let live = true;
    void Promise.all([distinctTags(db), distinctSources(db)]).then(
      ([tags, sources]) => live && setOptions({ tags, sources }),
    );
    return () => {
      live = false;
    };
  }, [db, version]);
  return options;
}
