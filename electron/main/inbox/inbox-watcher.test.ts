import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  arfReport,
  mailtoUnsubscribe,
  postfixDsn,
  reply,
} from '../../../shared/inbox/testing/inbound-fixtures';
import type { MailboxInfo } from '../../../shared/ipc/mailboxes';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { type AuditLog, openAuditLog } from '../audit/audit-log';
import { createKeySealer } from '../secrets/sealer';
import { createTeamKey } from '../secrets/team-key';
import { type MailboxHealth, openMailboxHealth } from '../send/mailbox-health';
import { type InboxItem, notDelivered, type ReadableMailTransport } from '../send/transports/mail-transport';
import { openInboxEventLog } from './inbox-events';
import { createInboxWatcher, type InboxWatcher, type InboxWatcherDeps } from './inbox-watcher';

// The watcher against a fake ReadableMailTransport, with the real audit log, health file and team key.

const OURS = '<fs.abc123@acme.test>';
const LEAD = 'lee@example.test';
const mailbox: MailboxInfo = {
  id: 'mb1',
  kind: 'gmail',
  address: 'ana@acme.test',
  displayName: 'Ana',
  signature: '',
  provider: 'google-workspace',
  createdAt: 0,
  dailyCapOverride: null,
  lastError: null,
  lastCheckedAt: null,
};

/** Serves pages of items in order; the cursor is the page number. */
function fakeTransport(pages: InboxItem[][], calls: (string | undefined)[]): ReadableMailTransport {
  return {
    kind: 'gmail',
    deliver: async () => notDelivered('internal', 'not used'),
    findSent: async () => ok({ found: false }),
    async fetchInbox(cursor): Promise<Result<{ items: InboxItem[]; cursor: string }>> {
      calls.push(cursor);
      const n = cursor ? Number(cursor) : 0;
      if (n >= pages.length) return ok({ items: [], cursor: String(n) });
      return ok({ items: pages[n] ?? [], cursor: String(n + 1) });
    },
    close: async () => {},
  };
}

const item = (providerId: string, raw: string): InboxItem => ({ providerId, raw: Buffer.from(raw) });

let dir: string;
let audit: AuditLog;
let health: MailboxHealth;
let watcher: InboxWatcher | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fairsend-inbox-'));
  audit = await openAuditLog(join(dir, 'audit.jsonl'), join(dir, 'device.json'), {
    sealer: createKeySealer(Buffer.alloc(32, 5)),
  });
  health = await openMailboxHealth(join(dir, 'health.jsonl'));
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await Promise.all([audit.close(), health.close()]);
});

async function build(transport: () => Promise<ReadableMailTransport>, extra: Partial<InboxWatcherDeps> = {}) {
  const teamKey = createTeamKey(join(dir, 'team.key'), createKeySealer(Buffer.alloc(32, 9)));
  watcher = createInboxWatcher({
    mailboxes: { list: () => [mailbox], transportFor: transport },
    health,
    audit,
    teamKey,
    events: await openInboxEventLog(join(dir, 'inbox-events.jsonl')),
    isOurMessage: (id) => id === OURS,
    unsubscribeMailto: () => 'unsubscribe@acme.test',
    cursorFile: join(dir, 'inbox-cursors.json'),
    now: () => 1_764_000_000_000,
    ...extra,
  });
  return { watcher, key: (await teamKey.suppressionKeys('address', [LEAD]))[0] };
}

