import type { ComplianceProfile } from '../ipc/settings';
import type { BreakerState } from './breakers';
import { assessContent, type ContentAssessment, type ContentInput } from './content';
import { checkDailyCap, checkSendWindow, type DailyCap, type SendWindow } from './limits';
import { type Reason, type StepResult, worst } from './reasons';
import { checkRecipient, type MxAnswer } from './recipient';
import type { SenderAuthResult } from './sender-auth';
import { checkSuppression, type SuppressionIndex } from './suppression-index';

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
  /** when a send window or cap holds the send, the earliest time to try again */
  retryAt?: number;
}

const NOT_READY: StepResult = {
  verdict: 'block',
  reasons: [
    {
      code: 'suppression-not-ready',
      message: 'The team’s suppression list is still loading, so nothing is sent yet.',
      fix: 'Nothing to change: sending starts as soon as it has loaded.',
    },
  ],
};

function identityStep(profile: ComplianceProfile | null): StepResult {
  if (profile) return { verdict: 'ok', reasons: [] };
  return {
    verdict: 'block',
    reasons: [
      {
        code: 'identity-missing',
        message: 'Every email must say who sends it and give a postal address, and yours are not set yet.',
        fix: 'Open Settings → Sender identity and fill in the company, postal address and unsubscribe addresses.',
      },
    ],
  };
}

function limitsStep(facts: GateFacts): { result: StepResult; retryAt?: number } {
  const { cap, sentToday, breaker, mailboxTimeZone, window } = facts.limits;
  const parts: StepResult[] = [];
  if (breaker.state !== 'ok')
    parts.push({ verdict: breaker.state === 'paused' ? 'block' : 'warn', reasons: breaker.reasons });
  parts.push(checkDailyCap({ sentToday, cap: cap.cap }));
  let retryAt: number | undefined;
  if (facts.kind === 'sequence') {
    const inWindow = checkSendWindow({
      now: facts.now,
      ...(facts.recipient.timeZone ? { timeZone: facts.recipient.timeZone } : {}),
      fallbackTimeZone: mailboxTimeZone,
      ...(window ? { window } : {}),
    });
    parts.push(inWindow);
    retryAt = inWindow.nextAllowedAt;
  }
  return {
    result: { verdict: worst(...parts.map((p) => p.verdict)), reasons: parts.flatMap((p) => p.reasons) },
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
  return {
    verdict: worst(...all.map((s) => s.verdict)),
    steps,
    reasons: all.flatMap((s) => s.reasons),
    content,
    ...(limits.retryAt !== undefined ? { retryAt: limits.retryAt } : {}),
  };
}
