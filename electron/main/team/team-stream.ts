import type { TeamCollection, TeamStreamEvent } from '../../../shared/ipc/team';
import { DOC_SCHEMAS, pullAnswerSchema, syncPath } from '../../../shared/team/replication';
import { connectionFailure, failureOf, type TeamCallError, type TeamTransport } from './team-client';

/**
 * The live streams (server-sent events) main keeps open to the team server, one per pulled collection, and the
 * queue the renderer reads them from with a long poll (`team.events`). The server starts every stream with
 * RESYNC, so a reconnect makes the renderer pull from its own checkpoint: whatever was missed arrives that way.
 * A lost stream is opened again with backoff (1 s doubling to `maxBackoffMs`).
 */
export interface TeamStreams {
  /** opens the streams (again) for a server and token; a second call replaces the first */
  open(base: string, token: string): void;
  close(): void;
  readonly connected: boolean;
  /** events after `after`, waiting up to `waitMs` for one */
  after(after: number, waitMs: number): Promise<TeamStreamEvent[]>;
  /** wakes every long poll now (the status changed) */
  wake(): void;
  /** waits until `wake` or `ms` */
  idle(ms: number): Promise<void>;
}

export interface TeamStreamsDeps {
  collections: readonly TeamCollection[];
  onTrouble(error: TeamCallError): void;
  onConnected(): void;
  maxBackoffMs?: number;
  /** events kept for late readers; one that fell further behind gets RESYNC */
  keep?: number;
  /** main's way to the server (its trusted certificate) */
  transport?: TeamTransport;
}

export function createTeamStreams(deps: TeamStreamsDeps): TeamStreams {
  const keep = deps.keep ?? 2000;
  const maxBackoff = deps.maxBackoffMs ?? 60_000;
  let queue: TeamStreamEvent[] = [];
  let seq = 0;
  let waiters: (() => void)[] = [];
  let session: AbortController | null = null;
  const open = new Set<TeamCollection>();

  function emit(collection: TeamCollection, event: TeamStreamEvent['event']) {
    queue.push({ seq: ++seq, collection, event });
    if (queue.length > keep) queue = queue.slice(-keep);
    wake();
  }
  function waitFor(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  function wake() {
    const now = waiters;
    waiters = [];
    for (const w of now) w();
  }

  async function run(base: string, token: string, collection: TeamCollection, signal: AbortSignal) {
    const host = new URL(base).host;
    let backoff = 1000;
    while (!signal.aborted) {
      try {
        const url = `${base}${syncPath(collection, 'stream')}`;
        const response = await (deps.transport?.fetch ?? ((_b, u, i) => fetch(u, i)))(base, url, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal,
        });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          const failure = failureOf(response.status, body?.error?.message, host, false);
          deps.onTrouble(failure);
          if (failure.kind === 'removed' || failure.kind === 'outdated') return;
        } else {
          open.add(collection);
          deps.onConnected();
          backoff = 1000;
          await readEvents(response.body, (data) => emit(collection, checked(collection, data)));
          open.delete(collection);
          if (!signal.aborted) emit(collection, 'RESYNC');
        }
      } catch (error) {
        open.delete(collection);
        if (signal.aborted) return;
        deps.onTrouble(await connectionFailure(base, error, deps.transport));
      }
      await sleep(backoff * (0.75 + Math.random() / 2), signal);
      backoff = Math.min(maxBackoff, backoff * 2);
    }
  }

  return {
    open(base, token) {
      session?.abort();
      open.clear();
      const controller = new AbortController();
      session = controller;
      for (const collection of deps.collections) void run(base, token, collection, controller.signal);
    },
    close() {
      session?.abort();
      session = null;
      open.clear();
      wake();
    },
    get connected() {
      return session !== null && deps.collections.every((c) => open.has(c));
    },
    async after(after, waitMs) {
      const first = queue[0];
      // fell behind what is kept (or main restarted): pull everything again
      if (after > seq || (first && first.seq > after + 1)) {
        return deps.collections.map((collection) => ({ seq, collection, event: 'RESYNC' as const }));
      }
      if (!queue.some((e) => e.seq > after) && waitMs > 0) await waitFor(waitMs);
      return queue.filter((e) => e.seq > after);
    },
    wake,
    idle: (ms) => waitFor(ms),
  };
}

/** A batch the contract does not describe is not passed on: the renderer pulls again instead. */
function checked(collection: TeamCollection, data: TeamStreamEvent['event']): TeamStreamEvent['event'] {
  if (data === 'RESYNC') return data;
  const parsed = pullAnswerSchema(DOC_SCHEMAS[collection]).safeParse(data);
  return parsed.success ? (parsed.data as TeamStreamEvent['event']) : 'RESYNC';
}

/** Reads `data:` lines of server-sent events; comments (heartbeats) are skipped. Ends when the stream does. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onData: (data: TeamStreamEvent['event']) => void,
) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (!data) continue;
      try {
        onData(JSON.parse(data) as TeamStreamEvent['event']);
      } catch {
        onData('RESYNC');
      }
    }
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
