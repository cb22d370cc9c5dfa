import type { Page } from '@playwright/test';
import { type ServerWorld, startServerWorld } from '../electron/main/team/testing/team-world';
import { OPEN_TIMEOUT_MS } from '../server/src/testing/backends';
import { expect, startTestHost, test } from './fixtures';
import { go } from './rep-steps';

// The Team screen's people panel (members helper): the owner invites from the app, a second computer (a second
// app with its own main and data) joins with that code, the owner makes it a manager and then removes it, and
// the removed computer's sync says so. The server is the real one, on PGlite, on loopback.

let server: ServerWorld;

test.beforeAll(async () => {
  test.setTimeout(OPEN_TIMEOUT_MS);
  server = await startServerWorld();
});
test.afterAll(async () => {
  await server?.close();
});

async function joinIn(page: Page, code: string) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings', exact: true })
    .click();
  const team = page.getByRole('region', { name: 'Team' });
  await team.getByLabel('Server address').fill(server.base);
  await team.getByLabel('Invite code').fill(code);
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(team.getByTestId('team-connection')).toHaveText('Connected', { timeout: 30_000 });
  return team;
}

const roleOf = async (email: string) =>
  (
    await server.t.db.query<{ role: string; removed: boolean }>(
      'SELECT role, removed_at IS NOT NULL AS removed FROM members WHERE email = $1',
      [email],
    )
  )[0];

test('an owner invites from the Team screen, the new computer joins, the owner changes its role and removes it', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  // the owner's computer: an invite for the owner's email adds a device to the owner
  await joinIn(page, await server.invite('rep', 1, 'owner@acme.test'));
  await go(page, 'Team');
  const people = page.getByRole('region', { name: 'People and access' });
  const form = people.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill('ana@acme.test');
  await form.getByLabel('Role').selectOption({ label: 'Rep — sends, and sees their own numbers' });
  await form.getByRole('button', { name: 'Make an invite code' }).click();
  const shown = people.getByRole('region', { name: 'New invite code' });
  await expect(shown).toContainText('It works once, until');
  await expect(shown.getByRole('button', { name: 'Copy' })).toBeVisible();
  const code = (await shown.locator('.invite-code').textContent())?.trim() ?? '';
  expect(code.length).toBeGreaterThan(10);
  await expect(people.getByRole('listitem', { name: 'Invite for ana@acme.test' })).toBeVisible();

  // a second computer, its own app and data, joins with the code the owner copied
  const second = await startTestHost();
  try {
    const page2 = await context.newPage();
    await page2.goto(second.url);
    const team2 = await joinIn(page2, code);
    await expect(team2.getByTestId('team-status')).toContainText('ana@acme.test · Rep');

    // the owner sees her and her computer, and makes her a manager
    await go(page, 'Settings');
    await go(page, 'Team');
    const ana = people.getByRole('listitem', { name: 'Member ana@acme.test' });
    await expect(ana.getByRole('listitem', { name: /^Computer / })).toBeVisible();
    await expect(people.getByRole('listitem', { name: 'Invite for ana@acme.test' })).toHaveCount(0);
    await ana.getByLabel('Role').selectOption('manager');
    await expect.poll(async () => (await roleOf('ana@acme.test'))?.role).toBe('manager');

    // and removes her: asked in the page, then gone from the list and from the server
    await ana.getByRole('button', { name: 'Remove' }).click();
    await ana.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(ana).toHaveCount(0);
    expect(await roleOf('ana@acme.test')).toMatchObject({ removed: true });

    // the removed computer's next sync says so, in words
    await expect(team2.getByText(/This computer was removed from the team/).first()).toBeVisible({
      timeout: 60_000,
    });
    await page2.close();
  } finally {
    await second.close();
  }
});

test('a rep sees who is in the team, without controls', async ({ page }) => {
  test.setTimeout(120_000);
  await joinIn(page, await server.invite('rep', 1, 'ben@acme.test'));
  await go(page, 'Team');
  const people = page.getByRole('region', { name: 'Who is in the team' });
  await expect(people.getByRole('listitem', { name: 'Member ben@acme.test' })).toContainText('(you)');
  await expect(people.getByRole('listitem', { name: 'Member owner@acme.test' })).toContainText('Owner');
  await expect(people.getByRole('button')).toHaveCount(0);
  await expect(people.getByRole('combobox')).toHaveCount(0);
  await expect(people.getByRole('form')).toHaveCount(0);
});
