import type { AddressInfo, Socket } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A real SMTP server on loopback for tests: it keeps every message's bytes so tests can parse them back. */
export interface LoopbackSmtp {
  port: number;
  received: { from: string; to: string[]; raw: Buffer }[];
  /** messages whose data arrived and were then refused (misbehaveNext reject): not delivered */
  refused: Buffer[];
  parsed(index: number): Promise<ParsedMail>;
  hasMessageId(messageId: string): boolean;
  /** how many received messages carry this Message-ID */
  countMessageId(messageId: string): number;
  /** misbehave on the next message(s), in order, after its data has arrived */
  misbehaveNext(...modes: AfterData[]): void;
  close(): Promise<void>;
}

/**
 * What the server does once a message's data has arrived: `drop` the connection without a reply, `hang`
 * (never reply: the client's timeout ends it), or `reject` it with an SMTP code. `store` says whether it kept
 * the message first (a server that stored it and then lost the connection delivers it all the same).
 */
export type AfterData =
  | { action: 'drop' | 'hang'; store: boolean }
  | { action: 'reject'; code: number; message?: string };

export interface LoopbackSmtpOptions {
  /** reply to RCPT/DATA with an SMTP error, e.g. { code: 550, message: 'no such user' } */
  reject?: { code: number; message: string };
  /** require this login */
  auth?: { user: string; pass: string };
  /** offer STARTTLS with this certificate (otherwise the server speaks plain SMTP only) */
  tls?: { key: string; cert: string };
  serverOptions?: Partial<SMTPServerOptions>;
}

export async function startLoopbackSmtp(options: LoopbackSmtpOptions = {}): Promise<LoopbackSmtp> {
  const received: LoopbackSmtp['received'] = [];
  const misbehave: AfterData[] = [];
  const refused: Buffer[] = [];
  const sockets = new Map<number, Socket>();
  const server = new SMTPServer({
    closeTimeout: 100,
    secure: false,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    allowInsecureAuth: !options.tls,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
    },
    onRcptTo(_address, _session, callback) {
      if (options.reject)
        callback(Object.assign(new Error(options.reject.message), { responseCode: options.reject.code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mode = misbehave.shift();
        if (mode?.action === 'reject') {
          refused.push(Buffer.concat(chunks));
          callback(Object.assign(new Error(mode.message ?? 'rejected'), { responseCode: mode.code }));
          return;
        }
        if (!mode || mode.store)
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
        if (mode?.action === 'drop') sockets.get(session.remotePort)?.destroy();
        else if (!mode) callback();
      });
    },
    ...options.serverOptions,
  });
  // a client that dies mid-session (the crash tests SIGKILL them) resets its connection: not the server's end
  server.on('error', () => {});
  server.server.on('connection', (socket: Socket) => {
    const remote = socket.remotePort ?? 0;
    sockets.set(remote, socket);
    socket.on('close', () => sockets.delete(remote));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const messageIdPattern = (id: string) =>
    new RegExp(`^Message-ID:\\s*${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'im');
  return {
    port,
    received,
    refused,
    parsed: (i) => simpleParser(received[i]?.raw ?? Buffer.alloc(0)),
    hasMessageId: (id) => received.some((m) => messageIdPattern(id).test(m.raw.toString('latin1'))),
    countMessageId: (id) =>
      received.filter((m) => messageIdPattern(id).test(m.raw.toString('latin1'))).length,
    misbehaveNext: (...modes) => void misbehave.push(...modes),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets.values()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
