import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { generateLeadsCsv } from '../bench/generate-leads';
import { expect, test } from './fixtures';
import { dismissToasts, importCsv } from './leads-helpers';
import { go, readyToSend } from './rep-steps';

// A suppressed lead looks suppressed wherever a rep meets it: a badge in the leads list, a "Suppressed"
// filter that lists exactly those leads, a notice on the lead's details, and a notice at the top of Compose
// before anything is typed, with Send off. Taking the entries off the list takes all of that away.

const ANA = 'ana@prospect.test'; // listed by address
const BO = 'bo@blocked.test'; // listed by whole domain
const CY = 'cy@blocked.test'; // listed by whole domain
const DI = 'di@prospect.test'; // not listed: Compose for her can send

const grid = (page: Page) => page.getByRole('grid', { name: 'Leads' });
const row = (page: Page, email: string) =>
  grid(page).getByRole('row', { name: new RegExp(email.replace('.', '\\.')) });
/** The list's Status filter, which also offers "Suppressed" (the lead's details have a Status menu too). */
const statusFilter = (page: Page) => page.getByRole('search').getByRole('combobox', { name: 'Status' });
const details = (page: Page) => page.getByRole('complementary', { name: 'Lead details' });

async function openLead(page: Page, email: string) {
  // as a rep does, once the list a filter asked for is on screen: a row clicked while it swaps in is another lead's
  await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
  await row(page, email).click();
  await expect(details(page).getByText(email, { exact: true })).toBeVisible();
}

async function openCompose(page: Page, email: string): Promise<Locator> {
  await openLead(page, email);
  await details(page).getByRole('button', { name: 'Compose' }).click();
  const dialog = page.getByRole('dialog', { name: 'New email' });
  await expect(dialog.getByLabel('To', { exact: true })).toHaveValue(email);
  return dialog;
}

/** Closes Compose without keeping what was typed as a draft. */
async function discard(page: Page, compose: Locator) {
  await compose.getByRole('button', { name: 'Cancel' }).click();
  await page
    .getByRole('dialog', { name: 'Keep this email as a draft?' })
    .getByRole('button', { name: 'Discard' })
    .click();
  await expect(compose).toBeHidden();
}

async function suppress(page: Page, kind: 'One address' | 'A whole domain', value: string, reason: string) {
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const add = page.getByRole('dialog', { name: 'Add to the suppression list' });
  await add.getByLabel(kind).check();
  await add.getByLabel(kind === 'One address' ? 'Email address' : 'Domain (everyone at it)').fill(value);
  await add.getByLabel('Reason').selectOption(reason);
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();
}

async function unsuppress(page: Page, value: string) {
  await page.getByRole('button', { name: `Remove ${value}` }).click();
  const remove = page.getByRole('dialog', { name: `Remove ${value} from the suppression list?` });
  await remove.getByLabel(/Why is it removed/).fill('Added by mistake');
  await remove.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(remove).toBeHidden();
}

