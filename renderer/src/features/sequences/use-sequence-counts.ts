import { useEffect, useState } from 'react';
import type { FairsendDatabase } from '../../db/database';
import { throttle } from '../leads/hooks/throttle';
import { countEnrollments, type SequenceCounts } from './sequence-counts';

/**
 * Each listed sequence's counts, read again (at most once a second) when enrollments change: the engine
 * writes many in a tick, and the list needs the totals, not every step.
 */
export function useSequenceCounts(db: FairsendDatabase, ids: readonly string[]): Map<string, SequenceCounts> {
  const [counts, setCounts] = useState<Map<string, SequenceCounts>>(new Map());
  const key = ids.join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the ids' content; the array is new on every render.
  useEffect(() => {
    let live = true;
    const read = async () => {
      const pairs = await Promise.all(ids.map(async (id) => [id, await countEnrollments(db, id)] as const));
      if (live) setCounts(new Map(pairs));
    };
    void read();
    const again = throttle(() => void read(), 1000);
    const sub = db.enrollments.$.subscribe(() => again());
    return () => {
      live = false;
      sub.unsubscribe();
      again.cancel();
    };
  }, [db, key]);

  return counts;
}
