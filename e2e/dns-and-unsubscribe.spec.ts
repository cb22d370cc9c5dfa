import type { Page } from '@playwright/test';
import { startLoopbackDns } from '../electron/main/testing/loopback-dns';
import { expect, test } from './fixtures';

// A rep's first hour, two traps: a team server address that does not answer (opt-out clicks would be lost)
// and a computer whose DNS says every domain does not exist (the gate must blame DNS, not the leads).

const POSTAL = 'Hauptstraße 1, 10115 Berlin, Germany';

async function go(page: Page, area: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area, exact: true }).click();
  await expect(page.getByRole('heading', { name: area, level: 1 })).toBeVisible();
}

async function saveIdentity(page: Page, teamServer: string, mailto: string) {
  await go(page, 'Settings');
  await page.getByLabel('Company').fill('Acme Sender GmbH');
  await page.getByLabel('Postal address').fill(POSTAL);
  await page.getByLabel(/Team server address/).fill(teamServer);
  await page.getByLabel('Unsubscribe mailbox').fill(mailto);
  await page.getByRole('button', { name: 'Save sender identity' }).click();
  await expect(page.getByRole('status').getByText(/saved/i)).toBeVisible();
}

test('a team server address that does not answer is saved with a warning that stays, and unread opt-out emails are named', async ({
  page,
  host,
}) => {
  const { mail } = host;
  await saveIdentity(page, 'https://team-nowhere.acme.test', `optout@${mail.sender.domain}`);
  const notices = page.getByRole('list', { name: 'Where opt-outs arrive' });
  await expect(notices).toContainText(
    'one-click unsubscribe clicks are only received if https://team-nowhere.acme.test answers, and it did not answer',
  );
  await expect(notices).toContainText(`Opt-out emails to optout@${mail.sender.domain} are not being read`);

  // The warning is a status, not a toast: it is there after a reload
  await page.reload();
  await go(page, 'Settings');
  await expect(notices).toContainText('it did not answer');

  // The way to fix the opt-out mailbox goes to Mailboxes
  await notices.getByRole('button', { name: 'Go to Mailboxes' }).click();
  await expect(page.getByRole('heading', { name: 'Mailboxes', level: 1 })).toBeVisible();
});

test('when DNS says no domain exists, the gate says DNS is failing on this computer and holds the send', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  const { mail } = host;
  const lead = `ana@${mail.recipientDomain}`;
  const broken = await startLoopbackDns({}); // answers NXDOMAIN for every name, as a broken forwarder does
  try {
    await saveIdentity(page, 'https://team.acme.test', `unsubscribe@${mail.sender.domain}`);

    // The rep's mailbox on its own domain
    await go(page, 'Mailboxes');
    await page.getByRole('button', { name: 'Connect SMTP mailbox' }).click();
    const connect = page.getByRole('dialog', { name: 'Connect an SMTP mailbox' });
    await connect.getByLabel('Email address').fill(mail.sender.address);
    await connect.getByLabel('Name recipients see').fill('Rita Rep');
    await connect.getByLabel('SMTP server').fill('127.0.0.1');
    await connect.getByLabel('Password or app password').fill(mail.login.pass);
    await connect.getByLabel(/Local relay/).check();
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect(connect).toBeHidden({ timeout: 20_000 });
    const card = page.getByRole('listitem', { name: mail.sender.address });
    await expect(card.getByRole('list', { name: 'Where opt-outs arrive' })).toContainText(
      'only received if https://team.acme.test answers',
    );

    // Settings → Advanced: the DNS servers this computer is told to use
    await go(page, 'Settings');
    await page.getByLabel('DNS servers').fill(broken.server);
    await page.getByRole('button', { name: 'Save DNS servers' }).click();
    await expect(page.getByText(`Now using the servers set here (${broken.server})`)).toBeVisible();

    await go(page, 'Leads');
    await page.getByRole('button', { name: 'New lead' }).click();
    const newLead = page.getByRole('dialog', { name: 'New lead' });
    await newLead.getByLabel('Email (required)').fill(lead);
    await newLead.getByLabel('First name').fill('Ana');
    await newLead.getByRole('button', { name: 'Add lead' }).click();
    await expect(newLead).toBeHidden();
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Ana/ }).click();
    await page
      .getByRole('complementary', { name: 'Lead details' })
      .getByRole('button', { name: 'Compose' })
      .click();
    const compose = page.getByRole('dialog', { name: 'New email' });
    await compose.getByLabel('Subject').fill('A question about your outbound team');
    await compose
      .getByLabel('Message')
      .fill('Hi Ana,\n\nWould a short call next week help your team?\n\nRita');
    const checks = compose.getByRole('region', { name: 'Compliance check' });
    await expect(checks).toContainText('DNS lookups are failing on this computer', { timeout: 20_000 });
    await expect(checks).toContainText('VPN');
    await expect(checks).not.toContainText('does not exist');
    await expect(checks).not.toContainText('has no SPF record');
    await expect(compose.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    // the DNS server was really asked about the canaries
    expect(broken.queries.some((q) => q.startsWith('gmail.com/'))).toBe(true);
    // the fix names Settings → Advanced, and its button goes there, to the DNS servers field
    await checks
      .locator('[data-code="dns-failing"]')
      .getByRole('button', { name: 'Open Settings → Advanced' })
      .click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expect(page.getByLabel('DNS servers')).toBeFocused();
    await expect(page.getByLabel('DNS servers')).toHaveValue(broken.server);
  } finally {
    // the host is shared by the worker's tests: back to its own DNS
    await page.goto(host.url);
    await go(page, 'Settings');
    await page.getByLabel('DNS servers').fill('');
    await page.getByRole('button', { name: 'Save DNS servers' }).click();
    await broken.close();
  }
});

test('a merge field left in the draft blocks the send, naming it and how to fix it', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  const { mail } = host;
  await saveIdentity(page, 'https://team.acme.test', `unsubscribe@${mail.sender.domain}`);
  await go(page, 'Mailboxes');
  if ((await page.getByRole('listitem', { name: mail.sender.address }).count()) === 0) {
    await page.getByRole('button', { name: 'Connect SMTP mailbox' }).click();
    const connect = page.getByRole('dialog', { name: 'Connect an SMTP mailbox' });
    await connect.getByLabel('Email address').fill(mail.sender.address);
    await connect.getByLabel('Name recipients see').fill('Rita Rep');
    await connect.getByLabel('SMTP server').fill('127.0.0.1');
    await connect.getByLabel('Password or app password').fill(mail.login.pass);
    await connect.getByLabel(/Local relay/).check();
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect(connect).toBeHidden({ timeout: 20_000 });
  }
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
  await compose.getByLabel('Subject').fill('A question about your outbound team');
  await compose
    .getByLabel('Message')
    .fill('Hi {{first_name}},\n\nWould a short call next week help your team?\n\nRita');
  const checks = compose.getByRole('region', { name: 'Compliance check' });
  // Compose, too, says where unsubscribe clicks go while no team server is joined
  await expect(checks.getByRole('list', { name: 'Where opt-outs arrive' })).toContainText(
    'only received if https://team.acme.test answers',
  );
  const leftover = checks.locator('[data-code="template-leftover"]');
  await expect(leftover).toContainText('{{first_name}}');
  await expect(leftover).toContainText("Replace {{first_name}} with the lead's details");
  await expect(compose.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();

  await compose.getByLabel('Message').fill('Hi Ana,\n\nWould a short call next week help your team?\n\nRita');
  await expect(leftover).toHaveCount(0);
});
