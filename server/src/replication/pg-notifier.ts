import pg from 'pg';
import { createListeners, NOTIFY_CHANNEL, type Notifier, parseNotifyPayload } from './notifier';

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection. When that connection drops it reconnects (doubling the
 * wait up to `maxRetryMs`) and then tells every stream `'reconnected'`, since notifications sent meanwhile are lost.
 */
export async function createPgNotifier(
  connectionString: string,
  options: {
    retryMs?: number;
    maxRetryMs?: number;
    applicationName?: string;
    connectTimeoutMs?: number;
  } = {},
): Promise<Notifier> {
  const listeners = createListeners();
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({
      connectionString,
      application_name: options.applicationName ?? 'fairsend-sync',
      // a database that accepts and never answers must not stall the retries for ever
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      keepAlive: true,
    });
    next.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL) return;
      const change = parseNotifyPayload(message.payload);
      if (change) listeners.emit(change);
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (error) {
      next.end().catch(() => {});
      throw error;
    }
    return next;
  }

  function lost(which: pg.Client) {
    if (closed || client !== which) return;
    client = null;
    which.end().catch(() => {});
    retry(retryMs);
  }

  function retry(wait: number) {
    timer = setTimeout(async () => {
      if (closed) return;
      try {
        client = await connect();
        listeners.emit('reconnected');
      } catch {
        retry(Math.min(wait * 2, maxRetryMs));
      }
    }, wait);
    timer.unref();
  }

  client = await connect();
  return {
    // the tables' triggers NOTIFY at commit; this instance hears its own writes like any other's
    changed() {},
    subscribe: (listener) => listeners.add(listener),
    async close() {
      closed = true;
      clearTimeout(timer);
      listeners.clear();
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
