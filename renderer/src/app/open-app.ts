import { call } from '../bridge/client';
import { openDatabase } from '../db/open-browser-db';
import type { AppServices } from '../services/app-services';
import { useApp } from '../store';
import { composeApp } from './composition';

/** The background work waits this long, then for a quiet moment (at most a second more). */
const START_AFTER_MS = 800;
const START_WITHIN_MS = 1000;

/**
 * Opens the window's database and builds its services (app/composition.ts). Its own chunk, with RxDB: main.tsx
 * starts it at once and draws the window's frame meanwhile. The background work (suppression sync, audit
 * mirror, inbox events) starts a moment later, when the browser is idle, so it does not compete with the first
 * screen for the database; main holds sends until the suppression list is loaded, so waiting costs nothing.
 */
export async function openApp(): Promise<AppServices> {
  const db = await openDatabase();
  performance.mark('fairsend:database-open'); // the UI bench reads this split of start-up
  const app = composeApp({ db, call, notify: (tone, text) => useApp.getState().notify(tone, text) });
  app.services.leadLists.warmFirstPage();
  setTimeout(() => {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => app.start(), { timeout: START_WITHIN_MS });
    } else {
      app.start();
    }
  }, START_AFTER_MS);
  return app.services;
}
