import { simpleParser } from 'mailparser';
import { postfixDsn } from '../shared/inbox/testing/inbound-fixtures';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { go } from './rep-steps';

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
    await go(page, 'Sequences');
    await page.getByRole('button', { name: 'New sequence' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Bounce test');
    const first = page.getByRole('region', { name: 'Step 1' });
    await first.getByLabel('Subject', { exact: true }).fill('Hello {{ first_name }}');
    await first.getByLabel('Message', { exact: true }).fill('<p>Hi {{ first_name }}, a short question.</p>');
    await page.getByRole('button', { name: 'Add a step' }).click();
    const second = page.getByRole('region', { name: 'Step 2' });
    await second.getByLabel(/^Wait/).fill('2');
    await second.getByLabel('Message', { exact: true }).fill('<p>Bringing this back up.</p>');
    await page.getByRole('region', { name: 'Schedule' }).getByLabel(new RegExp(mail.sender.address)).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Saved “Bounce test”.')).toBeVisible();

    await go(page, 'Leads');
    await page.getByRole('checkbox', { name: 'Select Bo' }).check();
    await page.getByRole('button', { name: 'Add to sequence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add leads to a sequence' });
    await dialog.getByRole('combobox', { name: 'Sequence' }).selectOption({ label: 'Bounce test (draft)' });
    await dialog.getByRole('checkbox', { name: /Launch the sequence now/ }).check();
    await dialog.getByRole('button', { name: 'Add to sequence' }).click();
    await page
      .getByRole('dialog', { name: /Added 1 lead/ })
      .getByRole('button', { name: 'Done' })
      .click();
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Bo/ }).click();
    const timeline = page.getByRole('region', { name: 'Sequence timeline' });

    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    const sent = await simpleParser(mail.smtp.received[0]!.raw);
    await expect(timeline).toContainText('Step 1 sent: “Hello Bo”');
    mail.imap.deliverToInbox(
      postfixDsn(sent.messageId!, LEAD, '5.1.1', mail.sender.address),
      new Date(host.clock.now()),
    );

    const jump = THURSDAY_9_30 - host.clock.now();
    host.clock.setTo(THURSDAY_9_30);
    await page.context().clock.fastForward(jump);
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
