import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { composeApp } from './app/composition';
import { call } from './bridge/client';
import { openDatabase } from './db/open-browser-db';
import { ServicesProvider } from './services/use-services';
import { useApp } from './store';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
document.documentElement.dataset.theme =
  localStorage.getItem('fairsend.theme') ??
  (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

openDatabase()
  .then((db) => {
    const app = composeApp({ db, call, notify: (tone, text) => useApp.getState().notify(tone, text) });
    app.start();
    root.render(
      <StrictMode>
        <ServicesProvider services={app.services}>
          <App />
        </ServicesProvider>
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
