import { simpleParser } from 'mailparser';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { addLead } from './rep-steps';
import { addToSequence, createSequence, TWO_STEPS } from './sequence-steps';

// "Stop everyone at a company when someone there replies": Ana and Dee work at the same company (one
// domain, not a free-mail one). Whoever gets step 1 first replies over IMAP before the other's step 1 is
// due; the inbox is read right before that send, and the colleague is stopped without a single email.

// Tuesday 5 January 2027, 10:00 in this machine's zone
const START = new Date(2027, 0, 5, 10, 0).getTime();
const EVENING = new Date(2027, 0, 5, 16, 59).getTime();
const NAMES: Record<string, string> = { 'ana@prospect.test': 'Ana', 'dee@prospect.test': 'Dee' };

test('with the company stop on, a reply from one lead stops a colleague before their first email', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const { host, page, mailboxId } = await cappedRep(context, {
    start: START,
    cap: 20,
    lead: { email: 'ana@prospect.test', firstName: 'Ana' },
  });
  try {
    const { mail } = host;
    await host.services.mailboxes.setImap(mailboxId, { host: '127.0.0.1', port: 143, security: 'starttls' });
    await addLead(page, { email: 'dee@prospect.test', firstName: 'Dee' });
    await createSequence(page, {
      name: 'Company test',
      sender: mail.sender.address,
      steps: TWO_STEPS.slice(0, 1),
      companyStop: true,
    });
    await addToSequence(page, ['Ana', 'Dee'], 'Company test');

    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    const sent = await simpleParser(mail.smtp.received[0]!.raw);
    const to = (Array.isArray(sent.to) ? sent.to[0] : sent.to)?.value[0]?.address ?? '';
    const colleague = to === 'ana@prospect.test' ? 'dee@prospect.test' : 'ana@prospect.test';
    await page
      .getByRole('grid', { name: 'Leads' })
      .getByRole('row', { name: new RegExp(NAMES[to]!) })
      .click();
    await expect(page.getByRole('region', { name: 'Sequence timeline' })).toContainText('Step 1 sent');

    mail.imap.deliverToInbox(
      [
        `From: ${NAMES[to]} <${to}>`,
        `To: ${mail.sender.address}`,
        `Subject: Re: ${sent.subject}`,
        `Message-ID: <reply-c@${mail.recipientDomain}>`,
        `In-Reply-To: ${sent.messageId}`,
        `References: ${sent.messageId}`,
        `Date: ${new Date(host.clock.now()).toUTCString()}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Happy to talk, and I am looping in my colleague.',
        '',
      ].join('\r\n'),
      new Date(host.clock.now()),
    );

    // late in the day the colleague's first step is due: the reply is read first and stops them
    const jump = EVENING - host.clock.now();
    host.clock.setTo(EVENING);
    await page.context().clock.fastForward(jump);
    await page
      .getByRole('grid', { name: 'Leads' })
      .getByRole('row', { name: new RegExp(NAMES[colleague]!) })
      .click();
    await expect(page.getByRole('region', { name: 'Sequence timeline' })).toContainText(
      'Someone at their company replied',
      { timeout: 30_000 },
    );
    await page.waitForTimeout(2_000);
    expect(mail.smtp.received).toHaveLength(1);
  } finally {
    await host.close();
  }
});
