import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagingReadiness } from './packaging.mjs';
import { ROOT } from './proc.mjs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fairsend-package-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('packagingReadiness', () => {
  it('names what is missing and how to get it, in one line', async () => {
    const root = join(dir, 'no-binary');
    await mkdir(join(root, 'node_modules', 'electron'), { recursive: true });
    await writeFile(join(root, 'node_modules', 'electron', 'package.json'), '{"version":"45.5.0"}');
    const ready = packagingReadiness(root, {});
    expect(ready.ok).toBe(false);
    const message = ready.ok ? '' : ready.message;
    expect(message).not.toContain('\n');
    expect(message).toContain('Electron binary not installed');
    expect(message).toContain('npx install-electron');
    expect(message).toContain('Electron 45.5.0');
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });

  it('hands electron-builder the installed Electron, so it never downloads one', async () => {
    const root = join(dir, 'with-binary');
    const pkg = join(root, 'node_modules', 'electron');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    await writeFile(join(pkg, 'path.txt'), 'electron');
    await writeFile(join(pkg, 'dist', 'electron'), '');
    expect(packagingReadiness(root, {})).toEqual({ ok: true, electronDist: join(pkg, 'dist') });
  });
});

describe('npm run package without the Electron binary', () => {
  it('prints one line and exits 1 before building anything', () => {
    const missing = join(dir, 'no-such-electron');
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: missing },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Electron binary missing at ${join(missing, 'electron')}`);
    expect(lines[0]).toContain('npx install-electron');
  });
});
