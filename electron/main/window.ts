import { BrowserWindow } from 'electron';
import { hardenContents } from './security';
import { type StartupProblem, startupProblemUrl } from './startup-problem';

export interface WindowOptions {
  preloadPath: string;
  /** what to load: app://fairsend/index.html, or the Vite dev server in `npm run dev` (see rendererLocation) */
  url: string;
  /** the one origin that may stay in the window (and call the bridge) */
  appOrigin: string;
  /** the window icon (Linux shows it; Windows and macOS take the executable's) */
  icon: string;
  /** false in packaged builds: no DevTools for whoever sits at the rep's computer */
  devTools: boolean;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Fairsend',
    icon: options.icon,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
      devTools: options.devTools,
      // the sequence engine runs in this window: a hidden or minimised window must keep its timers on time
      backgroundThrottling: false,
    },
  });
  hardenContents(window.webContents, options.appOrigin);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}

/**
 * The window shown when Fairsend cannot start: a static page (no preload, no scripts, no bridge) saying what
 * happened and what to do. Closing it quits, on macOS too.
 */
export function createStartupProblemWindow(
  problem: StartupProblem,
  options: Pick<WindowOptions, 'icon' | 'appOrigin'> & { onClosed: () => void },
): BrowserWindow {
  const window = new BrowserWindow({
    width: 640,
    height: 560,
    title: 'Fairsend could not start',
    icon: options.icon,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: false,
      devTools: false,
    },
  });
  hardenContents(window.webContents, options.appOrigin);
  window.on('closed', options.onClosed);
  void window.loadURL(startupProblemUrl(problem));
  return window;
}
