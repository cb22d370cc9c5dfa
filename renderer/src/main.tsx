import { areaInAddress, preloadAllScreensLater, preloadScreen } from './app/screen-chunks';
import './styles.css';

// The page's first script is small and imports nothing that needs React or RxDB: it starts three chunks at once
// and waits for none of them. The database (RxDB and the composition root), the window's frame (React), and
// the code of the screen it opens on.
// Chromium opens an origin's IndexedDB store on the first request to it, which costs a few hundred milliseconds at
// a cold start; asking for the list of databases now starts that while the code below loads, not after it.
void indexedDB.databases?.().catch(() => {});
const services = import('./app/open-app').then((m) => m.openApp());
const frame = import('./app/boot');
preloadScreen(areaInAddress(location.hash));
preloadAllScreensLater(services);

document.documentElement.dataset.theme =
  localStorage.getItem('fairsend.theme') ??
  (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

void frame.then((m) => m.boot(services));
