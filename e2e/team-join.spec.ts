import type { Page } from '@playwright/test';
import { type ServerWorld, startServerWorld } from '../electron/main/team/testing/team-world';
import { OPEN_TIMEOUT_MS } from '../server/src/testing/backends';
import { expect, test } from './fixtures';

// A rep joins the team server from Settings → Team with an invite code and sees sync connected; a used code is
// refused in words. The server is the real one, on PGlite, on loopback.

let server: ServerWorld;

test.beforeAll(async () => {
  test.setTimeout(OPEN_TIMEOUT_MS);
  server = await startServerWorld();
});
test.afterAll(async () => {
  await server?.close();
});

async function openTeamSettings(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings', exact: true })
    .click();
  const team = page.getByRole('region', { name: 'Team' });
  await expect(team).toBeVisible();
  return team;
}

test('joining a team in Settings → Team: connected, with the team, role and server shown; leaving goes back', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const code = await server.invite('rep', 1, 'ana@acme.test');
  const team = await openTeamSettings(page);
  await team.getByLabel('Server address').fill(server.base);
  await team.getByLabel('Invite code').fill(code);
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(page.getByRole('status').getByText('You joined Acme Sales.')).toBeVisible();

  const status = team.getByTestId('team-status');
  await expect(status).toContainText('Acme Sales');
  await expect(status).toContainText('ana@acme.test · Rep');
  await expect(status).toContainText(server.base);
  await expect(team.getByTestId('team-connection')).toHaveText('Connected', { timeout: 30_000 });

  // the device is on the server, named, and not revoked
  const devices = await server.t.db.query<{ revoked: boolean }>(
    `SELECT d.revoked_at IS NOT NULL AS revoked FROM devices d JOIN members m ON m.id = d.member_id
     WHERE m.email = 'ana@acme.test'`,
  );
  expect(devices).toEqual([{ revoked: false }]);

  page.once('dialog', (dialog) => void dialog.accept());
  await team.getByRole('button', { name: 'Leave team' }).click();
  await expect(team.getByRole('button', { name: 'Join team' })).toBeVisible();
  const after = await server.t.db.query<{ revoked: boolean }>(
    `SELECT d.revoked_at IS NOT NULL AS revoked FROM devices d JOIN members m ON m.id = d.member_id
     WHERE m.email = 'ana@acme.test'`,
  );
  expect(after).toEqual([{ revoked: true }]);
});

test('a used invite code is refused in words, with the code behind Details', async ({ page }) => {
  const code = await server.invite('rep', 1, 'ben@acme.test');
  const used = await fetch(`${server.base}/v1/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'someone else' }),
  });
  expect(used.status).toBe(200);
  const team = await openTeamSettings(page);
  await team.getByLabel('Server address').fill(server.base);
  await team.getByLabel('Invite code').fill(code);
  await team.getByRole('button', { name: 'Join team' }).click();
  const alert = team.getByRole('alert');
  await expect(alert).toContainText('This invite code does not work');
  await expect(alert.getByText('Details')).toBeVisible();
  await expect(alert.getByText('rejected-permanent', { exact: false })).toBeHidden();
  await expect(team.getByRole('button', { name: 'Join team' })).toBeVisible();
});
