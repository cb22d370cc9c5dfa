import type { Locator, Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { expect, test } from './fixtures';

// An email whose fate nobody knows, as a rep meets it: the SMTP server stores the message and then drops the
// connection before it answers. Compose says it may or may not have gone out (never "already sent"), the
// Outbox holds it with what is known and two decisions, and nothing is sent again unless the rep says so; a
// resend carries the Message-ID the held card shows, read back from the copies the SMTP server received.

const LEAD = 'bo@prospect.test';

async function go(page: Page, area: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area, exact: true }).click();
  await expect(page.getByRole('heading', { name: area, level: 1 })).toBeVisible();
}

async function compose(page: Page, sender: string, subject: string) {
  await go(page, 'Leads');
  await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Bo/ }).click();
  await page
    .getByRole('complementary', { name: 'Lead details' })
    .getByRole('button', { name: 'Compose' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'New email' });
  await dialog.getByLabel('From').selectOption({ label: `Hal Rep <${sender}>` });
  await dialog.getByLabel('Subject').fill(subject);
  await dialog
    .getByLabel('Message')
    .fill('Hi Bo,\n\nWould a short call next week help your outbound team?\n\nHal');
  await expect(
    dialog.getByRole('region', { name: 'Compliance check' }).getByTestId('gate-verdict'),
  ).toHaveText(/OK|Warning/);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

/** the Message-ID of each copy with this subject the SMTP server holds, parsed back from its bytes */
const copiesAtServer = async (raws: Buffer[], subject: string) => {
  const parsed = await Promise.all(raws.map((raw) => simpleParser(raw)));
  return parsed.filter((m) => m.subject === subject).map((m) => m.messageId ?? '(none)');
};

test('a message whose delivery is unknown is held in the Outbox until the rep decides', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  const { mail } = host;
  // its own address: the host is per worker, and another spec may have connected the login's own address
  const sender = `hal@${mail.sender.domain}`;

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
  await connect.getByLabel('Email address').fill(sender);
  await connect.getByLabel('Name recipients see').fill('Hal Rep');
  await connect.getByLabel('SMTP server').fill('127.0.0.1');
  await connect.getByLabel(/^Login/).fill(mail.login.user);
  await connect.getByLabel('Password or app password').fill(mail.login.pass);
  await connect.getByLabel(/Local relay/).check();
  await connect.getByText(/DKIM signing/).click();
  await connect.getByLabel('DKIM selector').fill(mail.dkim.selector);
  await connect.getByLabel('DKIM private key (PEM)').fill(mail.dkim.privateKeyPem);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(connect).toBeHidden({ timeout: 20_000 });

  await go(page, 'Leads');
  await page.getByRole('button', { name: 'New lead' }).click();
  const newLead = page.getByRole('dialog', { name: 'New lead' });
  await newLead.getByLabel('Email (required)').fill(LEAD);
  await newLead.getByLabel('First name').fill('Bo');
  await newLead.getByRole('button', { name: 'Add lead' }).click();
  await expect(newLead).toBeHidden();

  // 1. The server keeps the message, then the connection drops before its answer
  mail.smtp.misbehaveNext({ action: 'drop', store: true });
  await compose(page, sender, 'Held one');
  await expect(page.getByRole('status').getByText(/may or may not have been delivered/)).toBeVisible();
  await expect(page.getByRole('status').getByText(/already sent/)).toHaveCount(0);

  // 2. The Outbox holds it, in words; the codes only behind Details
  await go(page, 'Outbox');
  const held = page.getByRole('list', { name: 'Emails whose delivery is unknown' });
  await expect(page.getByRole('heading', { name: 'Waiting for you (1)' })).toBeVisible();
  const item = held.getByRole('listitem').filter({ hasText: 'Held one' });
  await expect(item).toContainText(LEAD);
  await expect(item).toContainText(sender);
  await expect(item).toContainText('The connection to the mail server dropped');
  await expect(item.getByText('connection-lost')).toBeHidden();
  await item.getByText('Details').click();
  await expect(item.getByText('connection-lost')).toBeVisible();
  const firstId = await messageIdIn(item);

  // 3. "It was sent": nothing is sent again, the held list empties
  await item.getByRole('button', { name: 'It was sent' }).click();
  await expect(page.getByRole('status').getByText(`Marked as sent to ${LEAD}.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Waiting for you/ })).toHaveCount(0);
  const received = () => mail.smtp.received.map((m) => m.raw);
  expect(await copiesAtServer(received(), 'Held one')).toEqual([firstId]);

  // 4. Dropped before it was stored: "Send it again" (confirmed) sends it once more, with the Message-ID the
  // held card showed for the first attempt
  mail.smtp.misbehaveNext({ action: 'drop', store: false });
  await compose(page, sender, 'Held two');
  await go(page, 'Outbox');
  const second = held.getByRole('listitem').filter({ hasText: 'Held two' });
  await second.getByText('Details').click();
  const secondId = await messageIdIn(second);
  await second.getByRole('button', { name: 'Send it again' }).click();
  await second.getByRole('button', { name: 'Send it again now' }).click();
  await expect(page.getByRole('status').getByText(`Sent again to ${LEAD}.`)).toBeVisible();
  expect(await copiesAtServer(received(), 'Held two')).toEqual([secondId]);

  // 5. Stored, then dropped, and the rep sends it again all the same: the server holds two copies, both with
  // one Message-ID (the card's), so the lead's mail server or client can tell the second is the same message
  mail.smtp.misbehaveNext({ action: 'drop', store: true });
  await compose(page, sender, 'Held three');
  await go(page, 'Outbox');
  const third = held.getByRole('listitem').filter({ hasText: 'Held three' });
  await third.getByText('Details').click();
  const thirdId = await messageIdIn(third);
  await third.getByRole('button', { name: 'Send it again' }).click();
  await third.getByRole('button', { name: 'Send it again now' }).click();
  // (step 4's "Sent again" may still be on screen: wait for this card to go, then for the server)
  await expect(third).toHaveCount(0);
  await expect.poll(() => copiesAtServer(received(), 'Held three')).toEqual([thirdId, thirdId]);
  expect(new Set([firstId, secondId, thirdId]).size).toBe(3); // three messages, three Message-IDs
});

/** the Message-ID a held card's open Details show */
async function messageIdIn(item: Locator): Promise<string> {
  const shown = item.locator('dt', { hasText: 'Message ID' }).locator('xpath=following-sibling::dd[1]');
  await expect(shown).toHaveText(/^<[^>]+@[^>]+>$/);
  return (await shown.textContent()) ?? '';
}
