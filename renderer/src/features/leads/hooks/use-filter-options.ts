import { useEffect, useState } from 'react';
import { distinctSources, distinctTags } from '../../../db/lead-list';
import { useServices } from '../../../services/use-services';
import { useRepoVersion } from './use-repo-version';

/** Tags and sources for the filter menus, read from their indexes; refreshed at most once a second. */
export function useFilterOptions(): { tags: string[]; sources: string[] } {
  const { db } = useServices();
  const version = useRepoVersion(1000);
  const [options, setOptions] = useState<{ tags: string[]; sources: string[] }>({ tags: [], sources: [] });
  useEffect(() => {
    let live = true;
    const read = () =>
      void Promise.all([distinctTags(db), distinctSources(db)]).then(
        ([tags, sources]) => live && setOptions({ tags, sources }),
      );
    // the first read waits for the first rows: its index walks would compete with them for the database
    const cancel = version === 0 ? afterFirstRows(read) : now(read);
    return () => {
      live = false;
      cancel();
    };
  }, [db, version]);
  return options;
}

/**
 * Runs `task` a second after the screen opened, when the browser is next idle: after its first rows. (Idle alone
 * comes too early: the page is idle while it waits for the first page's read.)
 */
function afterFirstRows(task: () => void): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function')
      idle = requestIdleCallback(task, { timeout: FIRST_READ_MS });
    else task();
  }, FIRST_READ_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

const FIRST_READ_MS = 1000;

function now(task: () => void): () => void {
  task();
  return () => {};
}
