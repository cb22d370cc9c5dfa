import type { FastifyReply } from 'fastify';
import { type Checkpoint, LIMITS, type StreamEvent, streamEventText } from '../../../shared/team/replication';
import type { Caller } from '../auth/authenticate';
import type { Db } from '../db/db';
import type { Notifier } from './notifier';
import type { CollectionStore } from './store';

export interface OpenStreams {
  add(end: () => void): () => void;
  /** ends every open stream (before the server closes, so close does not wait on them) */
  endAll(): void;
}

export function createOpenStreams(): OpenStreams {
  const ends = new Set<() => void>();
  return {
    add(end) {
      ends.add(end);
      return () => ends.delete(end);
    },
    endAll() {
      for (const end of [...ends]) end();
    },
  };
}

export interface StreamDeps<D> {
  db: Db;
  store: CollectionStore<D>;
  notifier: Notifier;
  streams: OpenStreams;
  /** the caller again, before each batch: a revoked device's stream ends at the next change */
  recheck: () => Promise<Caller>;
  heartbeatMs?: number;
}

/**
 * A live stream (server-sent events) of one collection for one caller. It starts with `RESYNC` (the desktop
 * pulls from its own checkpoint, catching up on whatever it missed while away), then sends the rows committed
 * after the newest row there was when it connected, batch by batch, whenever the notifier says the team's
 * collection changed. Rows are read by checkpoint, never from the notification, so one missed or doubled
 * notification changes nothing; when the notifier lost its connection, the stream sends `RESYNC` again.
 */
export async function openStream<D>(reply: FastifyReply, caller: Caller, deps: StreamDeps<D>) {
  const { db, store, notifier } = deps;
  let cursor: Checkpoint | null = await store.head(db, caller.teamId);
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (event: StreamEvent<D>) => out.write(streamEventText(event));

  let ended = false;
  let running: Promise<void> | null = null;
  let again = false;

  async function drain() {
    do {
      again = false;
      const current = await deps.recheck();
      for (;;) {
        const page = await store.pull(db, current, cursor, LIMITS.maxPullRows);
        if (ended || !page.last) break;
        cursor = page.last;
        send({ documents: page.documents, checkpoint: page.last });
        if (page.documents.length < LIMITS.maxPullRows) break;
      }
    } while (again && !ended);
  }

  function wake() {
    if (ended) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch(() => end())
      .finally(() => {
        running = null;
      });
  }

  const unsubscribe = notifier.subscribe((change) => {
    if (change === 'reconnected') {
      if (!ended) send('RESYNC');
      wake();
    } else if (change.teamId === caller.teamId && change.collection === store.collection) {
      wake();
    }
  });
  const heartbeat = setInterval(() => out.write(': ping\n\n'), deps.heartbeatMs ?? 25_000);
  heartbeat.unref();
  const forget = deps.streams.add(() => end());

  function end() {
    if (ended) return;
    ended = true;
    unsubscribe();
    clearInterval(heartbeat);
    forget();
    out.end();
  }
  out.on('close', end);
  out.on('error', end);
  send('RESYNC');
  // a commit between reading the head and subscribing is after the head: look once now
  wake();
}
