import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspMeta } from './build/csp-meta.ts';

// Browser mode: the same renderer, served to Chromium by the web host (electron/web-host).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // One bundle read from disk (or loopback): the 500 kB web-page warning does not apply to a desktop app.
    chunkSizeWarningLimit: 2000,
  },
});
