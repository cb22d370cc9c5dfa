import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { createHandlers } from './handlers';
import { registerBridge } from './ipc';
import { checkKeyring, createElectronSealer } from './secrets/sealer-electron';
import { createTeamKey } from './secrets/team-key';
import { hardenSession } from './security';
import { createMainWindow } from './window';

// Composition root: wiring only. Services are built here with their dependencies passed in.

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : 'file://';
const log = (level: 'warn' | 'error', message: string) => console[level](`[fairsend] ${message}`);

app.enableSandbox();

void app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  const keyring = await checkKeyring();
  if (!keyring.ok) log('warn', keyring.reason);

  const handlers = createHandlers({
    appInfo: () => ({
      name: 'Fairsend',
      version: app.getVersion(),
      mode: 'desktop',
      platform: process.platform,
      secureStorage: keyring.ok,
    }),
    openExternal: (url) => shell.openExternal(url),
    teamKey: createTeamKey(join(app.getPath('userData'), 'team-key.sealed'), createElectronSealer()),
  });
  registerBridge(ipcMain, handlers, appOrigin, log);

  const open = () =>
    createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      rendererDir: join(import.meta.dirname, '../renderer'),
      ...(devServerUrl ? { devServerUrl } : {}),
    });
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
