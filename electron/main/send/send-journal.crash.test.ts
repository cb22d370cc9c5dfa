import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crashTestMessage } from '../testing/crash-message';
import { type LoopbackSmtp, startLoopbackSmtp } from '../testing/loopback-smtp';
import { deliverOnce, reconcileInFlight } from './deliver-once';
import { openSendJournal } from './send-journal';
import type { MailTransport } from './transports/mail-transport';
import { createSmtpTransport } from './transports/smtp-transport';

let server: LoopbackSmtp | undefined;
afterEach(() => server?.close());

function runChildUntilKilled(
  journalFile: string,
  port: number,
  moment: string,
): Promise<NodeJS.Signals | null> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'crash-child.fixture.ts'),
      journalFile,
      String(port),
      moment,
    ],
    { stdio: 'inherit' },
  );
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
}

async function restartAndRetry(journalFile: string, smtp: LoopbackSmtp) {
  const journal = await openSendJournal(journalFile);
  const real = createSmtpTransport({
    host: '127.0.0.1',
    port: smtp.port as 25,
    security: 'plaintext-loopback',
  });
  // The loopback server's store stands in for the mailbox's Sent folder.
  const transport: MailTransport = {
    ...real,
    findSent: async (messageId) =>
      ({
        ok: true,
        value: smtp.hasMessageId(messageId) ? { found: true, providerId: messageId } : { found: false },
      }) as const,
  };
  const report = await reconcileInFlight(journal, () => transport);
  const retry = await deliverOnce(journal, transport, await crashTestMessage());
  await journal.close();
  await transport.close();
  return { report, retry };
}

describe('a crash between `sending` and `sent`', () => {
  it('after the transport delivered: reconciles as sent and never delivers again', async () => {
    server = await startLoopbackSmtp();
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-crash-')), 'send-journal.jsonl');
    expect(await runChildUntilKilled(file, server.port, 'after-deliver')).toBe('SIGKILL');
    expect(server.received).toHaveLength(1);

    const { report, retry } = await restartAndRetry(file, server);
    expect(report.confirmedSent).toEqual(['lead@example.test|seq1|step1']);
    expect(retry).toEqual({ status: 'duplicate', state: 'sent' });
    expect(server.received).toHaveLength(1);
  });

  it('before the transport was called: reconciles as not sent and delivers exactly once on retry', async () => {
    server = await startLoopbackSmtp();
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-crash-')), 'send-journal.jsonl');
    expect(await runChildUntilKilled(file, server.port, 'before-deliver')).toBe('SIGKILL');
    expect(server.received).toHaveLength(0);

    const { report, retry } = await restartAndRetry(file, server);
    expect(report.notSent).toEqual(['lead@example.test|seq1|step1']);
    expect(retry).toMatchObject({ status: 'sent', attempt: 2 });
    expect(server.received).toHaveLength(1);
  });
});
