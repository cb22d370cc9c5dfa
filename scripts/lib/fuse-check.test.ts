import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { afterEach, describe, expect, it } from 'vitest';
import { builtApps, checkBuiltFuses, FUSE_WIRE, fuseMismatches } from './fuse-check.mjs';
import { ROOT } from './proc.mjs';

// The check `npm run package` runs after electron-builder. It cannot package here (no Electron binary), so the
// reading is tested on a file laid out as Electron's binary carries its fuse wire, read by the real @electron/fuses.

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // @electron/fuses constants.SENTINEL
const ON = 49;
const OFF = 48;

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-fuses-'));
  dirs.push(dir);
  return dir;
}

const ymlFuses = async () =>
  (await getConfig(ROOT, 'electron-builder.yml', null)).electronFuses as Record<string, unknown>;

/** The wire bytes the yml asks for; fuses it leaves out stay as Electron ships them (144). */
function wireFor(wanted: Record<string, unknown>): number[] {
  return FUSE_WIRE.map((name) => (wanted[name] === undefined ? 144 : wanted[name] ? ON : OFF));
}

/** A stand-in "binary": noise, the sentinel, wire version 1, its length, the fuse bytes, more noise. */
async function fakeBinary(path: string, wire: number[]) {
  const noise = Buffer.alloc(4096, 7);
  await writeFile(
    path,
    Buffer.concat([noise, Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), noise]),
  );
}

describe('fuseMismatches', () => {
  it('finds nothing when every fuse is as asked, and names each one that is not', async () => {
    const wanted = await ymlFuses();
    const wire = { version: '1', ...wireFor(wanted) };
    expect(fuseMismatches(wanted, wire)).toEqual([]);
    const runAsNode = FUSE_WIRE.indexOf('runAsNode');
    expect(fuseMismatches(wanted, { ...wire, [runAsNode]: ON })).toEqual([
      'runAsNode: electron-builder.yml says off, the built binary has it on',
    ]);
  });

  it('counts a fuse missing from a shorter wire, a removed one, or one left unflipped as a mismatch', () => {
    const asar = FUSE_WIRE.indexOf('onlyLoadAppFromAsar');
    const wanted = { onlyLoadAppFromAsar: true, enableCookieEncryption: true, runAsNode: false };
    const wire = {
      version: '1',
      [FUSE_WIRE.indexOf('enableCookieEncryption')]: 114,
      [FUSE_WIRE.indexOf('runAsNode')]: 144,
    };
    expect(asar).toBeGreaterThan(0);
    expect(fuseMismatches(wanted, wire)).toEqual([
      'onlyLoadAppFromAsar: electron-builder.yml says on, the built binary has it absent',
      'enableCookieEncryption: electron-builder.yml says on, the built binary has it removed',
      'runAsNode: electron-builder.yml says off, the built binary has it left as Electron ships it',
    ]);
  });

  it('refuses a fuse name it does not know rather than skipping it', () => {
    expect(fuseMismatches({ someNewFuse: true }, { version: '1' })[0]).toMatch(/someNewFuse: not a fuse/);
    expect(fuseMismatches({ resetAdHocDarwinSignature: true }, { version: '1' })).toEqual([]);
  });
});

describe('builtApps', () => {
  it("finds electron-builder's unpacked apps for Linux, Windows and macOS", async () => {
    const out = await tempDir();
    for (const dir of ['linux-unpacked', 'win-unpacked', 'mac-arm64/Fairsend.app', 'not-an-app'])
      await mkdir(join(out, dir), { recursive: true });
    await writeFile(join(out, 'linux-unpacked', 'fairsend'), '');
    await writeFile(join(out, 'win-unpacked', 'Fairsend.exe'), '');
    await writeFile(join(out, 'Fairsend-0.1.0.AppImage'), '');
    const names = { productName: 'Fairsend', linuxExecutable: 'fairsend', windowsExecutable: 'Fairsend.exe' };
    expect(builtApps(out, names)).toEqual([
      join(out, 'linux-unpacked', 'fairsend'),
      join(out, 'mac-arm64', 'Fairsend.app'),
      join(out, 'win-unpacked', 'Fairsend.exe'),
    ]);
    expect(builtApps(join(out, 'missing'), names)).toEqual([]);
  });
});

describe('checkBuiltFuses (the real @electron/fuses reader)', () => {
  it('passes a binary whose fuses are as electron-builder.yml sets them', async () => {
    const wanted = await ymlFuses();
    const app = join(await tempDir(), 'fairsend');
    await fakeBinary(app, wireFor(wanted));
    expect(await checkBuiltFuses([app], wanted)).toEqual({ ok: true, problems: [] });
  });

  it('fails one where a fuse was not flipped, naming the app and the fuse', async () => {
    const wanted = await ymlFuses();
    const app = join(await tempDir(), 'fairsend');
    const wire = wireFor(wanted);
    wire[FUSE_WIRE.indexOf('enableEmbeddedAsarIntegrityValidation')] = OFF;
    await fakeBinary(app, wire);
    expect(await checkBuiltFuses([app], wanted)).toEqual({
      ok: false,
      problems: [
        `${app}: enableEmbeddedAsarIntegrityValidation: electron-builder.yml says on, the built binary has it off`,
      ],
    });
  });

  it('fails when there is no app, or no fuse wire in it', async () => {
    const wanted = await ymlFuses();
    expect((await checkBuiltFuses([], wanted)).ok).toBe(false);
    const app = join(await tempDir(), 'fairsend');
    await writeFile(app, 'no sentinel here');
    const check = await checkBuiltFuses([app], wanted);
    expect(check.ok).toBe(false);
    expect(check.problems[0]).toMatch(/fuses could not be read.*sentinel/);
  });
});
