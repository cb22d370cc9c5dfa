/**
 * Named moments of one send, in order. The send path reports each one to an optional checkpoint hook: the crash
 * tests and the crash bench kill a child process at one of them (FAIRSEND_CRASH_AT names it).
 */
export const SEND_POINTS = [
  /** `prepared` is written; nothing has been sent */
  'before-connect',
  /** connected and logged in, the message streamed but not completed; `sending` not yet on disk */
  'before-commit',
  /** `sending` is on disk; the completing bytes (end of data, the API request) have not gone out */
  'after-commit',
  /** the server or API said it took the message; `accepted` not yet on disk */
  'after-reply',
  /** `accepted` is on disk; no follow-up has run */
  'after-accepted',
  /** the audit event is written; the journal does not know yet */
  'after-audit',
  /** the IMAP append of the Sent copy is about to start */
  'before-sent-copy',
  /** the Sent copy is in the folder; the journal does not know yet */
  'after-sent-copy',
  /** every follow-up is done and journalled */
  'after-follow-ups',
] as const;

export type SendPoint = (typeof SEND_POINTS)[number];

/** `key`: the idempotency key of the message the moment belongs to */
export type Checkpoint = (point: SendPoint, key: string) => void;

export const noCheckpoint: Checkpoint = () => {};

export function isSendPoint(value: unknown): value is SendPoint {
  return typeof value === 'string' && (SEND_POINTS as readonly string[]).includes(value);
}

/** A checkpoint that SIGKILLs this process at `point` (of `key`'s send, if given): no cleanup, no flush. */
export function killAt(point: SendPoint, key?: string): Checkpoint {
  return (reached, of) => {
    if (reached === point && (key === undefined || of === key)) process.kill(process.pid, 'SIGKILL');
  };
}
