import { BrowserWindow } from 'electron';
import { hardenContents } from './security';
import { type StartupProblem, startupProblemUrl } from './startup-problem';
import { type MainWindowChoice, mainWindowOptions, startupProblemWindowOptions } from './window-options';

export interface WindowOptions extends MainWindowChoice {
  /** what to load: app://fairsend/index.html, or the Vite dev server in `npm run dev` (see rendererLocation) */
  url: string;
  /** the one origin that may stay in the window (and call the bridge) */
  appOrigin: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
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
  const window = new BrowserWindow(startupProblemWindowOptions(options.icon));
  hardenContents(window.webContents, options.appOrigin);
  window.on('closed', options.onClosed);
  void window.loadURL(startupProblemUrl(problem));
  return window;
}
