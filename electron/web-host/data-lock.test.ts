import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataFolder } from './data-lock';
import { fakeRendererDir } from './testing/host-client';
import { type HostProcess, startHost as startProcess } from './testing/host-process';

const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tempDir(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The pid of a process that has exited (and been reaped): nothing runs under it now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('lockDataFolder', () => {
  it('lets one holder in, refuses the next with a one-line message, and frees the folder on release', async () => {
    const dir = await tempDir('fairsend-lock-');
    const first = await lockDataFolder(dir);
    expect(first.ok).toBe(true);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    const second = await lockDataFolder(dir);
    expect(second).toMatchObject({ ok: false });
    if (!second.ok) {
      expect(second.message).toContain(dir);
      expect(second.message).toContain(String(process.pid));
      expect(second.message).not.toMatch(/\n/);
    }
    if (first.ok) first.lock.release();
    await expect(stat(join(dir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
    const third = await lockDataFolder(dir);
    expect(third.ok).toBe(true);
    if (third.ok) third.lock.release();
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = await tempDir('fairsend-lock-');
    const gone = deadPid();
    await writeFile(join(dir, LOCK_FILE), `${gone}\n`);
    const lock = await lockDataFolder(dir);
    expect(lock.ok).toBe(true);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    if (lock.ok) lock.lock.release();
  });

  it('takes over an old lock that holds no pid, but waits out a fresh one being written', async () => {
    const dir = await tempDir('fairsend-lock-');
    const file = join(dir, LOCK_FILE);
    await writeFile(file, 'garbage');
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    const lock = await lockDataFolder(dir);
    expect(lock.ok).toBe(true);
    if (lock.ok) lock.lock.release();

    // an empty lock a moment old is another host between its create and its write: it gets its pid in
    await writeFile(file, '');
    const pending = lockDataFolder(dir);
    await new Promise((r) => setTimeout(r, 100));
    await writeFile(file, `${process.ppid}\n`);
    const result = await pending;
    expect(result.ok).toBe(false);
    await rm(file);
  });

  it('never releases a lock someone else now holds', async () => {
    const dir = await tempDir('fairsend-lock-');
    const lock = await lockDataFolder(dir);
    if (!lock.ok) throw new Error(lock.message);
    await writeFile(join(dir, LOCK_FILE), `${process.ppid}\n`);
    lock.lock.release();
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.ppid}\n`);
  });
});

/** The host as a real process; the test's cleanup stops it. */
function startHost(dataDir: string, rendererDir: string): HostProcess {
  const host = startProcess(dataDir, rendererDir);
  cleanup.push(() => host.stop());
  return host;
}

describe('browser mode, two hosts on one data folder (real processes)', () => {
  it('the second refuses with one line and a non-zero exit; a crashed host’s lock is taken over', async () => {
    const dataDir = await tempDir('fairsend-two-hosts-');
    const rendererDir = await fakeRendererDir();
    cleanup.push(() => rm(rendererDir, { recursive: true, force: true }));

    const first = startHost(dataDir, rendererDir);
    const firstUrl = await first.started;
    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${first.child.pid}\n`);

    const second = startHost(dataDir, rendererDir);
    const refused = await second.exited;
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBeNull();
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/already running on this data folder/);
    expect(lines[0]).toContain(String(first.child.pid));
    // the first is untouched: still serving, still holding the lock
    expect((await fetch(firstUrl)).status).toBe(200);
    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${first.child.pid}\n`);

    // a crash leaves the lock behind; the next host finds its pid gone and takes over
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${first.child.pid}\n`);
    const third = startHost(dataDir, rendererDir);
    await third.started;
    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${third.child.pid}\n`);

    // a clean stop removes the lock
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
    await expect(stat(join(dataDir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  }, 90_000);
});
