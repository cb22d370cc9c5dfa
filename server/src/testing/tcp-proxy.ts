import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** connections made through it so far (the test can see a pool reconnecting) */
  connections(): number;
  /** drops every open connection at once (RST), as when the database host goes away */
  sever(): void;
  /** 'refuse': new connections are reset at once; 'hang': accepted and never answered; 'pass': forwarded */
  mode(next: 'pass' | 'refuse' | 'hang'): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `target` (the test's PostgreSQL), which a test can cut and restore at will. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let current: 'pass' | 'refuse' | 'hang' = 'pass';
  let made = 0;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (current === 'refuse') return client.resetAndDestroy();
    if (current === 'hang') return;
    made += 1;
    const upstream = createConnection(target);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    connections: () => made,
    sever() {
      for (const socket of [...open]) socket.resetAndDestroy();
    },
    mode(next) {
      current = next;
    },
    async close() {
      for (const socket of [...open]) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
