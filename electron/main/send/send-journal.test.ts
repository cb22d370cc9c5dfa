import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverOnce, reconcileInFlight } from './deliver-once';
import { openSendJournal as open, type SendJournal } from './send-journal';
import type { MailTransport } from './transports/mail-transport';

// Every journal a test opens is closed after it, so no file handle is left to the garbage collector.
const opened: SendJournal[] = [];
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((j) => j.close()));
});
const openSendJournal = async (path: string) => {
  const journal = await open(path);
  opened.push(journal);
  return journal;
};

const file = async () => join(await mkdtemp(join(tmpdir(), 'fairsend-journal-')), 'journal.jsonl');
const msg = { messageId: '<a@acme.test>', mailboxId: 'mb1' };

function fakeTransport(answers: Array<Awaited<ReturnType<MailTransport['deliver']>>>) {
  const delivered: string[] = [];
  const transport: MailTransport = {
    kind: 'smtp',
    async deliver({ to }) {
      delivered.push(to.join(','));
      return answers.shift() ?? { ok: true, value: { providerId: 'p' } };
    },
    findSent: async () => ({ ok: false, error: { code: 'unavailable', message: 'no imap' } }),
    close: async () => {},
  };
  return { transport, delivered };
}

const outgoing = {
  key: 'k1',
  ...msg,
  raw: Buffer.from('x'),
  from: 'ana@acme.test',
  to: ['lead@example.test'],
};

describe('send journal', () => {
  it('refuses a second send with the same idempotency key', async () => {
    const journal = await openSendJournal(await file());
    const { transport, delivered } = fakeTransport([]);
    expect(await deliverOnce(journal, transport, outgoing)).toMatchObject({ status: 'sent', attempt: 1 });
    expect(await deliverOnce(journal, transport, outgoing)).toEqual({ status: 'duplicate', state: 'sent' });
    expect(delivered).toHaveLength(1);
  });

  it('retries after a transient failure but never after a permanent one', async () => {
    const journal = await openSendJournal(await file());
    const { transport, delivered } = fakeTransport([
      { ok: false, error: { code: 'transient', message: 'deferred' } },
      { ok: true, value: { providerId: 'p2' } },
    ]);
    expect(await deliverOnce(journal, transport, outgoing)).toMatchObject({
      status: 'failed',
      retryable: true,
    });
    expect(await deliverOnce(journal, transport, outgoing)).toMatchObject({ status: 'sent', attempt: 2 });
    const permanent = fakeTransport([{ ok: false, error: { code: 'rejected-permanent', message: '550' } }]);
    const other = { ...outgoing, key: 'k2' };
    expect(await deliverOnce(journal, permanent.transport, other)).toMatchObject({
      status: 'failed',
      retryable: false,
    });
    expect(await deliverOnce(journal, permanent.transport, other)).toEqual({
      status: 'duplicate',
      state: 'failed',
    });
    expect(delivered).toHaveLength(2);
    expect(permanent.delivered).toHaveLength(1);
  });

  it('is durable: a reopened journal knows every outcome', async () => {
    const path = await file();
    const journal = await openSendJournal(path);
    await journal.begin('k1', msg);
    await journal.markSent('k1', 'provider-1');
    await journal.begin('k2', msg);
    await journal.close();
    const again = await openSendJournal(path);
    expect(again.get('k1')).toMatchObject({ state: 'sent', providerId: 'provider-1' });
    expect(again.inFlight().map((e) => e.key)).toEqual(['k2']);
    await again.close();
  });

  it('drops a line torn by a crash mid-write, but refuses damage in the middle', async () => {
    const path = await file();
    const journal = await openSendJournal(path);
    await journal.begin('k1', msg);
    await journal.close();
    await appendFile(path, '{"key":"k2","sta');
    const reopened = await openSendJournal(path);
    expect(reopened.get('k1')?.state).toBe('sending');
    expect(reopened.get('k2')).toBeUndefined();
    await reopened.close();
    expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);

    const damaged = await file();
    await writeFile(damaged, `{"key":"a","state":"sent"}\nGARBAGE\n{"key":"b","state":"sent"}\n`);
    await expect(openSendJournal(damaged)).rejects.toThrow(/damaged at line 2/);
  });

  it('leaves a message in flight when its Sent folder cannot be checked', async () => {
    const journal = await openSendJournal(await file());
    await journal.begin('k1', msg);
    const { transport } = fakeTransport([]);
    const report = await reconcileInFlight(journal, () => transport);
    expect(report.unknown).toEqual(['k1']);
    expect(await deliverOnce(journal, transport, outgoing)).toEqual({
      status: 'duplicate',
      state: 'sending',
    });
  });
});

describe('byMessageId', () => {
  it('finds the entry that sent a Message-ID, after a restart too', async () => {
    const path = await file();
    const journal = await openSendJournal(path);
    await journal.begin('k1', msg);
    await journal.markSent('k1', 'p1');
    expect(journal.byMessageId('<a@acme.test>')).toMatchObject({ key: 'k1', state: 'sent' });
    expect(journal.byMessageId('<other@acme.test>')).toBeUndefined();
    await journal.close();
    expect((await openSendJournal(path)).byMessageId('<a@acme.test>')?.key).toBe('k1');
  });
});
