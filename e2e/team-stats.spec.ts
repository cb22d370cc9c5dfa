import type { Page } from '@playwright/test';
import { type ServerWorld, startServerWorld } from '../electron/main/team/testing/team-world';
import { OPEN_TIMEOUT_MS } from '../server/src/testing/backends';
import { appendEvent } from '../shared/audit/chain';
import { syncPath } from '../shared/team/replication';
import { cappedRep } from './capped-rep';
import { expect, startTestHost, test } from './fixtures';
import { go } from './rep-steps';
import { addToSequence, createSequence, moveClocks } from './sequence-steps';

// The Team screen: with no team it says so and leads to Settings → Team; a manager who joined sees a rep's
// numbers (pushed to the real team server by that rep's computer) per rep, and the members with their roles;
// a rep's sequence that sends shows as a row per sequence, named on the rep's screen, by rep on the manager's.

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

/** Settings → Team, joined with an invite for `email` in `role`, connected. */
async function joinTeam(page: Page, role: 'rep' | 'manager', email: string) {
  await go(page, 'Settings');
  const team = page.getByRole('region', { name: 'Team' });
  await team.getByLabel('Server address').fill(server.base);
  await team.getByLabel('Invite code').fill(await server.invite(role, 1, email));
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(team.getByTestId('team-connection')).toHaveText('Connected', { timeout: 30_000 });
}

test("a rep's sequence sends show per sequence: named on the rep's Team screen, by rep on the manager's", async ({
  context,
}) => {
  test.setTimeout(180_000);
  // Tuesday 5 January 2027, 10:00 here: inside the sequence's Mon–Fri 09:00–17:00 window
  const start = new Date(2027, 0, 5, 10, 0).getTime();
  const { host, page } = await cappedRep(context, {
    start,
    cap: 20,
    lead: { email: 'ana@prospect.test', firstName: 'Ana' },
  });
  const managerHost = await startTestHost();
  try {
    await joinTeam(page, 'rep', 'sam@acme.test');
    await createSequence(page, {
      name: 'Spring intro',
      sender: host.mail.sender.address,
      steps: [
        {
          subject: 'A question for {{ first_name }}',
          message: '<p>Hi {{ first_name }}, a short question.</p>',
        },
      ],
    });
    await addToSequence(page, ['Ana'], 'Spring intro');
    // delivered: counted at the SMTP server
    await expect.poll(() => host.mail.smtp.received.length, { timeout: 30_000 }).toBe(1);
    // a minute on, both clocks: the window's audit mirror (its safety net runs each minute) hands the event on
    await moveClocks(host, page, host.clock.now() + 61_000);
    // pushed: the server's own audit rows name one sequence for the send (read with SQL of the test's own)
    const named = async () =>
      (
        await server.t.db.query<{ sequence: string }>(
          `SELECT a.data->>'sequenceId' AS sequence FROM audit a
           JOIN audit_chains c ON c.team_id = a.team_id AND c.chain_id = a.device_id
           JOIN members m ON m.id = c.member_id
           WHERE a.type = 'send.sent' AND m.email = 'sam@acme.test'`,
        )
      ).map((r) => r.sequence);
    await expect.poll(named, { timeout: 60_000 }).toHaveLength(1);
    expect((await named())[0]).toMatch(/^[0-9a-f-]{36}$/);

    // the rep's own numbers per sequence, under the name the rep gave it
    await go(page, 'Team');
    const mine = page.getByRole('table', { name: 'Your numbers per sequence' });
    const row = mine.getByRole('row', { name: /Spring intro/ });
    await expect(row).toBeVisible({ timeout: 30_000 });
    // Sent, Blocked, Bounced, Replied, Opted out, Complaints, Reply rate
    await expect(row.getByRole('cell').nth(0)).toHaveText('1');
    await expect(row.getByRole('cell').nth(6)).toHaveText('0.0%');

    // a manager on another computer: the sequence's name stays with the rep, the row says whose it is
    const managerPage = await context.newPage();
    await managerPage.goto(managerHost.url);
    await joinTeam(managerPage, 'manager', 'mia@acme.test');
    await go(managerPage, 'Team');
    const perSequence = managerPage.getByRole('table', { name: 'Numbers per sequence' });
    const theirs = perSequence.getByRole('row', { name: /A sequence of sam@acme\.test/ });
    await expect(theirs).toBeVisible({ timeout: 30_000 });
    // Rep, then Sent
    await expect(theirs.getByRole('cell').nth(0)).toHaveText('sam@acme.test');
    await expect(theirs.getByRole('cell').nth(1)).toHaveText('1');
  } finally {
    await managerHost.close();
    await host.close();
  }
});
