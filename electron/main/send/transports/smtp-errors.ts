import type { DeliveryError } from './mail-transport';
import { certificateRefusal } from './tls-trust';

/** The fields of a nodemailer error we read; its message is never shown (it may echo the server or a login). */
interface SmtpFailure {
  code?: string;
  /** nodemailer keeps the socket's own code (a TLS verification code) here when it sets `code` to ESOCKET */
  originalCode?: string;
  responseCode?: number;
  response?: string;
}

/**
 * SMTP failures in our catalogue. Messages name the cause and the next step and never repeat the server's
 * text verbatim (it can carry addresses or, on some servers, the login).
 */
export function translateSmtpError(error: unknown): DeliveryError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const response = (e.response ?? '').toLowerCase();
  const refused = certificateRefusal(e.originalCode ?? e.code, 'mail server');
  if (refused) return refused;
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534) {
    return {
      code: 'auth-expired',
      message: 'The mail server refused the login. Check the password or app password.',
    };
  }
  if (e.code === 'ETLS' || e.code === 'EREQUIRETLS') {
    return {
      code: 'rejected-permanent',
      message: 'The mail server does not offer TLS encryption, so Fairsend will not send through it.',
    };
  }
  if (e.code === 'EDNS') return { code: 'transient', message: 'The mail server name could not be resolved.' };
  if (e.code === 'ETIMEDOUT')
    return { code: 'transient', message: 'The mail server did not answer in time.' };
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET') {
    return { code: 'transient', message: 'Could not connect to the mail server.' };
  }
  const status = e.responseCode ?? 0;
  if (
    status === 421 ||
    status === 450 ||
    status === 451 ||
    status === 452 ||
    (status >= 400 && status < 500)
  ) {
    if (/rate|too many|throttl|limit/.test(response) || status === 452) {
      return {
        code: 'rate-limited',
        message: 'The mail server asked to slow down. Fairsend will try again later.',
      };
    }
    return {
      code: 'transient',
      message: `The mail server deferred the message (${status}). Fairsend will try again later.`,
    };
  }
  if (status >= 500) {
    return { code: 'rejected-permanent', message: `The mail server rejected the message (${status}).` };
  }
  if (e.code === 'EENVELOPE')
    return { code: 'rejected-permanent', message: 'The mail server refused the sender or recipient.' };
  return {
    code: 'transient',
    message: 'Sending failed for an unknown reason. Fairsend will try again later.',
  };
}

/**
 * A failure after the end of data went out. A reply to it (4xx, 5xx) is the server's answer: not delivered.
 * Anything else (the connection dropped, no reply in time) leaves the message's fate unknown.
 */
export function unknownSmtpOutcome(error: unknown): DeliveryError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure & { command?: string };
  if (e.code === 'EMESSAGE' && e.responseCode) return translateSmtpError(error);
  return e.code === 'ETIMEDOUT'
    ? {
        code: 'transient',
        message:
          'The mail server did not answer after receiving the message, so it may or may not have gone out.',
        mayHaveDelivered: 'timed-out',
      }
    : {
        code: 'transient',
        message:
          'The connection to the mail server was lost after the message went out, so it may or may not have been delivered.',
        mayHaveDelivered: 'connection-lost',
      };
}
