import { expect, it } from 'vitest';
import { inboxSummaryText } from './inbox-summary';

it('says what a check read and changed, and which mailbox could not be read', () => {
  const base = { mailboxes: 2, messages: 3, bounces: 1, complaints: 0, replies: 2, optOuts: 0, problems: [] };
  expect(inboxSummaryText(base)).toBe(
    'Read 3 new messages in 2 mailboxes: 2 replies, 1 bounce, 0 opt-outs, 0 complaints.',
  );
  expect(
    inboxSummaryText({
      ...base,
      mailboxes: 1,
      messages: 1,
      problems: [{ mailboxId: 'm', message: 'Sign in again.' }],
    }),
  ).toBe(
    'Read 1 new message in 1 mailbox: 2 replies, 1 bounce, 0 opt-outs, 0 complaints. 1 mailbox could not be read: Sign in again.',
  );
});
