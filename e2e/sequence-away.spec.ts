import { simpleParser } from 'mailparser';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { addToSequence, createSequence, moveClocks, TWO_STEPS } from './sequence-steps';

// An out-of-office never stops a lead: Cy's auto-reply to step 1 ("back on 13 January") arrives over IMAP,
// step 2 is not sent when due (the inbox is read right before it), the timeline says why, and step 2 goes
// once Cy is back. Observed at the SMTP server; main's clock and the window's move together.

const LEAD = 'cy@prospect.test';
// Tuesday 5 January 2027, 10:00 in this machine's zone
const START = new Date(2027, 0, 5, 10, 0).getTime();
const THURSDAY_9_30 = new Date(2027, 0, 7, 9, 30).getTime();
const BACK_14_00 = new Date(2027, 0, 13, 14, 0).getTime();

// It used to fail on a loaded machine: an engine run that began on Tuesday and ended after the clocks moved
// to Thursday took step 2's due time (now in the past) for a pacing wait and slept a quarter of an hour. The
// engine now wakes at once for a due time past what its run read (sequence-runner.wake.test.ts).
test('an out-of-office pauses the lead until the date it states, then the sequence goes on', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const { host, page, mailboxId } = await cappedRep(context, {
    start: START,
    cap: 20,
    lead: { email: LEAD, firstName: 'Cy' },
  });
  const moveTo = (to: number) => moveClocks(host, page, to);
  try {
    const { mail } = host;
    await host.services.mailboxes.setImap(mailboxId, { host: '127.0.0.1', port: 143, security: 'starttls' });
    await createSequence(page, { name: 'Away test', sender: mail.sender.address, steps: TWO_STEPS });
    await addToSequence(page, ['Cy'], 'Away test');
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
    await expect(timeline).toContainText('they are away', { timeout: 60_000 });
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
