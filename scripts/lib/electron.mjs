// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the electron package keeps its binary, found the way its index.js does (path.txt + dist/) but without
 * requiring it: `require('electron')` downloads the binary when it is missing, which must never happen here.
 * @param {string} root the repository root
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function findElectronBinary(root, env = process.env) {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { ok: false, reason: 'The electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  if (!name && !env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { ok: false, reason: 'Electron binary not installed (no download on this machine)' };
  }
  const binary = join(dist, name || 'electron');
  return existsSync(binary)
    ? { ok: true, path: binary }
    : { ok: false, reason: `Electron binary missing at ${binary}` };
}

/**
 * Whether a window can be shown: Linux needs an X11 or Wayland session; macOS and Windows always have a desktop.
 * @param {NodeJS.ProcessEnv} [env]
 * @param {NodeJS.Platform} [platform]
 */
export function hasDisplay(env = process.env, platform = process.platform) {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
