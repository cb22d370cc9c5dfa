import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from './fixtures';

// Importing a messy CSV as a rep does: cells that are not one address, time zones as spreadsheets spell them,
// the problems file to fix and import again, a preview that shows every column.

const HEADER = 'Email,First name,Last name,Company,Time zone,Notes';

async function openWizard(page: Page, csv: string, file: string): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Leads', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Leads', level: 1 })).toBeVisible();
  await writeFile(file, csv);
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const wizard = page.getByRole('dialog');
  await wizard.locator('input[type=file]').setInputFiles(file);
  return wizard;
}

/** pick → map → preview → options */
async function nextTo(wizard: Locator, heading: RegExp) {
  await wizard.getByRole('button', { name: 'Next' }).click();
  await expect(wizard.getByRole('heading', { name: heading })).toBeVisible();
}

async function importWith(wizard: Locator, options: { splitLists?: boolean } = {}) {
  await nextTo(wizard, /match the columns/);
  await nextTo(wizard, /check the first rows/);
  await nextTo(wizard, /options/);
  const split = wizard.getByRole('checkbox', { name: /One lead per address/ });
  await expect(split).not.toBeChecked(); // off unless the rep ticks it
  if (options.splitLists) await split.check();
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(wizard.getByRole('heading', { name: 'Import finished' })).toBeVisible({ timeout: 30_000 });
}

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const downloading: Promise<Download> = page.waitForEvent('download');
  await click();
  return readFile((await (await downloading).path()) ?? '');
}

const BOM = [0xef, 0xbb, 0xbf];

test('a spaced address and a two-address cell are bad rows, listed with their data', async ({
  page,
}, info) => {
  const csv = [
    HEADER,
    'ann@acme.test,Ann,Lee,Acme,Europe/Berlin,fine',
    'liam dubois@acme.test,Liam,Dubois,Acme,,spaced',
    '"emma@acme.test; khan@acme.test",Emma,Khan,"Acme, Inc",,listed',
    '',
  ].join('\r\n');
  const wizard = await openWizard(page, csv, info.outputPath('bad-cells.csv'));
  await importWith(wizard);

  await expect(wizard.getByTestId('import-inserted')).toHaveText('1');
  await expect(wizard.getByTestId('import-invalid')).toHaveText('2');
  const problems = wizard.getByRole('region', { name: 'Row problems' });
  await expect(problems).toContainText('"liam dubois@acme.test" has a space in it');
  await expect(problems).toContainText('"Email" holds 2 addresses');
  await expect(page.getByTestId('result-count')).toHaveText('1 lead');
  // never imported as "dubois@acme.test", someone else
  await page.getByRole('searchbox', { name: 'Search leads' }).fill('dubois@');
  await expect(page.getByTestId('result-count')).toHaveText('0 leads');

  // the problems file: each bad row's original columns beside the reason, ready to fix and import again
  const bytes = await download(page, () =>
    problems.getByRole('button', { name: /Download all problems/ }).click(),
  );
  expect([...bytes.subarray(0, 3)]).toEqual(BOM);
  const rows = Papa.parse<string[]>(bytes.subarray(3).toString('utf8').trim()).data;
  expect(rows[0]).toEqual(['Row', 'Outcome', 'Problem', ...HEADER.split(',')]);
  expect(rows.slice(1).map((r) => r.slice(3))).toEqual([
    ['liam dubois@acme.test', 'Liam', 'Dubois', 'Acme', '', 'spaced'],
    ['emma@acme.test; khan@acme.test', 'Emma', 'Khan', 'Acme, Inc', '', 'listed'],
  ]);
  expect(rows.slice(1).map((r) => r[1])).toEqual(['not imported', 'not imported']);
});

