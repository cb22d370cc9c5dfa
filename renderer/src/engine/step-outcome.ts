/**
 * What one send's answer makes of an enrollment, pure. Sent (or main's journal saying the key went out
 * before) moves it on; what time cures (the cap, the window, a DNS lookup, a dropped bridge, a retryable
 * transport failure) keeps it at its step until then; what is wrong with the lead (suppressed, an address or
 * domain that cannot receive) stops it with the reason; what is wrong with the mailbox, the sender or the
 * step's text keeps it waiting for the rep (never a silent switch, never a stop for the rep's own problem);
 * an unknown fate holds it, and main's journal is asked again later under the same key, which never sends.
 */
import { REASONS, type ReasonCode } from '../../../shared/compliance/reasons';
import type { Result } from '../../../shared/ipc/result';
import type { SendOutcome } from '../../../shared/ipc/send';
import type { SendFailureCode } from '../../../shared/outbox/failure-codes';
import { BRIDGE_RETRY_MS } from '../../../shared/outbox/scheduled-sends';

/** How soon a step the rep must fix (a mailbox, the sender's DNS, the text) is tried again. */
export const FIX_RETRY_MS = 60 * 60_000;
/** How soon a held send's fate is asked again (the rep may have settled it in the Outbox). */
export const HELD_RECHECK_MS = 15 * 60_000;
/** A retryable transport failure with no time of its own. */
export const FAILED_RETRY_MS = 15 * 60_000;

/** Gate reasons that concern the lead itself: no later try can cure them, so the enrollment stops. */
export const LEAD_STOPS = [
  'invalid-address',
  'disposable-domain',
  'null-mx',
  'no-mx',
  'domain-not-found',
  'suppressed-address',
  'suppressed-domain',
] as const satisfies readonly ReasonCode[];
/** Transport failures that concern the recipient (a 5xx for the address), not the mailbox. */
export const FAILED_STOPS = ['rejected-permanent'] as const satisfies readonly SendFailureCode[];
/** The codes a stop can carry from a send's answer: the lead's timeline has words for each. */
export type CodeStop = (typeof LEAD_STOPS)[number] | (typeof FAILED_STOPS)[number];

const isLeadStop = (code: ReasonCode) => (LEAD_STOPS as readonly ReasonCode[]).includes(code);
const isFailedStop = (code: SendFailureCode) => (FAILED_STOPS as readonly SendFailureCode[]).includes(code);

export type StepTransition =
  | { next: 'advance'; messageId: string | null }
  | { next: 'wait'; at: number; reason: string }
  | { next: 'stop'; reason: string }
  | { next: 'hold'; at: number };

const clip = (code: string) => code.slice(0, 32);

export function transitionOf(answer: Result<SendOutcome>, now: number): StepTransition {
  if (!answer.ok) {
    const { code } = answer.error;
    if (code === 'not-found') return { next: 'wait', at: now + FIX_RETRY_MS, reason: 'mailbox-gone' };
    if (code === 'invalid-input') return { next: 'stop', reason: 'invalid-message' };
    return { next: 'wait', at: now + BRIDGE_RETRY_MS, reason: clip(code) };
  }
  const outcome = answer.value;
  switch (outcome.status) {
    case 'sent':
      return { next: 'advance', messageId: outcome.messageId };
    case 'duplicate':
      // the key was sent before (a run cut short, another window): book it as sent, never send it again
      // with the journal's Message-ID, so the next step threads under it even when no record was made here
      if (outcome.state === 'sent') return { next: 'advance', messageId: outcome.messageId ?? null };
      if (outcome.state === 'failed') return { next: 'stop', reason: 'send-failed' };
      return { next: 'hold', at: now + HELD_RECHECK_MS };
    case 'unknown':
      return { next: 'hold', at: now + HELD_RECHECK_MS };
    case 'failed':
      if (!outcome.retryable && isFailedStop(outcome.code))
        return { next: 'stop', reason: clip(outcome.code) };
      return {
        next: 'wait',
        at: now + (outcome.retryable ? FAILED_RETRY_MS : FIX_RETRY_MS),
        reason: clip(outcome.code),
      };
    case 'blocked':
      return blockedTransition(outcome, now);
  }
}

function blockedTransition(
  outcome: Extract<SendOutcome, { status: 'blocked' }>,
  now: number,
): StepTransition {
  const blocking = outcome.gate.reasons.filter((r) => REASONS[r.code]?.floor === 'block');
  const codes = (blocking.length ? blocking : outcome.gate.reasons).map((r) => r.code);
  const leadStop = codes.find(isLeadStop);
  if (leadStop) return { next: 'stop', reason: clip(leadStop) };
  // "Pause all sending" came on during the run: the step stays due, for the run that Resume sending wakes
  if (codes.includes('sending-paused')) return { next: 'wait', at: now + 1, reason: 'sending-paused' };
  const at = outcome.gate.scheduleAt ?? outcome.retryAt ?? now + FIX_RETRY_MS;
  return { next: 'wait', at: Math.max(at, now + 1), reason: clip(codes[0] ?? 'blocked') };
}
