/**
 * A lead's sequence timeline, pure: enrolled, each step sent (or held back, and why), the reply, the stop and
 * its reason, in time order. Words for the rep; the codes stay beside them for the Details toggle.
 */
import type { SendFailureCode } from '../../../../../shared/outbox/failure-codes';
import type { WaitReason } from '../../../../../shared/sequences/types';
import type { EnrollmentDoc, MessageDoc } from '../../../db/schemas/outreach';
import type { CodeStop } from '../../../engine/step-outcome';
import { type WaitFix, waitFixOf } from './wait-fixes';

export type TimelineEntry = { key: string } & (
  | {
      kind: 'enrolled';
      at: number;
      sequence: string;
      enrollmentId: string;
      /** what the rep can do to this lead's run now: pause a running one, resume one they paused */
      control?: 'pause' | 'resume';
    }
  | {
      kind: 'step';
      at: number;
      sequence: string;
      step: number;
      status: MessageDoc['status'];
      subject: string;
      messageKey: string;
      reason?: { text: string; code: string };
    }
  | { kind: 'stopped'; at: number; sequence: string; text: string; code: string }
  | { kind: 'finished'; at: number; sequence: string }
  | {
      kind: 'waiting';
      at: number;
      sequence: string;
      step: number;
      text: string;
      code: string;
      /** where the rep ends the wait, when only the rep can */
      fix?: WaitFix;
    }
);

/**
 * A stop that carries a send's code (a gate reason about the lead, a send failure about the recipient): one
 * sentence for each code the engine stops on (engine/step-outcome.ts), so a code added there needs words here.
 */
const CODE_STOP_WORDS = {
  'suppressed-address': 'Their address is on the suppression list.',
  'suppressed-domain': 'Their domain is on the suppression list.',
  'rejected-permanent': 'Their mail server refused the address for good.',
  'invalid-address': 'Their address cannot receive email.',
  'no-mx': 'Their domain has no mail server.',
  'null-mx': 'Their domain accepts no email.',
  'domain-not-found': 'Their domain does not exist.',
  'disposable-domain': 'Their address is a throwaway one.',
} as const satisfies Record<CodeStop, string>;

/** Stops the engine and the inbox make of their own (a reply, a bounce, a deleted sequence…): stored strings. */
const STOP_WORDS: Record<string, string> = {
  replied: 'They replied, so the sequence stopped for them.',
  bounced: 'Their address bounced.',
  'opted-out': 'They unsubscribed.',
  complained: 'They reported an email as spam.',
  suppressed: 'Their address or domain is on the suppression list.',
  erased: 'The lead was erased.',
  'cannot-render': 'A template could not be filled in for them (a value is missing and has no fallback).',
  'sequence-deleted': 'The sequence was deleted.',
  'send-failed': 'The email could not be sent.',
  'company-replied': 'Someone at their company replied, and this sequence stops for the whole company.',
  ...CODE_STOP_WORDS,
};

/**
 * A step that waits after a send failure the engine does not stop on (every code but FAILED_STOPS): what it
 * waits for, in the timeline's words; the failure catalogue (shared/outbox/failure-codes.ts) holds the full
 * sentence and fix, which the Outbox shows beside the email.
 */
const FAILURE_WAIT_WORDS = {
  'auth-expired':
    'waits: its mailbox’s sign-in no longer works; it goes on once the mailbox is connected again (Mailboxes)',
  transient:
    'waits: the last try met a passing problem with the mail server or the network; it tries again by itself',
  'rate-limited': 'waits: the mail provider asked to slow down; it tries again by itself',
  unavailable: 'waits for its mailbox to be connected again (Mailboxes)',
  'not-found':
    'waits: the mail provider did not find its mailbox; it goes on once the mailbox is connected again (Mailboxes)',
  internal: 'waits: Fairsend failed while sending it (please report this); it tries again later',
} as const satisfies Record<Exclude<SendFailureCode, CodeStop>, string>;

