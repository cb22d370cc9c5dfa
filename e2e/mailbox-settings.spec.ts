import { generateKeyPairSync } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addLead, connectSmtpMailbox, go, openCompose, saveSenderIdentity } from './rep-steps';

// A rep whose SMTP provider already signs their domain with DKIM (no private key to give Fairsend) and whose
// SPF record includes the provider's. Compose says what is missing and its fix buttons open exactly this
// mailbox's settings; once the selector and SPF include are entered there, the same draft passes the
// sender-domain check and goes out. IMAP is added after connecting (checked at the IMAP server; the Sent copy
// lands there) and removed again (no more copies). Outcomes are read at the loopback DNS, SMTP and IMAP servers.

const DOMAIN = 'signed-by-relay.test';
const SENDER = `sam@${DOMAIN}`;
const SELECTOR = 'relay1';
const SPF_INCLUDE = 'include:_spf.relay.test';
const POSTAL = 'Hauptstraße 1, 10115 Berlin, Germany';

async function compose(page: Page, subject: string): Promise<Locator> {
  const dialog = await openCompose(page, /Ana/);
  await dialog.getByLabel('From').selectOption({ label: `Sam Sender <${SENDER}>` });
  await dialog.getByLabel('Subject').fill(subject);
  await dialog
    .getByLabel('Message')
    .fill('Hi Ana,\n\nWould a short call next week help your outbound team?\n\nSam');
  return dialog;
}

