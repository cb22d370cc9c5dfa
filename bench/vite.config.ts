import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The benchmark pages: the renderer's own modules, bundled as the app bundles them, without the UI.
export default defineConfig({
  root: resolve(import.meta.dirname, 'leads', 'page'),
  base: './',
  worker: { format: 'es' },
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '..', 'out', 'bench', 'leads'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
});
