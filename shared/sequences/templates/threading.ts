/**
 * Threading a follow-up: "reply in the same thread" takes "Re: " plus the first step's subject and carries
 * `In-Reply-To` (the previous step's Message-ID) and `References` (the thread's Message-IDs, oldest first), so
 * it lands under the first message in the lead's inbox and in the rep's Sent folder. "New thread" keeps its own
 * subject and no thread headers.
 */

export type ThreadMode = 'same-thread' | 'new-thread';

/** A step already sent to this lead, in the order they went. */
export interface SentStep {
  subject: string;
  /** as sent, with angle brackets: "<abc@mail.example>" */
  messageId: string;
  /** whether it started a new thread (a step sent with 'new-thread', or the first step) */
  startedThread: boolean;
}

export interface ThreadedMessage {
  subject: string;
  thread?: { inReplyTo: string; references: string[] };
}

/** The most References the send draft carries (its schema's limit): the thread's first and its latest. */
export const MAX_REFERENCES = 50;

const REPLY_PREFIX = /^\s*re\s*:/i;

/** "Re: " + the subject, once: a subject that already starts with "Re:" is kept as it is. */
export function followUpSubject(firstSubject: string): string {
  return REPLY_PREFIX.test(firstSubject) ? firstSubject.trim() : `Re: ${firstSubject.trim()}`;
}

/**
 * The subject and thread headers of the next step. `ownSubject` is the step's rendered subject, used for a new
 * thread (or when nothing was sent yet); `earlier` is what this lead has been sent by the sequence so far.
 */
export function threadNextStep(
  mode: ThreadMode,
  ownSubject: string,
  earlier: readonly SentStep[],
): ThreadedMessage {
  if (mode === 'new-thread' || !earlier.length) return { subject: ownSubject };
  let start = earlier.length - 1;
  while (start > 0 && !earlier[start]!.startedThread) start--;
  const thread = earlier.slice(start);
  const ids = thread.map((step) => step.messageId);
  const references = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return {
    subject: followUpSubject(thread[0]!.subject),
    thread: { inReplyTo: ids[ids.length - 1]!, references },
  };
}
