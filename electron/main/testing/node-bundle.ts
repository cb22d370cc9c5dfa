import { mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Bundles a TypeScript entry into one ES module for Node (vite's SSR build: packages stay external and load
 * from node_modules), under out/. A crash test starts a child process per kill; the bundle starts in a
 * fraction of tsx's time, because tsx transforms and resolves every one of the app's modules on each start.
 */
export async function bundleForNode(entry: string, name: string): Promise<string> {
  const { build } = await import('vite');
  const outDir = await mkdtemp(join(ROOT, 'out', `${name}-`)).catch(async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(ROOT, 'out'), { recursive: true });
    return mkdtemp(join(ROOT, 'out', `${name}-`));
  });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      minify: false,
      target: 'node24',
      rolldownOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } },
    },
  });
  return join(outDir, `${name}.mjs`);
}
