import { expect, test } from './fixtures';

// "Pause all sending" in the app (browser mode has no tray): main holds it, so it outlives a reload.
test('the rep pauses all sending from the menu, it stays paused after a reload, and resumes', async ({
  page,
}) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Pause all sending' }).click();
  await expect(nav.getByRole('status')).toHaveText('Sending is paused');
  await page.reload();
  await expect(nav.getByRole('status')).toHaveText('Sending is paused');
  await nav.getByRole('button', { name: 'Resume sending' }).click();
  await expect(nav.getByRole('button', { name: 'Pause all sending' })).toBeVisible();
  await expect(nav.getByRole('status')).toHaveCount(0);
});
