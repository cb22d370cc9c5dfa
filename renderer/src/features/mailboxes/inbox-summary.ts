import type { InboxCheckSummary } from '../../../../shared/ipc/inbox';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The toast after a check: what was read and what it changed, and which mailboxes could not be read. */
export function inboxSummaryText(s: InboxCheckSummary): string {
  const found = [
    plural(s.replies, 'reply', 'replies'),
    plural(s.bounces, 'bounce', 'bounces'),
    plural(s.optOuts, 'opt-out', 'opt-outs'),
    plural(s.complaints, 'complaint', 'complaints'),
  ].join(', ');
  const read = `Read ${plural(s.messages, 'new message', 'new messages')} in ${plural(s.mailboxes, 'mailbox', 'mailboxes')}: ${found}.`;
  const trouble = s.problems.length
    ? ` ${plural(s.problems.length, 'mailbox', 'mailboxes')} could not be read: ${s.problems[0]?.message}`
    : '';
  return read + trouble;
}
