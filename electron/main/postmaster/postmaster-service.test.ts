import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS } from '../../../server/src/testing/backends';
import { bearer } from '../../../server/src/testing/fixtures';
import { syncPath } from '../../../shared/team/replication';
import { type ServerWorld, startServerWorld } from '../team/testing/team-world';
import { type GoogleStandin, startGoogleStandin } from '../testing/google-standin';
import { consentingBrowser } from '../testing/oauth-browser';
import { startTestServices, testBridge } from '../testing/test-services';

// An admin's desktop sharing Postmaster figures with the team server (PGlite): what the team gets is read back
// from the server with another member's token, not from the desktop that wrote it.

let server: ServerWorld;
let google: GoogleStandin;

beforeAll(async () => {
  server = await startServerWorld();
  google = await startGoogleStandin({ clientSecret: 'svc-secret' });
}, OPEN_TIMEOUT_MS);
afterAll(async () => {
  await server?.close();
  await google?.close();
});

/** the `postmaster` document as the team server gives it to a rep */
async function shared(repToken: string) {
  const answer = await server.app.inject({
    method: 'GET',
    url: syncPath('team', 'pull'),
    headers: bearer(repToken),
  });
  const docs = answer.json().value.documents as { id: string; value: Record<string, unknown> }[];
  return docs.find((d) => d.id === 'postmaster')?.value;
}

describe('sharing Postmaster figures', () => {
  it('marks a domain Google will not show, writes over another admin’s figures, and keeps them when Google fails', async () => {
    google.postmaster.addDomain('acme.test', 'OWNER', { '2026-11-25': 0.0012 });
    google.postmaster.addDomain('quiet.acme.test', 'READER');
    google.postmaster.addDomain('other.test', 'NONE');
    const { services } = await startTestServices({
      oauthEndpoints: { google: google.endpoints },
      openSignInPage: consentingBrowser().openBrowser,
    });
    const bridge = testBridge(services);
    try {
      const joined = await fetch(`${server.base}/v1/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: await server.invite('rep', 1, 'rita@acme.test'), deviceName: 'rep' }),
      });
      const repToken = ((await joined.json()) as { value: { token: string } }).value.token;
      await bridge.value('settings.setOAuth', {
        google: { clientId: google.oauth.clientId, clientSecret: 'svc-secret' },
      });
      await bridge.value('team.join', {
        serverUrl: server.base,
        inviteCode: await server.invite('admin', 1, 'ada@acme.test'),
        deviceName: 'admin',
      });
      const flow = await bridge.value('postmaster.connect', {});
      await bridge.value('postmaster.finishConnect', { flowId: flow.flowId });
      await bridge.value('postmaster.choose', { domains: ['acme.test', 'quiet.acme.test', 'other.test'] });
      expect((await bridge.call('postmaster.choose', { domains: ['never-added.test'] })).ok).toBe(false);

      // another admin shared figures meanwhile: the desktop's push conflicts, takes the master and writes again
      const owner = await server.app.inject({
        method: 'POST',
        url: syncPath('team', 'push'),
        headers: bearer(server.team.token),
        payload: [
          {
            assumedMasterState: (
              await server.app.inject({
                method: 'GET',
                url: syncPath('team', 'pull'),
                headers: bearer(repToken),
              })
            )
              .json()
              .value.documents.find((d: { id: string }) => d.id === 'postmaster'),
            newDocumentState: {
              id: 'postmaster',
              value: { fetchedAt: 1, domains: [] },
              updatedAt: 2,
              _deleted: false,
            },
          },
        ],
      });
      expect(owner.json().value).toEqual([]);
      const status = await bridge.value('postmaster.fetch', {});
      expect(status.problem).toBeNull();
      expect(await shared(repToken)).toMatchObject({
        domains: [
          { domain: 'acme.test', days: [{ date: '2026-11-25', spamRate: 0.0012 }] },
          { domain: 'quiet.acme.test', days: [], problem: 'no-data' },
          { domain: 'other.test', days: [], problem: 'not-verified' },
        ],
      });

      // Google fails: the status says so in words, and the team keeps the figures it had
      google.oauth.revokeAll();
      google.oauth.expireAccessTokens();
      const failed = await bridge.call('postmaster.fetch', {});
      expect(failed).toMatchObject({ ok: false, error: { code: 'auth-expired' } });
      expect((await bridge.value('postmaster.status', {})).problem).toContain(
        'Connect Postmaster Tools again',
      );
      expect((await shared(repToken))?.domains).toHaveLength(3);

      // every member's Team screen reads what was shared, judged as the gate judges it (0.12%: a warning)
      const reputation = await bridge.value('team.reputation', {});
      expect(reputation).toMatchObject({
        joined: true,
        domains: [{ domain: 'acme.test', state: 'warn' }, {}, {}],
      });
    } finally {
      await services.close();
    }
  }, 120_000);
});
