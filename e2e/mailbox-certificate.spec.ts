import { startLoopbackSmtp } from '../electron/main/testing/loopback-smtp';
import { testCertificate } from '../electron/main/testing/self-signed';
import { expect, startTestHost, test } from './fixtures';
import { connectSmtpMailbox, go } from './rep-steps';

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
    const card = await connectSmtpMailbox(page, {
      address,
      name: 'Rita Rep',
      login: mail.login.user,
      password: mail.login.pass,
      server: 'localhost',
      trustCertificate: true,
    });
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
