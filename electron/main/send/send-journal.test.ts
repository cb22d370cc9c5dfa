import { appendFile, mkdtemp, open as openFile, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SendDraft } from '../../../shared/ipc/send';
import type { JournalFileHandle } from './journal-file';
import { type JournalOptions, openSendJournal as open, type SendJournal } from './send-journal';

// Every journal a test opens is closed after it, so no file handle is left to the garbage collector.
const opened: SendJournal[] = [];
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((j) => j.close()));
});
const openSendJournal = async (path: string, options: JournalOptions = {}) => {
  const journal = await open(path, options);
  opened.push(journal);
  return journal;
};

const file = async () => join(await mkdtemp(join(tmpdir(), 'fairsend-journal-')), 'journal.jsonl');
const draft: SendDraft = {
  mailboxId: 'mb1',
  to: 'lead@example.test',
  subject: 'Hello',
  html: '<p>Hi</p>',
  isFirstTouch: true,
  kind: 'one-off',
};
const prep = (journal: SendJournal, key: string, messageId = `<${key}@acme.test>`) =>
  journal.prepare(key, { mailboxId: 'mb1', messageId, audit: { recipientKey: null, warnings: [] } });

/** the states the file itself holds for a key, in order (independent of the journal's memory) */
async function statesOnDisk(path: string, key: string) {
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
  return lines
    .map((l) => JSON.parse(l) as { key: string; state: string })
    .filter((e) => e.key === key)
    .map((e) => e.state);
}

describe('send journal', () => {
  it('walks prepared → sending → accepted and refuses the key afterwards', async () => {
    const path = await file();
    const journal = await openSendJournal(path);
    expect(await prep(journal, 'k1')).toEqual({ ok: true, attempt: 1, messageId: '<k1@acme.test>' });
    await journal.commit('k1', { draft });
    await journal.accepted('k1', { providerId: 'p1', followUps: ['audit'] });
    journal.release('k1');
    expect(await statesOnDisk(path, 'k1')).toEqual(['prepared', 'sending', 'accepted']);
    expect(await prep(journal, 'k1')).toMatchObject({ ok: false, existing: { state: 'accepted' } });
    expect(journal.get('k1')?.draft).toBeUndefined(); // a settled fate keeps no body
  });

  it('refuses a key while this process is sending it, and after an unknown outcome', async () => {
    const journal = await openSendJournal(await file());
    await prep(journal, 'k1');
    expect(await prep(journal, 'k1')).toMatchObject({ ok: false });
    await journal.commit('k1', { draft });
    await journal.unknown('k1', { why: 'connection-lost', error: { code: 'transient', message: 'lost' } });
    journal.release('k1');
    expect(await prep(journal, 'k1')).toMatchObject({ ok: false, existing: { state: 'unknown' } });
    expect(journal.open().map((e) => e.key)).toEqual(['k1']);
    expect(journal.get('k1')?.draft).toEqual(draft); // kept for the rep and for "Send it again"
  });

  it('allows a retry after a retryable failure, keeping the first Message-ID', async () => {
    const journal = await openSendJournal(await file());
    await prep(journal, 'k1');
    await journal.failed('k1', {
      error: { code: 'transient', message: 'x' },
      retryable: true,
      undelivered: true,
    });
    journal.release('k1');
    expect(await prep(journal, 'k1', journal.get('k1')?.messageId)).toEqual({
      ok: true,
      attempt: 2,
      messageId: '<k1@acme.test>',
    });
  });

  it('counts sends from the commit: a refusal uncounts, an unknown fate counts as sent', async () => {
    let clock = 1_000;
    const journal = await openSendJournal(await file(), { now: () => (clock += 10) });
    for (const key of ['refused', 'unknown', 'accepted']) {
      await prep(journal, key);
      await journal.commit(key, { draft });
    }
    await journal.failed('refused', {
      error: { code: 'rejected-permanent', message: '550' },
      retryable: false,
      undelivered: true,
    });
    await journal.unknown('unknown', { why: 'timed-out', error: { code: 'transient', message: 't' } });
    await journal.accepted('accepted', { providerId: 'p', followUps: [] });
    expect(journal.sentSince('mb1', 0)).toBe(2);
    expect(journal.sendTimes('mb1')).toHaveLength(2);
    expect(journal.sentSince('mb1', clock + 1)).toBe(0);
  });

  it('is durable: a reopened journal knows every state and count', async () => {
    const path = await file();
    const journal = await openSendJournal(path);
    await prep(journal, 'k1');
    await journal.commit('k1', { draft, raw: Buffer.from('bytes') });
    await journal.accepted('k1', { providerId: 'provider-1', followUps: ['audit', 'sent-copy'] });
    await prep(journal, 'k2');
    await prep(journal, 'k3');
    await journal.commit('k3', { draft });
    await journal.close();
    const again = await openSendJournal(path);
    expect(again.get('k1')).toMatchObject({ state: 'accepted', providerId: 'provider-1', raw: 'Ynl0ZXM=' });
    expect(again.pendingFollowUps().map((e) => e.key)).toEqual(['k1']);
    expect(again.interrupted().map((e) => e.key)).toEqual(['k2']);
    expect(again.open().map((e) => e.key)).toEqual(['k3']);
    expect(again.sentSince('mb1', 0)).toBe(2);
    await again.followUpDone('k1', 'sent-copy');
    expect(again.get('k1')?.raw).toBeUndefined(); // the copy is made: the bytes go
  });

  it('drops a line torn by a crash mid-write, but refuses damage in the middle', async () => {
    const path = await file();
    const journal = await openSendJournal(path);
    await prep(journal, 'k1');
    await journal.commit('k1', { draft });
    await journal.close();
    await appendFile(path, '{"key":"k2","sta');
    const reopened = await openSendJournal(path);
    expect(reopened.get('k1')?.state).toBe('sending');
    expect(reopened.get('k2')).toBeUndefined();
    await reopened.close();
    expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);

    const damaged = await file();
    await writeFile(damaged, `{"key":"a","state":"accepted"}\nGARBAGE\n{"key":"b","state":"accepted"}\n`);
    await expect(openSendJournal(damaged)).rejects.toThrow(/damaged at line 2/);
  });

  it('finds the entry of a Message-ID, after a restart too', async () => {
    const path = await file();
    const journal = await openSendJournal(path);
    await prep(journal, 'k1', '<a@acme.test>');
    expect(journal.byMessageId('<a@acme.test>')).toMatchObject({ key: 'k1', state: 'prepared' });
    expect(journal.byMessageId('<other@acme.test>')).toBeUndefined();
    await journal.close();
    expect((await openSendJournal(path)).byMessageId('<a@acme.test>')?.key).toBe('k1');
  });
});

