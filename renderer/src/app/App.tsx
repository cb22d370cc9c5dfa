import { Suspense, useEffect } from 'react';
import { AuditRecoveryNotice } from '../features/audit-recovery/AuditRecoveryNotice';
import type { AppServices } from '../services/app-services';
import { AREAS, type Area, useApp } from '../store';
import { Nav } from './Nav';
import { SCREENS } from './screens';
import { Toasts } from './Toasts';
import { StartupProblem, WithServices } from './WithServices';

/** The window's frame, drawn at once; the screen comes in when its code and the window's services are ready. */
export function App({ services }: { services: Promise<AppServices> }) {
  const area = useApp((s) => s.area);
  const theme = useApp((s) => s.theme);
  const go = useApp((s) => s.go);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const onHash = () => {
      const next = window.location.hash.replace(/^#\/?/, '');
      if ((AREAS as readonly string[]).includes(next)) go(next as Area);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [go]);

  const Screen = SCREENS[area];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Nav />
      <main id="main" tabIndex={-1}>
        <AuditRecoveryNotice />
        <StartupProblem>
          <Suspense fallback={<div className="screen" aria-busy="true" />}>
            <WithServices services={services}>
              <Screen />
            </WithServices>
          </Suspense>
        </StartupProblem>
      </main>
      <Toasts />
    </div>
  );
}
