import { type ServerWorld, startServerWorld } from '../electron/main/team/testing/team-world';
import { OPEN_TIMEOUT_MS } from '../server/src/testing/backends';
import { appendEvent } from '../shared/audit/chain';
import { syncPath } from '../shared/team/replication';
import { expect, test } from './fixtures';
import { go } from './rep-steps';

// The Team screen: with no team it says so and leads to Settings → Team; a manager who joined sees a rep's
// numbers (pushed to the real team server by that rep's computer) per rep, and the members with their roles.

let server: ServerWorld;

test.beforeAll(async () => {
  test.setTimeout(OPEN_TIMEOUT_MS);
  server = await startServerWorld();
});
test.afterAll(async () => {
  await server?.close();
});

test('not in a team: the Team screen says so, and its button opens Settings → Team', async ({ page }) => {
  await go(page, 'Team');
  await expect(page.getByRole('heading', { name: 'You are not in a team yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Join a team in Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Team' }).getByLabel('Invite code')).toBeVisible();
});

test("a manager sees a rep's sends and replies per rep, and the members with their roles", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // the rep's computer joins and pushes its audit log: three sends and a reply, today
  const joined = await fetch(`${server.base}/v1/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code: await server.invite('rep', 1, 'rita@acme.test'),
      deviceName: "Rita's laptop",
    }),
  });
  const repToken = ((await joined.json()) as { value: { token: string } }).value.token;
  const events = [];
  let last = null;
  for (const type of ['send.sent', 'send.sent', 'inbox.reply', 'send.sent']) {
    last = await appendEvent(last, {
      deviceId: 'chain-rita',
      type,
      at: Date.now(),
      data: { mailboxId: 'mb-rita' },
    });
    events.push({ newDocumentState: { ...last, _deleted: false } });
  }
  const pushed = await fetch(`${server.base}${syncPath('audit', 'push')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${repToken}` },
    body: JSON.stringify(events),
  });
  expect(pushed.status).toBe(200);

  // the manager joins in Settings → Team
  await go(page, 'Settings');
  const team = page.getByRole('region', { name: 'Team' });
  await team.getByLabel('Server address').fill(server.base);
  await team.getByLabel('Invite code').fill(await server.invite('manager', 1, 'max@acme.test'));
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(page.getByRole('status').getByText('You joined Acme Sales.')).toBeVisible();

  await go(page, 'Team');
  const perRep = page.getByRole('table', { name: 'Numbers per rep' });
  const rita = perRep.getByRole('row', { name: /rita@acme\.test/ });
  await expect(rita).toBeVisible({ timeout: 30_000 });
  // Sent, Blocked, Bounced, Replied, Opted out, Complaints, Reply rate
  await expect(rita.getByRole('cell').nth(0)).toHaveText('3');
  await expect(rita.getByRole('cell').nth(3)).toHaveText('1');
  await expect(rita.getByRole('cell').nth(6)).toHaveText('33%');
  await expect(page.getByRole('img', { name: 'Sent per rep per day' })).toBeVisible();

  // who is in the team, with their roles (a manager sees the list, without controls)
  await expect(page.getByRole('listitem', { name: 'Member rita@acme.test' })).toContainText('Rep');
  await expect(page.getByRole('listitem', { name: 'Member max@acme.test' })).toContainText('Manager');
  await expect(page.getByRole('listitem', { name: 'Member owner@acme.test' })).toContainText('Owner');

  // the chart's numbers as a table: Rita's column has her three sends on today's row
  await page.getByText("The chart's numbers as a table").click();
  const perDay = page.getByRole('table', { name: 'Sent per day' });
  await expect(perDay.getByRole('row').last()).toContainText('3');
});
