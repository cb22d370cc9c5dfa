import type { BreakerThresholds } from '../../../shared/compliance/breakers';
import type { OAuthStart } from '../../../shared/ipc/mailboxes';
import type { PostmasterStatus } from '../../../shared/ipc/postmaster';
import { AppError } from '../../../shared/ipc/result';
import type { TeamStatus } from '../../../shared/ipc/team';
import type { TeamReputationView } from '../../../shared/team/postmaster';
import type { GmailSettings } from '../mailboxes/gmail/gmail-settings';
import type { TeamReputationStore } from '../team/team-reputation';
import type { Vault } from '../vault/vault';
import { createPostmasterConnection } from './postmaster-connection';
import { createRefreshTimer, readFigures } from './postmaster-figures';
import { shareFigures } from './postmaster-share';
import { openPostmasterState } from './postmaster-state';
import { teamReputationView } from './reputation-view';
import { createSignInFlows } from './sign-in-flows';

export { POSTMASTER_TOKEN } from './postmaster-connection';
export { POSTMASTER_REFRESH_MS } from './postmaster-figures';

export interface PostmasterServiceDeps {
  /** postmaster.json in main's data folder (nothing in it is a secret) */
  file: string;
  vault: Pick<Vault, 'status' | 'put' | 'take' | 'remove'>;
  clients: { gmail(): Promise<GmailSettings | null> };
  team: {
    status(): Pick<TeamStatus, 'joined' | 'role'>;
    manage(path: string, options?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<unknown>;
  };
  reputation: TeamReputationStore;
  thresholds(): BreakerThresholds;
  now: () => number;
  newId: () => string;
  openSignInPage?: (url: string) => Promise<void>;
  signInTimeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Google Postmaster Tools for the team: an owner or admin connects, their desktop reads the chosen domains' figures
 * now and every few hours and shares them as the team's `postmaster` document; every member reads them back.
 */
export function createPostmasterService(deps: PostmasterServiceDeps) {
  const state = openPostmasterState(deps.file);
  const connection = createPostmasterConnection(deps);
  const flows = createSignInFlows<PostmasterStatus>(deps);
  const refresh = createRefreshTimer(async () => {
    if (connection.canConnect() && (await connection.connected())) await fetchAndShare();
  });

  async function status(): Promise<PostmasterStatus> {
    const picked = new Set(state.chosenDomains());
    return {
      canConnect: connection.canConnect(),
      connected: await connection.connected(),
      domains: state.current().domains.map((d) => ({ ...d, chosen: picked.has(d.domain) })),
      lastFetchAt: state.current().lastFetchAt,
      problem: state.current().problem,
    };
  }

  async function fetchAndShare(): Promise<PostmasterStatus> {
    connection.requireAdmin();
    if (!(await connection.connected()))
      throw new AppError('not-found', 'Connect Google Postmaster Tools first (Settings → Team).');
    try {
      const figures = await readFigures(await connection.client(), state.chosenDomains(), deps.now());
      await shareFigures(deps, figures);
      state.save({ lastFetchAt: deps.now(), problem: null });
    } catch (error) {
      if (error instanceof AppError) state.save({ problem: error.message });
      throw error;
    }
    return status();
  }

  /** the whole sign-in, run in the background of `connect`: seal, list the domains, share a first read */
  async function signInAndShare(openBrowser: (url: string) => Promise<void>): Promise<PostmasterStatus> {
    await connection.signIn(openBrowser);
    state.save({ chosen: null });
    const domains = await (await connection.client()).listDomains();
    if (!domains.ok) throw new AppError(domains.error.code, domains.error.message);
    state.save({ domains: domains.value, problem: null });
    await fetchAndShare().catch(() => {}); // the problem, if any, is in the status
    refresh.start();
    return status();
  }

  return {
    status,
    async connect(): Promise<OAuthStart> {
      connection.requireAdmin();
      if (!connection.canSeal())
        throw new AppError(
          'unavailable',
          'Fairsend cannot store the Google sign-in safely on this computer.',
        );
      await connection.client(); // the OAuth client id must be set before the browser opens
      return flows.start(signInAndShare);
    },
    finishConnect: (flowId: string): Promise<PostmasterStatus> => flows.finish(flowId),
    async choose(domains: string[]): Promise<PostmasterStatus> {
      connection.requireAdmin();
      state.choose(domains);
      return status();
    },
    fetch: fetchAndShare,
    async disconnect(): Promise<PostmasterStatus> {
      connection.forget();
      state.save({ domains: [], chosen: null, problem: null });
      refresh.stop();
      return status();
    },
    /** a connection kept from an earlier run goes on being refreshed */
    async start(): Promise<void> {
      if (await connection.connected().catch(() => false)) refresh.start();
    },
    close: (): void => refresh.stop(),
    reputation: (joined: boolean): TeamReputationView =>
      teamReputationView(joined, deps.reputation, deps.now(), deps.thresholds),
  };
}

export type PostmasterService = ReturnType<typeof createPostmasterService>;
