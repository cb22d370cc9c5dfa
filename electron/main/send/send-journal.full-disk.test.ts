import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SendDraft } from '../../../shared/ipc/send';
import { openSendJournal } from './send-journal';

// A real full disk: a 64 KiB tmpfs, filled to the last block. Mounting needs root (and a kernel that lets this
// container mount tmpfs); elsewhere this file skips and send-journal.test.ts covers the same path with a file
// handle that fails with ENOSPC. The mount is always removed, whatever the test does.

function tryMount(): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'fairsend-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const mounted = tryMount();
afterAll(() => {
  if (!mounted) return;
  execFileSync('umount', [mounted], { stdio: 'ignore' });
  rmSync(mounted, { recursive: true, force: true });
});

const draft = (html: string): SendDraft => ({
  mailboxId: 'mb1',
  to: 'lead@example.test',
  subject: 'Hello',
  html,
  isFirstTouch: true,
  kind: 'one-off',
});

/** fills the filesystem until it refuses another byte */
async function fill(path: string) {
  const handle = await open(path, 'w');
  const block = Buffer.alloc(4096, 120);
  try {
    for (;;) await handle.write(block);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    await handle.close();
  }
}

describe.skipIf(!mounted)('the send journal on a disk that fills up (real tmpfs)', () => {
  it('fails the send whose line does not fit, then works again once there is room', async () => {
    const dir = mounted ?? '';
    const path = join(dir, 'send-journal.jsonl');
    const journal = await openSendJournal(path);
    const audit = { recipientKey: null, warnings: [] };
    await journal.prepare('k1', { mailboxId: 'mb1', messageId: '<k1@acme.test>', audit });
    await journal.commit('k1', { draft: draft('<p>short</p>') });
    await journal.accepted('k1', { providerId: 'p1', followUps: [] });
    journal.release('k1');

    await fill(join(dir, 'filler'));
    await journal.prepare('k2', { mailboxId: 'mb1', messageId: '<k2@acme.test>', audit });
    // a body larger than a block: the line needs a block the disk no longer has
    await expect(journal.commit('k2', { draft: draft(`<p>${'a'.repeat(9000)}</p>`) })).rejects.toThrow(
      /disk is full/,
    );
    expect(journal.get('k2')?.state).toBe('prepared');

    await rm(join(dir, 'filler'));
    await journal.commit('k2', { draft: draft('<p>again</p>') });
    await journal.accepted('k2', { providerId: 'p2', followUps: [] });
    journal.release('k2');
    await journal.close();

    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    expect(() => lines.map((l) => JSON.parse(l))).not.toThrow(); // no half line was left behind
    const again = await openSendJournal(path);
    expect([again.get('k1')?.state, again.get('k2')?.state]).toEqual(['accepted', 'accepted']);
    await again.close();
  });
});
