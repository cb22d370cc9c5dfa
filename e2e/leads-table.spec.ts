import type { Locator, Page } from '@playwright/test';
import { generateLeadRows, generateLeadsCsv } from '../bench/generate-leads';
import { expect, test } from './fixtures';
import { dismissToasts, gotoLeads, importCsv } from './leads-helpers';

// The leads table as a rep meets it: every column reachable at 1,024 and 1,400 pixels, columns that resize by
// mouse and keyboard, far jumps and keyboard paging in a long list, and how it looks at 1,024 × 700.

const grid = (page: Page) => page.getByRole('grid', { name: 'Leads' });
/** The grid's scroller (the table sits in it; its header is sticky inside it). */
const scroller = (page: Page) => grid(page).locator('xpath=..');

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

/** The header cell of a column and the first row's cell under it, as the rep sees them. */
async function column(page: Page, name: string) {
  const header = grid(page).getByRole('columnheader', { name });
  const index = await header.evaluate((th) => [...(th.parentElement?.children ?? [])].indexOf(th));
  const cell = grid(page).locator('tbody tr').first().locator('td').nth(index);
  return { header, cell };
}

/** Data rows (not placeholders) inside the grid's viewport: [row index, email] of each. */
async function visibleRows(page: Page): Promise<{ busy: number; rows: [number, string][] }> {
  return scroller(page).evaluate((el) => {
    const view = el.getBoundingClientRect();
    const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const rows: [number, string][] = [];
    let busy = 0;
    for (const tr of el.querySelectorAll('tbody tr')) {
      const r = tr.getBoundingClientRect();
      if (r.bottom <= view.top + head + 1 || r.top >= view.top + el.clientHeight - 1) continue;
      if (tr.getAttribute('aria-busy') === 'true') busy++;
      else rows.push([Number(tr.getAttribute('aria-rowindex')) - 2, tr.children[2]?.textContent ?? '']);
    }
    return { busy, rows };
  });
}

/** Scrolls the grid as the scrollbar does, to put row `index` at the top, and waits for that row. */
async function scrollToRow(page: Page, index: number) {
  await scroller(page).evaluate((el, i) => {
    const rowH = el.querySelector('tbody tr')?.getBoundingClientRect().height ?? 40;
    el.scrollTop = i * rowH;
  }, index);
  await expect(grid(page).locator(`tr[aria-rowindex="${index + 2}"]:not([aria-busy])`)).toBeVisible();
}

test('every column fits at 1,400 pixels, and at 1,024 the table scrolls sideways to a whole Created column', async ({
  page,
}, info) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await gotoLeads(page);
  await importCsv(page, generateLeadsCsv(40, 11), info.outputPath('layout.csv'));
  await dismissToasts(page);
  await expect(grid(page).locator('tbody tr').first()).toContainText('@');

  const created = await column(page, 'Created');
  const fits = await scroller(page).evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits).toBe(true);
  const view = await box(scroller(page));
  expect((await box(created.header)).x + (await box(created.header)).width).toBeLessThanOrEqual(
    view.x + view.width,
  );
  // the date is whole, not cut with an ellipsis
  expect(await created.cell.evaluate((td) => td.scrollWidth <= td.clientWidth)).toBe(true);

  await page.setViewportSize({ width: 1024, height: 700 });
  await expect.poll(() => scroller(page).evaluate((el) => el.scrollWidth > el.clientWidth + 1)).toBe(true);
  // Created is out of view, and the table says there is more to the right (a shade on that edge)
  const narrow = await box(scroller(page));
  expect((await box(created.header)).x).toBeGreaterThan(narrow.x + narrow.width);
  const shade = await scroller(page).evaluate((el) =>
    el.parentElement
      ? el.ownerDocument.defaultView?.getComputedStyle(el.parentElement, '::after').opacity
      : '',
  );
  expect(shade).toBe('1');
  // scrolled sideways, the header moves with the rows and Created is whole
  await scroller(page).evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect
    .poll(async () => (await box(created.header)).x + (await box(created.header)).width)
    .toBeLessThanOrEqual(narrow.x + narrow.width);
  expect((await box(created.header)).x).toBeCloseTo((await box(created.cell)).x, 0);
  expect(await created.cell.evaluate((td) => td.scrollWidth <= td.clientWidth)).toBe(true);
});

test('columns resize by dragging a header edge or with the keyboard, and stay so', async ({ page }, info) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await gotoLeads(page);
  await importCsv(page, generateLeadsCsv(10, 12), info.outputPath('resize.csv'));
  await dismissToasts(page);
  const email = await column(page, 'Email');
  const width = async () => (await box(email.header)).width;
  const start = await width();

  // keyboard: Tab reaches the handle; arrows step 10 px, Page Up 50, Home the narrowest, Enter the default
  const handle = page.getByRole('separator', { name: 'Resize the Email column' });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('PageUp');
  await expect.poll(width).toBeCloseTo(start + 70, 0);
  await expect(handle).toHaveAttribute('aria-valuenow', String(Math.round(start + 70)));
  await expect.poll(async () => (await box(email.cell)).width).toBeCloseTo(start + 70, 0);
  await page.keyboard.press('Home');
  await expect.poll(width).toBeCloseTo(120, 0);
  await page.keyboard.press('Enter');
  await expect.poll(width).toBeCloseTo(start, 0);

  // mouse: drag the edge 80 px to the right
  const edge = await box(handle);
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 + 40, edge.y + edge.height / 2, { steps: 4 });
  await page.mouse.move(edge.x + edge.width / 2 + 80, edge.y + edge.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(width).toBeCloseTo(start + 80, 0);

  // the width is kept for the next visit
  await page.reload();
  await gotoLeads(page);
  await expect
    .poll(async () => (await box((await column(page, 'Email')).header)).width)
    .toBeCloseTo(start + 80, 0);
});

