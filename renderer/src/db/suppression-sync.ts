import type { Result } from '../../../shared/ipc/result';
import type { FairsendDatabase } from './database';

/** Codes whose message main wrote for a rep; the others carry a program's or a schema's text. */
const WORDED_BY_MAIN = (code: string) =>
  !['internal', 'invalid-input', 'unknown-channel', 'forbidden'].includes(code);

/** `suppression.apply` takes at most this many keys per list. */
export const APPLY_CHUNK = 20_000;

export interface SuppressionDelta {
  add: string[];
  remove: string[];
  complete: boolean;
}

export interface SuppressionSyncDeps {
  apply(delta: SuppressionDelta): Promise<Result<{ size: number; ready: boolean }>>;
  /** told once when calls keep failing (sends stay blocked meanwhile); `onRecovered` when they work again */
  onTrouble?(message: string): void;
  onRecovered?(): void;
  /** backoff between retries: base doubling up to max; trouble is reported after `troubleAfter` failures */
  retry?: { baseMs: number; maxMs: number; troubleAfter: number };
  /** changes within this window go to main in one call */
  flushMs?: number;
}

export interface SuppressionSync {
  /** settles once main holds the full list */
  ready: Promise<void>;
  /** settles when every change seen so far has reached main (tests) */
  settled(): Promise<void>;
  stop(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Keeps main's suppression index in step with the `suppression` collection. Main blocks every send until
 * it has the full list, so at start every key goes over in chunks, the last one marked `complete` (also
 * when the list is empty); then each insert, update or delete follows as a delta. Changes are watched from
 * before the full read, so none made during it is lost (adding or removing a key twice is harmless).
 * A failed call is retried with backoff; the user hears of it only when it keeps failing.
 */
export function startSuppressionSync(db: FairsendDatabase, deps: SuppressionSyncDeps): SuppressionSync {
  const retry = deps.retry ?? { baseMs: 500, maxMs: 30_000, troubleAfter: 5 };
  const flushMs = deps.flushMs ?? 50;
  const pendingAdd = new Set<string>();
  const pendingRemove = new Set<string>();
  let loaded = false;
  let stopped = false;
  let troubled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const subscription = db.suppression.$.subscribe((event) => {
    if (event.operation === 'DELETE') {
      pendingAdd.delete(event.documentId);
      pendingRemove.add(event.documentId);
    } else {
      pendingRemove.delete(event.documentId);
      pendingAdd.add(event.documentId);
    }
    if (loaded) scheduleFlush();
  });

  /** A failure of this window's own database: its text goes to the console, the rep reads what it means. */
  function troubleFrom(error: unknown): void {
    console.warn('suppression sync:', error);
    deps.onTrouble?.(
      'Fairsend could not read the suppression list on this computer, so sending waits. Reload the window; if this keeps happening, restart Fairsend.',
    );
  }

  /** One call, retried until it works or the sync stops; null when stopped. */
  async function send(delta: SuppressionDelta): Promise<{ ready: boolean } | null> {
    for (let attempt = 1; !stopped; attempt++) {
      let result: Result<{ size: number; ready: boolean }>;
      try {
        result = await deps.apply(delta);
      } catch (error) {
        result = { ok: false, error: { code: 'internal', message: String(error) } };
      }
      if (result.ok) {
        if (troubled) deps.onRecovered?.();
        troubled = false;
        return result.value;
      }
      if (attempt === retry.troubleAfter) {
        troubled = true;
        // main words its own refusals; a thrown error's or a schema refusal's text is for developers
        const said = WORDED_BY_MAIN(result.error.code) ? ` (${result.error.message})` : '';
        if (!said) console.warn('suppression sync:', result.error);
        deps.onTrouble?.(
          `The suppression list could not reach the sending service${said}. Sending waits until it does; Fairsend keeps trying.`,
        );
      }
      await sleep(Math.min(retry.maxMs, retry.baseMs * 2 ** (attempt - 1)));
    }
    return null;
  }

  /** Every key, a chunk at a time along the rank index, the last chunk marked complete. */
  async function sendAll(): Promise<void> {
    let afterRank: number | undefined;
    for (;;) {
      const page = await db.suppression
        .find({
          selector: afterRank === undefined ? {} : { rank: { $gt: afterRank } },
          sort: [{ rank: 'asc' }],
          index: ['rank'],
          limit: APPLY_CHUNK,
        })
        .exec();
      const last = page.length < APPLY_CHUNK;
      if ((await send({ add: page.map((d) => d.id), remove: [], complete: last })) === null || last) return;
      afterRank = page.at(-1)?.rank;
    }
  }

  async function flush(): Promise<void> {
    const add = [...pendingAdd];
    const remove = [...pendingRemove];
    pendingAdd.clear();
    pendingRemove.clear();
    for (let i = 0; i < Math.max(add.length, remove.length); i += APPLY_CHUNK) {
      const answer = await send({
        add: add.slice(i, i + APPLY_CHUNK),
        remove: remove.slice(i, i + APPLY_CHUNK),
        complete: false,
      });
      // Main lost its index (its process restarted): send the whole list again.
      if (answer && !answer.ready) return sendAll();
    }
  }

  function scheduleFlush(): void {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      queue = queue.then(flush).catch(troubleFrom);
    }, flushMs);
  }

  const ready = (async () => {
    await sendAll();
    loaded = true;
    if (pendingAdd.size || pendingRemove.size) scheduleFlush();
  })();
  queue = ready.catch(troubleFrom);

  return {
    ready,
    async settled() {
      await ready;
      while (timer || pendingAdd.size || pendingRemove.size) {
        await sleep(flushMs);
        await queue;
      }
      await queue;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      subscription.unsubscribe();
    },
  };
}
