import { SuppressionIndex } from '../../../shared/compliance/suppression-index';

/**
 * Main's copy of the team suppression list. The replicated list lives in the renderer's RxDB; the renderer
 * feeds it here (the full list once at start, then every change). Until the full list has arrived the
 * holder is not ready, and the gate holds every send rather than let one go out unchecked.
 */
export function createSuppressionHolder() {
  const index = new SuppressionIndex(1 << 14);
  let ready = false;
  return {
    index,
    get ready() {
      return ready;
    },
    apply({
      add,
      remove,
      complete,
    }: {
      add: readonly string[];
      remove: readonly string[];
      complete: boolean;
    }) {
      for (const key of add) index.add(key);
      for (const key of remove) index.delete(key);
      if (complete) ready = true;
      return { size: index.size, ready };
    },
  };
}

export type SuppressionHolder = ReturnType<typeof createSuppressionHolder>;
