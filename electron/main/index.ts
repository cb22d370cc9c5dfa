import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { readMainConfig } from './config';
import { createHandlers } from './handlers';
import { registerBridge } from './ipc';
import { checkKeyring, createElectronSealer } from './secrets/sealer-electron';
import { hardenSession } from './security';
import { createMainServices } from './services';
import { createElectronCiphertextStore } from './vault/electron-store-adapter';
import { createMainWindow } from './window';

// Composition root: wiring only. Services are built here with their dependencies passed in.

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : 'file://';
const log = (level: 'warn' | 'error', message: string) => console[level](`[fairsend] ${message}`);

app.enableSandbox();

void app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  const keyring = await checkKeyring();
  // No keyring: secrets are refused until the rep unlocks with a passphrase (vault.unlockWithPassphrase).
  if (!keyring.ok) log('warn', keyring.reason);

  const services = await createMainServices({
    dataDir: app.getPath('userData'),
    sealer: keyring.ok ? createElectronSealer() : null,
    ...(keyring.ok ? {} : { sealerUnavailableReason: keyring.reason }),
    ciphertexts: createElectronCiphertextStore(),
    appInfo: () => ({
      name: 'Fairsend',
      version: app.getVersion(),
      mode: 'desktop',
      platform: process.platform,
    }),
    oauthEndpoints: readMainConfig().oauthEndpoints,
    openExternal: (url) => shell.openExternal(url),
    // the loopback sign-in needs the real browser (RFC 8252): never a window inside the app
    openSignInPage: (url) => shell.openExternal(url),
  });
  registerBridge(ipcMain, createHandlers(services), appOrigin, log);
  app.on('before-quit', () => void services.close());

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
