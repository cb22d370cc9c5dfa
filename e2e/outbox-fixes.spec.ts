import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { go, openCompose } from './rep-steps';

// The Outbox's reasons are about one email's mailbox: a fix button under a scheduled email's "Why it waits"
// opens that mailbox's settings, not just the Mailboxes screen. A host of its own: the rep's cap is set on it.

const LEAD = 'ana@prospect.test';
// Tuesday 5 January 2027, 10:00 here: tomorrow morning is a weekday.
const START = new Date(2027, 0, 5, 10, 0).getTime();

test('a scheduled email’s fix button opens the settings of the mailbox it goes from', async ({ context }) => {
  test.setTimeout(120_000);
  const { host, page, mailboxId } = await cappedRep(context, {
    start: START,
    cap: 1,
    lead: { email: LEAD, firstName: 'Ana' },
  });
  try {
    const { mail } = host;
    for (const [subject, send] of [
      ['First note', 'Send'],
      ['Second note', 'Send tomorrow at 08:00'],
    ] as const) {
      const dialog = await openCompose(page, /Ana/);
      await dialog.getByLabel('Subject').fill(subject);
      await dialog
        .getByLabel('Message')
        .fill('Hi Ana,\n\nWould a short call next week help your outbound team?\n\nRita');
      await dialog.getByRole('button', { name: send, exact: true }).click({ timeout: 20_000 });
      await expect(dialog).toBeHidden({ timeout: 20_000 });
    }

    // The Outbox: why the scheduled one waits, and a fix about its mailbox that goes to that mailbox
    await go(page, 'Outbox');
    const scheduled = page.getByRole('list', { name: 'Scheduled emails' }).getByRole('listitem');
    await expect(scheduled).toContainText('Second note');
    await scheduled.getByText('Why it waits').click();
    const spf = scheduled.locator('[data-code="spf-sender-unknown"]');
    await expect(spf).toContainText('this mailbox’s settings');
    await spf.getByRole('button', { name: 'Open this mailbox’s settings' }).click();
    await expect(page.getByRole('dialog', { name: `Settings for ${mail.sender.address}` })).toBeVisible();
    expect(new URL(page.url()).hash).toBe(`#/mailboxes?settings=${mailboxId}`);
  } finally {
    await host.close();
  }
});