const WAIT_WORDS: Partial<Record<WaitReason | string, string>> = {
  'outside-window': 'waits for the send window to open',
  'not-a-send-day': 'waits for the next send day',
  'public-holiday': 'waits: today is a public holiday',
  'mailbox-at-cap': 'waits: its mailbox has sent its emails for today',
  'mailbox-day-full': 'waits for tomorrow: its mailbox’s day is full',
  'mailbox-busy': 'waits its turn on its mailbox',
  'sequence-daily-limit': 'waits: the sequence’s daily limit is reached',
  'mailbox-paused': 'waits: you paused its mailbox; it goes on when you press Resume sending (Mailboxes)',
  'mailbox-paused-by-rep':
    'waits: you paused its mailbox; it goes on when you press Resume sending (Mailboxes)',
  'mailbox-breaker': 'waits: its mailbox is paused by too many bounces or complaints (Mailboxes)',
  'mailbox-disconnected': 'waits for its mailbox to be connected again (Mailboxes)',
  'mailbox-gone': 'waits: its mailbox was removed; it never switches sender on its own',
  'sequence-paused': 'waits: the sequence is paused or not launched yet',
  'no-send-days': 'waits: the sequence has no send days (Sequences → schedule)',
  'daily-cap-reached': 'waits for tomorrow: the mailbox reached its daily cap',
  'outside-send-window': 'waits for the send window to open',
  'out-of-office': 'waits: their auto-reply says they are away; it goes on when they are back',
  'paused-by-rep': 'is paused for this lead (Resume to go on)',
  // the button is at the foot of the app's menu, on every screen: no place to go to
  'sending-paused':
    'waits: all sending is paused; it goes on when you choose Resume sending in the app’s menu',
  'unknown-fate': 'is held: its last email may or may not have gone out (Outbox → decide)',
  ...FAILURE_WAIT_WORDS,
};

export const stopWords = (code: string) => STOP_WORDS[code] ?? 'The sequence stopped for them.';
export const waitWords = (code: string) =>
  WAIT_WORDS[code] ?? 'waits: the last try was held back (see the Outbox for why)';

export function timelineOf(
  enrollments: readonly EnrollmentDoc[],
  messages: readonly MessageDoc[],
  sequenceName: (id: string) => string,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of enrollments) {
    const sequence = sequenceName(e.sequenceId);
    const control = e.status === 'active' ? 'pause' : e.status === 'paused' ? 'resume' : undefined;
    out.push({
      key: `enrolled:${e.id}`,
      kind: 'enrolled',
      at: e.enrolledAt,
      sequence,
      enrollmentId: e.id,
      ...(control ? { control } : {}),
    });
    for (const m of messages) {
      if (m.enrollmentId !== e.id || m.status === 'scheduled') continue;
      const first = m.reasons[0];
      out.push({
        key: m.id,
        kind: 'step',
        at: m.sentAt ?? m.scheduledAt,
        sequence,
        step: m.step ?? 0,
        status: m.status,
        subject: m.subject,
        messageKey: m.id,
        ...(m.status !== 'sent' && first ? { reason: { text: first.message, code: first.code } } : {}),
      });
    }
    if (e.status === 'stopped') {
      const code = e.stopReason ?? '';
      out.push({
        key: `stopped:${e.id}`,
        kind: 'stopped',
        at: e.updatedAt,
        sequence,
        text: stopWords(code),
        code,
      });
    } else if (e.status === 'paused')
      out.push({
        key: `waiting:${e.id}`,
        kind: 'waiting',
        at: e.updatedAt,
        sequence,
        step: e.step,
        text: waitWords('paused-by-rep'),
        code: 'paused-by-rep',
      });
    else if (e.status === 'finished')
      out.push({ key: `finished:${e.id}`, kind: 'finished', at: e.updatedAt, sequence });
    else if (e.waitReason && e.waitReason !== 'pacing') {
      const fix = waitFixOf(e.waitReason, e);
      out.push({
        key: `waiting:${e.id}`,
        kind: 'waiting',
        at: e.nextSendAt,
        sequence,
        step: e.step,
        text: waitWords(e.waitReason),
        code: e.waitReason,
        ...(fix ? { fix } : {}),
      });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
