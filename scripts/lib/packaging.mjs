// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from './electron.mjs';

/** @param {string} root */
function electronVersion(root) {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : 'of package.json';
  } catch {
    return 'of package.json';
  }
}

/**
 * Whether this machine can package the app. electron-builder puts the Electron binary into the installer and
 * would otherwise try to download it (and fail obscurely offline); here it is given the installed one, or
 * the caller prints the one line this returns: what is missing and how to get it.
 * @param {string} root the repository root
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ ok: true, electronDist: string } | { ok: false, message: string }}
 */
export function packagingReadiness(root, env = process.env) {
  const found = findElectronBinary(root, env);
  if (found.ok) {
    return {
      ok: true,
      electronDist: env.ELECTRON_OVERRIDE_DIST_PATH ?? join(root, 'node_modules', 'electron', 'dist'),
    };
  }
  const version = electronVersion(root);
  return {
    ok: false,
    message:
      `Cannot package Fairsend: ${found.reason}. Run \`npx install-electron\` where there is network access ` +
      `(it puts Electron ${version} in node_modules/electron/dist), or set ELECTRON_OVERRIDE_DIST_PATH to an ` +
      `unpacked Electron ${version} for this OS.`,
  };
}
