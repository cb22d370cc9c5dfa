import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { err, ok, type Result } from '../../../../shared/ipc/result';
import type { MailTransport } from './mail-transport';
import { translateSmtpError } from './smtp-errors';

export const SMTP_PORTS = [465, 587, 25, 2525] as const;

export interface SmtpOptions {
  host: string;
  port: (typeof SMTP_PORTS)[number];
  /** implicit TLS (465) or STARTTLS (the rest). `plaintext-loopback` exists for tests against a local server. */
  security: 'tls' | 'starttls' | 'plaintext-loopback';
  user?: string;
  /** the secret: handed in by the vault, never stored here */
  password?: string;
  pool?: boolean;
  /** trust a self-signed server certificate (a local relay the user set up) */
  ca?: string | Buffer;
  timeoutMs?: number;
  /** how to answer "was this Message-ID sent?" (IMAP Sent folder); without it, reconcile leaves the message for the rep */
  findSent?: MailTransport['findSent'];
  /**
   * Saves a copy of each delivered message to the Sent folder (IMAP APPEND, as mail clients do): SMTP servers
   * do not, and reconcile after a crash looks there. Its failure does not fail the delivery.
   */
  appendSent?: (raw: Buffer) => Promise<unknown>;
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

export function smtpConfig(options: SmtpOptions): SMTPTransport.Options {
  if (options.security === 'plaintext-loopback' && !isLoopbackHost(options.host)) {
    throw new Error('Unencrypted SMTP is allowed only to a server on this computer.');
  }
  const timeout = options.timeoutMs ?? 20_000;
  return {
    host: options.host,
    port: options.port,
    secure: options.security === 'tls',
    requireTLS: options.security === 'starttls',
    ignoreTLS: options.security === 'plaintext-loopback',
    ...(options.user ? { auth: { user: options.user, pass: options.password ?? '' } } : {}),
    tls: { minVersion: 'TLSv1.2', ...(options.ca ? { ca: options.ca } : {}) },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    ...(options.pool ? { pool: true, maxConnections: 2, maxMessages: 500 } : {}),
    logger: false,
    debug: false,
  };
}

export type SmtpTransport = MailTransport & { verify(): Promise<Result<null>> };

export function createSmtpTransport(options: SmtpOptions): SmtpTransport {
  const transporter = createTransport(smtpConfig(options));
  return {
    kind: 'smtp',
    async deliver({ raw, from, to }) {
      try {
        const info = await transporter.sendMail({ envelope: { from, to }, raw });
        // awaited, so that once deliver returns the copy is in Sent before the journal records `sent`
        await options.appendSent?.(raw).catch(() => undefined);
        return ok({ providerId: info.messageId ?? info.response });
      } catch (error) {
        const failure = translateSmtpError(error);
        return err(failure.code, failure.message);
      }
    },
    findSent:
      options.findSent ??
      (async () =>
        err('unavailable', 'This SMTP mailbox has no IMAP login, so its Sent folder cannot be checked.')),
    /** Connects and logs in without sending: used before credentials are saved. */
    async verify() {
      try {
        await transporter.verify();
        return ok(null);
      } catch (error) {
        const failure = translateSmtpError(error);
        return err(failure.code, failure.message);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