test('with the option ticked, a listed cell becomes one lead per address', async ({ page }, info) => {
  const csv = [HEADER, '"emma@acme.test; khan@acme.test",Emma,Khan,"Acme, Inc",,listed', ''].join('\r\n');
  const wizard = await openWizard(page, csv, info.outputPath('list.csv'));
  await importWith(wizard, { splitLists: true });
  await expect(wizard.getByTestId('import-inserted')).toHaveText('2');
  await expect(wizard.getByTestId('import-invalid')).toHaveText('0');
  await wizard.getByRole('button', { name: 'Close' }).first().click();
  await expect(page.getByTestId('result-count')).toHaveText('2 leads');
  const grid = page.getByRole('grid', { name: 'Leads' });
  await expect(grid.getByRole('row', { name: /emma@acme\.test/ })).toBeVisible();
  await expect(grid.getByRole('row', { name: /khan@acme\.test/ })).toBeVisible();
});

test('2,000 "GMT+1" rows import without a warning; an unknown zone is one grouped line', async ({
  page,
}, info) => {
  const lines = [HEADER];
  for (let i = 0; i < 2000; i++) lines.push(`lead${i}@acme.test,Lead,${i},Acme,GMT+1,`);
  for (let i = 0; i < 3; i++) lines.push(`mars${i}@acme.test,Mars,${i},Acme,Mars/Olympus,`);
  const wizard = await openWizard(page, `${lines.join('\r\n')}\r\n`, info.outputPath('zones.csv'));
  await importWith(wizard);
  await expect(wizard.getByTestId('import-inserted')).toHaveText('2,003');
  const problems = wizard.getByRole('region', { name: 'Row problems' });
  await expect(problems).not.toContainText('GMT+1');
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems.getByRole('listitem')).toContainText('"Mars/Olympus" is not a time zone');
  await expect(problems.getByRole('listitem')).toContainText('3 rows: 2002, 2003, 2004');

  // the lead keeps the zone the send window understands
  await wizard.getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('searchbox', { name: 'Search leads' }).fill('lead7@');
  await page
    .getByRole('grid', { name: 'Leads' })
    .getByRole('row', { name: /lead7@acme\.test/ })
    .click();
  await expect(page.getByRole('complementary', { name: 'Lead details' })).toContainText('Etc/GMT-1');

  // and the export opens in Excel as UTF-8
  await page.getByRole('button', { name: /^Export/ }).click();
  const bytes = await download(page, () => page.getByRole('menuitem', { name: /CSV/ }).click());
  expect([...bytes.subarray(0, 3)]).toEqual(BOM);
});

const PREVIEW_CSV = [
  'Email,First name,Last name,Company,Title,Time zone,Tags,Industry,LinkedIn,Icebreaker',
  ...Array.from(
    { length: 8 },
    (_, i) =>
      `anna.mueller-schmidt.${i}@northwind-traders-international.test,Anna ${i},Müller-Schmidt,Northwind Traders International GmbH,Head of Sales Development EMEA,Europe/Berlin,"fair, vip",Logistics,https://www.linkedin.com/in/anna-mueller-schmidt-northwind-${i}0123456789abcdef,Saw your talk on cold chains`,
  ),
  'not-an-address,Bad,Row,Northwind,,,,,,',
  '',
].join('\r\n');

test('the preview shows every column, and looks right at 1,024 × 700', async ({ page }, info) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const wizard = await openWizard(page, PREVIEW_CSV, info.outputPath('preview.csv'));
  await nextTo(wizard, /match the columns/);
  await nextTo(wizard, /check the first rows/);
  const table = wizard.locator('.import-scroll');
  // every column fits the dialog (a table wider than its box would hide "Custom fields" behind a scrollbar
  // that headless and overlay-scrollbar systems do not even show), and no value is clipped inside its cell
  const overflow = await table.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  const box = await table.boundingBox();
  const custom = await wizard.getByRole('columnheader', { name: 'Custom fields' }).boundingBox();
  expect(custom!.x + custom!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
  const clipped = await table
    .locator('td')
    .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
  expect(clipped).toEqual([]);
  await expect(wizard.getByRole('cell', { name: /linkedin: https/ }).first()).toBeVisible();

  await page.setViewportSize({ width: 1024, height: 700 });
  await table.evaluate((el) => el.scrollTo(0, 0));
  await expect(wizard).toHaveScreenshot('import-preview-1024x700.png', {
    animations: 'disabled',
    caret: 'hide',
    maxDiffPixelRatio: 0.01,
  });
});
