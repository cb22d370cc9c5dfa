import { buildApp } from './app';
import type { ServerConfig } from './config';
import { openDb } from './db/open';

/** Opens the storage, listens, and returns the URL and a close that drains requests before the database. */
export async function serve(config: ServerConfig, version?: string) {
  const db = await openDb(config);
  const app = await buildApp({
    db,
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
        await db.close();
      })();
      return closing;
    },
  };
}
