import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { hardenContents } from './security';

export interface WindowOptions {
  preloadPath: string;
  /** the Vite dev server in `npm run dev`; otherwise the bundled renderer */
  devServerUrl?: string;
  rendererDir: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Fairsend',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  const appOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : 'file://';
  hardenContents(window.webContents, appOrigin);
  window.once('ready-to-show', () => window.show());
  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(join(options.rendererDir, 'index.html'));
  return window;
}
