import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from './db/pglite-db';
import { OPEN_TIMEOUT_MS, openTestDb, type TestDb } from './testing/backends';
import { bearer, makeApp } from './testing/fixtures';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'server', 'src', 'cli.ts');

/** runs the CLI as `npm run server` does: Node 24 with tsx, in the repository */
function runCli(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function finish(child: ChildProcess) {
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const [code] = await once(child, 'exit');
  return { code: code as number, out };
}

/** a line of the child's output matching `pattern`, as soon as it is printed */
function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    let seen = '';
    child.stdout?.on('data', (d) => {
      seen += d;
      const match = pattern.exec(seen);
      if (match) done(match);
    });
    child.on('exit', (code) => fail(new Error(`exited ${code} before printing it: ${seen}`)));
  });
}

async function expectTeamStored(query: TestDb['db']['query'], token: string) {
  const rows = await query<{
    name: string;
    email: string;
    role: string;
    token_hash: string;
    token_prefix: string;
  }>(
    `SELECT t.name, m.email, m.role, d.token_hash, d.token_prefix FROM teams t
     JOIN members m ON m.team_id = t.id JOIN devices d ON d.team_id = t.id AND d.member_id = m.id`,
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ name: 'Acme Sales', email: 'boss@acme.test', role: 'owner' });
  expect(rows[0]!.token_hash).toMatch(/^\$argon2id\$/);
  expect(token).toContain(rows[0]!.token_prefix);
  expect(rows[0]!.token_hash).not.toContain(token);
}

describe('npm run server -- create-team', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup) await step();
  });

  it(
    'on PGlite in DATA_DIR: a team, its owner, and a device token printed once',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-server-'));
      const result = await finish(
        runCli(['create-team', '--name', 'Acme Sales', '--owner-email', 'boss@acme.test'], {
          DATA_DIR: dataDir,
        }),
      );
      expect(result.code, result.out).toBe(0);
      const token = /^(fsd_\S+)$/m.exec(result.out)?.[1];
      expect(token).toBeDefined();
      const db = await openPgliteDb(join(dataDir, 'pglite'));
      try {
        await expectTeamStored(db.query.bind(db), token!);
      } finally {
        await db.close();
      }
    },
    OPEN_TIMEOUT_MS * 2,
  );

  it(
    'on PostgreSQL (DATABASE_URL), and the printed token signs in',
    async () => {
      const t = await openTestDb('postgres', { migrated: false });
      cleanup.push(() => t.dispose());
      const result = await finish(
        runCli(['create-team', '--name', 'Acme Sales', '--owner-email', 'boss@acme.test'], {
          DATABASE_URL: t.url!,
        }),
      );
      expect(result.code, result.out).toBe(0);
      const token = /^(fsd_\S+)$/m.exec(result.out)?.[1] ?? '';
      await expectTeamStored(t.db.query.bind(t.db), token);
      const app = await makeApp(t.db);
      try {
        const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) });
        expect(me.json().value).toMatchObject({ role: 'owner', teamName: 'Acme Sales' });
      } finally {
        await app.close();
      }
    },
    OPEN_TIMEOUT_MS,
  );

  it('without its options it says what it needs and exits 2', async () => {
    const result = await finish(
      runCli(['create-team', '--name', 'X'], { DATABASE_URL: 'postgres://unused/x' }),
    );
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/needs --name and --owner-email/);
  });
});

describe('npm run server', () => {
  it(
    'serves HTTPS with TLS_CERT and TLS_KEY, prints its URL, and exits 0 on SIGTERM',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'fairsend-tls-'));
      const cert = join(dir, 'cert.pem');
      const key = join(dir, 'key.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
      const t = await openTestDb('postgres', { migrated: false });
      try {
        const child = runCli([], { DATABASE_URL: t.url!, PORT: '0', TLS_CERT: cert, TLS_KEY: key });
        const [, url] = await lineMatching(child, /listening on (https:\/\/127\.0\.0\.1:\d+)/);
        const ca = await readFile(cert);
        const health = await new Promise<{ status: number; body: string; hsts: unknown }>((done, fail) => {
          request(`${url}/health`, { ca }, (res) => {
            let body = '';
            res.on('data', (d) => {
              body += d;
            });
            res.on('end', () =>
              done({ status: res.statusCode ?? 0, body, hsts: res.headers['strict-transport-security'] }),
            );
          })
            .on('error', fail)
            .end();
        });
        expect(health.status).toBe(200);
        expect(JSON.parse(health.body)).toMatchObject({ ok: true });
        expect(health.hsts).toBeDefined();
        child.kill('SIGTERM');
        const [code] = await once(child, 'exit');
        expect(code).toBe(0);
      } finally {
        await t.dispose();
      }
    },
    OPEN_TIMEOUT_MS,
  );
});
