import { type ComponentType, lazy } from 'react';
import type { Area } from '../store';
import { loadedScreen, SCREEN_CHUNKS } from './screen-chunks';

/**
 * Each screen is its own chunk, loaded when it is first shown: the window draws its frame before any screen's
 * code (or RxDB, which the screens' data needs) has been read.
 */
export const SCREENS: Record<Area, ComponentType> = {
  leads: lazy(SCREEN_CHUNKS.leads),
  sequences: lazy(SCREEN_CHUNKS.sequences),
  outbox: lazy(SCREEN_CHUNKS.outbox),
  mailboxes: lazy(SCREEN_CHUNKS.mailboxes),
  suppression: lazy(SCREEN_CHUNKS.suppression),
  team: lazy(SCREEN_CHUNKS.team),
  settings: lazy(SCREEN_CHUNKS.settings),
};

/**
 * A screen's component: the module itself once its chunk is in (main.tsx reads the first screen's at once),
 * so the first screen renders without suspending; else its lazy() wrapper.
 */
export function screenFor(area: Area): ComponentType {
  return loadedScreen(area) ?? SCREENS[area];
}
