// @ts-check
// `npm run package [-- electron-builder flags]`: builds the app (electron-vite) and packages it for this OS with
// electron-builder (electron-builder.yml). Without the Electron binary it says so in one line and exits 1.
import { join } from 'node:path';
import { packagingReadiness } from './lib/packaging.mjs';
import { cli, node24, ROOT, run } from './lib/proc.mjs';

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
      'electron-builder.yml',
      `--config.electronDist=${ready.electronDist}`,
      ...process.argv.slice(2),
    ]);
  }
  process.exitCode = code;
}
