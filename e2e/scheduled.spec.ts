import type { Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { expect, startTestHost, test } from './fixtures';

// A rep at the daily cap, as they meet it: Compose offers "Send tomorrow at 08:00" instead of a dead Send
// button, the Outbox keeps the email as Scheduled (through a reload), and when the morning comes it goes out
// once — counted at the SMTP server — although two windows of the app are open, each with its scheduler.
// Time is moved on both sides: main's clock (the test host's) and the windows' (Playwright's page clock).

const LEAD = 'ana@prospect.test';
const HOUR = 3_600_000;
// Tuesday 5 January 2027, 10:00 in this machine's zone (main and Chromium share it): tomorrow is a weekday.
const START = new Date(2027, 0, 5, 10, 0).getTime();
const TOMORROW_8 = new Date(2027, 0, 6, 8, 0).getTime();

async function go(page: Page, area: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area, exact: true }).click();
  await expect(page.getByRole('heading', { name: area, level: 1 })).toBeVisible();
}

async function compose(page: Page, subject: string) {
  await go(page, 'Leads');
  await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Ana/ }).click();
  await page
    .getByRole('complementary', { name: 'Lead details' })
    .getByRole('button', { name: 'Compose' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'New email' });
  await dialog.getByLabel('Subject').fill(subject);
  await dialog
    .getByLabel('Message')
    .fill('Hi Ana,\n\nWould a short call next week help your outbound team?\n\nRita');
  return dialog;
}

const countAtServer = async (raws: Buffer[], subject: string) => {
  const subjects = await Promise.all(raws.map(async (raw) => (await simpleParser(raw)).subject));
  return subjects.filter((s) => s === subject).length;
};

test('at the daily cap a one-off is scheduled for tomorrow and goes out once then', async ({ context }) => {
  test.setTimeout(150_000);
  const host = await startTestHost();
  try {
    const { mail } = host;
    host.clock.setTo(START);
    await context.clock.install({ time: START });
    const page = await context.newPage();
    await page.goto(host.url);

    await go(page, 'Settings');
    await page.getByLabel('Company').fill('Acme Sender GmbH');
    await page.getByLabel('Postal address').fill('Hauptstraße 1, 10115 Berlin, Germany');
    await page.getByLabel(/Team server address/).fill('https://team.acme.test');
    await page.getByLabel('Unsubscribe mailbox').fill(`unsubscribe@${mail.sender.domain}`);
    await page.getByRole('button', { name: 'Save sender identity' }).click();
    await expect(page.getByRole('status').getByText(/saved/i)).toBeVisible();

    await go(page, 'Mailboxes');
    await page.getByRole('button', { name: 'Connect SMTP mailbox' }).click();
    const connect = page.getByRole('dialog', { name: 'Connect an SMTP mailbox' });
    await connect.getByLabel('Email address').fill(mail.sender.address);
    await connect.getByLabel('Name recipients see').fill('Rita Rep');
    await connect.getByLabel('SMTP server').fill('127.0.0.1');
    await connect.getByLabel('Password or app password').fill(mail.login.pass);
    await connect.getByLabel(/Local relay/).check();
    await connect.getByText(/DKIM signing/).click();
    await connect.getByLabel('DKIM selector').fill(mail.dkim.selector);
    await connect.getByLabel('DKIM private key (PEM)').fill(mail.dkim.privateKeyPem);
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect(connect).toBeHidden({ timeout: 20_000 });
    // The rep's own cap of one a day (no screen sets it yet): one email today, then the cap holds the rest.
    const [mailbox] = host.services.mailboxes.list();
    host.services.mailboxes.update(mailbox!.id, { dailyCapOverride: 1 });

    await go(page, 'Leads');
    await page.getByRole('button', { name: 'New lead' }).click();
    const newLead = page.getByRole('dialog', { name: 'New lead' });
    await newLead.getByLabel('Email (required)').fill(LEAD);
    await newLead.getByLabel('First name').fill('Ana');
    await newLead.getByRole('button', { name: 'Add lead' }).click();
    await expect(newLead).toBeHidden();

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
    expect(
      await countAtServer(
        mail.smtp.received.map((m) => m.raw),
        'Second note',
      ),
    ).toBe(0);

    // 4. "Send now" goes through the gate, which holds it again: it stays scheduled
    await scheduled.getByRole('button', { name: 'Send now' }).click();
    await expect(
      page.getByRole('status').getByText(/Not sent yet: .* stays scheduled for tomorrow at 08:00/),
    ).toBeVisible();
    await expect(scheduled).toHaveCount(1);

    // 5. A third one is scheduled, then cancelled — asked first, in the app
    dialog = await compose(page, 'Third note');
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
    expect(
      await countAtServer(
        mail.smtp.received.map((m) => m.raw),
        'Second note',
      ),
    ).toBe(1);
    expect(
      await countAtServer(
        mail.smtp.received.map((m) => m.raw),
        'First note',
      ),
    ).toBe(1);
    expect(
      await countAtServer(
        mail.smtp.received.map((m) => m.raw),
        'Third note',
      ),
    ).toBe(0);
  } finally {
    await host.close();
  }
});