test('suppressed leads carry a badge, have a filter, and say so on their details and in Compose', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  const { mail } = host;
  // tall enough for all 24 rows: the grid renders only the rows in view
  await page.setViewportSize({ width: 1400, height: 1400 });

  // A sender identity and a mailbox, so Compose could send to a lead that is not suppressed
  await readyToSend(page, mail);

  // 1. Import leads: twenty ordinary ones and the four this test follows
  await go(page, 'Leads');
  const csv = `${generateLeadsCsv(20, 9)}${[
    `${ANA},Ana,Lopez,Prospect,,,,,,`,
    `${BO},Bo,Berg,Blocked Inc,,,,,,`,
    `${CY},Cy,Chen,Blocked Inc,,,,,,`,
    `${DI},Di,Diaz,Prospect,,,,,,`,
  ].join('\r\n')}\r\n`;
  // outside test-results: a concurrent Playwright run may empty that folder
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-suppressed-'));
  await importCsv(page, csv, join(dir, 'suppressed.csv'));
  await rm(dir, { recursive: true, force: true });
  await dismissToasts(page);
  await expect(page.getByTestId('result-count')).toHaveText('24 leads');
  await expect(grid(page).getByTestId('suppressed-badge')).toHaveCount(0);

  // 2. One address and one whole domain go on the suppression list
  await go(page, 'Suppression');
  await suppress(page, 'One address', ANA, 'unsubscribed');
  await suppress(page, 'A whole domain', 'blocked.test', 'manual');
  const list = page.getByRole('list', { name: /Suppressed/ });
  await expect(list).toContainText(ANA);
  await expect(list).toContainText('blocked.test');

  // 3. The leads list: a badge on exactly those leads, and the filter lists exactly them
  await go(page, 'Leads');
  for (const email of [ANA, BO, CY])
    await expect(row(page, email).getByTestId('suppressed-badge')).toHaveText('Suppressed');
  await expect(row(page, DI).getByTestId('suppressed-badge')).toHaveCount(0);
  await expect(row(page, DI)).toContainText('New');
  await expect(grid(page).getByTestId('suppressed-badge')).toHaveCount(3);
  await statusFilter(page).selectOption('Suppressed');
  await expect(page.getByTestId('result-count')).toHaveText('3 leads');
  const shown = grid(page)
    .getByRole('row')
    .filter({ has: page.getByTestId('suppressed-badge') });
  await expect(shown).toHaveCount(3);
  for (const email of [ANA, BO, CY]) await expect(row(page, email)).toBeVisible();
  await expect(row(page, DI)).toHaveCount(0);

  // 4. The lead's details say so, and whether it is the address or the whole domain
  await openLead(page, ANA);
  const notice = details(page).getByRole('note', { name: 'Suppressed' });
  await expect(notice).toContainText(`The address ${ANA} is listed (Unsubscribed)`);
  await openLead(page, BO);
  await expect(notice).toContainText('The whole domain blocked.test is listed (Added by hand)');
  await statusFilter(page).selectOption('Any status');
  await expect(page.getByTestId('result-count')).toHaveText('24 leads');

  // 5. Compose for a suppressed lead: the notice at the top before anything is typed, and Send off
  let compose = await openCompose(page, ANA);
  const composeNotice = compose.getByRole('note', { name: 'Suppressed' });
  await expect(composeNotice).toContainText('Fairsend will not send to this lead');
  await expect(composeNotice).toContainText(`The address ${ANA} is listed`);
  await expect(compose.getByLabel('Subject')).toHaveValue('');
  const send = compose.getByRole('button', { name: /^Send/ });
  await expect(send).toBeDisabled();
  await compose.getByLabel('Subject').fill('A question about your outbound team');
  await compose.getByLabel('Message').fill('Hi Ana,\n\nWould a short call next week help?\n\nRita');
  await expect(send).toBeDisabled();
  await discard(page, compose);

  // …while a lead who is not listed gets no notice, and the same email could be sent
  compose = await openCompose(page, DI);
  const from = compose.getByLabel('From');
  await from.selectOption(
    (await from.locator('option', { hasText: mail.sender.address }).getAttribute('value')) ?? '',
  );
  await compose.getByLabel('Subject').fill('A question about your outbound team');
  await compose.getByLabel('Message').fill('Hi Di,\n\nWould a short call next week help?\n\nRita');
  await expect(compose.getByRole('button', { name: /^Send/ })).toBeEnabled({ timeout: 15_000 });
  await expect(compose.getByRole('note', { name: 'Suppressed' })).toHaveCount(0);
  await discard(page, compose);

  // 6. Off the list again: the badges go, and the details no longer say so
  await go(page, 'Suppression');
  await unsuppress(page, ANA);
  await unsuppress(page, 'blocked.test');
  await go(page, 'Leads');
  await expect(page.getByTestId('result-count')).toHaveText('24 leads');
  await expect(grid(page).getByTestId('suppressed-badge')).toHaveCount(0);
  await expect(row(page, ANA)).toContainText('New');
  await openLead(page, ANA);
  await expect(details(page).getByRole('note', { name: 'Suppressed' })).toHaveCount(0);
  await statusFilter(page).selectOption('Suppressed');
  await expect(page.getByTestId('result-count')).toHaveText('0 leads');
});
