import { cappedRep } from './capped-rep';
import { expect, test } from './fixtures';
import { addToSequence, createSequence, TWO_STEPS } from './sequence-steps';

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

// Resume sending wakes the sequence engine at once: while sending is paused the engine asks the gate for
// nobody and sleeps (a quarter of an hour); Resume in the menu wakes it, and the waiting step 1 reaches the
// SMTP server within seconds. (Which comes first, the paused run or Resume, is the machine's: the unit tests in
// renderer/src/engine/sequence-runner.wake.test.ts pin that order; this checks the menu's wiring.)
test('Resume sending wakes the sequence engine: a step held by the pause goes out at once', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const { host, page } = await cappedRep(context, {
    start: new Date(2027, 0, 5, 10, 0).getTime(), // Tuesday 10:00, inside the default send window
    cap: 20,
    lead: { email: 'bo@prospect.test', firstName: 'Bo' },
  });
  try {
    const { mail } = host;
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Pause all sending' }).click();
    await expect(nav.getByRole('status')).toHaveText('Sending is paused');
    await createSequence(page, { name: 'Paused start', sender: mail.sender.address, steps: TWO_STEPS });
    await addToSequence(page, ['Bo'], 'Paused start');
    await page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /Bo/ }).click();
    const timeline = page.getByRole('region', { name: 'Sequence timeline' });
    await expect(timeline).toContainText('Added to “Paused start”');
    expect(mail.smtp.received).toHaveLength(0);
    // nothing was asked of the gate while paused (each ask would be blocked and audited)
    expect(host.services.audit.since(0, 10_000).map((e) => e.type)).not.toContain('send.blocked');

    await nav.getByRole('button', { name: 'Resume sending' }).click();
    await expect.poll(() => mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    await expect(timeline).toContainText('Step 1 sent');
  } finally {
    await host.close();
  }
});
