import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { go, openCompose } from './rep-steps';

// A rep at the daily cap, as they meet it: Compose offers "Send tomorrow at 08:00" instead of a dead Send
// button, the Outbox keeps the email as Scheduled (through a reload), and when the morning comes it goes out
// once — counted at the SMTP server — although two windows of the app are open, each with its scheduler.
// Time is moved on both sides: main's clock (the test host's) and the windows' (Playwright's page clock).

const LEAD = 'ana@prospect.test';
const HOUR = 3_600_000;
// Tuesday 5 January 2027, 10:00 in this machine's zone (main and Chromium share it): tomorrow is a weekday.
const START = new Date(2027, 0, 5, 10, 0).getTime();
const TOMORROW_8 = new Date(2027, 0, 6, 8, 0).getTime();

/** Leads → Ana → Compose, with a subject and a short body the gate lets through. */
async function compose(page: Page, subject: string) {
  const dialog = await openCompose(page, /Ana/);
  await dialog.getByLabel('Subject').fill(subject);
  await dialog
    .getByLabel('Message')
    .fill('Hi Ana,\n\nWould a short call next week help your outbound team?\n\nRita');
  return dialog;
}

/** How many messages with each subject the SMTP server received. */
async function countsAtServer(raws: Buffer[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const raw of raws) {
    const subject = (await simpleParser(raw)).subject ?? '';
    counts[subject] = (counts[subject] ?? 0) + 1;
  }
  return counts;
}

test('at the daily cap a one-off is scheduled for tomorrow and goes out once then', async ({ context }) => {
  test.setTimeout(150_000);
  // The rep's own cap of one a day: one email today, then the cap holds the rest.
  const { host, page, mailboxId } = await cappedRep(context, {
    start: START,
    cap: 1,
    lead: { email: LEAD, firstName: 'Ana' },
  });
  try {
    const { mail } = host;

    // 1. Today's one email goes out
    let dialog = await compose(page, 'First note');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(page.getByRole('status').getByText(`Sent to ${LEAD}.`)).toBeVisible();

    // 2. The next one: the cap is the only thing in the way, so Send offers tomorrow morning
    dialog = await compose(page, 'Second note');
    const checks = dialog.getByRole('region', { name: 'Compliance check' });
    await expect(checks.locator('[data-code="daily-cap-reached"]')).toContainText('Schedule it for');
    await expect(checks).not.toContainText('go out tomorrow');
    const later = dialog.getByRole('button', { name: 'Send tomorrow at 08:00' });
    await expect(later).toBeEnabled();
    await later.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').getByText(/Scheduled: .* tomorrow at 08:00/)).toBeVisible();

    // 3. The Outbox keeps it as scheduled, through a reload
    await page.reload();
    await go(page, 'Outbox');
    const scheduled = page.getByRole('list', { name: 'Scheduled emails' }).getByRole('listitem');
    await expect(scheduled).toHaveCount(1);
    await expect(scheduled).toContainText('Second note');
    await expect(scheduled).toContainText('Scheduled');
    await expect(scheduled).toContainText('tomorrow at 08:00');
    expect((await countsAtServer(mail.smtp.received.map((m) => m.raw)))['Second note']).toBeUndefined();

    // 4. "Send now" goes through the gate, which holds it again: it stays scheduled
    await scheduled.getByRole('button', { name: 'Send now' }).click();
    // waits for main's answer (the gate's DNS checks on a loaded machine), not a timing
    await expect(
      page.getByRole('status').getByText(/Not sent yet: .* stays scheduled for tomorrow at 08:00/),
    ).toBeVisible({ timeout: 30_000 });
    await expect(scheduled).toHaveCount(1);

    // 5. A third one: the draft passes while the cap is raised, then the cap fills before Send (another window,
    //    a lower cap): main holds the Send, the dialog stays and offers tomorrow; scheduled, then cancelled
    host.services.mailboxes.update(mailboxId, { dailyCapOverride: 5 });
    dialog = await compose(page, 'Third note');
    await expect(
      dialog.getByRole('region', { name: 'Compliance check' }).getByTestId('gate-verdict'),
    ).toHaveText(/OK|Warning/);
    host.services.mailboxes.update(mailboxId, { dailyCapOverride: 1 });
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(dialog.getByText(/Not sent: .* Send now schedules it for tomorrow at 08:00\./)).toBeVisible({
      timeout: 30_000,
    });
    await dialog.getByRole('button', { name: 'Send tomorrow at 08:00' }).click();
    await expect(dialog).toBeHidden();
    await go(page, 'Outbox');
    await expect(scheduled).toHaveCount(2);
    const third = scheduled.filter({ hasText: 'Third note' });
    await third.getByRole('button', { name: 'Cancel' }).click();
    await expect(third).toContainText('It will not be sent');
    await third.getByRole('button', { name: 'Cancel the email' }).click();
    await expect(page.getByRole('status').getByText(`Cancelled the email to ${LEAD}`)).toBeVisible();
    await expect(scheduled).toHaveCount(1);

    // 6. A second window of the app, with its own scheduler, open on the Outbox too
    const other = await context.newPage();
    await other.goto(`${host.url}#/outbox`);
    await expect(other.getByRole('list', { name: 'Scheduled emails' }).getByRole('listitem')).toHaveCount(1);

    // 7. Morning: both clocks move to 08:01 tomorrow; the windows' timers fire, and it goes out once
    const jump = TOMORROW_8 + 60_000 - START;
    host.clock.setTo(host.clock.now() + jump);
    await context.clock.fastForward(jump);
    await expect(scheduled).toHaveCount(0, { timeout: 20_000 });
    // either window may have sent it; a reload reads the Outbox afresh (windows share no change feeds)
    await page.reload();
    await go(page, 'Outbox');
    const rows = page.getByRole('table', { name: 'Messages' }).locator('tbody tr');
    await expect(rows.filter({ hasText: 'Second note' })).toContainText('Sent');
    // the other window wakes again later, and finds nothing left to send
    await context.clock.fastForward(HOUR);
    await expect(other.getByRole('list', { name: 'Scheduled emails' })).toHaveCount(0);
    // exactly once each: today's, and the scheduled one in the morning; the cancelled one never
    expect(await countsAtServer(mail.smtp.received.map((m) => m.raw))).toEqual({
      'First note': 1,
      'Second note': 1,
    });
    // the schedule and the cancel are in main's audit log, beside the sends
    const types = (await readFile(join(host.dataDir, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types).toEqual(expect.arrayContaining(['outbox.scheduled', 'outbox.cancelled', 'send.sent']));
  } finally {
    await host.close();
  }
});
