// @ts-check
// `npm run package [-- electron-builder flags]`: builds the app (electron-vite) and packages it for this OS with
// electron-builder (electron-builder.yml), then reads the fuses back from the built binaries and fails if any
// differs from the yml (scripts/lib/fuse-check.mjs). Without the Electron binary it says so in one line and
// exits 1.
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { builtApps, checkBuiltFuses } from './lib/fuse-check.mjs';
import { packagingReadiness } from './lib/packaging.mjs';
import { cli, node24, ROOT, run } from './lib/proc.mjs';

const CONFIG = 'electron-builder.yml';

const ready = packagingReadiness(ROOT);
if (!ready.ok) {
  console.error(ready.message);
  process.exitCode = 1;
} else {
  const node = node24();
  const builder = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  let code = await run(node, [cli.electronVite, 'build']);
  if (code === 0) {
    code = await run(node, [
      builder,
      '--config',
      CONFIG,
      `--config.electronDist=${ready.electronDist}`,
      ...process.argv.slice(2),
    ]);
  }
  if (code === 0) code = await verifyFuses();
  process.exitCode = code;
}

/** The fuses as built, against electron-builder.yml: a mismatch fails the packaging. */
async function verifyFuses() {
  const config = await getConfig(ROOT, CONFIG, null);
  const productName = config.productName ?? 'Fairsend';
  const apps = builtApps(join(ROOT, config.directories?.output ?? 'dist'), {
    productName,
    linuxExecutable: config.linux?.executableName ?? config.executableName ?? productName.toLowerCase(),
    windowsExecutable: `${config.win?.executableName ?? config.executableName ?? productName}.exe`,
  });
  const wanted = /** @type {Record<string, unknown>} */ (config.electronFuses ?? {});
  const check = await checkBuiltFuses(apps, wanted);
  if (!check.ok) {
    console.error(`The built app's fuses are not what ${CONFIG} sets:`);
    for (const problem of check.problems) console.error(`  ${problem}`);
    return 1;
  }
  console.log(`Fuses read back from ${apps.join(', ')}: as ${CONFIG} sets them.`);
  return 0;
}
