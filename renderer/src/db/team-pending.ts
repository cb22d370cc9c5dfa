import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getHeightOfRevision,
  getLastCheckpointDoc,
  type RxStorageInstanceReplicationState,
  writeDocToDocState,
} from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { NO_PENDING, type PendingPushes } from '../../../shared/team/pending-words';

type Doc = Record<string, unknown> & { _rev: string; _meta: Record<string, number> };

/**
 * How many documents of one replication the team server does not have yet: every document changed since the
 * push side's last acknowledged checkpoint whose state is not the one RxDB last saw the server accept (its
 * "assumed master state"), judged exactly as RxDB's upstream judges what to push. Pulled documents and
 * entries that never leave (pre-join ones kept local) are not counted: their master state is recorded.
 */
export async function pendingOf<C>(replication: RxReplicationState<unknown, C>): Promise<number> {
  const state = replication.internalReplicationState as RxStorageInstanceReplicationState<Doc> | undefined;
  if (!state || replication.isStopped()) return 0;
  const { input } = state;
  let checkpoint = await getLastCheckpointDoc(state, 'up');
  let count = 0;
  for (;;) {
    const page = await getChangedDocumentsSince(input.forkInstance, 500, checkpoint);
    if (page.documents.length === 0) return count;
    const ids = page.documents.map((d) => String(d[state.primaryPath]));
    const assumed = await getAssumedMasterState(state, ids);
    for (const doc of page.documents) {
      const master = assumed[String(doc[state.primaryPath])];
      const docState = writeDocToDocState(doc, state.hasAttachments, !!input.keepMeta);
      const same =
        master &&
        ((master.metaDocument.isResolvedConflict !== doc._rev &&
          input.conflictHandler.isEqual(master.docData, docState, 'upstream-check-if-equal')) ||
          (master.docData._rev && getHeightOfRevision(doc._rev) === doc._meta[input.identifier]));
      if (!same) count++;
    }
    checkpoint = page.checkpoint;
  }
}

/** Counts per collection for the replications that push (pull-only ones have nothing to wait). */
export async function pendingPushes<C>(
  states: Partial<Record<keyof PendingPushes, RxReplicationState<unknown, C>>>,
): Promise<PendingPushes> {
  const out = { ...NO_PENDING };
  for (const key of Object.keys(out) as (keyof PendingPushes)[]) {
    const s = states[key];
    if (s) out[key] = await pendingOf(s);
  }
  return out;
}

/** The latest counts, for Settings → Team (the team sync publishes; the page subscribes). */
export function createPendingStore() {
  let value: PendingPushes | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next: PendingPushes | null) {
      value = next;
      for (const l of listeners) l();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const teamPending = createPendingStore();
