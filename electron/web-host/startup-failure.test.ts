import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from './data-lock';
import { fakeRendererDir } from './testing/host-client';
import { startHost } from './testing/host-process';

/**
 * Browser mode when it cannot start, as a real process: the rep reads what happened, what to do and where the
 * data is, as plain lines; no stack trace; exit code 1; the data folder's lock released for the next start.
 */

const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tempDir(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the host on the folder until it exits (it must, and on its own). */
async function failedStart(dataDir: string, port = 0) {
  const host = startHost(dataDir, await tempRenderer(), port);
  cleanup.push(() => host.stop());
  return host.exited;
}

async function tempRenderer() {
  const dir = await fakeRendererDir();
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const STACK = [/^\s+at /m, /\.[cm]?[jt]s:\d+/, /node:internal|node_modules/, /\b\w*Error\b: /, /\[Object: /];

function expectReadable(output: { code: number | null; stdout: string; stderr: string }, title: string) {
  const all = `${output.stdout}${output.stderr}`;
  expect(output.code, all).toBe(1);
  const lines = output.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe(title);
  expect(output.stderr).toContain('What to do:');
  expect(output.stderr).toMatch(/^ {2}1\. /m);
  for (const pattern of STACK) expect(all).not.toMatch(pattern);
}

describe('browser mode that cannot start (real processes)', () => {
  it('a damaged send journal: the title, the steps and the data folder, no stack trace, exit 1, lock released', async () => {
    const dataDir = await tempDir('fairsend-start-journal-');
    // damage before the last line: not a torn write the journal may drop, so it refuses to guess
    await writeFile(join(dataDir, 'send-journal.jsonl'), '{"key":"k1",\nnot json\n{"key":"k2"}\n');
    const output = await failedStart(dataDir);
    expectReadable(output, 'Fairsend could not read its record of sent emails');
    expect(output.stderr).toContain(`Your data folder: ${dataDir}`);
    expect(output.stderr).toContain('Details for support: The send journal is damaged at line 1');
    await expect(stat(join(dataDir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it('a port another program holds: says so after the services opened, closes them and releases the lock', async () => {
    const dataDir = await tempDir('fairsend-start-port-');
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    cleanup.push(() => new Promise((done) => taken.close(done)));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const output = await failedStart(dataDir, port);
    expectReadable(output, "Another program is using Fairsend's port");
    expect(output.stderr).toContain('EADDRINUSE');
    await expect(stat(join(dataDir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
    // the services did open (the journal exists) and the next start on the folder is not refused
    await stat(join(dataDir, 'send-journal.jsonl'));
  }, 60_000);
});
