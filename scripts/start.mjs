// @ts-check
// `npm start`: the desktop app when Electron can run here, otherwise browser mode (`npm run dev:web` forces it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary, hasDisplay } from './lib/electron.mjs';
import { cli, node24, ROOT, run } from './lib/proc.mjs';

const forceWeb = process.argv.includes('--web');
const version = /** @type {{ version: string }} */ (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
).version;
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, npm_package_version: version };

/** Why the desktop app cannot start here, or null when it can. */
function whyNotElectron() {
  if (forceWeb) return 'Browser mode requested (--web)';
  const electron = findElectronBinary(ROOT);
  if (!electron.ok) return electron.reason;
  if (!hasDisplay()) return 'No display (DISPLAY / WAYLAND_DISPLAY unset)';
  return null;
}

async function startDesktop() {
  const electron = findElectronBinary(ROOT);
  if (!electron.ok) throw new Error(electron.reason);
  const node = node24();
  const built = await run(node, [cli.electronVite, 'build'], { env });
  if (built !== 0) return built;
  // The app's entry is package.json `main` (out/main/index.js); ELECTRON_RUN_AS_NODE would turn Electron into Node.
  const { ELECTRON_RUN_AS_NODE: _ignored, ...electronEnv } = env;
  return run(electron.path, [ROOT], { env: electronEnv });
}

async function startBrowserMode() {
  const node = node24();
  const built = await run(node, [cli.vite, 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
    env,
  });
  if (built !== 0) return built;
  // The host prints its URL (127.0.0.1, port FAIRSEND_PORT or 5199) and closes on SIGINT/SIGTERM.
  return run(node, ['--import', 'tsx', join('electron', 'web-host', 'main.ts')], { env });
}

const reason = whyNotElectron();
if (reason) console.log(`${reason}: starting browser mode`);
try {
  process.exitCode = reason ? await startBrowserMode() : await startDesktop();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
