import { expect, it } from 'vitest';
import type { InboxCheckSummary } from '../../../../shared/ipc/inbox';
import { inboxSummaryText } from './inbox-summary';

const base: InboxCheckSummary = {
  mailboxes: 2,
  messages: 3,
  bounces: 1,
  complaints: 0,
  replies: 2,
  optOuts: 0,
  read: [
    { mailboxId: 'a', address: 'ana@acme.test', messages: 3 },
    { mailboxId: 'b', address: 'ben@acme.test', messages: 0 },
  ],
  problems: [],
};

it('says which mailboxes a check read and what it changed', () => {
  expect(inboxSummaryText(base)).toBe(
    'Read 3 new messages in ana@acme.test, ben@acme.test: 2 replies, 1 bounce, 0 opt-outs, 0 complaints.',
  );
});

it('names each mailbox that could not be read with what the rep can do about it', () => {
  const text = inboxSummaryText({
    ...base,
    mailboxes: 0,
    messages: 0,
    replies: 0,
    bounces: 0,
    read: [],
    problems: [
      { mailboxId: 'c', address: 'cara@acme.test', reason: 'no-imap', message: 'x' },
      { mailboxId: 'd', address: 'dan@acme.test', reason: 'signed-out', message: 'x' },
      { mailboxId: 'e', address: 'eve@acme.test', reason: 'connection', message: 'x' },
      { mailboxId: 'f', address: 'fay@acme.test', reason: 'other', message: 'The inbox folder is missing.' },
    ],
  });
  expect(text).toBe(
    'No mailbox could be read. ' +
      'cara@acme.test could not be read: it has no IMAP login, so its replies and bounces are not seen. Add an IMAP login in its settings. ' +
      'dan@acme.test could not be read: its login was refused. Sign in again. ' +
      'eve@acme.test could not be read: its mail server could not be reached. Check the connection and try again. ' +
      'fay@acme.test could not be read: The inbox folder is missing.',
  );
  expect(text).not.toContain('0 mailboxes');
});
