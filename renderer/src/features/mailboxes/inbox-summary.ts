import type { InboxCheckProblem, InboxCheckSummary } from '../../../../shared/ipc/inbox';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why a mailbox could not be read and what the rep does about it. */
function whyUnread(p: InboxCheckProblem): string {
  switch (p.reason) {
    case 'no-imap':
      return 'it has no IMAP login, so its replies and bounces are not seen. Add an IMAP login in its settings';
    case 'signed-out':
      return 'its login was refused. Sign in again';
    case 'connection':
      return 'its mail server could not be reached. Check the connection and try again';
    default:
      return p.message.replace(/\.$/, '');
  }
}

/**
 * The toast after a check: which mailboxes were read and what that changed, then each mailbox that could
 * not be read, by address, with what to do.
 */
export function inboxSummaryText(s: InboxCheckSummary): string {
  const found = [
    plural(s.replies, 'reply', 'replies'),
    plural(s.bounces, 'bounce', 'bounces'),
    plural(s.optOuts, 'opt-out', 'opt-outs'),
    plural(s.complaints, 'complaint', 'complaints'),
  ].join(', ');
  const where = s.read.map((r) => r.address).join(', ');
  const read = s.read.length
    ? `Read ${plural(s.messages, 'new message', 'new messages')} in ${where}: ${found}.`
    : s.problems.length
      ? 'No mailbox could be read.'
      : 'No mailbox is connected yet.';
  const trouble = s.problems.map((p) => ` ${p.address} could not be read: ${whyUnread(p)}.`).join('');
  return read + trouble;
}
