/**
 * The SMTP server for the smtp group, in its own process so its CPU is not the sender's: smtp-server on
 * 127.0.0.1 that parses nothing and only counts bytes and messages. Two listeners: plain (STARTTLS off, as the
 * loopback tests run it) and STARTTLS with a throwaway self-signed certificate.
 * Protocol (IPC): sends { plainPort, tlsPort, cert } when listening; answers 'stats' with ServerStats; 'stop' ends it.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { selfSignedCertificate } from '../../electron/main/testing/self-signed';
import { exitWithParent, watchdog } from '../lib/child';

export interface ServerReady {
  plainPort: number;
  tlsPort: number;
  cert: string;
}
export interface ServerStats {
  messages: number;
  bytes: number;
  connections: number;
}

const stats: ServerStats = { messages: 0, bytes: 0, connections: 0 };

const counting: Partial<SMTPServerOptions> = {
  logger: false,
  authOptional: true,
  size: 0,
  onConnect(_session, callback) {
    stats.connections++;
    callback();
  },
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => {
      stats.bytes += chunk.length;
    });
    stream.on('end', () => {
      stats.messages++;
      callback();
    });
  },
};

async function listen(server: SMTPServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.server.address() as AddressInfo).port;
}

exitWithParent();
watchdog(240, 'smtp bench server');
const { key, cert } = selfSignedCertificate();
const plain = new SMTPServer({ ...counting, secure: false, disabledCommands: ['STARTTLS', 'AUTH'] });
const tls = new SMTPServer({ ...counting, secure: false, disabledCommands: ['AUTH'], key, cert });
const ready: ServerReady = { plainPort: await listen(plain), tlsPort: await listen(tls), cert };
process.send?.(ready);
process.on('message', (message) => {
  if (message === 'stats') process.send?.({ ...stats });
  if (message === 'stop') {
    process.removeAllListeners('disconnect');
    process.disconnect?.();
    plain.close(() => tls.close(() => process.exit(0)));
    setTimeout(() => process.exit(0), 2000).unref();
  }
});
