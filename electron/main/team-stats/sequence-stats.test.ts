import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRows, type Device, member, push } from '../../../server/src/replication/testing/sync-world';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb } from '../../../server/src/testing/backends';
import { bearer, makeApp, makeTeam } from '../../../server/src/testing/fixtures';
import type { AuditEvent } from '../../../shared/audit/chain';
import { postfixDsn, reply } from '../../../shared/inbox/testing/inbound-fixtures';
import type { MailboxInfo, OAuthStart } from '../../../shared/ipc/mailboxes';
import type { SendDraft } from '../../../shared/ipc/send';
import type { StatsAnswer } from '../../../shared/team/stats';
import { parseUnsubscribeToken } from '../../../shared/team/unsubscribe-token';
import { type GoogleStandin, startGoogleStandin } from '../testing/google-standin';
import { type LoopbackDns, startLoopbackDns } from '../testing/loopback-dns';
import { consentingBrowser } from '../testing/oauth-browser';
import { startTestServices, testBridge } from '../testing/test-services';

// Per-sequence team stats from end to end: the real main services send a sequence's steps (and a one-off)
// through the bridge to a Gmail stand-in, a reply and a bounce to those steps come back into its inbox, and
// the desktop's audit log, pushed to the real team server (PGlite and PostgreSQL), gives the manager a row
// per sequence. Observed at the stand-in (what was delivered) and in the server's own audit rows.

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkimTxt = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
const SECRET = 'GOCSPX-sequence-stats';
const SEQUENCE = 'b7f2c1d0-4a5e-4f60-9c1b-2d3e4f5a6b7c';
const OTHER = 'seq-other';

let dns: LoopbackDns;
let google: GoogleStandin;
/** main's audit log after the sends and the inbox check */
let events: AuditEvent[];
let delivered = 0;

