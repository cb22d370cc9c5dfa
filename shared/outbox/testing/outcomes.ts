import type { AuditEvent } from '../../audit/chain';
import type { Reason } from '../../compliance/reasons';
import type { SendOutcome } from '../../ipc/send';

// Send outcomes as main answers them, for the scheduled-send tests (the rules' and the scheduler's).

const audit = {} as AuditEvent;

export const CAP_REACHED: Reason = {
  code: 'daily-cap-reached',
  message: 'This mailbox has sent 1 of its 1 emails for today.',
};
export const SUPPRESSED: Reason = { code: 'suppressed-address', message: 'On the list.' };

export const sentOutcome = (): SendOutcome => ({
  status: 'sent',
  messageId: '<fs.1@acme.test>',
  providerId: '250 ok',
  gate: { verdict: 'ok', score: 0, reasons: [] },
});

/** Blocked by `reasons`; with `scheduleAt` when only the cap or the window held it. */
export const blockedOutcome = (reasons: Reason[], scheduleAt?: number): SendOutcome => ({
  status: 'blocked',
  gate: { verdict: 'block', score: 0, reasons, ...(scheduleAt !== undefined ? { scheduleAt } : {}) },
  audit,
});
