import { simpleParser } from 'mailparser';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { go } from './rep-steps';
import { addToSequence, createSequence } from './sequence-steps';

// A rep opens a running sequence and sees the next 14 days as the engine will send them (Ana's step 2 on
// Thursday, from Rita's mailbox), then its results once step 1 went out: counted at the SMTP server first.

const LEAD = 'ana@prospect.test';
const NAME = 'Forecasted';
// Tuesday 5 January 2027, 10:00 in this machine's zone (main and Chromium share it)
const START = new Date(2027, 0, 5, 10, 0).getTime();

test('a rep sees a 14-day forecast for a sequence with a lead in it, and its results once a step went out', async ({
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
    await createSequence(page, {
      name: NAME,
      sender: mail.sender.address,
      steps: [
        {
          subject: 'A question for {{ first_name }}',
          message: '<p>Hi {{ first_name }},</p><p>Would a short call next week help your outbound team?</p>',
        },
        { waitDays: 2, message: '<p>Bringing this back to the top.</p>' },
      ],
    });
    await addToSequence(page, ['Ana'], NAME);

    // step 1 goes out at once, counted at the server
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    const first = await simpleParser(mail.smtp.received[0]!.raw);
    expect(first.subject).toBe('A question for Ana');

    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await go(page, 'Sequences');
    await page.getByRole('button', { name: NAME, exact: true }).click();
    await page.getByRole('tab', { name: 'Forecast' }).click();
    const forecast = page.getByRole('region', { name: 'Forecast' });
    await expect(forecast.getByRole('heading', { name: 'Next 14 days' })).toBeVisible({ timeout: 30_000 });
    await expect(forecast).toContainText('The last lead gets the last step on Thu 7 Jan.');
    expect(workers.some((url) => url.includes('forecast'))).toBe(true); // planned off the page's thread
    const table = forecast.getByRole('table');
    await expect(table.getByRole('columnheader')).toHaveCount(15);
    await expect(table.getByRole('columnheader').nth(1)).toHaveText('Tue 5 Jan');
    const rita = table.getByRole('row', { name: /Rita Rep/ });
    // Tue 0 (step 1 is already sent), Wed 0, Thu 1: Ana's step 2
    await expect(rita.getByRole('cell').nth(2)).toHaveText('1');
    await expect(rita.getByRole('cell').nth(0)).toHaveText('0');

    await page.getByRole('tab', { name: 'Results' }).click();
    const results = page.getByRole('region', { name: 'Report' });
    await expect(results).toContainText('1 sent to 1 leads, 0 replied');
    const step1 = results.getByRole('row', { name: 'Step 1' });
    await expect(step1.getByRole('cell').nth(0)).toHaveText('1');
    await expect(results.getByRole('row', { name: 'Step 2' }).getByRole('cell').nth(0)).toHaveText('0');
    await expect(results.getByRole('img', { name: 'Sends and replies per day' })).toBeVisible();

    // the Outbox shows this sequence's step 1 by itself
    await go(page, 'Outbox');
    await page.getByRole('combobox', { name: 'Sequence', exact: true }).selectOption({ label: NAME });
    await page.getByRole('combobox', { name: 'Step', exact: true }).selectOption({ label: 'Step 1' });
    await expect(page.getByRole('table', { name: 'Messages' })).toContainText('A question for Ana');
    await page.getByRole('combobox', { name: 'Step', exact: true }).selectOption({ label: 'Step 2' });
    await expect(page.getByText('Nothing sent yet')).toBeVisible();
  } finally {
    await host.close();
  }
});
