import type { SendNowResult } from '../../scheduler/scheduled-sender';
import { whenInWords } from '../../ui/when-words';
import { blockedText, failedText } from '../compose/send-compose';

/** What a "Send now" came to, in the rep's words: the toast's tone and text. */
export function sendNowWords(
  to: string,
  result: SendNowResult,
  now = Date.now(),
): { tone: 'success' | 'error' | 'info'; text: string } {
  switch (result.next) {
    case 'sent':
      return { tone: 'success', text: `Sent to ${to}.` };
    case 'rescheduled': {
      const first = result.outcome.status === 'blocked' ? result.outcome.gate.reasons : [];
      const why = first.find((r) => r.code === 'daily-cap-reached' || r.code === 'outside-send-window');
      return {
        tone: 'info',
        text: `Not sent yet: ${why?.message ?? 'it still has to wait.'} It stays scheduled for ${whenInWords(result.at, now)}.`,
      };
    }
    case 'stopped':
      return {
        tone: 'error',
        text:
          result.outcome.status === 'blocked'
            ? blockedText(result.outcome.gate.reasons)
            : result.outcome.status === 'failed'
              ? failedText(result.outcome)
              : 'This email could not be sent earlier and cannot be sent again from here.',
      };
    case 'held':
      return {
        tone: 'error',
        text: 'Nobody knows yet whether this email went out, so Fairsend will not send it again on its own: it is waiting for you at the top of the Outbox.',
      };
    case 'retry':
      return {
        tone: 'error',
        text: `Not sent: ${result.problem} It stays scheduled and is tried again in a few minutes.`,
      };
    case 'refused':
      return { tone: 'error', text: `Not sent: ${result.problem}` };
    case 'gone':
      return { tone: 'info', text: 'This email was already sent or cancelled, perhaps in another window.' };
  }
}
