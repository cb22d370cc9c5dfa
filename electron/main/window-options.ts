import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * What the app's windows may do, decided in one pure place so a test can hold it: the security settings are the
 * same in every build, and DevTools are closed in packaged builds (no DevTools for whoever sits at the rep's
 * computer: with them, the page and the bridge are one keystroke away).
 */

export interface MainWindowChoice {
  preloadPath: string;
  /** the window icon (Linux shows it; Windows and macOS take the executable's) */
  icon: string;
  /** `app.isPackaged`: an installed build, as a rep runs it */
  packaged: boolean;
}

/** Settings no window of the app may go without. */
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

export function mainWindowOptions(choice: MainWindowChoice): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Fairsend',
    icon: choice.icon,
    webPreferences: {
      ...LOCKED_DOWN,
      preload: choice.preloadPath,
      spellcheck: true,
      devTools: !choice.packaged,
      // the sequence engine runs in this window: a hidden or minimised window must keep its timers on time
      backgroundThrottling: false,
    },
  };
}

/** The start-up problem window: a static page, no preload, no script, no DevTools in any build. */
export function startupProblemWindowOptions(icon: string): BrowserWindowConstructorOptions {
  return {
    width: 640,
    height: 560,
    title: 'Fairsend could not start',
    icon,
    webPreferences: { ...LOCKED_DOWN, javascript: false, devTools: false },
  };
}
