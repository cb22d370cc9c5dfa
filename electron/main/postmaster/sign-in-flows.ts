import type { OAuthStart } from '../../../shared/ipc/mailboxes';
import { AppError } from '../../../shared/ipc/result';

const KEEP_OUTCOME_MS = 10 * 60_000;

export interface SignInFlowsDeps {
  newId: () => string;
  /** set when the system browser is opened for the rep; otherwise the page shows the address */
  openSignInPage?: (url: string) => Promise<void>;
}

/**
 * Browser sign-ins that outlive the bridge call starting them: `start` answers as soon as the sign-in page's address
 * is known, and `finish` waits for the outcome by flow id (kept a while, so a late `finish` still gets it).
 */
export function createSignInFlows<T>(deps: SignInFlowsDeps) {
  const flows = new Map<string, Promise<T>>();
  return {
    async start(run: (openBrowser: (url: string) => Promise<void>) => Promise<T>): Promise<OAuthStart> {
      let shown: (url: string) => void = () => {};
      const urlShown = new Promise<string>((resolve) => {
        shown = resolve;
      });
      const done = run(async (url) => {
        shown(url);
        await deps.openSignInPage?.(url);
      });
      const flowId = deps.newId();
      flows.set(flowId, done);
      const forget = () => setTimeout(() => flows.delete(flowId), KEEP_OUTCOME_MS).unref();
      done.then(forget, forget);
      const url = await Promise.race([urlShown, done.then(() => null)]);
      if (url === null) throw new AppError('internal', 'The sign-in ended before it started.');
      return { flowId, authorizationUrl: url, openedBySystem: deps.openSignInPage !== undefined };
    },
    async finish(flowId: string): Promise<T> {
      const flow = flows.get(flowId);
      if (!flow) throw new AppError('not-found', 'This sign-in is no longer running. Start again.');
      try {
        return await flow;
      } finally {
        flows.delete(flowId);
      }
    },
  };
}