/** A real file whose next write fails with ENOSPC when told to, part-way through the line (as a full disk does). */
function fillingDisk() {
  let full = false;
  const openFull = async (path: string): Promise<JournalFileHandle> => {
    const handle = await openFile(path, 'a', 0o600);
    return {
      async appendFile(data, encoding) {
        if (!full) return handle.appendFile(data, encoding);
        await handle.appendFile(data.slice(0, Math.floor(data.length / 2)), encoding);
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
      datasync: () => handle.datasync(),
      truncate: (length) => handle.truncate(length),
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
  };
  const fill = (on: boolean) => {
    full = on;
  };
  return { openFull, fill };
}

describe('a full disk', () => {
  it('fails the one write with a clear error, cuts its half line, and the next write works', async () => {
    const path = await file();
    const disk = fillingDisk();
    const journal = await openSendJournal(path, { openFile: disk.openFull });
    await prep(journal, 'k1');
    disk.fill(true);
    await expect(journal.commit('k1', { draft })).rejects.toThrow(/disk is full.*Nothing was sent/);
    expect(journal.get('k1')?.state).toBe('prepared'); // memory says what the disk says
    disk.fill(false);
    await journal.failed('k1', {
      error: { code: 'transient', message: 'x' },
      retryable: true,
      undelivered: true,
    });
    journal.release('k1');
    await prep(journal, 'k2');
    await journal.commit('k2', { draft });
    await journal.close();
    // the file is whole: every line parses, and a reopened journal agrees
    const again = await openSendJournal(path);
    expect(again.get('k1')?.state).toBe('failed');
    expect(again.get('k2')?.state).toBe('sending');
  });
});
