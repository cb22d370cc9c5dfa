import type { Page } from '@playwright/test';
import { expect, type TestHost, test } from './fixtures';

// A rep's first hour (issue 9): every screen says where it is, what happened and what to do, in words.
// The host is shared by the tests of a worker, so each test connects the mailbox it needs.

async function go(page: Page, area: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area, exact: true }).click();
  await expect(page.getByRole('heading', { name: area, level: 1 })).toBeVisible();
}

/** Connects the loopback SMTP mailbox (no IMAP) unless it is already on the Mailboxes screen. */
async function connectSmtpMailbox(page: Page, host: TestHost) {
  const { mail } = host;
  await go(page, 'Mailboxes');
  const card = page.getByRole('listitem', { name: mail.sender.address });
  await expect(
    page.getByRole('list', { name: 'Connected mailboxes' }).or(page.getByText('No mailbox connected')),
  ).toBeVisible();
  if (await card.isVisible()) return card;
  await page.getByRole('button', { name: 'Connect SMTP mailbox' }).click();
  const connect = page.getByRole('dialog', { name: 'Connect an SMTP mailbox' });
  await connect.getByLabel('Email address').fill(mail.sender.address);
  await connect.getByLabel('Name recipients see').fill('Rita Rep');
  await connect.getByLabel('SMTP server').fill('127.0.0.1');
  await connect.getByLabel('Password or app password').fill(mail.login.pass);
  await connect.getByLabel(/Local relay/).check();
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expect(connect).toBeHidden({ timeout: 20_000 });
  await expect(card).toBeVisible();
  return card;
}

test('disconnecting a mailbox asks in the app, then its card goes at once and a message says so', async ({
  page,
  host,
}) => {
  const address = host.mail.sender.address;
  const card = await connectSmtpMailbox(page, host);
  // The browser's own confirm() box would be dismissed here: the question must be the app's dialog.
  page.on('dialog', (d) => void d.dismiss());

  await card.getByRole('button', { name: 'Disconnect' }).click();
  const ask = page.getByRole('dialog', { name: `Disconnect ${address}?` });
  await expect(ask).toContainText('wiped from this computer');
  // Cancel keeps it
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(card).toBeVisible();

  await card.getByRole('button', { name: 'Disconnect' }).click();
  await ask.getByRole('button', { name: 'Disconnect' }).click();
  await expect(card).toBeHidden();
  await expect(page.getByRole('status').getByText(`${address} is disconnected`)).toBeVisible();
  await expect(page.getByText('No mailbox connected')).toBeVisible();

  // Not only on screen: after a reload main no longer lists it
  await page.reload();
  await go(page, 'Mailboxes');
  await expect(page.getByText('No mailbox connected')).toBeVisible();
  await expect(page.getByRole('listitem', { name: address })).toHaveCount(0);
});

test('Sequences and Team say where the rep is with a page heading', async ({ page }) => {
  for (const area of ['Sequences', 'Team']) await go(page, area);
});

test('"Check inbox now" names a mailbox it cannot read and says what to do, instead of "0 mailboxes"', async ({
  page,
  host,
}) => {
  const address = host.mail.sender.address;
  await connectSmtpMailbox(page, host); // SMTP only: nothing to read its inbox with
  await page.getByRole('button', { name: 'Check inbox now' }).click();
  const toast = page.getByRole('status').getByText(`${address} could not be read`);
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Add an IMAP login in its settings');
  await expect(page.getByRole('status')).not.toContainText('0 mailboxes');
});

