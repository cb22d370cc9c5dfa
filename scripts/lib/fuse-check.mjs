// @ts-check
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * After `npm run package`: the fuses read back from the binaries electron-builder built, against what
 * electron-builder.yml asks. A fuse electron-builder did not flip (an option it dropped, an Electron whose wire
 * is shorter) would otherwise ship unnoticed, and the fuses are what keep ELECTRON_RUN_AS_NODE, NODE_OPTIONS
 * and a swapped app.asar out.
 */

/** electron-builder.yml's names for the fuses, in the order of Electron's fuse wire (@electron/fuses FuseV1Options). */
export const FUSE_WIRE = /** @type {const} */ ([
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
]);

/** electronFuses options that are not fuses of the wire */
const NOT_FUSES = new Set(['resetAdHocDarwinSignature', 'strictlyRequireAllFuses']);

/** @electron/fuses FuseState: the byte each fuse is in the wire */
const STATE = { 48: 'off', 49: 'on', 114: 'removed', 144: 'left as Electron ships it' };

/**
 * What a built binary's fuse wire says against what the config asks; [] when they agree. Pure.
 * @param {Record<string, unknown>} wanted electron-builder.yml's electronFuses
 * @param {Record<string, unknown>} wire what @electron/fuses getCurrentFuseWire read: index → state byte
 * @returns {string[]}
 */
export function fuseMismatches(wanted, wire) {
  /** @type {string[]} */
  const problems = [];
  if (String(wire.version) !== '1') problems.push(`fuse wire version ${String(wire.version)}, not 1`);
  for (const [name, value] of Object.entries(wanted)) {
    if (NOT_FUSES.has(name) || value === undefined || value === null) continue;
    const index = FUSE_WIRE.indexOf(/** @type {(typeof FUSE_WIRE)[number]} */ (name));
    if (index < 0) {
      problems.push(`${name}: not a fuse this check knows; add it to FUSE_WIRE (scripts/lib/fuse-check.mjs)`);
      continue;
    }
    const state = wire[index];
    const want = value ? 'on' : 'off';
    const built =
      typeof state === 'number' ? (STATE[/** @type {keyof STATE} */ (state)] ?? `byte ${state}`) : 'absent';
    if (built !== want)
      problems.push(`${name}: electron-builder.yml says ${want}, the built binary has it ${built}`);
  }
  return problems;
}

/**
 * The unpacked apps electron-builder left in its output folder, each the file (or .app) that carries the fuse
 * wire: <os>-unpacked/<executable> on Linux and Windows, mac*\/<product>.app on macOS.
 * @param {string} outputDir
 * @param {{ productName: string, linuxExecutable: string, windowsExecutable: string }} names
 * @returns {string[]}
 */
export function builtApps(outputDir, names) {
  if (!existsSync(outputDir)) return [];
  /** @type {string[]} */
  const apps = [];
  for (const entry of readdirSync(outputDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(outputDir, entry.name);
    const candidates = entry.name.startsWith('mac')
      ? [join(dir, `${names.productName}.app`)]
      : entry.name.endsWith('-unpacked')
        ? [join(dir, names.linuxExecutable), join(dir, names.windowsExecutable)]
        : [];
    apps.push(...candidates.filter((path) => existsSync(path)));
  }
  return apps.sort();
}

/**
 * @electron/fuses as electron-builder loads it, so the fuses are read by the copy that flipped them.
 * @returns {{ getCurrentFuseWire(path: string): Promise<Record<string, unknown>> }}
 */
function fusesLibrary() {
  const require = createRequire(import.meta.url);
  const builder = require.resolve('app-builder-lib/package.json');
  return createRequire(builder)('@electron/fuses');
}

/**
 * Reads each app's fuses back; `problems` names the app and the fuse for every disagreement.
 * @param {string[]} apps
 * @param {Record<string, unknown>} wanted
 * @returns {Promise<{ ok: boolean, problems: string[] }>}
 */
export async function checkBuiltFuses(apps, wanted) {
  if (apps.length === 0) return { ok: false, problems: ['no built app was found to read the fuses from'] };
  const { getCurrentFuseWire } = fusesLibrary();
  /** @type {string[]} */
  const problems = [];
  for (const app of apps) {
    try {
      problems.push(...fuseMismatches(wanted, await getCurrentFuseWire(app)).map((p) => `${app}: ${p}`));
    } catch (error) {
      problems.push(
        `${app}: the fuses could not be read (${error instanceof Error ? error.message : error})`,
      );
    }
  }
  return { ok: problems.length === 0, problems };
}
