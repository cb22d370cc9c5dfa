// Test fixture, run as its own process by send-journal.crash.test.ts: sends one message through the real
// journal and SMTP transport, then kills itself with SIGKILL at the chosen moment (no cleanup, no flush).

import { crashTestMessage } from '../testing/crash-message';
import { deliverOnce } from './deliver-once';
import { openSendJournal } from './send-journal';
import { createSmtpTransport } from './transports/smtp-transport';

const [journalFile = '', port = '0', moment = 'after-deliver'] = process.argv.slice(2);
const journal = await openSendJournal(journalFile);
const smtp = createSmtpTransport({
  host: '127.0.0.1',
  port: Number(port) as 25,
  security: 'plaintext-loopback',
});

await deliverOnce(
  journal,
  {
    ...smtp,
    async deliver(message) {
      if (moment === 'before-deliver') process.kill(process.pid, 'SIGKILL');
      const result = await smtp.deliver(message);
      process.kill(process.pid, 'SIGKILL'); // delivered, but `sent` never reaches the journal
      return result;
    },
  },
  await crashTestMessage(),
);
