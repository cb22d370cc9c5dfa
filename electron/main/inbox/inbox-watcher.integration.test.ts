import { generateKeyPairSync } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFairsendDatabase } from '../../../renderer/src/db/database';
import { createInboxApplier } from '../../../renderer/src/db/inbox-applier';
import { createLeadsRepo } from '../../../renderer/src/db/leads-repo';
import { createSuppressionRepo } from '../../../renderer/src/db/suppression-repo';
import type { AuditEvent } from '../../../shared/audit/chain';
import { mailtoUnsubscribe, postfixDsn, reply } from '../../../shared/inbox/testing/inbound-fixtures';
import type { MailboxInfo, OAuthStart } from '../../../shared/ipc/mailboxes';
import { type GoogleStandin, startGoogleStandin } from '../testing/google-standin';
import { type LoopbackDns, startLoopbackDns } from '../testing/loopback-dns';
import { consentingBrowser } from '../testing/oauth-browser';
import { startTestServices, testBridge } from '../testing/test-services';

// End to end: send from a Gmail mailbox through the real services, put a DSN for one message, a reply to the
// other and a mailto: unsubscribe into the Google stand-in's inbox, check the inbox over the bridge, and let
// the renderer's applier mark the leads and suppress the bounced address.

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkimTxt = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
const SECRET = 'GOCSPX-inbox-test-secret';
const BOUNCER = 'gone@example.test';
const LEAD = 'lee@example.test';
const QUITTER = 'quit@example.test';

let dns: LoopbackDns;
let google: GoogleStandin;
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
});
afterAll(() => Promise.all([dns.close(), google.close()]));

it('turns a bounce, a reply and an unsubscribe mail into breaker counts, audit events and lead changes', async () => {
  const { services } = await startTestServices({
    openSignInPage: consentingBrowser().openBrowser,
    oauthEndpoints: { google: google.endpoints },
    dnsServers: [dns.server],
  });
  const { call: bridge, value } = testBridge(services);
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
    const sent: string[] = [];
    for (const to of [BOUNCER, LEAD]) {
      const outcome = await value('send.message', {
        key: `compose:${sent.length + 1}`,
        draft: {
          mailboxId: box.id,
          to,
          subject: 'Onboarding new analysts',
          html: '<p>Hi,</p><p>We help data teams onboard analysts in half the time. Worth a short call?</p>',
          isFirstTouch: true,
          kind: 'one-off',
        },
      });
      if (outcome.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(outcome)}`);
      sent.push(outcome.messageId);
    }
    google.receive(Buffer.from(postfixDsn(sent[0] ?? '', BOUNCER, '5.1.1', box.address)));
    google.receive(Buffer.from(reply(sent[1] ?? '', LEAD, 'Sounds good, call me Tuesday.')));
    google.receive(Buffer.from(mailtoUnsubscribe(QUITTER, 'unsubscribe@gacme.test')));

    expect(await value('inbox.check', {})).toEqual({
      mailboxes: 1,
      messages: 3,
      bounces: 1,
      complaints: 0,
      replies: 1,
      optOuts: 1,
      read: [{ mailboxId: box.id, address: box.address, messages: 3 }],
      problems: [],
    });
    expect((await value('inbox.check', {})).messages).toBe(0); // the cursor moved on

    const [health] = await value('mailboxes.health', {});
    expect(health?.breaker.rates).toEqual({ bounce: 0.5, complaint: 0 }); // 1 hard bounce of 2 sends

    const [bounceKey, leadKey, quitKey] = await value('suppression.keys', {
      kind: 'address',
      values: [BOUNCER, LEAD, QUITTER],
    });
    const audit: AuditEvent[] = await value('audit.since', { seq: 0, limit: 1000 });
    const inbox = audit.filter((e) => e.type.startsWith('inbox.'));
    // Gmail lists the inbox newest first; the order of unrelated messages does not matter.
    expect(inbox.map((e) => [e.type, e.data.recipientKey]).sort()).toEqual([
      ['inbox.bounce', bounceKey],
      ['inbox.optout', quitKey],
      ['inbox.reply', leadKey],
    ]);
    const auditText = JSON.stringify(audit);
    for (const address of [BOUNCER, LEAD, QUITTER]) expect(auditText).not.toContain(address);

    const events = await value('inbox.since', { seq: 0, limit: 100 });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events.map((e) => [e.type, e.address, e.messageId, e.mailboxId]).sort()).toEqual([
      ['bounce', BOUNCER, sent[0], box.id],
      ['optout', QUITTER, undefined, box.id],
      ['reply', LEAD, sent[1], box.id],
    ]);

    // The renderer's side, over the same bridge.
    const db = await createFairsendDatabase('inbox-e2e', getRxStorageMemory());
    try {
      const leads = createLeadsRepo(db);
      for (const email of [BOUNCER, LEAD])
        await leads.create({
          email,
          firstName: 'A',
          lastName: 'B',
          company: 'Example',
          title: '',
          timezone: '',
        });
      const suppression = createSuppressionRepo(db, {
        keys: async (kind, values) => value('suppression.keys', { kind, values }),
        record: async (type, data) => void (await value('audit.record', { type, data })),
      });
      const applier = createInboxApplier(db, {
        since: (seq, limit) => bridge('inbox.since', { seq, limit }),
        suppression,
        leads,
      });
      expect(await applier.apply()).toBe(3);
      expect((await leads.get(BOUNCER))?.status).toBe('bounced');
      expect((await leads.get(LEAD))?.status).toBe('replied');
      const entries = (await db.suppression.find().exec()).map((d) => [d.id, d.value, d.reason]);
      expect(entries.sort()).toEqual(
        [
          [bounceKey, BOUNCER, 'bounced'],
          [quitKey, QUITTER, 'unsubscribed'],
        ].sort(),
      );
    } finally {
      await db.close();
    }
  } finally {
    await services.close();
  }
});
