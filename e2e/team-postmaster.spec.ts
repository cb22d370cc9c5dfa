import { type ServerWorld, startServerWorld } from '../electron/main/team/testing/team-world';
import { type GoogleStandin, startGoogleStandin } from '../electron/main/testing/google-standin';
import { consentingBrowser } from '../electron/main/testing/oauth-browser';
import { OPEN_TIMEOUT_MS } from '../server/src/testing/backends';
import { test as base, expect, startTestHost } from './fixtures';
import { go, readyToSend } from './rep-steps';

// An admin connects Google Postmaster Tools from Settings → Team (the real sign-in against the loopback Google
// stand-in, followed as the browser would), the sender's domain had a 0.35% spam day yesterday: the Team screen
// shows it beside the team's own complaints and says the domain's mailboxes pause; the mailbox card says why.

let server: ServerWorld;
let google: GoogleStandin;
/** this test's host's main services (the fixture's type shows only what every spec needs) */
let services: Awaited<ReturnType<typeof startTestHost>>['services'];
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  host: async ({}, use) => {
    const host = await startTestHost({ oauthEndpoints: { google: google.endpoints } });
    services = host.services;
    await use(host);
    await host.close();
  },
});

test.beforeAll(async () => {
  test.setTimeout(OPEN_TIMEOUT_MS);
  server = await startServerWorld();
  google = await startGoogleStandin({ clientSecret: 'e2e-pm-secret' });
});
test.afterAll(async () => {
  await server?.close();
  await google?.close();
});

test('an admin connects Postmaster Tools; a 0.35% day pauses the domain’s mailbox and shows on the Team screen', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const domain = host.mail.sender.domain;
  google.postmaster.addDomain(domain, 'OWNER', { [yesterday]: 0.0035 });
  google.postmaster.addDomain('unverified.test', 'NONE');
  await services.oauthSettings.set({
    google: { clientId: google.oauth.clientId, clientSecret: 'e2e-pm-secret' },
  });
  await readyToSend(page, host.mail);

  // the admin joins in Settings → Team, where Postmaster Tools is offered to owners and admins
  await go(page, 'Settings');
  const team = page.getByRole('region', { name: 'Team' });
  await team.getByLabel('Server address').fill(server.base);
  await team.getByLabel('Invite code').fill(await server.invite('admin', 1, 'ada@acme.test'));
  await team.getByRole('button', { name: 'Join team' }).click();
  await expect(page.getByRole('status').getByText('You joined Acme Sales.')).toBeVisible();
  const postmaster = page.getByTestId('postmaster-settings');
  await postmaster.getByRole('button', { name: 'Connect Google Postmaster Tools' }).click();
  // browser mode: the page shows Google's sign-in page as a link; the "browser" follows it and consents
  const link = postmaster.getByRole('link', { name: "Open Google's sign-in page" });
  const href = await link.getAttribute('href');
  expect(href).toContain(encodeURIComponent('https://www.googleapis.com/auth/postmaster.readonly'));
  await consentingBrowser().openBrowser(href ?? '');
  await expect(page.getByText('Google Postmaster Tools is connected.')).toBeVisible({ timeout: 30_000 });
  await expect(
    postmaster.getByRole('checkbox', { name: new RegExp(domain.replace('.', '\\.')) }),
  ).toBeChecked();
  await expect(postmaster.getByRole('checkbox', { name: /unverified\.test/ })).not.toBeChecked();

  // the Team screen: the domain's rate per day beside the team's own complaints, and the pause in words
  await go(page, 'Team');
  const spam = page.getByRole('region', { name: 'Spam reports' });
  await expect(spam.getByRole('status').first()).toContainText(
    `Paused: Gmail users reported 0.35% of the email from ${domain} as spam on ${yesterday}`,
  );
  const table = spam.getByRole('table', { name: 'Spam reports per day' });
  await expect(table.getByRole('columnheader', { name: `${domain}: Gmail spam rate` })).toBeVisible();
  const row = table.getByRole('row', { name: new RegExp(yesterday) });
  await expect(row.getByRole('cell').last()).toHaveText('0.35%');

  // the mailbox card says why it is paused, and what to do
  await go(page, 'Mailboxes');
  const card = page.getByRole('listitem', { name: host.mail.sender.address });
  await expect(card).toContainText(`Gmail users reported 0.35% of the email from ${domain}`);
  await expect(card).toContainText('press Resume after the fix on the mailbox');
});
