import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalOnDisk, receivedByKey } from '../testing/delivery-count';
import { bundleForNode } from '../testing/node-bundle';
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
import type { SendPoint } from './send-points';

// The deterministic crash test: a child process runs the real services and SIGKILLs itself at one named moment
// of a send; the app then starts again on the same files (reconcile, retry what is retryable) and deliveries
// are counted where they land: the SMTP server's received messages, the Gmail and Graph stand-ins' sent ones,
// the IMAP server's Sent folder. Every moment, for SMTP with and without IMAP, Gmail and Graph: never two
// copies, and each message ends delivered once, or held for the rep with the truth about it.

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 2, 9, 0, 0);
let world: SendWorld;
let untrust: () => void;
let addressFile = '';
let childScript = '';

beforeAll(async () => {
  [world, childScript] = await Promise.all([
    startSendWorld(),
    bundleForNode(join(import.meta.dirname, 'crash-child.fixture.ts'), 'crash-child'),
  ]);
  untrust = trustCertificateForTests(world.address().cert);
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-crash-world-'));
  addressFile = join(dir, 'address.json');
  await writeFile(addressFile, JSON.stringify(world.address()));
  await writeFile(join(dir, 'cert.pem'), world.address().cert);
}, 60_000);
afterAll(async () => {
  untrust?.();
  await world?.close();
});

/** One data folder per moment (so the children can run side by side), with a mailbox of the setup. */
async function prepare(setup: MailboxSetup, day: number) {
  const dataDir = await mkdtemp(join(tmpdir(), `fairsend-crash-${setup}-`));
  const services = await openServicesAt(dataDir, world.address(), { now: () => START + day * DAY });
  const mailbox = await connectMailbox(services, setup, world);
  await services.close();
  return { dataDir, mailboxId: mailbox.id };
}

function runChild(dataDir: string, key: string, mailboxId: string, clock: number, point: SendPoint) {
  const child = spawn(process.execPath, [childScript, dataDir, addressFile, key, mailboxId, String(clock)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      FAIRSEND_CRASH_AT: point,
      NODE_EXTRA_CA_CERTS: join(addressFile, '..', 'cert.pem'),
    },
  });
  let out = '';
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
  return new Promise<{ signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('exit', (_code, signal) => resolve({ signal, out })),
  );
}

/** the app starting again on the same files, `after` ms later: reconcile, then retry what is retryable */
async function restart(dataDir: string, key: string, mailboxId: string, clock: number): Promise<Services> {
  const services = await openServicesAt(dataDir, world.address(), { now: () => clock });
  services.suppression.apply({ add: [], remove: [], complete: true }); // as the renderer does at start-up
  await services.send.upkeep();
  const entry = (await journalOnDisk(dataDir)).get(key);
  if (!entry || (entry.state === 'failed' && entry.retryable)) {
    await services.send.send(key, keyedDraft(mailboxId, key));
    await services.send.upkeep();
  }
  return services;
}

async function deliveries(setup: MailboxSetup, key: string) {
  const raws =
    setup === 'gmail'
      ? world.google.sent()
      : setup === 'outlook'
        ? world.microsoft.sent()
        : world.smtp.received.map((m) => m.raw);
  return (await receivedByKey(raws)).get(key) ?? { count: 0, messageIds: [] };
}
const sentCopies = async (key: string) =>
  (await receivedByKey(world.imap.messages('Sent'))).get(key)?.count ?? 0;

const auditedSent = (services: Services, key: string) =>
  services.audit.since(0, 1e9).filter((e) => e.type === 'send.sent' && e.data.key === key).length;

