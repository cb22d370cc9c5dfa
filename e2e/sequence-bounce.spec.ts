import { simpleParser } from 'mailparser';
import { postfixDsn } from '../shared/inbox/testing/inbound-fixtures';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { addToSequence, createSequence, moveClocks, TWO_STEPS } from './sequence-steps';

// A DSN (5.1.1) for Bo's step 1 arrives over IMAP: Bo's address is suppressed, his enrollment stops as
// bounced, and step 2 never goes when due.

const LEAD = 'bo@prospect.test';
// Tuesday 5 January 2027, 10:00 in this machine's zone
const START = new Date(2027, 0, 5, 10, 0).getTime();
const THURSDAY_9_30 = new Date(2027, 0, 7, 9, 30).getTime();

test('a bounce arriving over IMAP suppresses the lead and stops the sequence for them', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const { host, page, mailboxId } = await cappedRep(context, {
    start: START,
    cap: 20,
    lead: { email: LEAD, firstName: 'Bo' },
  });
  try {
    const { mail } = host;
    await host.services.mailboxes.setImap(mailboxId, { host: '127.0.0.1', port: 143, security: 'starttls' });
    await createSequence(page, { name: 'Bounce test', sender: mail.sender.address, steps: TWO_STEPS });
    await addToSequence(page, ['Bo'], 'Bounce test');
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Bo/ }).click();
    const timeline = page.getByRole('region', { name: 'Sequence timeline' });

    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    const sent = await simpleParser(mail.smtp.received[0]!.raw);
    await expect(timeline).toContainText('Step 1 sent: “Hello Bo”');
    mail.imap.deliverToInbox(
      postfixDsn(sent.messageId!, LEAD, '5.1.1', mail.sender.address),
      new Date(host.clock.now()),
    );

    await moveClocks(host, page, THURSDAY_9_30);
    await expect(timeline).toContainText('Their address bounced.', { timeout: 30_000 });
    await page.waitForTimeout(2_000);
    expect(mail.smtp.received).toHaveLength(1);
    // suppressed: the leads list marks Bo
    await expect(page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Bo/ })).toContainText(
      /suppressed/i,
    );
  } finally {
    await host.close();
  }
});
