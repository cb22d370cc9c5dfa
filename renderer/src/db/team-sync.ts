import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { TeamStatus } from '../../../shared/ipc/team';
import type { PendingPushes } from '../../../shared/team/pending-words';
import type { FairsendDatabase } from './database';
import { pendingPushes } from './team-pending';
import { rekeyForTeam } from './team-rekey';
import { startTeamReplication, streamSubjects, type TeamReplication } from './team-replication';

type Call = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

export interface TeamSyncDeps {
  db: FairsendDatabase;
  call: Call;
  /** how long main holds a long poll open */
  waitMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  retryTimeMs?: number;
  /** something that keeps failing, for the console (the rep reads main's status in Settings → Team) */
  onProblem?(message: string): void;
  /** what waits to reach the server, every `pendingEveryMs` while joined (null when not in a team) */
  onPending?(pending: PendingPushes | null): void;
  pendingEveryMs?: number;
}

export interface TeamSync {
  /** the replications while joined (tests wait on them) */
  current(): TeamReplication | null;
  /** settles when the status the loop last read has been acted on (tests) */
  settled(): Promise<void>;
  /** documents changed here that the team server does not have yet, per collection; null when not in a team */
  pending(): Promise<PendingPushes | null>;
  stop(): Promise<void>;
}

const ID_CHUNK = 50_000;

/**
 * The renderer's side of team sync: follows main's team status (re-read whenever its version moves), moves the
 * entries made before joining to the team key once, then runs the replications while joined and cancels them
 * when the membership ends. Main's live-stream events come in by long poll and feed each replication's
 * `stream$`; when the poll itself fails, the replications RESYNC once it answers again.
 */
export function startTeamSync(deps: TeamSyncDeps): TeamSync {
  const { db } = deps;
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const result = await deps.call(channel, request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const streams = streamSubjects(db);
  let replication: TeamReplication | null = null;
  let runningTeam: string | null = null;
  let stopped = false;
  let acting: Promise<void> = Promise.resolve();

  async function act(status: TeamStatus): Promise<void> {
    const want = status.joined && status.teamId ? status.teamId : null;
    if (runningTeam && runningTeam !== want) {
      await replication?.cancel();
      replication = null;
      runningTeam = null;
    }
    if (!want || runningTeam === want || stopped) return;
    if (!status.rekeyed) {
      const { localOnly } = await rekeyForTeam(db, {
        keys: (kind, values) => call('suppression.keys', { kind, values }),
      });
      for (let i = 0; i === 0 || i < localOnly.length; i += ID_CHUNK) {
        const last = i + ID_CHUNK >= localOnly.length;
        await call('team.markRekeyed', {
          teamId: want,
          localOnly: localOnly.slice(i, i + ID_CHUNK),
          done: last,
        });
      }
    }
    const localOnly = new Set(await call('team.localOnly', {}));
    replication = startTeamReplication({
      db,
      teamId: want,
      canPush: status.role !== 'readonly',
      localOnly,
      streams: streams.subjects,
      remote: {
        pull: (collection, checkpoint, limit) => call('team.pull', { collection, checkpoint, limit }),
        push: (collection, rows) => call('team.push', { collection, rows: rows as never }),
      },
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      ...(deps.retryTimeMs ? { retryTimeMs: deps.retryTimeMs } : {}),
    });
    runningTeam = want;
  }

  const pending = async () => (replication ? pendingPushes(replication.pushing) : null);
  const publish = deps.onPending
    ? setInterval(() => {
        pending()
          .then((p) => deps.onPending?.(p))
          .catch(() => {}); // a replication cancelled while counting: the next tick counts again
      }, deps.pendingEveryMs ?? 2000)
    : null;

  const follow = (status: TeamStatus) => {
    acting = acting.then(() => act(status)).catch((error) => deps.onProblem?.(String(error)));
  };

  void (async () => {
    let after = 0;
    let version = -1;
    let failures = 0;
    while (!stopped) {
      const answer = await deps.call('team.events', { after, waitMs: deps.waitMs ?? 20_000 });
      if (stopped) return;
      if (!answer.ok) {
        failures++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(60_000, 500 * 2 ** failures)));
        continue;
      }
      if (failures > 0) streams.resync();
      failures = 0;
      const { events, statusVersion } = answer.value;
      after = events.reduce((max, e) => Math.max(max, e.seq), after);
      if (statusVersion !== version) {
        const status = await deps.call('team.status', {});
        if (status.ok) {
          version = statusVersion;
          follow(status.value);
        }
      }
      await streams.feed(events);
    }
  })();

  return {
    current: () => replication,
    settled: () => acting,
    pending,
    async stop() {
      stopped = true;
      if (publish) clearInterval(publish);
      await acting;
      await replication?.cancel();
      replication = null;
    },
  };
}
