import type { ReplicatedCollection } from '../../../shared/team/replication';

/** A commit changed a team's collection; or `'reconnected'`: changes may have been missed, every stream resyncs. */
export type Change = { teamId: string; collection: ReplicatedCollection } | 'reconnected';

/**
 * How live streams hear that a team's collection changed. Two adapters: in process (PGlite, one instance) and
 * PostgreSQL LISTEN/NOTIFY (several instances on one database; the tables' triggers NOTIFY at commit, so every
 * writer is heard: pushes, one-click opt-outs, member changes, and writes through any other instance).
 */
export interface Notifier {
  /** a write of this process committed; the in-process adapter passes it on, the PostgreSQL one hears its trigger */
  changed(teamId: string, collection: ReplicatedCollection): void;
  subscribe(listener: (change: Change) => void): () => void;
  close(): Promise<void>;
}

/** the payload the NOTIFY triggers send (migration 003): `<team id> <collection>` */
export const NOTIFY_CHANNEL = 'fairsend_sync';

export function parseNotifyPayload(payload: string | undefined): Change | null {
  const [teamId, collection, extra] = (payload ?? '').split(' ');
  if (!teamId || extra !== undefined) return null;
  if (collection !== 'suppression' && collection !== 'audit' && collection !== 'team') return null;
  return { teamId, collection };
}

/** Listeners called one by one; one that throws is not allowed to stop the others. */
export function createListeners() {
  const listeners = new Set<(change: Change) => void>();
  return {
    add(listener: (change: Change) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(change: Change) {
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch {
          // a stream's own failure ends that stream, not the others
        }
      }
    },
    clear: () => listeners.clear(),
  };
}

/** The single-instance adapter: an emitter in this process. */
export function createMemoryNotifier(): Notifier {
  const listeners = createListeners();
  return {
    changed: (teamId, collection) => listeners.emit({ teamId, collection }),
    subscribe: (listener) => listeners.add(listener),
    async close() {
      listeners.clear();
    },
  };
}
