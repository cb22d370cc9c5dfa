import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AppServices } from '../services/app-services';
import { App } from './App';

/** Draws the window's frame; the screen follows when `services` (the database) is ready. */
export function boot(services: Promise<AppServices>): void {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App services={services} />
    </StrictMode>,
  );
}
