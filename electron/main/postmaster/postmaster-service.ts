import type { BreakerThresholds } from '../../../shared/compliance/breakers';
import { judgeDomainSpam } from '../../../shared/compliance/domain-reputation';
import type { OAuthStart } from '../../../shared/ipc/mailboxes';
import type { PostmasterStatus, TeamReputationView } from '../../../shared/ipc/postmaster';
import { AppError } from '../../../shared/ipc/result';
import type { TeamStatus } from '../../../shared/ipc/team';
import {
  normaliseDomain,
  POSTMASTER_DOC_ID,
  POSTMASTER_LIMITS,
  type PostmasterDomain,
  type PostmasterValue,
} from '../../../shared/team/postmaster';
import { syncPath, type TeamWireDoc } from '../../../shared/team/replication';
import type { GmailSettings } from '../mailboxes/gmail/gmail-settings';
import type { TokenStore } from '../oauth/token-store';
import { readJsonFile, writeJsonFile } from '../settings/json-file';
import type { TeamReputationStore } from '../team/team-reputation';
import type { Vault } from '../vault/vault';
import { createPostmasterClient, type PostmasterDomainInfo } from './postmaster-client';
import { postmasterTokenSource, signInToPostmaster } from './postmaster-connect';

export const POSTMASTER_TOKEN = 'postmaster:google:oauth';
/** how often a connected admin's desktop reads Postmaster Tools again (Google updates once a day) */
export const POSTMASTER_REFRESH_MS = 6 * 3_600_000;
const DAYS_FETCHED = 30;
const DAY_MS = 86_400_000;
const KEEP_OUTCOME_MS = 10 * 60_000;

interface Stored {
  domains: PostmasterDomainInfo[];
  /** null: every readable domain */
  chosen: string[] | null;
  lastFetchAt: number | null;
  problem: string | null;
}

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

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const readable = (d: PostmasterDomainInfo) => d.permission === 'OWNER' || d.permission === 'READER';

