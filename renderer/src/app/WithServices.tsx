import { Component, type ReactNode, useEffect, useState } from 'react';
import type { AppServices } from '../services/app-services';
import { ServicesProvider } from '../services/use-services';

/**
 * The screens under it wait for the window's services; the frame around them does not. Not a Suspense `use()`:
 * React holds back content that replaces a Suspense fallback for up to 300 ms, and the first screen would wait.
 */
export function WithServices({
  services,
  fallback,
  children,
}: {
  services: Promise<AppServices>;
  fallback: ReactNode;
  children: ReactNode;
}) {
  const [ready, setReady] = useState<{ services: AppServices } | { error: unknown } | null>(null);
  useEffect(() => {
    let live = true;
    services.then(
      (value) => live && setReady({ services: value }),
      (error: unknown) => live && setReady({ error }),
    );
    return () => {
      live = false;
    };
  }, [services]);
  if (!ready) return fallback;
  // to StartupProblem, which says so where the screen would be
  if ('error' in ready) throw ready.error;
  return <ServicesProvider services={ready.services}>{children}</ServicesProvider>;
}

/** The database could not be opened (or a screen's code could not be read): say so where the screen would be. */
export class StartupProblem extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    const { error } = this.state;
    return (
      <div className="fatal" role="alert">
        <h1>Fairsend could not open its local database</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        <p>Close other Fairsend windows and start it again. Your data has not been changed.</p>
      </div>
    );
  }
}
