import { join } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import trayIcon from '../../resources/icons/32x32.png?asset';
import windowIcon from '../../resources/icons/512x512.png?asset';
import { registerAppScheme, rendererLocation, serveRenderer } from './app-protocol';
import { readMainConfig } from './config';
import { createHandlers } from './handlers';
import { registerBridge } from './ipc';
import { checkKeyring, createElectronSealer } from './secrets/sealer-electron';
import { hardenSession } from './security';
import { createMainServices } from './services';
import { holdSingleInstance } from './single-instance';
import { describeStartupFailure, startupProblemBody } from './startup-problem';
import { createSendingTray } from './tray';
import { createElectronCiphertextStore } from './vault/electron-store-adapter';
import { createMainWindow, createStartupProblemWindow } from './window';

// Composition root: wiring only. Services are built here with their dependencies passed in.

const renderer = rendererLocation({
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  packaged: app.isPackaged,
});
const log = (level: 'warn' | 'error', message: string) => console[level](`[fairsend] ${message}`);
let window: BrowserWindow | null = null;

registerAppScheme(protocol); // before `ready`, as Electron requires
app.enableSandbox();

if (holdSingleInstance(app, () => window)) {
  app.whenReady().then(start).catch(cannotShowProblem);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

async function startServices() {
  const keyring = await checkKeyring();
  // No keyring: secrets are refused until the rep unlocks with a passphrase (vault.unlockWithPassphrase).
  if (!keyring.ok) log('warn', keyring.reason);
  const { dnsServers } = readMainConfig();
  const services = await createMainServices({
    dataDir: app.getPath('userData'),
    ...(dnsServers ? { dnsServers } : {}),
    sealer: keyring.ok ? createElectronSealer() : null,
    ...(keyring.ok ? {} : { sealerUnavailableReason: keyring.reason }),
    ciphertexts: createElectronCiphertextStore(),
    appInfo: () => ({
      name: 'Fairsend',
      version: app.getVersion(),
      mode: 'desktop',
      platform: process.platform,
    }),
    openExternal: (url) => shell.openExternal(url),
    // the loopback sign-in needs the real browser (RFC 8252): never a window inside the app
    openSignInPage: (url) => shell.openExternal(url),
  });
  try {
    registerBridge(ipcMain, createHandlers(services), renderer.origin, log);
  } catch (error) {
    await services.close().catch(() => {});
    throw error;
  }
  return services;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** Even the problem window could not be shown: a native message box, then quit. Never a silent exit. */
function cannotShowProblem(error: unknown): void {
  log('error', `Could not start: ${firstLine(error)}`);
  const problem = describeStartupFailure(error, app.getPath('userData'));
  dialog.showErrorBox(problem.title, startupProblemBody(problem));
  app.quit();
}

async function start(): Promise<void> {
  let services: Awaited<ReturnType<typeof startServices>>;
  try {
    // inside the try: a renderer folder or session that cannot be set up is a start-up problem like any other
    serveRenderer(protocol, join(import.meta.dirname, '../renderer'));
    hardenSession(session.defaultSession);
    services = await startServices();
  } catch (error) {
    // Never a silent exit: the rep sees what happened and what to do; the console keeps the first line.
    log('error', `Could not start: ${firstLine(error)}`);
    window = createStartupProblemWindow(describeStartupFailure(error, app.getPath('userData')), {
      icon: windowIcon,
      appOrigin: renderer.origin,
      onClosed: () => app.quit(),
    });
    return;
  }
  // not 'before-quit': a window may still refuse to close (Compose asks about an unsent email), and then
  // the quit is called off with the services still needed
  app.on('will-quit', () => void services.close());

  const open = () => {
    window = createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      url: renderer.url,
      appOrigin: renderer.origin,
      icon: windowIcon,
      packaged: app.isPackaged, // DevTools closed in packaged builds (window-options.ts)
    });
    window.on('closed', () => {
      window = null;
    });
  };
  open();
  app.on('activate', () => {
    if (!window) open();
  });
  // today's count and "Pause all sending" while the window is hidden (the engine keeps running in it)
  const tray = createSendingTray({
    iconPath: trayIcon,
    pause: services.sending,
    sentToday: () => services.mailboxes.health().reduce((n, m) => n + m.sentToday, 0),
    show: () => {
      if (!window) return open();
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    },
  });
  app.on('will-quit', () => tray.destroy());
}
