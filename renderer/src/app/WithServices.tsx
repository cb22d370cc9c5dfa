import { Component, type ReactNode, use } from 'react';
import type { AppServices } from '../services/app-services';
import { ServicesProvider } from '../services/use-services';

/** The screens under it wait (Suspense) for the window's services; the frame around them does not. */
export function WithServices({
  services,
  children,
}: {
  services: Promise<AppServices>;
  children: ReactNode;
}) {
  return <ServicesProvider services={use(services)}>{children}</ServicesProvider>;
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
