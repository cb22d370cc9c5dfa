import { isIP } from 'node:net';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { err, ok, type Result } from '../../../../shared/ipc/result';
import { type DeliveryResult, delivered, type MailTransport, notDelivered } from './mail-transport';
import { translateSmtpError, unknownSmtpOutcome } from './smtp-errors';
import { openSmtpSession, type SmtpSession } from './smtp-session';
import { type PinnedCertificate, tlsTrustOptions } from './tls-trust';

export const SMTP_PORTS = [465, 587, 25, 2525] as const;

export interface SmtpOptions {
  host: string;
  port: (typeof SMTP_PORTS)[number];
  /** implicit TLS (465) or STARTTLS (the rest). `plaintext-loopback` exists for tests against a local server. */
  security: 'tls' | 'starttls' | 'plaintext-loopback';
  user?: string;
  /** the secret: handed in by the vault, never stored here */
  password?: string;
  /** keep up to two logged-in connections open between sends (500 messages each) */
  pool?: boolean;
  /** one more authority to trust (FAIRSEND_SMTP_CA: a local relay's own; tests) */
  ca?: string | Buffer | undefined;
  /** the certificate the rep trusted for this host and port: the only one accepted */
  pinned?: PinnedCertificate | undefined;
  timeoutMs?: number;
  /** how to answer "was this Message-ID sent?" (IMAP Sent folder); without it, reconcile leaves the message for the rep */
  findSent?: MailTransport['findSent'];
  /**
   * Saves a copy of a delivered message to the Sent folder (IMAP APPEND, as mail clients do): SMTP servers
   * do not. The send path calls it as a follow-up after `accepted`, never inside a delivery.
   */
  saveSentCopy?: MailTransport['saveSentCopy'];
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

export function smtpConfig(options: SmtpOptions): SMTPConnection.Options {
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
    tls: { minVersion: 'TLSv1.2', ...tlsTrustOptions({ extraCa: options.ca, pinned: options.pinned }) },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    logger: false,
    debug: false,
  };
}

export type SmtpTransport = MailTransport & { verify(): Promise<Result<null>> };

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'Fairsend could not record this send. Nothing was sent.';

const MAX_MESSAGES_PER_CONNECTION = 500;
const IDLE_CLOSE_MS = 60_000;

/**
 * SMTP on nodemailer's SMTPConnection, with its own small pool: nodemailer's pool re-queues a message whose
 * connection closed mid-send, which sends it twice when the server had stored it. Here a message is handed to
 * a connection once; only a failure before the commit (a reused connection the server had closed) is tried
 * again, on a fresh connection.
 */
export function createSmtpTransport(options: SmtpOptions): SmtpTransport {
  const config = smtpConfig(options);
  const auth = options.user ? { user: options.user, pass: options.password ?? '' } : null;
  const slots = options.pool ? 2 : 1;
  const idle: { session: SmtpSession; timer: NodeJS.Timeout }[] = [];
  const waiting: (() => void)[] = [];
  let inUse = 0;
  let closed = false;

  async function acquire(): Promise<{ session: SmtpSession; reused: boolean }> {
    while (inUse >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    inUse += 1;
    for (let found = idle.pop(); found; found = idle.pop()) {
      clearTimeout(found.timer);
      if (found.session.usable) return { session: found.session, reused: true };
    }
    try {
      return { session: await openSmtpSession(config, auth), reused: false };
    } catch (error) {
      release(null);
      throw error;
    }
  }

  function release(session: SmtpSession | null) {
    inUse -= 1;
    waiting.shift()?.();
    if (!session) return;
    if (closed || !session.usable || session.messages >= MAX_MESSAGES_PER_CONNECTION) return session.quit();
    const timer = setTimeout(() => {
      const at = idle.findIndex((i) => i.session === session);
      if (at >= 0) idle.splice(at, 1);
      session.quit();
    }, IDLE_CLOSE_MS);
    timer.unref();
    idle.push({ session, timer });
  }

  async function deliverOnce(
    envelope: { from: string; to: string[] },
    raw: Buffer,
    commit: () => Promise<void>,
  ): Promise<DeliveryResult & { retryFresh?: boolean }> {
    let taken: { session: SmtpSession; reused: boolean };
    try {
      taken = await acquire();
    } catch (error) {
      return { ok: false, error: translateSmtpError(error) };
    }
    const sent = await taken.session.send(envelope, raw, commit);
    release(sent.ok ? taken.session : null);
    if (sent.ok) return delivered(sent.response);
    if (sent.phase === 'commit-failed') return notDelivered('transient', messageOf(sent.error));
    if (sent.phase === 'after-commit') return { ok: false, error: unknownSmtpOutcome(sent.error) };
    const answered = (sent.error as { responseCode?: number } | null)?.responseCode !== undefined;
    return { ok: false, error: translateSmtpError(sent.error), retryFresh: taken.reused && !answered };
  }

  return {
    kind: 'smtp',
    async deliver({ raw, from, to }, commit) {
      if (closed) return notDelivered('unavailable', 'This SMTP connection was closed.');
      const first = await deliverOnce({ from, to }, raw, commit);
      // a reused connection that failed before the commit delivered nothing: one more try on a fresh one
      if (!first.ok && first.retryFresh) {
        const { retryFresh: _r, ...second } = await deliverOnce({ from, to }, raw, commit);
        return second;
      }
      const { retryFresh: _r, ...result } = first;
      return result;
    },
    findSent:
      options.findSent ??
      (async () =>
        err('unavailable', 'This SMTP mailbox has no IMAP login, so its Sent folder cannot be checked.')),
    ...(options.saveSentCopy ? { saveSentCopy: options.saveSentCopy } : {}),
    /** Connects and logs in without sending: used before credentials are saved. */
    async verify() {
      try {
        const session = await openSmtpSession(config, auth);
        session.quit();
        return ok(null);
      } catch (error) {
        return { ok: false, error: translateSmtpError(error) };
      }
    },
    async close() {
      closed = true;
      for (const { session, timer } of idle.splice(0)) {
        clearTimeout(timer);
        session.quit();
      }
    },
  };
}
