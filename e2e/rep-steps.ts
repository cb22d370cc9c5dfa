import { expect, type Locator, type Page } from '@playwright/test';
import type { TestMailWorld } from './fixtures';

// Steps a rep takes on the way to the thing a spec tests, as the rep takes them (through the screens).

/** A screen, from the navigation. */
export async function go(page: Page, area: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area, exact: true }).click();
  await expect(page.getByRole('heading', { name: area, level: 1 })).toBeVisible();
}

/** Settings → Sender identity, saved. */
export async function saveSenderIdentity(
  page: Page,
  identity: { company: string; postalAddress: string; teamServer: string; unsubscribeMailbox: string },
): Promise<void> {
  await go(page, 'Settings');
  await page.getByLabel('Company').fill(identity.company);
  await page.getByLabel('Postal address').fill(identity.postalAddress);
  await page.getByLabel(/Team server address/).fill(identity.teamServer);
  await page.getByLabel('Unsubscribe mailbox').fill(identity.unsubscribeMailbox);
  await page.getByRole('button', { name: 'Save sender identity' }).click();
  await expect(page.getByRole('status').getByText(/saved/i)).toBeVisible();
}

/**
 * Mailboxes → Connect SMTP mailbox on the loopback relay (127.0.0.1 unless `server` says, local relay), DKIM key
 * if given, the relay's certificate trusted from the dialog if asked; its card.
 */
export async function connectSmtpMailbox(
  page: Page,
  mailbox: {
    address: string;
    name: string;
    login?: string;
    password: string;
    dkim?: { selector: string; privateKeyPem: string };
    server?: string;
    trustCertificate?: boolean;
  },
): Promise<Locator> {
  const server = mailbox.server ?? '127.0.0.1';
  await go(page, 'Mailboxes');
  await page.getByRole('button', { name: 'Connect SMTP mailbox' }).click();
  const connect = page.getByRole('dialog', { name: 'Connect an SMTP mailbox' });
  await connect.getByLabel('Email address').fill(mailbox.address);
  await connect.getByLabel('Name recipients see').fill(mailbox.name);
  await connect.getByLabel('SMTP server').fill(server);
  if (mailbox.login) await connect.getByLabel('Login (if not the address)').fill(mailbox.login);
  await connect.getByLabel('Password or app password').fill(mailbox.password);
  await connect.getByLabel(/Local relay/).check();
  if (mailbox.dkim) {
    await connect.getByText(/DKIM signing/).click();
    await connect.getByLabel('DKIM selector').fill(mailbox.dkim.selector);
    await connect.getByLabel('DKIM private key (PEM)').fill(mailbox.dkim.privateKeyPem);
  }
  await connect.getByRole('button', { name: 'Connect' }).click();
  if (mailbox.trustCertificate)
    await connect
      .getByRole('button', { name: `Trust this certificate for ${server}` })
      .click({ timeout: 20_000 });
  await expect(connect).toBeHidden({ timeout: 20_000 });
  const card = page.getByRole('listitem', { name: mailbox.address });
  await expect(card).toBeVisible();
  return card;
}

/**
 * What Compose needs to send: the usual sender identity, and the loopback sender's mailbox (with its DKIM
 * key) unless this worker's host has it connected already (another spec may have connected it).
 */
export async function readyToSend(page: Page, mail: TestMailWorld): Promise<void> {
  await saveSenderIdentity(page, {
    company: 'Acme Sender GmbH',
    postalAddress: 'Hauptstraße 1, 10115 Berlin, Germany',
    teamServer: 'https://team.acme.test',
    unsubscribeMailbox: `unsubscribe@${mail.sender.domain}`,
  });
  await go(page, 'Mailboxes');
  if ((await page.getByRole('listitem', { name: mail.sender.address }).count()) === 0)
    await connectSmtpMailbox(page, {
      address: mail.sender.address,
      name: 'Rita Rep',
      password: mail.login.pass,
      dkim: mail.dkim,
    });
}

/** Leads → New lead. */
export async function addLead(page: Page, lead: { email: string; firstName: string }): Promise<void> {
  await go(page, 'Leads');
  await page.getByRole('button', { name: 'New lead' }).click();
  const dialog = page.getByRole('dialog', { name: 'New lead' });
  await dialog.getByLabel('Email (required)').fill(lead.email);
  await dialog.getByLabel('First name').fill(lead.firstName);
  await dialog.getByRole('button', { name: 'Add lead' }).click();
  await expect(dialog).toBeHidden();
}

/** Leads → the lead's row → Compose: the New email dialog. */
export async function openCompose(page: Page, leadName: RegExp): Promise<Locator> {
  await go(page, 'Leads');
  await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: leadName }).click();
  await page
    .getByRole('complementary', { name: 'Lead details' })
    .getByRole('button', { name: 'Compose' })
    .click();
  return page.getByRole('dialog', { name: 'New email' });
}
