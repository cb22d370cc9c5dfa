import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { generateLeadsCsv } from '../bench/generate-leads';
import { expect, test } from './fixtures';
import { dismissToasts, gotoLeads, importCsv } from './leads-helpers';

// The Leads screen as a rep uses it: add, search, edit, erase and export, and a 1,000-row CSV import.

const FORMULA = '=HYPERLINK("http://evil","x")';

async function addLead(page: Page, fields: { email: string; firstName: string; company: string }) {
  await page.getByRole('button', { name: 'New lead' }).click();
  const dialog = page.getByRole('dialog', { name: 'New lead' });
  await dialog.getByLabel('Email (required)').fill(fields.email);
  await dialog.getByLabel('First name').fill(fields.firstName);
  await dialog.getByLabel('Company').fill(fields.company);
  await dialog.getByRole('button', { name: 'Add lead' }).click();
  await expect(dialog).toBeHidden();
}

async function exportCsv(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  const downloading: Promise<Download> = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: /CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^fairsend-leads-\d{4}-\d{2}-\d{2}\.csv$/);
  // Excel reads a CSV as UTF-8 only when it starts with the byte order mark.
  const bytes = await readFile((await download.path()) ?? '');
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8');
}

async function eraseOpenLead(page: Page) {
  const drawer = page.getByRole('complementary', { name: 'Lead details' });
  await drawer.getByRole('button', { name: 'Erase' }).click();
  const confirm = page.getByRole('dialog', { name: /^Erase / });
  await expect(confirm).toContainText('only a hashed suppression entry stays'.replace('only', 'Only'));
  const go = confirm.getByRole('button', { name: 'Erase for good' });
  await expect(go).toBeDisabled();
  await confirm.getByLabel(/Type ERASE/).fill('ERASE');
  await go.click();
  await expect(confirm).toBeHidden();
  await expect(drawer).toBeHidden();
}

test('add by hand, reject a duplicate, edit, export with formulas escaped, erase', async ({ page }) => {
  await gotoLeads(page);
  await expect(page.getByRole('heading', { name: 'No leads yet' })).toBeVisible();

  // an invalid address is explained inline
  await page.getByRole('button', { name: 'New lead' }).click();
  const dialog = page.getByRole('dialog', { name: 'New lead' });
  await dialog.getByLabel('Email (required)').fill('ana.example.com');
  await dialog.getByRole('button', { name: 'Add lead' }).click();
  await expect(dialog.getByText('The email address has no "@".')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await addLead(page, { email: 'Ana@Example.com', firstName: 'Ana', company: FORMULA });
  await addLead(page, { email: 'bo@example.com', firstName: 'Bo', company: 'Acme' });
  await expect(page.getByTestId('result-count')).toHaveText('2 leads');
  await expect(page.getByTestId('count-new')).toHaveText('2');

  // a duplicate address is refused on the email field
  await page.getByRole('button', { name: 'New lead' }).click();
  await dialog.getByLabel('Email (required)').fill('ANA@example.com');
  await dialog.getByRole('button', { name: 'Add lead' }).click();
  await expect(dialog.getByText('A lead with the address ana@example.com already exists.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // edit: a bad time zone is refused, a good one saved
  await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Bo/ }).click();
  const drawer = page.getByRole('complementary', { name: 'Lead details' });
  await drawer.getByRole('button', { name: 'Edit' }).click();
  await drawer.getByLabel(/Time zone/).fill('Mars/Olympus');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer.getByText(/Not a time zone Fairsend knows/)).toBeVisible();
  await drawer.getByLabel(/Time zone/).fill('Europe/Berlin');
  await drawer.getByLabel('Title').fill('Head of Sales');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer.getByText('Head of Sales')).toBeVisible();
  await expect(
    page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Head of Sales/ }),
  ).toBeVisible();

  const csv = await exportCsv(page, 'Export all');
  const lines = csv.split('\r\n');
  expect(lines[0]).toMatch(/^Email,First name,Last name,Company,/);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  expect(lines).toHaveLength(4); // header, 2 leads, and the final CRLF

  // erase one: gone from the list and the counters
  await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Bo/ }).click();
  await eraseOpenLead(page);
  await expect(page.getByTestId('result-count')).toHaveText('1 lead');
  await expect(page.getByTestId('count-new')).toHaveText('1');
});