beforeAll(async () => {
  [dns, google] = await Promise.all([
    startLoopbackDns({
      mx: { 'example.test': [[10, 'mx.example.test']] },
      txt: {
        'gacme.test': ['v=spf1 include:_spf.google.com ~all'],
        'google._domainkey.gacme.test': [dkimTxt],
        '_dmarc.gacme.test': ['v=DMARC1; p=quarantine'],
      },
    }),
    startGoogleStandin({ clientSecret: SECRET, address: 'ben@gacme.test' }),
  ]);
  const { services } = await startTestServices({
    openSignInPage: consentingBrowser().openBrowser,
    oauthEndpoints: { google: google.endpoints },
    dnsServers: [dns.server],
  });
  const { value } = testBridge(services);
  try {
    await value('settings.setOAuth', { google: { clientId: google.oauth.clientId, clientSecret: SECRET } });
    const start: OAuthStart = await value('mailboxes.connectGmail', {});
    const box: MailboxInfo = await value('mailboxes.finishOAuth', { flowId: start.flowId });
    await value('settings.setProfile', {
      company: 'Acme Analytics GmbH',
      postalAddress: 'Torstraße 1, 10119 Berlin, Germany',
      unsubscribeBaseUrl: 'https://team.acme.test',
      unsubscribeMailto: 'unsubscribe@gacme.test',
    });
    await value('suppression.apply', { add: [], remove: [], complete: true });
    const draft = (to: string, over: Partial<SendDraft>): SendDraft => ({
      mailboxId: box.id,
      to,
      subject: 'Onboarding new analysts',
      html: '<p>Hi,</p><p>We help data teams onboard analysts in half the time. Worth a short call?</p>',
      isFirstTouch: true,
      kind: 'one-off',
      ...over,
    });
    const step = (n: number) => ({
      kind: 'sequence' as const,
      sequence: { sequenceId: SEQUENCE, stepId: `s${n}` },
    });
    // through the bridge, as the engine calls it: three leads on step 1 of one sequence, one on another, a one-off
    const sent: string[] = [];
    for (const [key, d] of [
      ['enr-a:0', draft('a@example.test', step(1))],
      ['enr-b:0', draft('b@example.test', step(1))],
      ['enr-c:0', draft('c@example.test', step(1))],
      ['enr-d:0', draft('d@example.test', { kind: 'sequence', sequence: { sequenceId: OTHER } })],
      ['compose:1', draft('e@example.test', {})],
    ] as const) {
      const outcome = await value('send.message', { key, draft: d });
      if (outcome.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(outcome)}`);
      sent.push(outcome.messageId);
    }
    // a fake "Re:" on a first touch is blocked by the gate, named by its sequence too
    const blocked = await value('send.message', {
      key: 'enr-f:0',
      draft: draft('f@example.test', { ...step(1), subject: 'Re: our call' }),
    });
    expect(blocked.status).toBe('blocked');
    delivered = google.sent().length;
    // b replies to step 1, c's address bounces; the one-off's lead replies too
    google.receive(Buffer.from(reply(sent[1]!, 'b@example.test', 'Sounds good, call me Tuesday.')));
    google.receive(Buffer.from(postfixDsn(sent[2]!, 'c@example.test', '5.1.1', box.address)));
    google.receive(Buffer.from(reply(sent[4]!, 'e@example.test', 'Not now, thanks.')));
    expect(await value('inbox.check', {})).toMatchObject({ replies: 2, bounces: 1 });
    events = await value('audit.since', { seq: 0, limit: 1000 });
  } finally {
    await services.close();
  }
}, 60_000);
afterAll(() => Promise.all([dns?.close(), google?.close()]));

describe('the desktop names the sequence in its audit events', () => {
  it('sends, blocks and the inbox answers to a sequence step carry its ids; the one-off carries none', () => {
    expect(delivered).toBe(5); // at the stand-in, not in our journal
    const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.data.sequenceId ?? null);
    expect(of('send.sent').sort()).toEqual([SEQUENCE, SEQUENCE, SEQUENCE, OTHER, null].sort());
    expect(of('send.blocked')).toEqual([SEQUENCE]);
    expect(of('inbox.reply').sort()).toEqual([SEQUENCE, null].sort());
    expect(of('inbox.bounce')).toEqual([SEQUENCE]);
    const step1 = events.find((e) => e.type === 'send.sent' && e.data.key === 'enr-a:0');
    expect(step1?.data.stepId).toBe('s1');
    // ids only: no address, no subject
    expect(JSON.stringify(events)).not.toMatch(/example\.test|Onboarding/);
  });

  it("each one-click link names the sequence of its email (read from the messages as delivered); the one-off's none", () => {
    const named = google.sent().map((raw) => {
      // the header may be folded: the first <…> after it is the one-click link
      const token = /^List-Unsubscribe:\s*<https:[^>]*\/u\/([A-Za-z0-9_.-]+)>/im.exec(
        raw.toString('utf8'),
      )?.[1];
      const claims = token ? parseUnsubscribeToken(token)?.claims : undefined;
      if (!claims) throw new Error('a delivered message without a one-click link');
      return claims.q ?? null;
    });
    expect(named.sort()).toEqual([SEQUENCE, SEQUENCE, SEQUENCE, OTHER, null].sort());
  });
});

describe.each(BACKENDS)("the team server's per-sequence stats on %s", (backend) => {
  let t: Awaited<ReturnType<typeof openTestDb>>;
  let app: Awaited<ReturnType<typeof makeApp>>;
  let rep: Device;
  let manager: Device;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, { perMinute: 10_000 });
    const team = await makeTeam(t.db, 'Acme');
    [rep, manager] = await Promise.all([member(t.db, team, 'rep', 'ana'), member(t.db, team, 'manager')]);
    // what the rep's RxDB replication pushes: main's audit events as they are
    expect((await push(app, rep.token, 'audit', asRows(events))).status).toBe(200);
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  }, OPEN_TIMEOUT_MS);

  it("the manager sees each sequence's sent, blocked, replied and bounced, for the rep who sent it", async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/v1/stats?from=2026-11-01&to=2026-11-30',
      headers: bearer(manager.token),
    });
    expect(response.statusCode).toBe(200);
    const stats = response.json().value as StatsAnswer;
    const row = (id: string) => stats.sequences.find((s) => s.sequenceId === id);
    expect(row(SEQUENCE)).toMatchObject({
      memberId: rep.memberId,
      sent: 3,
      blocked: 1,
      replied: 1,
      bounced: 1,
      opted_out: 0,
      complained: 0,
    });
    expect(row(OTHER)).toMatchObject({ sent: 1, replied: 0 });
    expect(stats.sequences).toHaveLength(2);
    // the sequence's sends equal the server's own audit rows naming it (its SQL, not the rollup's)
    const [named] = await t.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit WHERE type = 'send.sent' AND data->>'sequenceId' = $1`,
      [SEQUENCE],
    );
    expect(Number(named!.n)).toBe(3);
    // the rep's day still counts everything, one-off included
    expect(stats.days.reduce((s, d) => s + d.sent, 0)).toBe(5);
  });
});
