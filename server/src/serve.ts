import { buildApp } from './app';
import type { ServerConfig } from './config';
import { openDb } from './db/open';
import { createPgNotifier } from './replication/pg-notifier'; // replication (sync helper)

/** Opens the storage, listens, and returns the URL and a close that drains requests before the database. */
export async function serve(config: ServerConfig, version?: string) {
  const db = await openDb(config);
  // replication (sync helper): on PostgreSQL, live streams hear every instance's commits through LISTEN/NOTIFY
  const notifier = config.databaseUrl ? await createPgNotifier(config.databaseUrl) : undefined;
  const app = await buildApp({
    db,
    ...(notifier ? { notifier } : {}),
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    https: config.tls,
    ...(version ? { version } : {}),
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    app,
    db,
    url,
    storage: db.kind,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await notifier?.close(); // replication (sync helper)
        await db.close();
      })();
      return closing;
    },
  };
}
