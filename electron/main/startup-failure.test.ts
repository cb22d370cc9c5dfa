import { spawn, spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeySealer } from './secrets/sealer';
import { createMainServices } from './services';
import { describeStartupFailure, type StartupProblem } from './startup-problem';
import { createFileStore } from './vault/file-store';

/**
 * The real main-process services started on a data folder that is damaged or that this user may not read:
 * what start-up tells the rep (describeStartupFailure) must name the right problem for each.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function dataFolder() {
  const parent = await mkdtemp(join(tmpdir(), 'fairsend-startup-'));
  cleanup.push(() => rm(parent, { recursive: true, force: true }));
  const dir = join(parent, 'data');
  await mkdir(dir, { mode: 0o700 });
  return dir;
}

/** What start-up says about the folder, starting the services in this process. */
async function problemStarting(dataDir: string): Promise<StartupProblem> {
  try {
    const services = await createMainServices({
      dataDir,
      sealer: createKeySealer(Buffer.alloc(32, 8)),
      ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
      appInfo: () => ({ name: 'Fairsend', version: 'test', mode: 'desktop', platform: 'linux' }),
      openExternal: async () => {},
    });
    await services.close();
  } catch (error) {
    return describeStartupFailure(error, dataDir);
  }
  throw new Error('the services started on a folder they should have refused');
}

const TITLES = {
  journal: 'Fairsend could not read its record of sent emails',
  damaged: 'A Fairsend data file is damaged',
  noAccess: 'Fairsend may not use its data folder',
};

describe('start-up on a damaged data folder (real services)', () => {
  it('(a) a damaged send journal: the record of sent emails', async () => {
    const dir = await dataFolder();
    await writeFile(join(dir, 'send-journal.jsonl'), 'not json\n{"key":"k1"}\n');
    const problem = await problemStarting(dir);
    expect(problem.title).toBe(TITLES.journal);
    expect(problem.details).toMatch(/send journal is damaged at line 1/);
  });

  it('(c) a damaged mailboxes.json: a damaged data file, named', async () => {
    const dir = await dataFolder();
    await writeFile(join(dir, 'mailboxes.json'), '[{"id":"m1","address":');
    const problem = await problemStarting(dir);
    expect(problem.title).toBe(TITLES.damaged);
    expect(problem.details).toBe(`${join(dir, 'mailboxes.json')} is damaged; fix or remove it`);
  });

  it('(c) a damaged file in a folder whose path holds "vault" is still a damaged file, not a keyring problem', async () => {
    const dir = join(await dataFolder(), 'vault');
    await mkdir(dir);
    await writeFile(join(dir, 'mailboxes.json'), '{');
    expect((await problemStarting(dir)).title).toBe(TITLES.damaged);
  });
});

// A file's mode stops its owner only when the reader is not root: as root the fixture runs as `nobody` instead.
const NOBODY = 65_534;
const asRoot = process.getuid?.() === 0;
const cannotDropRoot =
  asRoot &&
  spawnSync(process.execPath, ['-e', ''], { uid: NOBODY, gid: NOBODY, stdio: 'ignore' }).status !== 0;
const noPermissionReason =
  process.platform === 'win32'
    ? 'file modes do not stop reads on Windows'
    : cannotDropRoot
      ? 'the test runs as root and may not start a process as another user, so no file mode can stop a read'
      : null;

/** What start-up says about the folder, in a process of a user the folder does not let in. */
function problemAsOtherUser(dataDir: string): Promise<{ code: string | null; problem: StartupProblem }> {
  const fixture = join('electron', 'main', 'startup-failure.fixture.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done, fail) =>
    child.once('close', (code) => {
      const result = stdout.trim() ? (JSON.parse(stdout.trim()) as Record<string, unknown>) : null;
      if (code !== 0 || !result) return fail(new Error(`fixture exited ${code}: ${stderr}`));
      if (result.started) return fail(new Error('the services started: the folder did not stop the read'));
      done(result as { code: string | null; problem: StartupProblem });
    }),
  );
}

describe('start-up on a data folder this user may not read (real services, another process)', () => {
  it('(b) the data folder itself: Fairsend may not use its data folder', async (ctx) => {
    if (noPermissionReason) ctx.skip(`not run: ${noPermissionReason}`);
    const dir = await dataFolder();
    // as root the folder stays root's (0700), which shuts `nobody` out; otherwise no mode lets its owner in
    if (!asRoot) {
      await chmod(dir, 0o000);
      cleanup.push(() => chmod(dir, 0o700));
    }
    const { code, problem } = await problemAsOtherUser(dir);
    expect(code).toBe('EACCES');
    expect(problem.title).toBe(TITLES.noAccess);
    expect(problem.details).toContain(dir);
  }, 60_000);

  it('(b) mailboxes.json alone: the same, with its code kept (not called damaged)', async (ctx) => {
    if (noPermissionReason) ctx.skip(`not run: ${noPermissionReason}`);
    const dir = await dataFolder();
    const file = join(dir, 'mailboxes.json');
    await writeFile(file, '[]', { mode: 0o600 });
    if (asRoot) {
      // the folder is nobody's, so the journal and the audit log open; the file stays root's and 0600
      await chown(join(dir, '..'), NOBODY, NOBODY);
      await chown(dir, NOBODY, NOBODY);
    } else {
      await chmod(file, 0o000);
    }
    const { code, problem } = await problemAsOtherUser(dir);
    expect(code).toBe('EACCES');
    expect(problem.title).toBe(TITLES.noAccess);
    expect(problem.details).toContain('mailboxes.json');
  }, 60_000);
});
