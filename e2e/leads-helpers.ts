import { writeFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

/** The Leads screen, from the navigation. */
export async function gotoLeads(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Leads', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Leads', level: 1 })).toBeVisible();
}

/** Imports a CSV through the wizard with its suggested mapping, and closes it: what a rep does. */
export async function importCsv(page: Page, csv: string, file: string): Promise<void> {
  await writeFile(file, csv);
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const wizard = page.getByRole('dialog');
  await wizard.locator('input[type=file]').setInputFiles(file);
  for (const heading of [/match the columns/, /check the first rows/, /options/]) {
    await wizard.getByRole('button', { name: 'Next' }).click();
    await expect(wizard.getByRole('heading', { name: heading })).toBeVisible();
  }
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(wizard.getByRole('heading', { name: 'Import finished' })).toBeVisible({ timeout: 60_000 });
  await wizard.getByRole('button', { name: 'Close' }).first().click();
  await expect(wizard).toBeHidden();
}

/** Dismisses every toast ("Imported 20 leads…"), so it covers nothing. */
export async function dismissToasts(page: Page) {
  for (const button of await page.getByRole('button', { name: 'Dismiss' }).all()) await button.click();
}
