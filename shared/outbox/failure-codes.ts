import type { FixInHand, FixTarget } from '../compliance/reasons';

/**
 * Every code a send can fail with, declared once: a `failed` send outcome, a held message's detail and the send
 * journal carry one of these, and a transport that produces any other code does not type-check. Transports
 * translate vendor errors (SMTP replies, Gmail and Graph statuses, sign-in failures) into them once, at the
 * adapter. Each code has the sentence a rep reads, how to fix it (a place in the app, a FixTarget the UI can
 * map to a button, or a FixInHand that says why none is needed, as in the reason catalogue) and whether the
 * same email may be tried again: a send failure's floor. The bridge's error codes (shared/ipc/result.ts)
 * include these; the bridge's own (a request that failed its schema, an unknown channel…) are not send
 * failures.
 *
 * The transport's own message (which server, which status) stays beside the code in the outcome; the
 * catalogue's words say what the code means to the rep wherever only the code is kept.
 */
type FailureSpec = {
  message: string;
  fix: string;
  /** may the same email be sent again (the journal lets the key be retried, a sequence waits and tries again) */
  retryable: boolean;
  /** Catalogued but not produced yet, and why. */
  reserved?: string;
} & ({ goTo: FixTarget; doneIn?: undefined } | { doneIn: FixInHand; goTo?: undefined });

export const SEND_FAILURES = {
  'auth-expired': {
    message:
      'The mailbox’s sign-in no longer works (its password changed or its access was withdrawn), so nothing was sent.',
    fix: 'Connect the mailbox again under Mailboxes; emails waiting for it then go on by themselves.',
    goTo: 'mailbox',
    retryable: false,
  },
  transient: {
    message: 'The mail server or the network had a passing problem, so this email was not sent.',
    fix: 'Nothing to change: it can be sent again, and a sequence tries again by itself.',
    doneIn: 'wait',
    retryable: true,
  },
  'rate-limited': {
    message: 'The mail provider asked Fairsend to slow down, so this email was not sent yet.',
    fix: 'Nothing to change: it can be sent again later, and a sequence tries again by itself.',
    doneIn: 'wait',
    retryable: true,
  },
  /** A refusal for good: the recipient's server (a 5xx reply), the provider's API (a 4xx) or a refused certificate. */
  'rejected-permanent': {
    message: 'The mail server refused this email for good.',
    fix: 'Check the lead’s address; when the details name another cause (such as a certificate), fix that first.',
    doneIn: 'lead',
    retryable: false,
  },
  /** A connection that was closed (the mailbox was disconnected meanwhile), or a store this computer lacks. */
  unavailable: {
    message: 'The mailbox’s connection was closed or cannot be used on this computer, so nothing was sent.',
    fix: 'Open the mailbox under Mailboxes and connect it again.',
    goTo: 'mailbox',
    retryable: false,
  },
  /** The provider's API answered 404 to the send (Gmail, Graph): the mailbox it was asked to send from, as it sees it. */
  'not-found': {
    message:
      'The mail provider answered “not found” for the mailbox this email was to go from, so nothing was sent.',
    fix: 'Open the mailbox under Mailboxes and connect it again.',
    goTo: 'mailbox',
    retryable: false,
  },
  /** A send-path source answered with a bridge code that is not a send failure (transports/mail-transport.ts). */
  internal: {
    message: 'Fairsend failed while sending this email, so nothing was sent.',
    fix: 'This is a bug in Fairsend; please report it.',
    doneIn: 'report',
    retryable: false,
  },
} as const satisfies Record<string, FailureSpec>;

export type SendFailureCode = keyof typeof SEND_FAILURES;

/** The codes as a list (for zod's `z.enum` and for the bridge's error catalogue, which includes them). */
export const SEND_FAILURE_CODES = Object.keys(SEND_FAILURES) as [SendFailureCode, ...SendFailureCode[]];

export function isSendFailureCode(code: unknown): code is SendFailureCode {
  return typeof code === 'string' && Object.hasOwn(SEND_FAILURES, code);
}

/** May an email that failed with this code be sent again. */
export const isRetryable = (code: SendFailureCode): boolean => SEND_FAILURES[code].retryable;

/** Where the UI can take the rep to fix a send that failed with this code, if anywhere. */
export function failureFixTargetOf(code: SendFailureCode): FixTarget | undefined {
  const entry: FailureSpec = SEND_FAILURES[code];
  return entry.goTo;
}

/** A send failure as the journal and the outcomes carry it: the code and the transport's own words. */
export interface SendFailure {
  code: SendFailureCode;
  message: string;
}