test('a refused sender identity says which field is wrong and why, beside it, in words', async ({ page }) => {
  await go(page, 'Settings');
  const company = page.getByLabel('Company');
  const teamServer = page.getByLabel(/Team server address/);
  await company.fill('');
  await page.getByLabel('Postal address').fill('Hauptstraße 1, 10115 Berlin, Germany');
  await teamServer.fill('http://team.acme.test'); // a URL, but not https
  await page.getByLabel('Unsubscribe mailbox').fill('optout@acme-sender.test');
  await page.getByRole('button', { name: 'Save sender identity' }).click();

  await expect(teamServer).toHaveAttribute('aria-invalid', 'true');
  await expect(teamServer).toHaveAccessibleDescription(/https/);
  await expect(company).toHaveAccessibleDescription('Enter the company name recipients will recognise.');
  const screen = page.locator('main');
  for (const developerWords of ['Invalid request', 'settings.setProfile', 'unsubscribeBaseUrl'])
    await expect(screen).not.toContainText(developerWords);

  // Fixed, it saves and the field's problem goes
  await company.fill('Acme Sender GmbH');
  await teamServer.fill('https://team.acme.test');
  await page.getByRole('button', { name: 'Save sender identity' }).click();
  await expect(page.getByRole('status').getByText(/saved/i)).toBeVisible();
  await expect(teamServer).not.toHaveAttribute('aria-invalid', 'true');
});

test('the compliance check speaks in words, each reason once at 1,024 wide; its codes wait behind Details', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  const { mail } = host;
  await page.setViewportSize({ width: 1024, height: 700 });
  await connectSmtpMailbox(page, host);
  await go(page, 'Leads');
  await page.getByRole('button', { name: 'New lead' }).click();
  const newLead = page.getByRole('dialog', { name: 'New lead' });
  await newLead.getByLabel('Email (required)').fill(`ana@${mail.recipientDomain}`);
  await newLead.getByLabel('First name').fill('Ana');
  await newLead.getByRole('button', { name: 'Add lead' }).click();
  await expect(newLead).toBeHidden();
  await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Ana/ }).click();
  await page
    .getByRole('complementary', { name: 'Lead details' })
    .getByRole('button', { name: 'Compose' })
    .click();
  const compose = page.getByRole('dialog', { name: 'New email' });
  await compose.getByLabel('Message').fill('Hi Ana,\n\nWould a short call next week help?\n\nRita');
  const checks = compose.getByRole('region', { name: 'Compliance check' });
  const noSubject = checks.locator('li[data-code="subject-empty"]');
  await expect(noSubject).toBeVisible({ timeout: 20_000 });
  // the missing subject is one finding, listed once (the gate and the message assembly both find it)
  await expect(noSubject).toHaveCount(1);
  await expect(checks.getByText('The subject is empty', { exact: false })).toHaveCount(1);
  // The rep reads words; the code is there for support, folded away
  await expect(noSubject.getByText('subject-empty', { exact: true })).toBeHidden();
  await noSubject.getByText('Details').click();
  await expect(noSubject.getByText('subject-empty', { exact: true })).toBeVisible();
});

test('the setup steps a rep needs are shown in the app, not as a file to find', async ({ page }) => {
  await go(page, 'Mailboxes');
  // DKIM: in the Connect dialog, where the key is asked for
  await page.getByRole('button', { name: 'Connect SMTP mailbox' }).click();
  const connect = page.getByRole('dialog', { name: 'Connect an SMTP mailbox' });
  await connect.getByText(/DKIM signing/).click();
  await connect.getByText('How to make a key and publish it').click();
  await expect(connect.getByRole('listitem').filter({ hasText: '_domainkey' })).toBeVisible();
  await expect(connect).not.toContainText(/docs\/|\.md\b/);
  await connect.getByRole('button', { name: 'Cancel' }).click();
  // Gmail and Outlook: the team's sign-in clients, where they are entered
  await page.getByRole('button', { name: 'Sign-in settings' }).click();
  const signIn = page.getByRole('region', { name: 'Sign-in settings for Gmail and Outlook' });
  await signIn.getByText('How to create the sign-in clients').click();
  await expect(signIn.getByRole('listitem').filter({ hasText: 'Desktop app' })).toBeVisible();
  await expect(signIn.getByRole('listitem').filter({ hasText: 'Microsoft Graph permissions' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/docs\/|\.md\b/);
});
