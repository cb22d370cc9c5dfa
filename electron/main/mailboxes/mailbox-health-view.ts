import { dailyCap } from '../../../shared/compliance/limits';
import type { MailboxHealthInfo, MailboxInfo } from '../../../shared/ipc/mailboxes';
import type { MailboxHealth } from '../gate/mailbox-health';
import { startOfDay } from '../gate/send-service';

/**
 * A mailbox's health as the Mailboxes screen shows it, computed exactly as the gate computes it on a send:
 * today's sends (since midnight in the mailbox's zone) against today's cap, and the breaker's state.
 */
export function healthOf(
  mailbox: MailboxInfo,
  health: MailboxHealth,
  now: number,
  timeZone: string,
): MailboxHealthInfo {
  return {
    id: mailbox.id,
    sentToday: health.sentSince(mailbox.id, startOfDay(now, timeZone)),
    cap: dailyCap({
      provider: mailbox.provider,
      createdAt: mailbox.createdAt,
      now,
      ...(mailbox.dailyCapOverride ? { userCap: mailbox.dailyCapOverride } : {}),
    }),
    breaker: health.breaker(mailbox.id, now),
  };
}