test('import 1,000 rows, see the count, search, edit, erase and export', async ({ page, leadsCsv }) => {
  await gotoLeads(page);
  const file = await leadsCsv(1000);
  // one more row whose company a spreadsheet would run as a formula
  const formulaRow = `formula@example.com,Eve,Formula,"${FORMULA.replaceAll('"', '""')}",CEO,,,,,\r\n`;
  await writeFile(file, `${await readFile(file, 'utf8')}${formulaRow}`);

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const wizard = page.getByRole('dialog');
  await wizard.locator('input[type=file]').setInputFiles(file);
  // pick → map columns → preview → options
  for (let step = 0; step < 3; step++) {
    const next = wizard.getByRole('button', { name: 'Next' });
    await expect(next).toBeEnabled();
    await next.click();
  }
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('result-count')).toHaveText('1,001 leads', { timeout: 30_000 });
  await wizard.getByRole('button', { name: 'Close' }).first().click();
  await expect(wizard).toBeHidden();
  await expect(page.getByTestId('count-new')).toHaveText('1,001');

  // search by the start of an address
  await page.getByRole('searchbox', { name: 'Search leads' }).fill('formula@');
  await expect(page.getByTestId('result-count')).toHaveText('1 lead');
  const grid = page.getByRole('grid', { name: 'Leads' });
  await grid.getByRole('row', { name: /Eve/ }).click();

  // edit it
  const drawer = page.getByRole('complementary', { name: 'Lead details' });
  await drawer.getByRole('button', { name: 'Edit' }).click();
  await drawer.getByLabel('Title').fill('Chief Formula Officer');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer.getByText('Chief Formula Officer')).toBeVisible();

  // export the match: the formula cell is escaped
  const csv = await exportCsv(page, 'Export matches');
  expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  expect(csv).toContain('Chief Formula Officer');

  // erase it, then the whole list is 1,000 again
  await eraseOpenLead(page);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByTestId('result-count')).toHaveText('1,000 leads');
  const all = await exportCsv(page, 'Export all');
  expect(all.split('\r\n').filter(Boolean)).toHaveLength(1001);
  expect(all).not.toContain('formula@example.com');
});

test('search finds a lead by last name, full name, company, address and email domain', async ({
  page,
}, info) => {
  await gotoLeads(page);
  // fifty ordinary leads (none named Khan, none at acme.com) and the four a rep is looking for
  const csv = `${generateLeadsCsv(50, 3)}${[
    'emma.khan@acme.com,Emma,Khan,Globex,,,,,,',
    'liam@acme.com,Liam,Moreau,Acme,,,,,,',
    'khalid@initech.io,Khalid,Ali,Initech,,,,,,',
    'sara@umbrella.io,Sara,Lindqvist,Khan Academy,,,,,,',
  ].join('\r\n')}\r\n`;
  await importCsv(page, csv, info.outputPath('search.csv'));
  await dismissToasts(page);
  await expect(page.getByTestId('result-count')).toHaveText('54 leads');
  const box = page.getByRole('searchbox', { name: 'Search leads' });
  const grid = page.getByRole('grid', { name: 'Leads' });
  const count = page.getByTestId('result-count');

  // a last name: Emma Khan by her last name, then the company that starts with it
  await box.fill('Khan');
  await expect(count).toHaveText('2 leads');
  await expect(grid.getByRole('row').nth(1)).toContainText('Emma Khan');
  await expect(grid.getByRole('row').nth(2)).toContainText('Khan Academy');
  // the start of a first name comes first
  await box.fill('kha');
  await expect(count).toHaveText('3 leads');
  await expect(grid.getByRole('row').nth(1)).toContainText('Khalid Ali');
  // a full name
  await box.fill('emma k');
  await expect(count).toHaveText('1 lead');
  await expect(grid.getByRole('row').nth(1)).toContainText('emma.khan@acme.com');
  // an email domain, with or without the "@", and not its longer look-alikes' companies
  for (const domain of ['acme.com', '@ACME.com']) {
    await box.fill(domain);
    await expect(count).toHaveText('2 leads');
    await expect(grid).toContainText('emma.khan@acme.com');
    await expect(grid).toContainText('liam@acme.com');
  }
  // an address
  await box.fill('khalid@');
  await expect(count).toHaveText('1 lead');
  // nothing: the hint says what search looks at
  await box.fill('zzqx');
  await expect(page.getByRole('heading', { name: 'No leads match these filters' })).toBeVisible();
  await expect(
    page.getByText(/last name, full name, company, email address or\s+email domain/),
  ).toBeVisible();
  await box.fill('');
  await expect(count).toHaveText('54 leads');
});
