import type { App, BrowserWindow } from 'electron';

type FocusableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>;

/**
 * One Fairsend per data folder: two would run two send journals and two audit writers on the same files.
 * Electron's lock lives in the user-data folder. The first instance keeps it; a second start hands its
 * arguments to the first (which brings its window forward) and quits. Returns whether this one may run.
 */
export function holdSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  currentWindow: () => FocusableWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = currentWindow();
    if (!window) return; // still starting: its window comes up on its own
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
