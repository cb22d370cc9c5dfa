import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cspMeta } from './build/csp-meta.ts';

// One build for the desktop app: main (ESM, Node), preload (CommonJS: sandbox: true needs it), renderer (web).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundled, not imported at run time: Node refuses a JSON import without `with { type: 'json' }`, and the
      // bundler drops that attribute from external imports, so the built main would stop at start-up.
      externalizeDeps: { exclude: ['disposable-email-domains'] },
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), cspMeta()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
