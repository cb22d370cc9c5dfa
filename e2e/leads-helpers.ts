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

/**
 * Dismisses every toast ("Imported 20 leads…"), so it covers nothing: the first one at a time, since each one
 * gone shifts the rest (and a toast may leave by itself meanwhile).
 */
export async function dismissToasts(page: Page) {
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  for (let i = 0; i < 10 && (await dismiss.count()) > 0; i++)
    await dismiss
      .first()
      .click({ timeout: 2000 })
      .catch(() => {});
}
