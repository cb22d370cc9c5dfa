import type { ComponentType } from 'react';
import type { Area } from '../store';
import { readAddress } from '../store/address';

/**
 * Where each screen's code is: one chunk per screen, read when it is first shown (screens.ts), or at once for
 * the screen the window opens on (main.tsx). No React here, so the page's first script stays small.
 */
export const SCREEN_CHUNKS: Record<Area, () => Promise<{ default: ComponentType }>> = {
  leads: () => import('../features/leads/LeadsScreen').then((m) => ({ default: m.LeadsScreen })),
  sequences: () =>
    import('../features/sequences/SequencesScreen').then((m) => ({ default: m.SequencesScreen })),
  outbox: () => import('../features/outbox/OutboxScreen').then((m) => ({ default: m.OutboxScreen })),
  mailboxes: () =>
    import('../features/mailboxes/MailboxesScreen').then((m) => ({ default: m.MailboxesScreen })),
  suppression: () =>
    import('../features/suppression/SuppressionScreen').then((m) => ({ default: m.SuppressionScreen })),
  team: () => import('../features/team/TeamScreen').then((m) => ({ default: m.TeamScreen })),
  settings: () => import('./SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
};

function isArea(name: string): name is Area {
  return Object.hasOwn(SCREEN_CHUNKS, name);
}

/** The area the address names (#/leads), as the store reads it, without loading the store (it needs React). */
export function areaInAddress(hash: string): Area {
  const named = readAddress(hash).screen;
  return isArea(named) ? named : 'leads';
}

const loaded: Partial<Record<Area, ComponentType>> = {};

/** The screen's component, if its chunk has been read already. */
export function loadedScreen(area: Area): ComponentType | undefined {
  return loaded[area];
}

/** Starts reading a screen's chunk now (the browser keeps it for when lazy() asks). */
export function preloadScreen(area: Area): void {
  SCREEN_CHUNKS[area]().then(
    (m) => {
      loaded[area] = m.default;
    },
    () => {
      // the screen's own lazy() load reports it when it is shown
    },
  );
}

/**
 * Reads every other screen's chunk once the window has settled, so moving between screens never waits for
 * code (and a window keeps working if its files are replaced under it, as a rebuild does in browser mode).
 */
export function preloadAllScreensLater(after: Promise<unknown>): void {
  const all = () => {
    for (const area of Object.keys(SCREEN_CHUNKS).filter(isArea)) preloadScreen(area);
  };
  void after.then(() =>
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(all, { timeout: 2000 });
      else all();
    }, 1000),
  );
}