describe('inbox watcher', () => {
  it('applies a bounce and a reply once each, even when the provider repeats an item', async () => {
    const calls: (string | undefined)[] = [];
    const dsn = item('p1', postfixDsn(OURS, LEAD));
    const answer = item('p2', reply(OURS, LEAD, 'Can we talk Tuesday?'));
    const transport = fakeTransport([[dsn, answer, dsn], [answer]], calls);
    const { watcher, key } = await build(async () => transport);

    expect(await watcher.check()).toEqual({
      mailboxes: 1,
      messages: 2,
      bounces: 1,
      complaints: 0,
      replies: 1,
      optOuts: 0,
      read: [{ mailboxId: 'mb1', address: 'ana@acme.test', messages: 2 }],
      problems: [],
    });
    expect((await watcher.check()).messages).toBe(0); // page 2 repeats p2 (Graph delta does this)
    expect(calls).toEqual([undefined, '1']);

    expect(watcher.since(0)).toEqual([
      { seq: 1, type: 'bounce', address: LEAD, messageId: OURS, mailboxId: 'mb1', at: 1_764_000_000_000 },
      { seq: 2, type: 'reply', address: LEAD, messageId: OURS, mailboxId: 'mb1', at: 1_764_000_000_000 },
    ]);
    expect(watcher.since(1).map((e) => e.seq)).toEqual([2]);
    const audited = audit.since(0);
    expect(audited.map((e) => e.type)).toEqual(['inbox.bounce', 'inbox.reply']);
    expect(audited[0]?.data).toEqual({ mailboxId: 'mb1', recipientKey: key, messageId: OURS });
    expect(JSON.stringify(audited)).not.toContain(LEAD);
    expect(health.breaker('mb1', 1_764_000_000_001).rates).toEqual({ bounce: 0, complaint: 0 }); // no sends yet
  });

  it('counts a hard bounce, a spam report and a stop request for the breakers', async () => {
    const transport = fakeTransport(
      [
        [
          item('a', postfixDsn(OURS, LEAD)),
          item('b', reply(OURS, 'kim@example.test', 'Please remove me.')),
          item('c', arfReport(OURS, 'max@example.test')),
        ],
      ],
      [],
    );
    for (let i = 0; i < 20; i++) await health.record('mb1', 'sent', 1_763_999_000_000);
    const { watcher } = await build(async () => transport);
    const summary = await watcher.check();
    expect(summary).toMatchObject({ bounces: 1, replies: 1, optOuts: 1, complaints: 1 });
    expect(health.breaker('mb1', 1_764_000_000_001)).toMatchObject({
      state: 'paused',
      rates: { bounce: 0.05, complaint: 0.1 },
    });
    expect(watcher.since(0).map((e) => [e.type, e.address])).toEqual([
      ['bounce', LEAD],
      ['reply', 'kim@example.test'],
      ['optout', 'kim@example.test'],
      ['complaint', 'max@example.test'],
    ]);
  });

  it('names the sequence of the message a reply, stop request or spam report answers; a mailto: opt-out names none', async () => {
    const transport = fakeTransport(
      [
        [
          item('a', reply(OURS, LEAD, 'Please remove me.')),
          item('b', arfReport(OURS, 'max@example.test')),
          item('c', mailtoUnsubscribe('quit@example.test', 'unsubscribe@acme.test')),
        ],
      ],
      [],
    );
    // the send journal's audit facts for OURS, as main's services hand them over
    const facts = { recipientKey: 'rk', warnings: [], sequenceId: 'seq-1', stepId: 'step-2' };
    const { watcher } = await build(async () => transport, {
      sequenceOf: (id) => (id === OURS ? facts : undefined),
    });
    await watcher.check();
    const named = audit.since(0).map((e) => [e.type, e.data.sequenceId ?? null, e.data.stepId ?? null]);
    expect(named).toEqual([
      ['inbox.reply', 'seq-1', 'step-2'],
      ['inbox.optout', 'seq-1', 'step-2'],
      ['inbox.complaint', 'seq-1', 'step-2'],
      ['inbox.optout', null, null],
    ]);
    // the journal's other facts never reach the event
    expect(JSON.stringify(audit.since(0))).not.toContain('"warnings"');
  });

  it('resumes from the stored cursor after a restart and skips mailboxes that cannot read mail', async () => {
    const calls: (string | undefined)[] = [];
    const transport = fakeTransport([[item('a', reply(OURS, LEAD, 'Yes'))]], calls);
    const first = (await build(async () => transport)).watcher;
    await first.check();
    await first.close();
    const again = (await build(async () => transport)).watcher;
    expect((await again.check()).messages).toBe(0);
    expect(calls).toEqual([undefined, '1']);
    expect(again.since(0)).toHaveLength(1); // the events file survives too

    const { fetchInbox: _drop, ...sendOnly } = transport;
    await again.close();
    const smtpOnly = (await build(async () => sendOnly)).watcher;
    // An SMTP mailbox without IMAP is named, so the rep knows its replies and bounces go unread
    expect(await smtpOnly.check()).toMatchObject({
      mailboxes: 0,
      read: [],
      problems: [{ mailboxId: 'mb1', address: 'ana@acme.test', reason: 'no-imap' }],
    });
  });

  it('reports a mailbox it cannot read and leaves its cursor alone', async () => {
    const transport = fakeTransport([], []);
    transport.fetchInbox = async () => err('auth-expired', 'Sign in to Google again.');
    const { watcher } = await build(async () => transport);
    expect(await watcher.check()).toMatchObject({
      mailboxes: 0,
      problems: [
        {
          mailboxId: 'mb1',
          address: 'ana@acme.test',
          reason: 'signed-out',
          message: 'Sign in to Google again.',
        },
      ],
    });
    transport.fetchInbox = async () => err('transient', 'The server did not answer.');
    expect((await watcher.check()).problems).toMatchObject([{ reason: 'connection' }]);
  });
});