export function createPostmasterService(deps: PostmasterServiceDeps) {
  let stored = readJsonFile<Stored>(deps.file, {
    domains: [],
    chosen: null,
    lastFetchAt: null,
    problem: null,
  });
  const flows = new Map<string, Promise<PostmasterStatus>>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const tokenStore: TokenStore = {
    load: () => deps.vault.take(POSTMASTER_TOKEN),
    save: (_id, secret) => deps.vault.put(POSTMASTER_TOKEN, secret),
    clear: async () => deps.vault.remove(POSTMASTER_TOKEN),
  };

  const save = (next: Partial<Stored>) => {
    stored = { ...stored, ...next };
    writeJsonFile(deps.file, stored);
  };
  const canConnect = () => {
    const s = deps.team.status();
    return s.joined && (s.role === 'owner' || s.role === 'admin');
  };
  const chosen = () => stored.chosen ?? stored.domains.filter(readable).map((d) => d.domain);
  const connected = async () => deps.vault.status().ok && (await deps.vault.take(POSTMASTER_TOKEN)) !== null;

  async function status(): Promise<PostmasterStatus> {
    const picked = new Set(chosen());
    return {
      canConnect: canConnect(),
      connected: await connected(),
      domains: stored.domains.map((d) => ({ ...d, chosen: picked.has(d.domain) })),
      lastFetchAt: stored.lastFetchAt,
      problem: stored.problem,
    };
  }

  function requireAdmin(): void {
    if (!canConnect())
      throw new AppError(
        'forbidden',
        'Only the team’s owners and admins connect Google Postmaster Tools, on a computer that is in the team.',
      );
  }

  async function client() {
    const settings = await deps.clients.gmail();
    if (!settings)
      throw new AppError(
        'unavailable',
        "Enter your team's Google OAuth client id first (Mailboxes → Sign-in settings).",
      );
    return createPostmasterClient({
      settings,
      tokens: postmasterTokenSource(settings, tokenStore),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  }

  async function listDomains(): Promise<void> {
    const domains = await (await client()).listDomains();
    if (!domains.ok) throw new AppError(domains.error.code, domains.error.message);
    save({ domains: domains.value, problem: null });
  }

  /** reads every chosen domain's days; a domain Google will not show is marked, any other failure stops all */
  async function readFigures(): Promise<PostmasterValue> {
    const api = await client();
    const now = deps.now();
    const range = { from: utcDay(now - DAYS_FETCHED * DAY_MS), to: utcDay(now + DAY_MS) };
    const domains: PostmasterDomain[] = [];
    for (const domain of chosen().slice(0, POSTMASTER_LIMITS.maxDomains)) {
      const days = await api.trafficStats(domain, range);
      if (!days.ok && days.error.code === 'forbidden') {
        domains.push({ domain, days: [], problem: 'not-verified' });
        continue;
      }
      if (!days.ok) throw new AppError(days.error.code, days.error.message);
      const kept = days.value.slice(-POSTMASTER_LIMITS.maxDays);
      domains.push({ domain, days: kept, ...(kept.length === 0 ? { problem: 'no-data' as const } : {}) });
    }
    return { fetchedAt: now, domains };
  }

  /** the team's `postmaster` document, written over whatever the server holds (one retry on a conflict) */
  async function share(value: PostmasterValue): Promise<void> {
    const next: TeamWireDoc = { id: POSTMASTER_DOC_ID, value, updatedAt: deps.now(), _deleted: false };
    let assumed = deps.reputation.document() ?? undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const rows = [{ ...(assumed ? { assumedMasterState: assumed } : {}), newDocumentState: next }];
      const conflicts = await deps.team.manage(syncPath('team', 'push'), { method: 'POST', body: rows });
      const master = Array.isArray(conflicts)
        ? (conflicts as TeamWireDoc[]).find((d) => d.id === POSTMASTER_DOC_ID)
        : undefined;
      if (!master) {
        await deps.reputation.observe([next]);
        return;
      }
      assumed = master;
    }
    throw new AppError(
      'conflict',
      'Another admin shared Postmaster figures at the same moment. Fetch again.',
    );
  }

  async function fetchAndShare(): Promise<PostmasterStatus> {
    requireAdmin();
    if (!(await connected()))
      throw new AppError('not-found', 'Connect Google Postmaster Tools first (Settings → Team).');
    try {
      await share(await readFigures());
      save({ lastFetchAt: deps.now(), problem: null });
    } catch (error) {
      if (error instanceof AppError) save({ problem: error.message });
      throw error;
    }
    return status();
  }

  async function connect(openBrowser: (url: string) => Promise<void>): Promise<PostmasterStatus> {
    const settings = await deps.clients.gmail();
    if (!settings) throw new AppError('unavailable', 'The Google OAuth client id is not set.');
    const signedIn = await signInToPostmaster({
      settings,
      openBrowser,
      ...(deps.signInTimeoutMs !== undefined ? { timeoutMs: deps.signInTimeoutMs } : {}),
    });
    if (!signedIn.ok) throw new AppError(signedIn.error.code, signedIn.error.message);
    await deps.vault.put(POSTMASTER_TOKEN, signedIn.value.refreshToken);
    save({ chosen: null });
    await listDomains();
    await fetchAndShare().catch(() => {}); // the problem, if any, is in the status
    schedule();
    return status();
  }

  function schedule(): void {
    if (timer) return;
    timer = setInterval(() => {
      void (async () => {
        if (canConnect() && (await connected())) await fetchAndShare();
      })().catch(() => {}); // kept in the status's problem
    }, POSTMASTER_REFRESH_MS);
    timer.unref?.();
  }

  return {
    status,
    async connect(): Promise<OAuthStart> {
      requireAdmin();
      if (!deps.vault.status().ok)
        throw new AppError(
          'unavailable',
          'Fairsend cannot store the Google sign-in safely on this computer.',
        );
      await client(); // the OAuth client id must be set before the browser opens
      let shown: (url: string) => void = () => {};
      const urlShown = new Promise<string>((resolve) => {
        shown = resolve;
      });
      const done = connect(async (url) => {
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
    async finishConnect(flowId: string): Promise<PostmasterStatus> {
      const flow = flows.get(flowId);
      if (!flow) throw new AppError('not-found', 'This sign-in is no longer running. Start again.');
      try {
        return await flow;
      } finally {
        flows.delete(flowId);
      }
    },
    async choose(domains: string[]): Promise<PostmasterStatus> {
      requireAdmin();
      const known = new Set(stored.domains.map((d) => d.domain));
      const picked = [...new Set(domains.map(normaliseDomain))];
      const unknown = picked.find((d) => !known.has(d));
      if (unknown)
        throw new AppError('invalid-input', `${unknown} is not one of the domains in your Postmaster Tools.`);
      save({ chosen: picked });
      return status();
    },
    fetch: fetchAndShare,
    async disconnect(): Promise<PostmasterStatus> {
      deps.vault.remove(POSTMASTER_TOKEN);
      save({ domains: [], chosen: null, problem: null });
      if (timer) clearInterval(timer);
      timer = null;
      return status();
    },
    /** a connection kept from an earlier run goes on being refreshed */
    async start(): Promise<void> {
      if (await connected().catch(() => false)) schedule();
    },
    close(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
    /** `team.reputation`: the shared figures with today's verdict per domain, for every member */
    reputation(joined: boolean): TeamReputationView {
      if (!joined) return { joined: false };
      const value = deps.reputation.value();
      const now = deps.now();
      return {
        joined: true,
        fetchedAt: value?.fetchedAt ?? null,
        domains: (value?.domains ?? []).map((d) => {
          const verdict = judgeDomainSpam(d, { now, thresholds: deps.thresholds() });
          return { ...d, state: verdict.state, message: verdict.reasons[0]?.message ?? null };
        }),
      };
    },
  };
}

export type PostmasterService = ReturnType<typeof createPostmasterService>;
