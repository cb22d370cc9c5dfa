import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The compliance path as a rep meets it: sender identity, an SMTP mailbox with DKIM, Compose with the gate's
// reasons live, a real send to a loopback SMTP server, the Outbox, and suppression stopping the next send —
// even one whose preview was OK a moment before (main's gate decides, not the window).

const LEAD = 'ana@prospect.test';
const POSTAL = 'Hauptstraße 1, 10115 Berlin, Germany';
const TEAM_SERVER = 'https://team.acme.test';

async function go(page: Page, area: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area, exact: true }).click();
  await expect(page.getByRole('heading', { name: area, level: 1 })).toBeVisible();
}

async function openCompose(page: Page) {
  await go(page, 'Leads');
  await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Ana/ }).click();
  await page
    .getByRole('complementary', { name: 'Lead details' })
    .getByRole('button', { name: 'Compose' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'New email' });
  await expect(dialog.getByLabel('To', { exact: true })).toHaveValue(LEAD);
  return dialog;
}

test('compose through the gate, send over SMTP, then suppression blocks the next send', async ({
  page,
  context,
  host,
}) => {
  test.setTimeout(120_000); // a whole working session: settings, mailbox, lead, three drafts, two windows
  const { mail } = host;
  const before = mail.smtp.received.length;

  // 1. The sender identity every footer carries
  await go(page, 'Settings');
  await page.getByLabel('Company').fill('Acme Sender GmbH');
  await page.getByLabel('Postal address').fill(POSTAL);
  await page.getByLabel(/Team server address/).fill(TEAM_SERVER);
  await page.getByLabel('Unsubscribe mailbox').fill(`unsubscribe@${mail.sender.domain}`);
  await page.getByRole('button', { name: 'Save sender identity' }).click();
  await expect(page.getByRole('status').getByText(/saved/i)).toBeVisible();

  // 2. An SMTP mailbox on a local relay: STARTTLS on 587 (routed to the loopback server), with a DKIM key
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
  await expect(page.getByRole('listitem', { name: mail.sender.address })).toBeVisible();

  // 3. A lead
  await go(page, 'Leads');
  await page.getByRole('button', { name: 'New lead' }).click();
  const newLead = page.getByRole('dialog', { name: 'New lead' });
  await newLead.getByLabel('Email (required)').fill(LEAD);
  await newLead.getByLabel('First name').fill('Ana');
  await newLead.getByLabel('Company').fill('Prospect');
  await newLead.getByRole('button', { name: 'Add lead' }).click();
  await expect(newLead).toBeHidden();

  // 4. Compose: a fake "Re:" on a first touch is blocked as you type, and the reason goes once fixed
  let compose = await openCompose(page);
  const checks = compose.getByRole('region', { name: 'Compliance check' });
  const send = compose.getByRole('button', { name: 'Send', exact: true });
  await compose.getByLabel('Subject').fill('Re: FREE money!!!');
  await compose
    .getByLabel('Message')
    .fill('Hi Ana,\n\nI lead sales at Acme. Would a short call next week help your outbound team?\n\nRita');
  await expect(checks.locator('[data-code="deceptive-subject"]')).toBeVisible();
  await expect(checks.locator('[data-code="deceptive-subject"]')).toContainText('How to fix');
  await expect(checks.getByTestId('gate-verdict')).toHaveText('Blocked');
  await expect(send).toBeDisabled();

  await compose.getByLabel('Subject').fill('A question about your outbound team');
  await expect(checks.locator('[data-code="deceptive-subject"]')).toHaveCount(0);
  await expect(checks.getByTestId('gate-verdict')).toHaveText(/OK|Warning/);
  await compose.getByRole('tab', { name: 'Preview' }).click();
  await expect(compose.getByRole('table', { name: 'Headers' })).toContainText('List-Unsubscribe-Post');
  await expect(compose.getByTestId('text-part')).toContainText(POSTAL);
  await expect(send).toBeEnabled();
  await send.click();
  await expect(compose).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('status').getByText(`Sent to ${LEAD}.`)).toBeVisible();

  // 5. Exactly one message reached the SMTP server, with RFC 8058 headers and the footer
  expect(mail.smtp.received.length).toBe(before + 1);
  const sent = await mail.smtp.parsed(before);
  const header = (name: string) =>
    sent.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
  expect(header('list-unsubscribe')).toMatch(/<https:\/\/team\.acme\.test\/u\/[^>]+>/);
  expect(header('list-unsubscribe')).toContain(`<mailto:unsubscribe@${mail.sender.domain}`);
  expect(header('list-unsubscribe-post')).toContain('List-Unsubscribe=One-Click');
  expect(header('dkim-signature')).toContain(`s=${mail.dkim.selector}`);
  expect(sent.text).toContain(POSTAL);
  expect(sent.text).toMatch(/https:\/\/team\.acme\.test\/u\//);
  expect(mail.smtp.received[before]?.to).toEqual([LEAD]);

  // 6. The Outbox lists it as sent
  await go(page, 'Outbox');
  const rows = page.getByRole('table', { name: 'Messages' }).locator('tbody tr');
  await expect(rows.filter({ hasText: 'A question about your outbound team' })).toContainText('Sent');

  // 7. While a new draft shows OK, the lead opts out (here: added on the Suppression screen in a second
  //    window, as a team-wide opt-out would arrive); main's gate blocks the send anyway
  compose = await openCompose(page);
  await compose.getByLabel('Subject').fill('Following up on outbound');
  await compose.getByLabel('Message').fill('Hi Ana,\n\nDid my last note reach you?\n\nRita');
  const verdict = compose.getByRole('region', { name: 'Compliance check' }).getByTestId('gate-verdict');
  await expect(verdict).toHaveText(/OK|Warning/);

  const other = await context.newPage();
  await other.goto(`${host.url}#/suppression`);
  await expect(other.getByRole('heading', { name: 'Suppression', level: 1 })).toBeVisible();
  await other.getByRole('button', { name: 'Add', exact: true }).click();
  const add = other.getByRole('dialog', { name: 'Add to the suppression list' });
  await add.getByLabel('Email address').fill(LEAD);
  await add.getByLabel('Reason').selectOption('unsubscribed');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();
  await expect(other.getByRole('list', { name: /Suppressed/ })).toContainText(LEAD);
  await expect(other.getByRole('list', { name: /Suppressed/ })).toContainText('Unsubscribed');
  // main has the entry once a preview there shows it (the first window's draft is unchanged, so still OK)
  const probe = await openCompose(other);
  await probe.getByLabel('Subject').fill('Probe');
  await expect(probe.locator('[data-code="suppressed-address"]')).toBeVisible();
  await other.close();
  await expect(verdict).toHaveText(/OK|Warning/);

  await compose.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(compose).toBeHidden({ timeout: 20_000 });
  await expect(
    page.getByRole('status').getByText(/Not sent\. This address is on the team’s suppression list/),
  ).toBeVisible();
  expect(mail.smtp.received.length).toBe(before + 1);

  // 8. Compose again: the preview now shows the suppression reason and Send stays off
  compose = await openCompose(page);
  await compose.getByLabel('Subject').fill('One more try');
  await expect(compose.locator('[data-code="suppressed-address"]')).toBeVisible();
  await expect(compose.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await compose.getByRole('button', { name: 'Cancel' }).click();
  // the blocked email was kept as a draft; this one is not worth keeping
  await page
    .getByRole('dialog', { name: 'Keep this email as a draft?' })
    .getByRole('button', { name: 'Discard' })
    .click();
  await expect(compose).toBeHidden();
  expect(mail.smtp.received.length).toBe(before + 1);

  // 9. The Outbox lists the blocked attempt with its reason and fix
  await go(page, 'Outbox');
  await page.getByRole('button', { name: /^Blocked/ }).click();
  const blocked = page.getByRole('table', { name: 'Messages' }).locator('tbody tr');
  await expect(blocked).toHaveCount(1);
  await expect(blocked).toContainText('Following up on outbound');
  await blocked.locator('summary').first().click();
  await expect(blocked.locator('[data-code="suppressed-address"]')).toContainText('suppression list');

  // 10. Every attempt and the suppression change are audited in main's hash chain and mirrored into RxDB,
  //     with keys instead of the recipient's address and no message body
  const log = await readFile(join(host.dataDir, 'audit.jsonl'), 'utf8');
  const types = log
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { type: string }).type);
  expect(types).toEqual(expect.arrayContaining(['send.sent', 'suppression.added', 'send.blocked']));
  expect(log).not.toContain(LEAD);
  expect(log).not.toContain('Did my last note reach you');
  await expect
    .poll(() => mirroredAudit(page), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(['send.sent', 'suppression.added', 'send.blocked']));
});

/**
 * The event types in the renderer's `audit` collection, read straight from IndexedDB (RxDB on Dexie names it
 * `rxdb-dexie-<db>--<version>--audit`, documents in `docs`). A string, because e2e/ is typed without the DOM.
 */
const READ_MIRRORED_AUDIT = `(async () => {
  const name = (await indexedDB.databases()).map((d) => d.name || '').find((n) => n.endsWith('--audit'));
  if (!name) return [];
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const docs = await new Promise((resolve, reject) => {
    const all = db.transaction('docs').objectStore('docs').getAll();
    all.onsuccess = () => resolve(all.result);
    all.onerror = () => reject(all.error);
  });
  db.close();
  if (JSON.stringify(docs).includes(${JSON.stringify(LEAD)})) return ['plaintext recipient found'];
  return docs.map((d) => d.type);
})()`;

function mirroredAudit(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(READ_MIRRORED_AUDIT);
}
