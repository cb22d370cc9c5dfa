import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Commit } from './mail-transport';

/** One logged-in SMTP connection (nodemailer's SMTPConnection), in promises. */
export interface SmtpSession {
  /** how many messages this connection has carried */
  readonly messages: number;
  /** false once the connection failed or the server closed it */
  readonly usable: boolean;
  send(envelope: { from: string; to: string[] }, raw: Buffer, commit: Commit): Promise<SessionSend>;
  quit(): void;
  close(): void;
}

/**
 * What one message on a session came to, with the phase it failed in: before the commit nothing completed the
 * message; after it, only the server's answer to the end of data decides.
 */
export type SessionSend =
  | { ok: true; response: string }
  | { ok: false; phase: 'before-commit' | 'after-commit'; error: unknown }
  | { ok: false; phase: 'commit-failed'; error: unknown };

export async function openSmtpSession(
  options: SMTPConnection.Options,
  auth: { user: string; pass: string } | null,
): Promise<SmtpSession> {
  const connection = new SMTPConnection(options);
  let usable = true;
  let messages = 0;
  // errors also reach the pending call; an 'error' event without a listener would crash main
  connection.on('error', () => {
    usable = false;
  });
  connection.on('end', () => {
    usable = false;
  });
  // nodemailer reports a failed connect (refused, TLS) as an 'error' event, not through the callback
  let setupFailed: (error: Error) => void = () => {};
  connection.on('error', (error) => setupFailed(error));
  const step = (run: (done: (error?: Error | null) => void) => void) =>
    new Promise<void>((resolve, reject) => {
      setupFailed = reject;
      run((error) => (error ? reject(error) : resolve()));
    });
  try {
    await step((done) => connection.connect(done));
    if (auth) await step((done) => connection.login({ user: auth.user, pass: auth.pass }, done));
  } catch (error) {
    connection.close();
    throw error;
  } finally {
    setupFailed = () => {};
  }

  return {
    get messages() {
      return messages;
    },
    get usable() {
      return usable && !connection.destroyed;
    },
    send(envelope, raw, commit) {
      messages += 1;
      let committed = false;
      let commitError: unknown = null;
      // The message streams in, and the stream ends (so nodemailer writes the end-of-data dot) only after the
      // commit: until then the server holds an incomplete message it will discard if we go away.
      async function* body() {
        yield raw;
        try {
          await commit();
        } catch (error) {
          commitError = error;
          throw error;
        }
        committed = true;
      }
      const source = Readable.from(body(), { objectMode: false });
      return new Promise<SessionSend>((resolve) => {
        connection.send(envelope, source, (error, info) => {
          if (!error) return resolve({ ok: true, response: info.response });
          usable = false;
          connection.close();
          if (commitError !== null) return resolve({ ok: false, phase: 'commit-failed', error: commitError });
          resolve({ ok: false, phase: committed ? 'after-commit' : 'before-commit', error });
        });
      });
    },
    quit() {
      usable = false;
      try {
        connection.quit();
      } catch {
        connection.close();
      }
    },
    close() {
      usable = false;
      connection.close();
    },
  };
}
