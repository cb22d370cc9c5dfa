import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalOnDisk, receivedByKey } from '../testing/delivery-count';
import { type LoopbackImap, startLoopbackImap } from '../testing/loopback-imap';
import { trustCertificateForTests } from '../testing/self-signed';
import {
  connectMailbox,
  keyedDraft,
  openServicesAt,
  type SendWorld,
  type Services,
  startSendWorld,
} from '../testing/send-world';
import { WORLD_LOGIN } from '../testing/world-services';
import type { SendPoint } from './send-points';

// What the send path does with each kind of answer, through the real services and real servers: a refusal
// (retried with the same Message-ID), an answer that never came (unknown: held, never sent again, counted
// against the cap), the rep's two decisions, and the Sent copy as a follow-up that can fail and come later.

let world: SendWorld;
let untrust: () => void;
beforeAll(async () => {
  world = await startSendWorld();
  untrust = trustCertificateForTests(world.address().cert);
}, 60_000);
afterAll(async () => {
  untrust?.();
  await world?.close();
});

const START = Date.UTC(2026, 10, 3, 9, 0, 0);

async function open(
  setup: 'smtp' | 'smtp-imap',
  extra: { imapPort?: number; sendCheckpoint?: (p: SendPoint, k: string) => void; timeoutMs?: number } = {},
) {
  const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-outcomes-'));
  let clock = START;
  const address = { ...world.address(), ...(extra.imapPort ? { imapPort: extra.imapPort } : {}) };
  const services = await openServicesAt(dataDir, address, {
    now: () => (clock += 1000),
    ...(extra.sendCheckpoint ? { sendCheckpoint: extra.sendCheckpoint } : {}),
    ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
  });
  const mailbox = await connectMailbox(services, setup, world);
  return { services, dataDir, mailboxId: mailbox.id };
}

const messageIdOf = async (raw: Buffer) => (await simpleParser(raw)).messageId;
const atServer = async (key: string) =>
  (await receivedByKey(world.smtp.received.map((m) => m.raw))).get(key) ?? { count: 0, messageIds: [] };

describe('answers to a send', () => {
  let services: Services;
  afterAll(() => services?.close());

  it('retries a refused message with the same Message-ID', async () => {
    const opened = await open('smtp');
    services = opened.services;
    world.smtp.misbehaveNext({ action: 'reject', code: 451, message: 'try later' });
    const first = await services.send.send('k-retry', keyedDraft(opened.mailboxId, 'k-retry'));
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    const second = await services.send.send('k-retry', keyedDraft(opened.mailboxId, 'k-retry'));
    expect(second).toMatchObject({ status: 'sent' });
    const refused = world.smtp.refused.at(-1) ?? Buffer.alloc(0);
    expect((await atServer('k-retry')).messageIds).toEqual([await messageIdOf(refused)]);
  });

  it('holds a message whose connection dropped after the server stored it, never sends it again, and counts it', async () => {
    const { mailboxId } = await open('smtp').then((o) => {
      services = o.services;
      return o;
    });
    world.smtp.misbehaveNext({ action: 'drop', store: true });
    const outcome = await services.send.send('k-drop', keyedDraft(mailboxId, 'k-drop'));
    expect(outcome).toMatchObject({ status: 'unknown', why: 'connection-lost' });
    expect(await services.send.send('k-drop', keyedDraft(mailboxId, 'k-drop'))).toEqual({
      status: 'duplicate',
      state: 'unknown',
      messageId: outcome.status === 'unknown' ? outcome.messageId : 'not held',
    });
    await services.send.upkeep(); // SMTP without IMAP: nothing can look it up
    expect((await atServer('k-drop')).count).toBe(1);
    expect(services.mailboxes.health().find((h) => h.id === mailboxId)?.sentToday).toBe(1);
    const [held] = await services.send.held();
    expect(held).toMatchObject({
      key: 'k-drop',
      to: 'Jane.Doe@Example.test',
      subject: 'Onboarding analysts [k-drop]',
      why: 'connection-lost',
      checkingAgain: false,
    });
    expect(await services.send.resolve('k-drop', 'sent')).toMatchObject({
      as: 'sent',
      audit: { type: 'send.resolved', data: { key: 'k-drop', as: 'sent' } },
    });
    expect(await services.send.held()).toEqual([]);
    expect((await atServer('k-drop')).count).toBe(1);
  });

  it('sends a held message again with the same Message-ID when the rep says so', async () => {
    const opened = await open('smtp', { timeoutMs: 500 });
    services = opened.services;
    world.smtp.misbehaveNext({ action: 'hang', store: false });
    const draft = keyedDraft(opened.mailboxId, 'k-again');
    expect(await services.send.send('k-again', draft)).toMatchObject({ status: 'unknown', why: 'timed-out' });
    expect((await atServer('k-again')).count).toBe(0);
    const resolution = await services.send.resolve('k-again', 'resend');
    expect(resolution).toMatchObject({ as: 'resend', outcome: { status: 'sent' } });
    const journal = (await journalOnDisk(opened.dataDir)).get('k-again');
    expect(await atServer('k-again')).toEqual({ count: 1, messageIds: [journal?.messageId] });
    const types = services.audit
      .since(0, 1e9)
      .filter((e) => e.data.key === 'k-again')
      .map((e) => e.type);
    expect(types).toEqual(['send.unknown', 'send.resolved', 'send.sent']);
    // both attempts count against the cap: the first may have gone out
    expect(services.mailboxes.health().find((h) => h.id === opened.mailboxId)?.sentToday).toBe(2);
  }, 30_000);
});

describe('the Sent copy of an SMTP mailbox with IMAP', () => {
  let imap: LoopbackImap | null = null;
  afterAll(() => imap?.close());

  it('is made after `accepted` is on disk, and a copy that failed is made later, once', async () => {
    const login = { user: WORLD_LOGIN.user, password: WORLD_LOGIN.pass, tls: world.tls };
    imap = await startLoopbackImap(login);
    const onDiskAtCopy: string[] = [];
    let dataDir = '';
    const opened = await open('smtp-imap', {
      imapPort: imap.port,
      sendCheckpoint: (point, key) => {
        if (point !== 'before-sent-copy') return;
        // what the file says at this very moment (read synchronously), not what memory says
        const lines = readFileSync(join(dataDir, 'send-journal.jsonl'), 'utf8').split('\n').filter(Boolean);
        const last = lines
          .map((l) => JSON.parse(l) as { key: string; state: string })
          .findLast((e) => e.key === key);
        onDiskAtCopy.push(`${key}:${last?.state}`);
      },
    });
    dataDir = opened.dataDir;
    const { services, mailboxId } = opened;
    const port = imap.port;
    await imap.close(); // the IMAP server is down when the message goes out
    const outcome = await services.send.send('k-copy', keyedDraft(mailboxId, 'k-copy'));
    expect(outcome).toMatchObject({ status: 'sent' }); // a Sent copy never decides a delivery
    expect((await journalOnDisk(dataDir)).get('k-copy')?.followUps).toEqual(['sent-copy']);

    imap = await startLoopbackImap({ ...login, port });
    await services.send.upkeep();
    await services.send.upkeep();
    expect((await receivedByKey(imap.messages('Sent'))).get('k-copy')?.count).toBe(1);
    expect((await atServer('k-copy')).count).toBe(1);
    expect((await journalOnDisk(dataDir)).get('k-copy')?.followUps).toEqual([]);
    expect(onDiskAtCopy).toEqual(['k-copy:accepted', 'k-copy:accepted']);
    await services.close();
  }, 30_000);
});
