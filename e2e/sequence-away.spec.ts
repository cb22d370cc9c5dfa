import type { Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { go } from './rep-steps';

// An out-of-office never stops a lead: Cy's auto-reply to step 1 ("back on 13 January") arrives over IMAP,
// step 2 is not sent when due (the inbox is read right before it), the timeline says why, and step 2 goes
// once Cy is back. Observed at the SMTP server; main's clock and the window's move together.

const LEAD = 'cy@prospect.test';
// Tuesday 5 January 2027, 10:00 in this machine's zone
const START = new Date(2027, 0, 5, 10, 0).getTime();
const THURSDAY_9_30 = new Date(2027, 0, 7, 9, 30).getTime();
const BACK_14_00 = new Date(2027, 0, 13, 14, 0).getTime();

async function twoStepSequence(page: Page, sender: string) {
  await go(page, 'Sequences');
  await page.getByRole('button', { name: 'New sequence' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Away test');
  const first = page.getByRole('region', { name: 'Step 1' });
  await first.getByLabel('Subject', { exact: true }).fill('Hello {{ first_name }}');
  await first.getByLabel('Message', { exact: true }).fill('<p>Hi {{ first_name }}, a short question.</p>');
  await page.getByRole('button', { name: 'Add a step' }).click();
  const second = page.getByRole('region', { name: 'Step 2' });
  await second.getByLabel(/^Wait/).fill('2');
  await second.getByLabel('Message', { exact: true }).fill('<p>Bringing this back up.</p>');
  await page.getByRole('region', { name: 'Schedule' }).getByLabel(new RegExp(sender)).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Away test”.')).toBeVisible();
}

test('an out-of-office pauses the lead until the date it states, then the sequence goes on', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const { host, page, mailboxId } = await cappedRep(context, {
    start: START,
    cap: 20,
    lead: { email: LEAD, firstName: 'Cy' },
  });
  const moveTo = async (to: number) => {
    const jump = to - host.clock.now();
    host.clock.setTo(to);
    await page.context().clock.fastForward(jump);
  };
  try {
    const { mail } = host;
    await host.services.mailboxes.setImap(mailboxId, { host: '127.0.0.1', port: 143, security: 'starttls' });
    await twoStepSequence(page, mail.sender.address);
    await go(page, 'Leads');
    await page.getByRole('checkbox', { name: 'Select Cy' }).check();
    await page.getByRole('button', { name: 'Add to sequence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add leads to a sequence' });
    await dialog.getByRole('combobox', { name: 'Sequence' }).selectOption({ label: 'Away test (draft)' });
    await dialog.getByRole('checkbox', { name: /Launch the sequence now/ }).check();
    await dialog.getByRole('button', { name: 'Add to sequence' }).click();
    await page
      .getByRole('dialog', { name: /Added 1 lead/ })
      .getByRole('button', { name: 'Done' })
      .click();
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Cy/ }).click();
    const timeline = page.getByRole('region', { name: 'Sequence timeline' });

    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    const first = await simpleParser(mail.smtp.received[0]!.raw);
    // booked by the app before the clock moves on (the mailbox's gap counts from this send)
    await expect(timeline).toContainText('Step 1 sent: “Hello Cy”');

    mail.imap.deliverToInbox(
      [
        `From: Cy <${LEAD}>`,
        `To: ${mail.sender.address}`,
        'Subject: Automatic reply: Hello Cy',
        'Auto-Submitted: auto-replied',
        'X-Auto-Response-Suppress: All',
        `Message-ID: <ooo-1@${mail.recipientDomain}>`,
        `In-Reply-To: ${first.messageId}`,
        `References: ${first.messageId}`,
        `Date: ${new Date(host.clock.now()).toUTCString()}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Thank you for your message. I am out of the office and back on 13 January.',
        '',
      ].join('\r\n'),
      new Date(host.clock.now()),
    );

    // Thursday 09:30, when step 2 is due: the inbox is read first, and Cy waits instead
    await moveTo(THURSDAY_9_30);
    await expect(timeline).toContainText('they are away', { timeout: 30_000 });
    await page.waitForTimeout(2_000);
    expect(mail.smtp.received).toHaveLength(1);
    await expect(timeline).not.toContainText('Stopped');

    // back on Wednesday 13 January: step 2 goes, in the thread
    await moveTo(BACK_14_00);
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(2);
    const second = await simpleParser(mail.smtp.received[1]!.raw);
    expect(second.inReplyTo).toBe(first.messageId);
    await expect(timeline).toContainText('Step 2 sent');
  } finally {
    await host.close();
  }
});
