import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startBackground } from './app/background';
import { DataProvider } from './app/data-context';
import { createLeadsRepo } from './db/leads-repo';
import { openDatabase } from './db/open-browser-db';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
document.documentElement.dataset.theme =
  localStorage.getItem('fairsend.theme') ??
  (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

openDatabase()
  .then((db) => {
    // One leads repo for the window: it keeps the status counters, and the inbox sync writes leads too.
    const leads = createLeadsRepo(db);
    startBackground(db, leads);
    root.render(
      <StrictMode>
        <DataProvider value={{ db, leads }}>
          <App />
        </DataProvider>
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(
      <div className="fatal" role="alert">
        <h1>Fairsend could not open its local database</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        <p>Close other Fairsend windows and start it again. Your data has not been changed.</p>
      </div>,
    );
  });
