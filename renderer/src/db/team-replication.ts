import type { RxCollection } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { type Observable, Subject } from 'rxjs';
import type { TeamCollection, TeamStreamEvent } from '../../../shared/ipc/team';
import type { FairsendDatabase } from './database';
import { suppressionFromWire, suppressionToWire } from './team-docs';

type Checkpoint = { order: string; id: string };
type Docs = Record<string, unknown>[];
type PullAnswer = { documents: Docs; checkpoint: Checkpoint | null };

/** The team server, reached through main (which holds the token): the bridge's team.pull / team.push. */
export interface TeamRemote {
  pull(collection: TeamCollection, checkpoint: Checkpoint | null, limit: number): Promise<PullAnswer>;
  push(collection: 'suppression' | 'audit', rows: unknown[]): Promise<Docs>;
}

export interface TeamReplicationOptions {
  db: FairsendDatabase;
  remote: TeamRemote;
  /** names the replications, so another team starts from its own checkpoints */
  teamId: string;
  /** readonly members pull only */
  canPush: boolean;
  /** ids of entries made before joining that are never sent (team-rekey.ts) */
  localOnly: ReadonlySet<string>;
  /** live-stream events, per collection, already in the local shape */
  streams: Record<'suppression' | 'team', Observable<PullAnswer | 'RESYNC'>>;
  /** backoff between failed calls: base doubling up to max (RxDB adds its own fixed retry time) */
  backoff?: { baseMs: number; maxMs: number };
  retryTimeMs?: number;
}

export interface TeamReplication {
  states: RxReplicationState<unknown, Checkpoint>[];
  /** the replications that push, by collection (what Settings → Team counts as waiting) */
  pushing: Partial<Record<'suppression' | 'audit', RxReplicationState<unknown, Checkpoint>>>;
  /** the first error of any replication, as RxDB reports it */
  errors: Observable<unknown>;
  cancel(): Promise<void>;
}

/** Calls that fail wait longer each time (1 s doubling to 5 min by default); one success resets it. */
export function backingOff(options: { baseMs: number; maxMs: number }) {
  let failures = 0;
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (failures > 0) {
      const ms = Math.min(options.maxMs, options.baseMs * 2 ** (failures - 1));
      await new Promise((resolve) => setTimeout(resolve, ms * (0.75 + Math.random() / 2)));
    }
    try {
      const value = await work();
      failures = 0;
      return value;
    } catch (error) {
      failures++;
      throw error;
    }
  };
}

/** The local shape of suppression entries from the team: plaintext this desktop knows is kept. */
export async function localSuppression(db: FairsendDatabase, docs: Docs): Promise<Docs> {
  if (docs.length === 0) return docs;
  const known = await db.suppression.findByIds(docs.map((d) => String(d.id))).exec();
  const local = new Map([...known].map(([id, d]) => [id, { value: d.value, rank: d.rank }]));
  return suppressionFromWire(docs, local);
}

/**
 * RxDB replication of `suppression` (pull, push, live), `audit` (push: this desktop's events) and `team`
 * (pull, live) with the team server, every call through main. A push never carries `value`; entries made
 * before joining that could not be re-keyed are skipped; conflicts come back in the local shape.
 */
export function startTeamReplication(options: TeamReplicationOptions): TeamReplication {
  const { db, remote } = options;
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 300_000 };
  const retryTime = options.retryTimeMs ?? 5000;
  const errors = new Subject<unknown>();
  const id = (collection: string) => `fairsend-team-${options.teamId}-${collection}`;

  const suppressionPull = backingOff(backoff);
  const suppressionPush = backingOff(backoff);
  const suppression = replicateRxCollection({
    collection: db.suppression as unknown as RxCollection,
    replicationIdentifier: id('suppression'),
    live: true,
    retryTime,
    waitForLeadership: false,
    pull: {
      batchSize: 500,
      handler: (checkpoint, batchSize) =>
        suppressionPull(async () => {
          const answer = await remote.pull('suppression', (checkpoint as Checkpoint) ?? null, batchSize);
          return { ...answer, documents: await localSuppression(db, answer.documents) } as never;
        }),
      stream$: options.streams.suppression as never,
    },
    ...(options.canPush
      ? {
          push: {
            batchSize: 500,
            modifier: (doc: Record<string, unknown>) =>
              options.localOnly.has(String(doc.id)) ? null : suppressionToWire(doc),
            handler: (rows: unknown[]) =>
              suppressionPush(async () =>
                localSuppression(db, await remote.push('suppression', rows)),
              ) as never,
          },
        }
      : {}),
  });

  const auditPush = backingOff(backoff);
  const audit = options.canPush
    ? replicateRxCollection({
        collection: db.audit as unknown as RxCollection,
        replicationIdentifier: id('audit'),
        live: true,
        retryTime,
        waitForLeadership: false,
        push: {
          batchSize: 500,
          handler: (rows) => auditPush(() => remote.push('audit', rows)) as never,
        },
      })
    : null;

  const teamPull = backingOff(backoff);
  const team = replicateRxCollection({
    collection: db.team as unknown as RxCollection,
    replicationIdentifier: id('team'),
    live: true,
    retryTime,
    waitForLeadership: false,
    pull: {
      batchSize: 500,
      handler: (checkpoint, batchSize) =>
        teamPull(() => remote.pull('team', (checkpoint as Checkpoint) ?? null, batchSize)) as never,
      stream$: options.streams.team as never,
    },
  });

  const states = [suppression, team, ...(audit ? [audit] : [])] as RxReplicationState<unknown, Checkpoint>[];
  const subs = states.map((s) => s.error$.subscribe((e) => errors.next(e)));
  return {
    states,
    pushing: options.canPush
      ? {
          suppression: suppression as RxReplicationState<unknown, Checkpoint>,
          ...(audit ? { audit: audit as RxReplicationState<unknown, Checkpoint> } : {}),
        }
      : {},
    errors,
    async cancel() {
      for (const s of subs) s.unsubscribe();
      await Promise.all(states.map((s) => s.cancel()));
    },
  };
}

/** Turns main's stream events into each collection's `stream$` items (suppression rows in the local shape). */
export function streamSubjects(db: FairsendDatabase) {
  const subjects = {
    suppression: new Subject<PullAnswer | 'RESYNC'>(),
    team: new Subject<PullAnswer | 'RESYNC'>(),
  };
  return {
    subjects,
    async feed(events: readonly TeamStreamEvent[]) {
      for (const { collection, event } of events) {
        if (collection === 'audit') continue;
        if (event === 'RESYNC') subjects[collection].next('RESYNC');
        else if (collection === 'team') subjects.team.next(event);
        else subjects.suppression.next({ ...event, documents: await localSuppression(db, event.documents) });
      }
    },
    resync() {
      subjects.suppression.next('RESYNC');
      subjects.team.next('RESYNC');
    },
  };
}
