import type { AppErrorShape } from '../../../../shared/ipc/result';
import { certificateRefusal } from './tls-trust';

/** The fields of an imapflow error we read; its message and response text are never shown (they can echo the login). */
interface ImapFailure {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  serverResponseCode?: string;
  mailboxMissing?: boolean;
}

const TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT', 'ETIMEDOUT']);
const CONNECTION = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
]);

/** IMAP failures in our catalogue, translated once here; messages name the cause and the next step. */
export function translateImapError(error: unknown): AppErrorShape {
  const e: ImapFailure = typeof error === 'object' && error !== null ? error : {};
  const code = e.code ?? '';
  const response = (e.serverResponseCode ?? '').toUpperCase();
  // before tlsFailed: imapflow marks a STARTTLS upgrade refused for its certificate as a TLS failure too
  const refused = certificateRefusal(code, 'IMAP server');
  if (refused) return refused;
  if (e.authenticationFailed || response === 'AUTHENTICATIONFAILED' || response === 'AUTHORIZATIONFAILED') {
    return {
      code: 'auth-expired',
      message: 'The IMAP server refused the login. Check the password or app password.',
    };
  }
  if (e.tlsFailed) {
    return {
      code: 'rejected-permanent',
      message: 'The IMAP server does not offer TLS encryption, so Fairsend will not log in to it.',
    };
  }
  if (/ERR_TLS|ERR_SSL/.test(code)) {
    return { code: 'rejected-permanent', message: 'The IMAP server’s encryption could not be set up.' };
  }
  if (code === 'ETHROTTLE') {
    return {
      code: 'rate-limited',
      message: 'The IMAP server asked to slow down. Fairsend will try again later.',
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { code: 'transient', message: 'The IMAP server name could not be resolved.' };
  }
  if (TIMEOUTS.has(code)) return { code: 'transient', message: 'The IMAP server did not answer in time.' };
  if (CONNECTION.has(code)) return { code: 'transient', message: 'Could not connect to the IMAP server.' };
  if (e.mailboxMissing || code === 'NotFound') {
    return { code: 'unavailable', message: 'The IMAP folder was not found on the server.' };
  }
  return {
    code: 'transient',
    message: 'Reading the mailbox over IMAP failed. Fairsend will try again later.',
  };
}
