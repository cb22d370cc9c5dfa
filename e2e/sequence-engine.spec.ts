import { simpleParser } from 'mailparser';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { go } from './rep-steps';
import { createSequence, moveClocks } from './sequence-steps';

// A three-step sequence runs by itself: step 1 goes out when Ana is added, step 2 two business days later in
// the same thread (its In-Reply-To is step 1's Message-ID as the SMTP server received it), Ana replies over
// IMAP, and step 3 never goes. Observed at the servers, not through the app. Time moves on both sides: main's
// clock and the window's (Playwright's page clock).

const LEAD = 'ana@prospect.test';
const NAME = 'Intro';
// Tuesday 5 January 2027, 10:00 in this machine's zone (main and Chromium share it)
const START = new Date(2027, 0, 5, 10, 0).getTime();
const THURSDAY_9_30 = new Date(2027, 0, 7, 9, 30).getTime();
const MONDAY_9_30 = new Date(2027, 0, 11, 9, 30).getTime();

/** Three steps: a question, then two nudges two business days apart, each in the thread (the default). */
const THREE_STEPS = [
  {
    subject: 'A question for {{ first_name }}',
    message: '<p>Hi {{ first_name }},</p><p>Would a short call next week help your outbound team?</p>',
  },
  { waitDays: 2, message: '<p>Just bringing this back to the top of your inbox.</p>' },
  { waitDays: 2, message: '<p>One last note from me on this.</p>' },
] as const;

test('a three-step sequence sends step 1, step 2 in its thread, and stops when the lead replies', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const { host, page, mailboxId } = await cappedRep(context, {
    start: START,
    cap: 20,
    lead: { email: LEAD, firstName: 'Ana' },
  });
  try {
    const { mail } = host;
    // replies are read over IMAP (no screen is needed for this: the mailbox settings spec covers it)
    await host.services.mailboxes.setImap(mailboxId, { host: '127.0.0.1', port: 143, security: 'starttls' });
    await createSequence(page, { name: NAME, sender: mail.sender.address, steps: THREE_STEPS });

    // Leads → select Ana → Add to sequence, launching the draft
    await go(page, 'Leads');
    await page.getByRole('checkbox', { name: 'Select Ana' }).check();
    await page.getByRole('button', { name: 'Add to sequence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add leads to a sequence' });
    await dialog.getByRole('combobox', { name: 'Sequence' }).selectOption({ label: `${NAME} (draft)` });
    await dialog.getByRole('checkbox', { name: /Launch the sequence now/ }).check();
    await dialog.getByRole('button', { name: 'Add to sequence' }).click();
    const report = page.getByRole('dialog', { name: `Added 1 lead to “${NAME}”` });
    await expect(report).toContainText('Every lead was added.');
    await report.getByRole('button', { name: 'Done' }).click();
    // Ana's details stay open: her timeline follows the engine
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Ana/ }).click();
    const timeline = page.getByRole('region', { name: 'Sequence timeline' });

    // Step 1 goes out at once (Tuesday 10:00 is inside Mon–Fri 09:00–17:00)
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    const first = await simpleParser(mail.smtp.received[0]!.raw);
    expect(first.subject).toBe('A question for Ana');
    expect(first.messageId).toBeTruthy();
    await expect(timeline).toContainText('Step 1 sent: “A question for Ana”');

    // Wednesday: nothing; Thursday 09:30, two business days on: step 2, in the thread of step 1
    await moveClocks(host, page, START + 24 * 3_600_000);
    await page.waitForTimeout(2_000);
    expect(mail.smtp.received).toHaveLength(1);
    await moveClocks(host, page, THURSDAY_9_30);
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(2);
    const second = await simpleParser(mail.smtp.received[1]!.raw);
    expect(second.subject).toBe('Re: A question for Ana');
    expect(second.inReplyTo).toBe(first.messageId);
    expect(second.references).toEqual(first.messageId);
    // booked by the app before the clock moves on
    await expect(timeline).toContainText('Step 2 sent: “Re: A question for Ana”');

    // Ana replies to step 2
    mail.imap.deliverToInbox(
      [
        `From: Ana <${LEAD}>`,
        `To: ${mail.sender.address}`,
        'Subject: Re: A question for Ana',
        `Message-ID: <reply-1@${mail.recipientDomain}>`,
        `In-Reply-To: ${second.messageId}`,
        `References: ${first.messageId} ${second.messageId}`,
        `Date: ${new Date(host.clock.now()).toUTCString()}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Sounds good, call me on Friday.',
        '',
      ].join('\r\n'),
      new Date(host.clock.now()),
    );

    // Monday 09:30, when step 3 is due: the inbox is read before it, and it never goes
    await moveClocks(host, page, MONDAY_9_30);
    await expect(timeline).toContainText('They replied', { timeout: 30_000 });
    await context.clock.fastForward(3_600_000);
    await page.waitForTimeout(2_000);
    expect(mail.smtp.received).toHaveLength(2);

    // Open shows step 1's Message-ID as the server received it
    await timeline.getByRole('button', { name: 'Open the email of step 1' }).click();
    await expect(page.getByTestId('sent-message-id')).toHaveText(first.messageId!);
  } finally {
    await host.close();
  }
});
