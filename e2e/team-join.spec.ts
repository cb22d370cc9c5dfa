import type { Page } from '@playwright/test';
import { type ServerWorld, startServerWorld } from '../electron/main/team/testing/team-world';
import { createInvite } from '../server/src/accounts/invites';
import { OPEN_TIMEOUT_MS } from '../server/src/testing/backends';
import { unsubscribeToken } from '../server/src/testing/fixtures';
import { expect, test } from './fixtures';
import { addLead, go } from './rep-steps';

// A rep joins the team server from Settings → Team with an invite code and sees sync connected; a used code is
// refused in words; a recipient's one-click opt-out on the server suppresses that lead in the app. The server
// is the real one, on PGlite, on loopback.

let server: ServerWorld;

test.beforeAll(async () => {
  test.setTimeout(OPEN_TIMEOUT_MS);
  server = await startServerWorld();
});
test.afterAll(async () => {
  await server?.close();
});

async function join(page: Page, email: string) {
  const team = await openTeamSettings(page);
  await team.getByLabel('Server address').fill(server.base);
  await team.getByLabel('Invite code').fill(await server.invite('rep', 1, email));
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(team.getByTestId('team-connection')).toHaveText('Connected', { timeout: 30_000 });
}

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

  // asked in the app: the browser's own confirm() box would be dismissed here
  page.on('dialog', (d) => void d.dismiss());
  await team.getByRole('button', { name: 'Leave team' }).click();
  await page
    .getByRole('dialog', { name: 'Leave the team?' })
    .getByRole('button', { name: 'Leave team' })
    .click();
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

test('a recipient who clicks one-click unsubscribe is suppressed in the app within moments: the lead gets its badge', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const lead = 'opt.out@prospect.test';
  await join(page, 'cy@acme.test');
  await addLead(page, { email: lead, firstName: 'Olga' });
  const row = page.getByRole('grid', { name: 'Leads' }).getByRole('row', { name: /opt\.out@prospect\.test/ });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('suppressed-badge')).toHaveCount(0);

  // the recipient's mail client posts the link of an email this team sent her (signed with the team's key)
  const answer = await fetch(`${server.base}/u/${unsubscribeToken(server.team.key, lead)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(answer.status).toBe(200);
  await expect(row.getByTestId('suppressed-badge')).toHaveText('Suppressed', { timeout: 30_000 });

  // the Suppression screen lists it as the team's, without the address, and a rep cannot remove it
  await go(page, 'Suppression');
  const list = page.getByRole('list', { name: 'Suppressed addresses and domains' });
  const teamEntry = list.getByRole('listitem').filter({ hasText: 'From your team' });
  await expect(teamEntry).toContainText('Unsubscribed');
  await expect(teamEntry.getByRole('button', { name: /Remove/ })).toHaveCount(0);
});

test('a shared invite code (made without an email): the rep gives their email and name; what waits reads in words', async ({
  page,
}) => {
  const owner = { ...server.team, role: 'owner' as const };
  const { code } = await createInvite(server.t.db, owner, { role: 'rep', ttlHours: 1 });
  const team = await openTeamSettings(page);
  await team.getByLabel('Server address').fill(server.base);
  await team.getByLabel('Invite code').fill(code);
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(team.getByRole('alert')).toContainText('enter your work email');
  await team.getByLabel('Your work email').fill('nia@acme.test');
  await team.getByLabel('Your name').fill('Nia Obi');
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(team.getByTestId('team-connection')).toHaveText('Connected', { timeout: 30_000 });
  await expect(team.getByTestId('team-status')).toContainText('nia@acme.test');
  await expect(team.getByTestId('team-pending')).toHaveText('Nothing: the team server has all your changes', {
    timeout: 15_000,
  });
});
