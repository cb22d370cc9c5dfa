import { generateLeadsCsv } from '../bench/generate-leads';
import { expect, test } from './fixtures';
import { dismissToasts, gotoLeads, importCsv } from './leads-helpers';

// Issue 9, at 100,000 leads: a short, common prefix ("mar") typed quickly. The speed is measured at 100,000
// leads by the UI bench (ui.search_to_rows.100k_ms); this is what the rep sees, in 3,000 leads: the rows
// shown are the answer to the last key (never an older answer's rows), each of them a match, first names
// first, and none of them still loading once they show.

const MATCH = /(^|[\s@.,'’-])mar/i;

test('typing a short, common prefix quickly shows only its own matches, whole', async ({ page }, info) => {
  test.setTimeout(120_000);
  await gotoLeads(page);
  await importCsv(page, generateLeadsCsv(3000, 17), info.outputPath('search-prefix.csv'));
  await dismissToasts(page);
  await expect(page.getByTestId('result-count')).toHaveText('3,000 leads');
  const box = page.getByRole('searchbox', { name: 'Search leads' });
  const grid = page.getByRole('grid', { name: 'Leads' });

  // a quick typist: "m", "ma", "mar", the answers to the first two may still be on their way
  await box.click();
  await page.keyboard.type('mar', { delay: 20 });
  const typed = Date.now();
  const first = grid.locator('tbody tr:not([aria-busy])').first();
  await expect(first).toBeVisible();
  info.annotations.push({ type: 'last key to rows (3,000 leads)', description: `${Date.now() - typed} ms` });

  // Every row in view matches "mar" (a first or last name, a company or an address that starts so), none
  // is a placeholder, and the first is a first name that starts with it
  const rows = await grid.evaluate((table) => {
    const scroller = table.parentElement;
    if (!scroller) return [];
    const view = scroller.getBoundingClientRect();
    const head = table.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    return [...table.querySelectorAll('tbody tr')]
      .filter((tr) => {
        const r = tr.getBoundingClientRect();
        return r.bottom > view.top + head + 1 && r.top < view.top + scroller.clientHeight - 1;
      })
      .map((tr) => ({
        busy: tr.getAttribute('aria-busy') === 'true',
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      }));
  });
  expect(rows.length).toBeGreaterThan(5);
  expect(rows.filter((r) => r.busy)).toEqual([]);
  for (const row of rows)
    expect(
      row.cells.some((cell) => MATCH.test(cell)),
      row.cells.join(' | '),
    ).toBe(true);
  await expect(grid.getByRole('row').nth(1)).toContainText(/\bMar/);

  // The count is the count of "mar", and stays so (no older answer replaces it)
  const count = page.getByTestId('result-count');
  await expect(count).toHaveText(/^[\d,]+ leads?$/);
  const shown = await count.textContent();
  await page.waitForTimeout(500);
  await expect(count).toHaveText(shown ?? '');
  // a wait for an answer, not a timing: a loaded machine may take seconds to count
  await box.fill('ma');
  await expect(count).not.toHaveText(shown ?? '', { timeout: 30_000 });
  await box.fill('mar');
  await expect(count).toHaveText(shown ?? '', { timeout: 30_000 });
});
