import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A real SMTP server on loopback for tests: it keeps every message's bytes so tests can parse them back. */
export interface LoopbackSmtp {
  port: number;
  received: { from: string; to: string[]; raw: Buffer }[];
  parsed(index: number): Promise<ParsedMail>;
  /** the server's copy, standing in for the mailbox's Sent folder in reconcile tests */
  hasMessageId(messageId: string): boolean;
  close(): Promise<void>;
}

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
  const server = new SMTPServer({
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
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
    ...options.serverOptions,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    parsed: (i) => simpleParser(received[i]?.raw ?? Buffer.alloc(0)),
    hasMessageId: (id) =>
      received.some((m) =>
        new RegExp(`^Message-ID:\\s*${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'im').test(
          m.raw.toString('latin1'),
        ),
      ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
