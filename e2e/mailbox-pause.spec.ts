import { simpleParser } from 'mailparser';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { go } from './rep-steps';
import { addToSequence, createSequence, moveClocks } from './sequence-steps';

// The rep pauses one mailbox from its card ("Pause sending"). A lead added to a sequence sending from it
// waits, and their timeline and the sequence's forecast say why; the clocks move on and nothing arrives at
// the loopback SMTP server (counted there, not in the app). Resumed, the step goes out exactly once.

const LEAD = 'ana@prospect.test';
const NAME = 'Paused intro';
// Tuesday 5 January 2027, 10:00 in this machine's zone (main and Chromium share it)
const START = new Date(2027, 0, 5, 10, 0).getTime();
const NOON = new Date(2027, 0, 5, 12, 0).getTime();
const LATER = new Date(2027, 0, 5, 14, 0).getTime();

test('a mailbox the rep paused sends nothing, its lead waits and says why, and once resumed the step goes once', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const { host, page } = await cappedRep(context, {
    start: START,
    cap: 20,
    lead: { email: LEAD, firstName: 'Ana' },
  });
  try {
    const { mail } = host;
    await go(page, 'Mailboxes');
    const card = page.getByRole('listitem', { name: mail.sender.address });
    await card.getByRole('button', { name: 'Pause sending' }).click();
    await expect(card.getByTestId('mailbox-paused')).toContainText(
      'Paused by you — no emails go from this mailbox until you resume',
    );
    // kept in main: a reload (or a restart) still shows it paused
    await page.reload();
    await expect(card.getByTestId('mailbox-paused')).toBeVisible();

    await createSequence(page, {
      name: NAME,
      sender: mail.sender.address,
      steps: [
        {
          subject: 'A question for {{ first_name }}',
          message: '<p>Hi {{ first_name }}, a short question.</p>',
        },
      ],
    });
    await addToSequence(page, ['Ana'], NAME);

    // Ana's timeline says why she waits, as soon as the engine has looked
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Ana/ }).click();
    const timeline = page.getByRole('region', { name: 'Sequence timeline' });
    const waiting = timeline.getByRole('listitem').filter({ hasText: 'you paused its mailbox' });
    await expect(waiting).toContainText(
      'Step 1 of “Paused intro” waits: you paused its mailbox; it goes on when you press Resume sending (Mailboxes)',
      { timeout: 30_000 },
    );

    // two hours on, inside the send window: the engine looks again (her wait moves past noon) and sends nothing
    await moveClocks(host, page, NOON);
    await expect
      .poll(async () => Date.parse((await waiting.locator('time').getAttribute('datetime')) ?? '0'), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(NOON);
    expect(mail.smtp.received).toHaveLength(0);
    // the engine planned nothing from it (the gate did not have to refuse a send the planner let through)
    await expect(timeline).not.toContainText('was held back by a check');

    // the sequence's forecast sends nothing from the paused mailbox, and says so
    await go(page, 'Sequences');
    await page.getByRole('button', { name: NAME, exact: true }).click();
    await page.getByRole('tab', { name: 'Forecast' }).click();
    const forecast = page.getByRole('region', { name: 'Forecast' });
    await expect(forecast).toContainText(
      'Rita Rep is paused by you: nothing goes from it in this forecast until you resume it',
      { timeout: 30_000 },
    );
    await expect(forecast).toContainText('Nothing is planned to go out in the next 14 days.');
    expect(mail.smtp.received).toHaveLength(0);

    // Resume sending on the card: the waiting step goes out at once (no clock moves: Resume wakes her and the
    // engine, instead of leaving her to the planner's next look at the mailbox), exactly once
    await go(page, 'Mailboxes');
    await card.getByRole('button', { name: 'Resume sending' }).click();
    await expect(card.getByTestId('mailbox-paused')).toHaveCount(0);
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    const sent = await simpleParser(mail.smtp.received[0]!.raw);
    expect(sent.subject).toBe('A question for Ana');
    expect(sent.to && !Array.isArray(sent.to) ? sent.to.value[0]?.address : '').toBe(LEAD);

    await go(page, 'Leads');
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Ana/ }).click();
    await expect(timeline).toContainText('Finished “Paused intro”: every step went out.', {
      timeout: 30_000,
    });
    await moveClocks(host, page, LATER);
    await expect(timeline).toContainText('Step 1 sent: “A question for Ana”');
    expect(mail.smtp.received).toHaveLength(1);
  } finally {
    await host.close();
  }
});
