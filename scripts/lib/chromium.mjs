// @ts-check
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Launch flags for Debian's Chromium in tests and benches: no GPU, no calls home, no first-run UI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const CHROMIUM_HOWTO =
  'Chromium was not found. Install it with `sudo apt-get update && sudo apt-get install -y chromium` ' +
  '(Debian/Ubuntu), or point FAIRSEND_CHROMIUM at a Chromium or Chrome binary. ' +
  'Playwright is never allowed to download a browser here.';

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to drive: FAIRSEND_CHROMIUM, then Debian's /usr/bin/chromium, then chromium or chromium-browser on PATH.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | null}
 */
export function findChromium(env = process.env) {
  if (env.FAIRSEND_CHROMIUM) return isExecutable(env.FAIRSEND_CHROMIUM) ? env.FAIRSEND_CHROMIUM : null;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}
