import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Issue 9: a relay on the rep's own network with a self-signed certificate. The rep sees why Fairsend refused
// it (named, with the certificate's subject and issuer), trusts exactly that certificate from the dialog,
// connects, finds it in Settings, and can remove it there.

async function go(page: Page, area: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area, exact: true }).click();
  await expect(page.getByRole('heading', { name: area, level: 1 })).toBeVisible();
}

test('a relay’s self-signed certificate: named, shown, trusted from the dialog, then connected', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  const { mail } = host;
  const address = `relay-desk@${mail.sender.domain}`;
  await go(page, 'Mailboxes');
  await page.getByRole('button', { name: 'Connect SMTP mailbox' }).click();
  const connect = page.getByRole('dialog', { name: 'Connect an SMTP mailbox' });
  await connect.getByLabel('Email address').fill(address);
  await connect.getByLabel('Name recipients see').fill('Rita Rep');
  await connect.getByLabel('SMTP server').fill('localhost');
  await connect.getByLabel('Login (if not the address)').fill(mail.login.user);
  await connect.getByLabel('Password or app password').fill(mail.login.pass);
  await connect.getByLabel(/Local relay/).check();
  await connect.getByRole('button', { name: 'Connect' }).click();

  // The cause in words, not "Could not connect to the mail server."
  await expect(connect.getByRole('alert')).toContainText('certificate is self-signed', { timeout: 20_000 });
  await expect(connect.getByText('Could not connect to the mail server')).toHaveCount(0);
  const panel = connect.getByRole('region', { name: 'The server’s certificate' });
  await expect(panel.getByTestId('certificate-subject')).toHaveText('Office relay (Acme Sender)');
  await expect(panel.getByTestId('certificate-issuer')).toHaveText(
    'Office relay (Acme Sender) (itself: self-signed)',
  );
  await expect(panel.getByText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)).toBeVisible();
  await expect(panel.getByRole('note')).toContainText(
    'accepts exactly this certificate from localhost port 587',
  );

  // Trusting connects with the same form: the mailbox is saved
  await panel.getByRole('button', { name: 'Trust this certificate for localhost' }).click();
  await expect(connect).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('listitem', { name: address })).toBeVisible();

  // Settings lists it, and removing it says so
  await go(page, 'Settings');
  const trusted = page.getByRole('list', { name: 'Trusted certificates' });
  const entry = trusted.getByRole('listitem', { name: 'localhost port 587' });
  await expect(entry).toContainText('Issued to Office relay (Acme Sender)');
  await entry.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status').getByText(/no longer trusted/)).toBeVisible();
  await expect(trusted).toBeHidden();
  await expect(
    page.getByRole('region', { name: 'Trusted certificates' }).getByText('None.', { exact: true }),
  ).toBeVisible();
});
