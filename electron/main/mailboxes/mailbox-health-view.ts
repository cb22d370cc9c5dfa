import { mailboxCapToday, startOfDay } from '../../../shared/compliance/limits';
import type { MailboxHealthInfo, MailboxInfo } from '../../../shared/ipc/mailboxes';
import type { MailboxHealth } from '../send/mailbox-health';

/**
 * A mailbox's health as the Mailboxes screen shows it, computed exactly as the gate computes it on a send:
 * today's sends (since midnight in the mailbox's zone) against today's cap, and the breaker's state.
 */
export function healthOf(
  mailbox: MailboxInfo,
  health: MailboxHealth,
  now: number,
  timeZone: string,
  /** the team's daily cap per mailbox, if any: the gate applies it too */
  teamCap?: number,
): MailboxHealthInfo {
  return {
    id: mailbox.id,
    sentToday: health.sentSince(mailbox.id, startOfDay(now, timeZone)),
    cap: mailboxCapToday(mailbox, now, teamCap),
    breaker: health.breaker(mailbox.id, now),
  };
}
