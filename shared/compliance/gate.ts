import type { BreakerState } from './breakers';
import { assessContent, type ContentAssessment, type ContentInput } from './content';
import { checkDailyCap, checkSendWindow, type DailyCap, type SendWindow } from './limits';
import type { ComplianceProfile } from './profile';
import {
  combine,
  floorOf,
  judged,
  mergeReasons,
  type Reason,
  reason,
  type StepResult,
  worst,
} from './reasons';
import { checkRecipient, type MxAnswer } from './recipient';
import type { SenderAuthResult } from './sender-auth';
import { checkSuppression, type SuppressionIndex } from './suppression-index';
import { capRetryAt, RESUME_RECHECK_MS, scheduleAtOf } from './waiting';

/**
 * The gate's decision, pure: every fact it needs (DNS answers, suppression keys, today's count, the
 * breaker's state) was gathered by adapters in main and is passed in. The steps run in the order of
 * DESIGN.md and all of them run, so the editor can show every reason at once; any `block` stops the send.
 */
export interface GateFacts {
  now: number;
  /** one-off sends (Compose, "test to myself") are not held to the send window; sequence steps are */
  kind: 'sequence' | 'one-off';
  profile: ComplianceProfile | null;
  recipient: { address: string; timeZone?: string };
  mx: MxAnswer;
  suppression: {
    /** false until main holds the whole team list: a send then waits rather than go out unchecked */
    ready: boolean;
    index: Pick<SuppressionIndex, 'has'>;
    addressKey: string;
    domainKey: string;
  };
  limits: {
    cap: DailyCap;
    sentToday: number;
    breaker: BreakerState;
    /** the rep paused this mailbox ("Pause sending" on its card): every send from it is held */
    pausedByRep?: boolean;
    mailboxTimeZone: string;
    window?: SendWindow;
  };
  senderAuth: SenderAuthResult;
  content: ContentInput;
}

export type GateStep = 'identity' | 'recipient' | 'suppression' | 'limits' | 'sender-auth' | 'content';

export interface GateDecision {
  verdict: 'ok' | 'warn' | 'block';
  steps: Record<GateStep, StepResult>;
  /** every reason, in step order, for the editor, the Outbox and the audit log */
  reasons: Reason[];
  content: ContentAssessment;
  /** when a send window, a cap or a DNS failure holds the send, the earliest time to try again */
  retryAt?: number;
  /** when only the daily cap and the send window hold it: the time it can be scheduled for (waiting.ts) */
  scheduleAt?: number;
}

const NOT_READY: StepResult = judged(reason('suppression-not-ready'));

function identityStep(profile: ComplianceProfile | null): StepResult {
  return profile ? judged() : judged(reason('identity-missing'));
}

function limitsStep(facts: GateFacts): { result: StepResult; retryAt?: number } {
  const { cap, sentToday, breaker, mailboxTimeZone, window } = facts.limits;
  const parts: StepResult[] = [];
  // A warning breaker warns and a paused one blocks: their reasons' floors say so.
  if (breaker.state !== 'ok') parts.push(judged(...breaker.reasons));
  // held, not failed: tried again until the rep resumes the mailbox
  let retryAt = facts.limits.pausedByRep ? facts.now + RESUME_RECHECK_MS : undefined;
  if (facts.limits.pausedByRep) parts.push(judged(reason('mailbox-paused-by-rep')));
  const capResult = checkDailyCap({ sentToday, cap: cap.cap });
  parts.push(capResult);
  if (capResult.verdict === 'block') {
    retryAt = latest(
      retryAt,
      capRetryAt({
        now: facts.now,
        mailboxTimeZone,
        leadTimeZone: facts.recipient.timeZone,
        window,
      }),
    );
  }
  if (facts.kind === 'sequence') {
    const inWindow = checkSendWindow({
      now: facts.now,
      ...(facts.recipient.timeZone ? { timeZone: facts.recipient.timeZone } : {}),
      fallbackTimeZone: mailboxTimeZone,
      ...(window ? { window } : {}),
    });
    parts.push(inWindow);
    retryAt = latest(retryAt, inWindow.nextAllowedAt);
  }
  return {
    result: combine(...parts),
    ...(retryAt !== undefined ? { retryAt } : {}),
  };
}

export function decide(facts: GateFacts): GateDecision {
  const recipient = checkRecipient(facts.recipient.address, { mx: facts.mx });
  // An address that is not an address is blocked by the recipient step; there is nothing to look up.
  const suppression = !recipient.address
    ? { verdict: 'ok' as const, reasons: [] }
    : facts.suppression.ready
      ? checkSuppression(
          { addressKey: facts.suppression.addressKey, domainKey: facts.suppression.domainKey },
          facts.suppression.index,
        )
      : NOT_READY;
  const limits = limitsStep(facts);
  const content = assessContent(facts.content);
  const steps: Record<GateStep, StepResult> = {
    identity: identityStep(facts.profile),
    recipient,
    suppression,
    limits: limits.result,
    'sender-auth': { verdict: facts.senderAuth.verdict, reasons: facts.senderAuth.reasons },
    content: { verdict: content.verdict, reasons: content.reasons },
  };
  const all = Object.values(steps);
  const reasons = mergeReasons(...all.map((s) => s.reasons));
  const retryAt = latest(limits.retryAt, dnsRetryAt(facts.now, reasons));
  const { limits: limitsResult, ...others } = steps;
  const scheduleAt = scheduleAtOf({ limits: limitsResult, others: Object.values(others), retryAt });
  return {
    // No reason is judged below its floor, whichever step gave it.
    verdict: worst(...all.map((s) => s.verdict), ...reasons.map((r) => floorOf(r.code))),
    steps,
    reasons,
    content,
    ...(retryAt !== undefined ? { retryAt } : {}),
    ...(scheduleAt !== undefined ? { scheduleAt } : {}),
  };
}

/** How long a send waits when DNS could not answer: held and tried again, never judged on a broken lookup. */
export const DNS_RETRY_MS = 2 * 60_000;
const DNS_HOLDS = new Set<string>(['dns-failing', 'dns-unavailable']);

function dnsRetryAt(now: number, reasons: readonly Reason[]): number | undefined {
  return reasons.some((r) => DNS_HOLDS.has(r.code)) ? now + DNS_RETRY_MS : undefined;
}

function latest(...times: (number | undefined)[]): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}
