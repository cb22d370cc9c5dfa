import { Suspense, useEffect } from 'react';
import { AuditRecoveryNotice } from '../features/audit-recovery/AuditRecoveryNotice';
import type { AppServices } from '../services/app-services';
import { AREAS, type Area, useApp } from '../store';
import { readAddress } from '../store/address';
import { Nav } from './Nav';
import { screenFor } from './screens';
import { Toasts } from './Toasts';
import { StartupProblem, WithServices } from './WithServices';

const LOADING = <div className="screen" aria-busy="true" />;

/** The window's frame, drawn at once; the screen comes in when its code and the window's services are ready. */
export function App({ services }: { services: Promise<AppServices> }) {
  const area = useApp((s) => s.area);
  const theme = useApp((s) => s.theme);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    // The address already says where: take the screen from it, keeping what it opens there (`?settings=…`).
    const onHash = () => {
      const next = readAddress(window.location.hash).screen;
      if ((AREAS as readonly string[]).includes(next)) useApp.setState({ area: next as Area });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Nav
        onSendingResumed={() =>
          void services.then(
            (s) => s.engine.wakeIfWaiting(),
            () => undefined,
          )
        }
      />
      <main id="main" tabIndex={-1}>
        <AuditRecoveryNotice />
        <StartupProblem>
          <WithServices services={services} fallback={LOADING}>
            <Suspense fallback={LOADING}>
              <CurrentScreen area={area} />
            </Suspense>
          </WithServices>
        </StartupProblem>
      </main>
      <Toasts />
    </div>
  );
}

/** Picks the screen when it renders (under the services), by when the first screen's chunk is usually in. */
function CurrentScreen({ area }: { area: Area }) {
  const Screen = screenFor(area);
  return <Screen />;
}
