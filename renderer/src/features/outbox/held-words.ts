import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { HeldMessage, UnknownWhy } from '../../../../shared/ipc/send';

/** What happened to a held email, as a rep reads it: no codes, no channel names. */
const WHAT_HAPPENED: Record<UnknownWhy, string> = {
  interrupted:
    'Fairsend stopped (it was closed or crashed) while this email was being handed to the mail server.',
  'connection-lost':
    'The connection to the mail server dropped right after the email was handed over, before the server confirmed it.',
  'timed-out': 'The mail server did not confirm the email in time after it was handed over.',
  'server-error': 'The mail service reported a problem of its own right after the email was handed over.',
};

export function whatHappened(held: Pick<HeldMessage, 'why'>): string {
  return WHAT_HAPPENED[held.why];
}

const PROVIDER: Record<MailboxInfo['kind'], string> = {
  gmail: 'Gmail',
  outlook: 'Outlook',
  smtp: 'your mail server',
};

/** What the rep can do about it, and whether Fairsend will find out by itself. */
export function whatNext(
  held: Pick<HeldMessage, 'checkingAgain'>,
  kind: MailboxInfo['kind'] | undefined,
): string {
  if (held.checkingAgain)
    return `Fairsend will ask ${PROVIDER[kind ?? 'smtp']} again in a few minutes and settle this by itself, or you can decide now.`;
  return 'Fairsend cannot find out by itself. Look in the Sent folder of this mailbox, or ask the recipient, then say what happened.';
}

export const HELD_INTRO =
  'Fairsend could not tell whether these emails went out, so it will not send them again on its own. ' +
  'If you choose "Send it again" and the first one did arrive, the recipient gets it twice (most mail programs show the two as one, since they carry the same message ID).';
