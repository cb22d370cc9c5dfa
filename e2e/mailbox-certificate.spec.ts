import { startLoopbackSmtp } from '../electron/main/testing/loopback-smtp';
import { testCertificate } from '../electron/main/testing/self-signed';
import { expect, startTestHost, test } from './fixtures';
import { go } from './rep-steps';

// A rep whose office relay got a new certificate after the mailbox was connected (its old one was trusted).
// The mailbox's card says why it cannot connect, shows the new certificate, and trusts it right there, with
// the same warning as the Connect dialog: no disconnecting and connecting again. The relay is a real STARTTLS
// server on loopback; this spec has a host of its own, since it replaces the relay.

test('a connected relay whose certificate changed: the card names it, shows it, and trusts it there', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const host = await startTestHost();
  const { mail } = host;
  const address = `desk@${mail.sender.domain}`;
  try {
    const page = await context.newPage();
    await page.goto(host.url);

    // Connected through the office relay, its self-signed certificate trusted when connecting
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
    await connect
      .getByRole('button', { name: 'Trust this certificate for localhost' })
      .click({ timeout: 20_000 });
    await expect(connect).toBeHidden({ timeout: 20_000 });
    const card = page.getByRole('listitem', { name: address });
    await expect(card.getByTestId('mailbox-health')).toHaveText('Healthy');

    // The relay is given a new certificate (same host and port)
    const renewed = await startLoopbackSmtp({
      tls: testCertificate({
        commonName: 'Office relay 2027',
        organisation: 'Acme Sender',
        hosts: ['localhost'],
      }),
      auth: mail.login,
    });
    const before = mail.relay;
    mail.relay = renewed;
    await before.close();

    // The card says what is wrong, in words, and shows the certificate the relay shows now
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect(card.getByTestId('mailbox-health')).toHaveText('Needs attention', { timeout: 20_000 });
    await expect(card).toContainText('not the one you trusted for localhost');
    const panel = card.getByRole('region', { name: 'The server’s certificate' });
    await expect(panel.getByTestId('certificate-subject')).toHaveText('Office relay 2027 (Acme Sender)');
    await expect(panel.getByRole('note')).toContainText('Trust it only if this is your own relay');
    await expect(panel.getByRole('note')).toContainText(
      'accepts exactly this certificate from localhost port 587',
    );

    // Main keeps it: after a reload the card still offers the trust
    await page.reload();
    await go(page, 'Mailboxes');
    await expect(panel.getByTestId('certificate-subject')).toHaveText('Office relay 2027 (Acme Sender)');

    // Trusted from the card: checked again at once, healthy, and Settings lists the new certificate
    await panel.getByRole('button', { name: 'Trust this certificate for localhost' }).click();
    await expect(card.getByTestId('mailbox-health')).toHaveText('Healthy', { timeout: 20_000 });
    await expect(page.getByRole('status').getByText(/Certificate trusted/)).toBeVisible();
    await expect(panel).toBeHidden();
    await go(page, 'Settings');
    await expect(
      page
        .getByRole('list', { name: 'Trusted certificates' })
        .getByRole('listitem', { name: 'localhost port 587' }),
    ).toContainText('Issued to Office relay 2027 (Acme Sender)');
  } finally {
    await host.close();
  }
});