type Expect = 'delivered' | 'held-resend' | 'held-sent' | 'not-sent-later';
/** what each moment must come to after the restart, and what the rep (or a later check) then settles */
const SMTP_IMAP: [SendPoint, Expect][] = [
  ['before-connect', 'delivered'],
  ['before-commit', 'delivered'],
  ['after-commit', 'held-resend'], // `sending` on disk, the end of data never went out: nothing proves it
  ['after-reply', 'held-sent'], // delivered, but our Sent copy comes after `accepted`: nothing proves it
  ['after-accepted', 'delivered'],
  ['after-audit', 'delivered'],
  ['before-sent-copy', 'delivered'],
  ['after-sent-copy', 'delivered'],
  ['after-follow-ups', 'delivered'],
];
/** without IMAP nothing can look a message up: from the commit until `accepted` is on disk, held for the rep */
const SMTP_ONLY: [SendPoint, Expect][] = [
  ['before-connect', 'delivered'],
  ['before-commit', 'delivered'],
  ['after-commit', 'held-resend'],
  ['after-reply', 'held-sent'],
  ['after-accepted', 'delivered'],
  ['after-audit', 'delivered'],
  ['after-follow-ups', 'delivered'],
];
/** Gmail and Graph: the provider files what it sent, so a lookup by Message-ID settles an open fate */
const API: [SendPoint, Expect][] = [
  ['before-connect', 'delivered'],
  ['before-commit', 'delivered'],
  ['after-commit', 'not-sent-later'], // a mailbox-wide lookup proves absence once it has settled (10 minutes)
  ['after-reply', 'delivered'], // found by Message-ID at the restart
  ['after-accepted', 'delivered'],
  ['after-audit', 'delivered'],
  ['after-follow-ups', 'delivered'],
];

/** runs `work` over the items, two at a time (the machine has two cores) */
async function twoAtATime<T>(items: T[], work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    [0, 1].map(async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await work(item);
    }),
  );
}

describe.each([
  ['smtp-imap', SMTP_IMAP],
  ['smtp', SMTP_ONLY],
  ['gmail', API],
  ['outlook', API],
] as const)('a SIGKILL at each moment of a send (%s)', (setup, moments) => {
  it('never delivers twice, and each message ends delivered once or held with the truth', async () => {
    await twoAtATime(
      moments.map((m, day) => [...m, day] as const),
      async ([point, expected, day]) => {
        const key = `${setup}.${point}`;
        const { dataDir, mailboxId } = await prepare(setup, day);
        const clock = START + day * DAY + 60_000;
        const { signal } = await runChild(dataDir, key, mailboxId, clock, point);
        expect(signal, key).toBe('SIGKILL');
        let services = await restart(dataDir, key, mailboxId, clock + 60_000);
        try {
          const state = (await journalOnDisk(dataDir)).get(key)?.state;
          const got = await deliveries(setup, key);
          if (expected === 'delivered') {
            expect([key, got.count, state]).toEqual([key, 1, 'accepted']);
            expect(auditedSent(services, key), key).toBe(1);
            if (setup === 'smtp-imap') expect(await sentCopies(key), key).toBe(1);
            return;
          }
          // held: listed for the rep, never sent again on its own
          expect([key, state]).toEqual([key, 'unknown']);
          expect((await services.send.held()).map((h) => h.key)).toEqual([key]);
          if (expected === 'held-sent') {
            expect(got.count, key).toBe(1);
            await services.send.resolve(key, 'sent');
            await services.send.upkeep();
            expect((await journalOnDisk(dataDir)).get(key)?.state).toBe('accepted');
            if (setup === 'smtp-imap') expect(await sentCopies(key), key).toBe(1);
            expect((await deliveries(setup, key)).count, key).toBe(1);
          } else if (expected === 'held-resend') {
            expect(got.count, key).toBe(0);
            const resent = await services.send.resolve(key, 'resend');
            expect(resent).toMatchObject({ as: 'resend', outcome: { status: 'sent' } });
            const after = await deliveries(setup, key);
            expect(after.count, key).toBe(1);
            expect(after.messageIds[0]).toBe((await journalOnDisk(dataDir)).get(key)?.messageId);
          } else {
            // later, Gmail or Graph can prove it was never sent: retryable, and the retry delivers it once
            expect(got.count, key).toBe(0);
            await services.close();
            services = await restart(dataDir, key, mailboxId, clock + DAY);
            expect((await deliveries(setup, key)).count, key).toBe(1);
            expect((await journalOnDisk(dataDir)).get(key)?.state).toBe('accepted');
          }
        } finally {
          await services.close();
        }
      },
    );
  }, 180_000);
});