test('a domain the provider signs: the fix buttons open the mailbox settings, the selector and SPF include make Compose pass; IMAP added and removed after connecting', async ({
  page,
  host,
}) => {
  test.setTimeout(150_000);
  const { mail } = host;
  // The provider's DNS for the rep's domain: SPF through its include, its DKIM key, DMARC. No key for us.
  const p = generateKeyPairSync('rsa', { modulusLength: 1024 })
    .publicKey.export({ type: 'spki', format: 'der' })
    .toString('base64');
  Object.assign(mail.dns.zone.txt ?? {}, {
    [DOMAIN]: [`v=spf1 ${SPF_INCLUDE} ~all`],
    '_spf.relay.test': ['v=spf1 ip4:127.0.0.1 ~all'],
    [`${SELECTOR}._domainkey.${DOMAIN}`]: [`v=DKIM1; k=rsa; p=${p}`],
    [`_dmarc.${DOMAIN}`]: ['v=DMARC1; p=quarantine'],
  });

  await saveSenderIdentity(page, {
    company: 'Relay Signed Ltd',
    postalAddress: POSTAL,
    teamServer: 'https://team.acme.test',
    unsubscribeMailbox: `unsubscribe@${DOMAIN}`,
  });

  // Connect over SMTP without a DKIM key (the provider signs)
  const card = await connectSmtpMailbox(page, {
    address: SENDER,
    name: 'Sam Sender',
    login: mail.login.user,
    password: mail.login.pass,
  });
  await expect(card).toContainText('no IMAP');

  await addLead(page, { email: `ana@${mail.recipientDomain}`, firstName: 'Ana' });

  // Compose: the gate cannot check DKIM without a selector (blocks) nor SPF without the include (warns)
  let dialog = await compose(page, 'A question about your outbound team');
  const checks = dialog.getByRole('region', { name: 'Compliance check' });
  const dkim = checks.locator('[data-code="dkim-selector-unknown"]');
  const spf = checks.locator('[data-code="spf-sender-unknown"]');
  await expect(dkim).toContainText('Enter your DKIM selector in this mailbox’s settings', {
    timeout: 20_000,
  });
  await expect(spf).toContainText('Enter the SPF include of your SMTP provider in this mailbox’s settings');
  await expect(dialog.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();

  // The fix button opens this mailbox's settings, on the Mailboxes screen
  await dkim.getByRole('button', { name: 'Open this mailbox’s settings' }).click();
  const settings = page.getByRole('dialog', { name: `Settings for ${SENDER}` });
  await expect(settings).toBeVisible();
  expect(new URL(page.url()).hash).toMatch(/^#\/mailboxes\?settings=/);
  await settings.getByLabel('DKIM selectors').fill(SELECTOR);
  await settings.getByLabel('SPF include of your SMTP provider').fill(SPF_INCLUDE);
  await settings.getByRole('button', { name: 'Save sender authentication' }).click();
  await expect(page.getByRole('status').getByText(/Compose checks your domain/)).toBeVisible();

  // IMAP after connecting: a wrong password is refused at the IMAP server and nothing changes
  const imapForm = settings.getByRole('form', { name: 'IMAP' });
  await imapForm.getByLabel('IMAP server').fill('127.0.0.1');
  await imapForm.getByLabel('Port and encryption').selectOption({ label: '143 — STARTTLS' });
  await imapForm.getByLabel('IMAP login (if not the SMTP one)').fill(mail.login.user);
  await imapForm.getByLabel('IMAP password (if not the SMTP one)').fill('not-the-password');
  await imapForm.getByRole('button', { name: 'Add IMAP' }).click();
  await expect(imapForm.getByRole('alert')).toBeVisible({ timeout: 20_000 });
  await expect(imapForm.getByTestId('imap-status')).toContainText('No IMAP');
  // …the right one (left empty: the SMTP password) is checked and saved
  await imapForm.getByLabel('IMAP password (if not the SMTP one)').fill('');
  await imapForm.getByRole('button', { name: 'Add IMAP' }).click();
  await expect(imapForm.getByTestId('imap-status')).toContainText(
    `Reading replies from 127.0.0.1:143 as ${mail.login.user}`,
    { timeout: 20_000 },
  );
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toBeHidden();
  await expect(card).toContainText('IMAP 127.0.0.1:143');
  await expect(card.getByTestId('sender-auth-summary')).toContainText(`DKIM selector ${SELECTOR}`);

  // The same email now passes the sender-domain check; the DNS server was asked for the selector's key
  dialog = await compose(page, 'A question about your outbound team');
  const after = dialog.getByRole('region', { name: 'Compliance check' });
  await expect(after.getByTestId('gate-verdict')).toHaveText(/OK|Warning/, { timeout: 20_000 });
  await expect(after.locator('[data-code^="dkim-"], [data-code^="spf-"], [data-code^="dmarc-"]')).toHaveCount(
    0,
  );
  expect(mail.dns.queries).toContain(`${SELECTOR}._domainkey.${DOMAIN}/16`);
  const sentBefore = mail.imap.messages('Sent').length;
  const before = mail.smtp.received.length;
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect.poll(() => mail.smtp.received.length, { timeout: 20_000 }).toBe(before + 1);
  expect(mail.smtp.received[before]?.from).toBe(SENDER);
  // with IMAP, the Sent copy is made on the IMAP server
  await expect.poll(() => mail.imap.messages('Sent').length, { timeout: 20_000 }).toBe(sentBefore + 1);
  expect(mail.imap.messages('Sent').at(-1)).toContain(SENDER);

  // Remove IMAP from the card's Settings: the next email goes out with no Sent copy
  await go(page, 'Mailboxes');
  await card.getByRole('button', { name: 'Settings', exact: true }).click();
  await settings.getByRole('button', { name: 'Remove IMAP' }).click();
  await expect(settings.getByTestId('imap-status')).toContainText('No IMAP');
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(card).toContainText('no IMAP');

  dialog = await compose(page, 'Following up on outbound');
  await expect(dialog.getByRole('button', { name: 'Send', exact: true })).toBeEnabled({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect.poll(() => mail.smtp.received.length, { timeout: 20_000 }).toBe(before + 2);
  await page.waitForTimeout(2_000); // a Sent copy is a follow-up after the send: give it time to (not) happen
  expect(mail.imap.messages('Sent').length).toBe(sentBefore + 1);
});
