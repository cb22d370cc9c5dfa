import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { journalOnDisk, receivedByKey } from '../testing/delivery-count';
import { trustCertificateForTests } from '../testing/self-signed';
import {
  connectMailbox,
  keyedDraft,
  type MailboxSetup,
  openServicesAt,
  type SendWorld,
  type Services,
  startSendWorld,
} from '../testing/send-world';
import type { JournalFileHandle } from './journal-file';
import type { SendPoint } from './send-points';

// A full disk under the send journal, through the whole send path (gate, journal, SMTP or the Gmail stand-in):
// the journal's file is the real one, but its appends fail with ENOSPC part-way through the line while the disk
// is "full" (as send-journal.test.ts does for the journal alone). Deliveries are counted at the servers.

const disk = vi.hoisted(() => ({ full: false }));
vi.mock('./journal-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('./journal-file')>();
  const filling = async (path: string): Promise<JournalFileHandle> => {
    const handle = await real.openForAppend(path);
    return {
      async appendFile(data, encoding) {
        if (!disk.full) return handle.appendFile(data, encoding);
        await handle.appendFile(data.slice(0, Math.floor(data.length / 2)), encoding);
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
      datasync: () => handle.datasync(),
      truncate: (length) => handle.truncate(length),
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
  };
  return {
    ...real,
    openAppendOnly: (path: string) => real.openAppendOnly(path, filling),
  };
});

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

const START = Date.UTC(2026, 10, 4, 9, 0, 0);
const opened: Services[] = [];
afterEach(async () => {
  disk.full = false;
  await Promise.allSettled(opened.splice(0).map((s) => s.close()));
});

/** the disk fills up the first time a send reaches `fillAt` */
async function open(setup: MailboxSetup, fillAt?: SendPoint) {
  const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-full-disk-send-'));
  let clock = START;
  let filled = false;
  const services = await openServicesAt(dataDir, world.address(), {
    now: () => (clock += 1000),
    sendCheckpoint: (point) => {
      if (point !== fillAt || filled) return;
      filled = true;
      disk.full = true;
    },
  });
  opened.push(services);
  const mailbox = await connectMailbox(services, setup, world);
  return { services, dataDir, mailboxId: mailbox.id };
}

async function atServer(setup: MailboxSetup, key: string) {
  const raws = setup === 'gmail' ? world.google.sent() : world.smtp.received.map((m) => m.raw);
  return (await receivedByKey(raws)).get(key) ?? { count: 0, messageIds: [] };
}

const DISK_FULL = /disk is full.*Nothing was sent/;

describe('a full disk under the send journal, through send()', () => {
  it('fails the send with a clear error, sends nothing, and the next send goes out once there is room', async () => {
    const { services, dataDir, mailboxId } = await open('smtp');
    disk.full = true;
    const first = await services.send.send('k-full', keyedDraft(mailboxId, 'k-full'));
    expect(first).toMatchObject({ status: 'failed', code: 'transient', retryable: true });
    expect(first.status === 'failed' && first.message).toMatch(DISK_FULL);
    expect((await atServer('smtp', 'k-full')).count).toBe(0);

    disk.full = false;
    expect(await services.send.send('k-full', keyedDraft(mailboxId, 'k-full'))).toMatchObject({
      status: 'sent',
    });
    expect((await atServer('smtp', 'k-full')).count).toBe(1);
    expect((await journalOnDisk(dataDir)).get('k-full')?.state).toBe('accepted');
  });

  it('fails a send whose commit does not fit, before its last bytes go out', async () => {
    const { services, mailboxId } = await open('smtp', 'before-commit');
    const first = await services.send.send('k-commit', keyedDraft(mailboxId, 'k-commit'));
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    expect(first.status === 'failed' && first.message).toMatch(DISK_FULL);
    expect((await atServer('smtp', 'k-commit')).count).toBe(0);

    disk.full = false;
    const again = await services.send.send('k-commit', keyedDraft(mailboxId, 'k-commit'));
    expect(again).toMatchObject({ status: 'sent' });
    expect((await atServer('smtp', 'k-commit')).count).toBe(1);
  });

  it.each([
    ['smtp', 'held for the rep'],
    ['gmail', 'settled by the lookup'],
  ] as const)(
    'a failed write of `accepted` after the server took it (%s): never sent again, %s',
    async (setup, end) => {
      const key = `k-accepted-${setup}`;
      const { services, dataDir, mailboxId } = await open(setup, 'after-reply');
      const first = await services.send.send(key, keyedDraft(mailboxId, key));
      expect((await atServer(setup, key)).count).toBe(1);
      // it went out: never "nothing was sent"; its fate is open until the journal can say
      expect(first).toMatchObject({
        status: 'unknown',
        message: expect.stringMatching(/server took this email/),
      });

      disk.full = false;
      // the key stays blocked: a retry (the sequence runner, the rep) sends nothing
      expect(await services.send.send(key, keyedDraft(mailboxId, key))).toMatchObject({
        status: 'duplicate',
      });
      await services.send.upkeep();
      const state = (await journalOnDisk(dataDir)).get(key)?.state;
      if (end === 'held for the rep') {
        expect(state).toBe('unknown');
        expect((await services.send.held()).map((h) => h.key)).toEqual([key]);
      } else {
        expect(state).toBe('accepted');
        expect(await services.send.held()).toEqual([]);
      }
      expect(await services.send.send(key, keyedDraft(mailboxId, key))).toMatchObject({
        status: 'duplicate',
      });
      expect((await atServer(setup, key)).count).toBe(1);
      expect(services.mailboxes.health().find((h) => h.id === mailboxId)?.sentToday).toBe(1); // counted once
    },
  );
});