test('far jumps and drags in 3,000 leads land on the right leads, also after a lead is added', async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await gotoLeads(page);
  const rows = generateLeadRows(3000, 21);
  await importCsv(page, generateLeadsCsv(3000, 21), info.outputPath('long.csv'));
  await dismissToasts(page);
  await expect(page.getByTestId('result-count')).toHaveText('3,000 leads');
  // newest first keeps a file in its order: row i is the file's row i
  const shows = async (index: number) => {
    const { rows: seen } = await visibleRows(page);
    const row = seen.find(([i]) => i === index);
    return row?.[1];
  };

  for (const target of [2000, 650, 2900]) {
    await scrollToRow(page, target);
    expect(await shows(target)).toBe(rows[target]?.email);
  }
  // a drag: the thumb moves every frame, then is let go
  await scroller(page).evaluate(async (el) => {
    const frame = () =>
      new Promise((resolve) => el.ownerDocument.defaultView?.requestAnimationFrame(resolve));
    const rowH = el.querySelector('tbody tr')?.getBoundingClientRect().height ?? 40;
    for (let i = 0; i <= 20; i++) {
      el.scrollTop = (2900 - i * 70) * rowH;
      await frame();
    }
  });
  await expect(grid(page).locator('tr[aria-rowindex="1502"]:not([aria-busy])')).toBeVisible();
  expect(await shows(1500)).toBe(rows[1500]?.email);

  // a lead added by hand goes on top: every row moves down one, and a jump still lands right
  await page.getByRole('button', { name: 'New lead' }).click();
  const dialog = page.getByRole('dialog', { name: 'New lead' });
  await dialog.getByLabel('Email (required)').fill('new.top@example.com');
  await dialog.getByRole('button', { name: 'Add lead' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('result-count')).toHaveText('3,001 leads');
  await scrollToRow(page, 2400);
  expect(await shows(2400)).toBe(rows[2399]?.email);
});

test('paging with the keyboard never shows a row still loading', async ({ page }, info) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await gotoLeads(page);
  await importCsv(page, generateLeadsCsv(1200, 31), info.outputPath('paging.csv'));
  await dismissToasts(page);
  await grid(page).focus();
  await page.keyboard.press('Home');
  // every frame from here on: does the rep see a row still loading?
  await scroller(page).evaluate((el) => {
    const win = el.ownerDocument.defaultView;
    const seen = { frames: 0, busy: 0 };
    Object.assign(win ?? {}, { pagingSeen: seen });
    const watch = () => {
      const view = el.getBoundingClientRect();
      const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      seen.frames++;
      for (const tr of el.querySelectorAll('tbody tr[aria-busy="true"]')) {
        const r = tr.getBoundingClientRect();
        if (r.bottom > view.top + head + 1 && r.top < view.top + el.clientHeight - 1) {
          seen.busy++;
          break;
        }
      }
      win?.requestAnimationFrame(watch);
    };
    win?.requestAnimationFrame(watch);
  });
  const top = () => scroller(page).evaluate((el) => el.scrollTop);
  const start = await top();
  for (let press = 0; press < 16; press++) {
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(80); // a quick rep: a page every ~100 ms
  }
  const seen = await page.evaluate(
    () => (globalThis as unknown as { pagingSeen: { frames: number; busy: number } }).pagingSeen,
  );
  expect(seen.frames).toBeGreaterThan(30);
  expect(seen.busy).toBe(0);
  // sixteen pages of ~17 rows: past the first three pages of 100
  expect(await top()).toBeGreaterThan(start + 200 * 40);
  await expect(grid(page).locator('tbody tr:not([aria-busy])').first()).toBeVisible();
});

test('the leads table looks right at 1,024 × 700', async ({ page }, info) => {
  // a fixed day, so the Created column reads the same on every run
  await page.clock.setFixedTime(new Date('2026-03-02T10:00:00Z'));
  await page.reload();
  await page.setViewportSize({ width: 1024, height: 700 });
  await gotoLeads(page);
  await importCsv(page, generateLeadsCsv(14, 5), info.outputPath('look.csv'));
  await dismissToasts(page);
  await expect(grid(page).locator('tbody tr[aria-busy]')).toHaveCount(0);
  await expect(page.getByTestId('result-count')).toHaveText('14 leads');
  await page.mouse.move(0, 0);
  await expect(page).toHaveScreenshot('leads-table-1024x700.png', {
    animations: 'disabled',
    caret: 'hide',
    maxDiffPixelRatio: 0.01,
  });
});
