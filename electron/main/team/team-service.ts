import { z } from 'zod';
import type { ComplianceProfile } from '../../../shared/compliance/profile';
import { AppError, type ErrorCode } from '../../../shared/ipc/result';
import type { TeamCollection, TeamEvents, TeamProblem, TeamStatus } from '../../../shared/ipc/team';
import {
  type Checkpoint,
  checkpointQuery,
  DOC_SCHEMAS,
  pullAnswerSchema,
  pushRowSchema,
  syncPath,
} from '../../../shared/team/replication';
import { checkServerUrl } from '../../../shared/team/server-url';
import type { Vault } from '../vault/vault';
import { callTeamServer, REMOVED_MESSAGE, TeamCallError, type TeamFailureKind } from './team-client';
import type { TeamKeyring } from './team-keyring';
import { adoptKey, type Membership, type TeamStateFile } from './team-state';
import { createTeamStreams } from './team-stream';
import type { TeamTls } from './team-tls';

export const TOKEN_NAME = 'team:device-token';

const joinAnswer = z.object({
  token: z.string().min(10).max(200),
  deviceId: z.string(),
  team: z.object({ id: z.string(), name: z.string(), key: z.string().regex(/^[0-9a-f]{64}$/) }),
  member: z.object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'admin', 'manager', 'rep', 'readonly']),
  }),
});

export interface TeamServiceDeps {
  state: TeamStateFile;
  keyring: TeamKeyring;
  vault: Pick<Vault, 'status' | 'put' | 'take' | 'remove'>;
  /** the sender identity; joining points its unsubscribe address at the team server */
  profile: { get(): ComplianceProfile | null; set(profile: ComplianceProfile): Promise<ComplianceProfile> };
  now: () => number;
  maxStreamBackoffMs?: number;
  /** the team server's certificate the rep trusted, used by every call (team-tls.ts); Node's fetch without */
  tls?: TeamTls;
}

const CODE_OF: Record<TeamFailureKind, ErrorCode> = {
  unreachable: 'transient',
  removed: 'auth-expired',
  outdated: 'rejected-permanent',
  invite: 'rejected-permanent',
  busy: 'rate-limited',
  refused: 'rejected-permanent',
  certificate: 'rejected-permanent',
};

/** A failed call as the bridge's error: the rep's words, and the refused certificate when there is one. */
const appErrorOf = (error: TeamCallError) =>
  new AppError(CODE_OF[error.kind], error.problem.message, error.problem.certificate);

/**
 * This desktop's membership of a team and every call to its server. The device token lives only in the vault
 * and the team key only in the keyring (both sealed); the renderer gets status, documents and stream events.
 */
export function createTeamService(deps: TeamServiceDeps) {
  let problem: TeamProblem | null = null;
  let lastPullAt: number | null = null;
  let version = 1;
  let token: string | null = null;
  const transport = deps.tls?.transport;

  const streams = createTeamStreams({
    ...(transport ? { transport } : {}),
    collections: ['suppression', 'team'],
    onTrouble: (error) => trouble(error),
    onConnected: () => {
      problem = null;
    },
    ...(deps.maxStreamBackoffMs ? { maxBackoffMs: deps.maxStreamBackoffMs } : {}),
  });

  const membership = (): Membership | null => deps.state.get().membership;
  const bump = () => {
    version++;
    streams.wake();
  };

  function trouble(error: TeamCallError): void {
    problem = error.problem;
    if (error.kind === 'removed' && membership()) endMembership(true);
  }

  /** Stops syncing and forgets the token; the keys stay (entries keyed under them keep suppressing). */
  function endMembership(removed: boolean): void {
    const ending = membership();
    streams.close();
    token = null;
    deps.vault.remove(TOKEN_NAME);
    deps.state.update((s) => ({ ...s, membership: null, removed }));
    if (removed)
      problem = { message: REMOVED_MESSAGE, ...(problem?.detail ? { detail: problem.detail } : {}) };
    if (ending) void restoreUnsubscribeAddress(ending).catch(() => {});
    bump();
  }

  async function restoreUnsubscribeAddress(ended: Membership): Promise<void> {
    const profile = deps.profile.get();
    if (profile?.unsubscribeBaseUrl === ended.server && ended.previousUnsubscribeBaseUrl)
      await deps.profile.set({ ...profile, unsubscribeBaseUrl: ended.previousUnsubscribeBaseUrl });
  }

  async function tokenOf(): Promise<string> {
    if (!membership()) throw new AppError('not-found', 'This computer is not in a team.');
    token ??= await deps.vault.take(TOKEN_NAME);
    if (!token) throw new AppError('auth-expired', REMOVED_MESSAGE);
    return token;
  }

  /** A call for a member: a failure is kept as the status's problem and thrown in words. */
  async function memberCall<T>(path: string, options: { method?: 'GET' | 'POST'; body?: unknown } = {}) {
    const base = membership()?.server;
    const auth = await tokenOf();
    if (!base) throw new AppError('not-found', 'This computer is not in a team.');
    try {
      const value = await callTeamServer<T>(base, path, { ...options, token: auth, transport });
      if (problem && streams.connected) problem = null;
      return value;
    } catch (error) {
      if (!(error instanceof TeamCallError)) throw error;
      trouble(error);
      throw appErrorOf(error);
    }
  }

  function status(): TeamStatus {
    const m = membership();
    const state = deps.state.get();
    return {
      joined: m !== null,
      server: m?.server ?? null,
      teamId: m?.teamId ?? null,
      teamName: m?.teamName ?? null,
      role: m?.role ?? null,
      memberEmail: m?.memberEmail ?? null,
      connected: m !== null && streams.connected,
      lastPullAt,
      problem,
      removed: m === null && state.removed,
      rekeyed: m?.rekeyed ?? false,
      version,
      trustedCertificate: m ? (deps.tls?.trustedFor(m.server) ?? null) : null,
    };
  }

  async function join(request: {
    serverUrl: string;
    inviteCode: string;
    deviceName: string;
    email?: string | undefined;
    name?: string | undefined;
  }) {
    if (membership())
      throw new AppError(
        'conflict',
        `This computer is already in ${membership()?.teamName}. Leave it first.`,
      );
    const url = checkServerUrl(request.serverUrl);
    if (!url.ok) throw new AppError('rejected-permanent', url.message);
    // the invite is spent by joining: make sure the token can be kept before asking for it
    const vaultStatus = deps.vault.status();
    if (!vaultStatus.ok) throw new AppError('unavailable', vaultStatus.reason);
    let answer: z.infer<typeof joinAnswer>;
    try {
      const raw = await callTeamServer<unknown>(url.url, '/v1/join', {
        method: 'POST',
        body: {
          code: request.inviteCode.trim(),
          deviceName: request.deviceName,
          ...(request.email?.trim() ? { email: request.email.trim() } : {}),
          ...(request.name?.trim() ? { name: request.name.trim() } : {}),
        },
        joining: true,
        transport,
      });
      answer = joinAnswer.parse(raw);
    } catch (error) {
      if (error instanceof TeamCallError) throw appErrorOf(error);
      throw new AppError(
        'rejected-permanent',
        `${new URL(url.url).host} did not answer as a Fairsend team server.`,
      );
    }
    await deps.keyring.store(answer.team.id, answer.team.key);
    await deps.vault.put(TOKEN_NAME, answer.token);
    token = answer.token;
    const previous = deps.profile.get()?.unsubscribeBaseUrl ?? null;
    deps.state.update((s) => ({
      membership: {
        server: url.url,
        teamId: answer.team.id,
        teamName: answer.team.name,
        deviceId: answer.deviceId,
        memberEmail: answer.member.email,
        role: answer.member.role,
        joinedAt: deps.now(),
        rekeyed: false,
        previousUnsubscribeBaseUrl: previous === url.url ? null : previous,
      },
      removed: false,
      keys: adoptKey(s.keys, answer.team.id),
    }));
    problem = null;
    await pointUnsubscribeAt(url.url);
    streams.open(url.url, answer.token);
    bump();
    return status();
  }

  /** The profile's address follows the team (https only, as the profile and the gate take nothing else). */
  async function pointUnsubscribeAt(server: string): Promise<void> {
    const profile = deps.profile.get();
    if (profile && server.startsWith('https://') && profile.unsubscribeBaseUrl !== server)
      await deps.profile.set({ ...profile, unsubscribeBaseUrl: server }).catch(() => {});
  }

  async function leave() {
    const m = membership();
    if (!m) return status();
    // revoke on the server when it answers; leaving never waits on it
    const auth = await deps.vault.take(TOKEN_NAME).catch(() => null);
    if (auth)
      await callTeamServer(m.server, `/v1/devices/${encodeURIComponent(m.deviceId)}/revoke`, {
        method: 'POST',
        body: {},
        token: auth,
        timeoutMs: 5000,
        transport,
      }).catch(() => {});
    problem = null;
    endMembership(false);
    return status();
  }

  async function pull(collection: TeamCollection, checkpoint: Checkpoint | null, limit: number) {
    const raw = await memberCall<unknown>(
      `${syncPath(collection, 'pull')}${checkpointQuery(checkpoint, limit)}`,
    );
    const parsed = pullAnswerSchema(DOC_SCHEMAS[collection]).safeParse(raw);
    if (!parsed.success)
      throw new AppError('rejected-permanent', 'The team server answered a pull Fairsend cannot read.');
    lastPullAt = deps.now();
    return parsed.data as { documents: Record<string, unknown>[]; checkpoint: Checkpoint | null };
  }

  async function push(collection: 'suppression' | 'audit', rows: unknown[]) {
    // only the contract's fields leave: a suppression row with anything else (a plaintext `value`) is cut to them
    const parsed = z.array(pushRowSchema(DOC_SCHEMAS[collection])).safeParse(rows);
    if (!parsed.success)
      throw new AppError(
        'invalid-input',
        `Invalid request for team.push: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    // what waits to be pushed is counted by the renderer's replication (renderer/src/db/team-pending.ts)
    return memberCall<Record<string, unknown>[]>(syncPath(collection, 'push'), {
      method: 'POST',
      body: parsed.data,
    });
  }

  /**
   * Trusts the certificate the team server shows now (Settings → Team, after a refusal): for the joined server,
   * or the address typed to join. While joined, the streams open again with it and the status's problem clears.
   */
  async function trustCertificate(serverUrl: string, fingerprint256: string) {
    if (!deps.tls)
      throw new AppError('unavailable', 'Trusting a team server certificate is not available here.');
    const url = checkServerUrl(serverUrl);
    if (!url.ok) throw new AppError('rejected-permanent', url.message);
    if (!url.url.startsWith('https://'))
      throw new AppError('invalid-input', 'Only an https:// team server has a certificate to trust.');
    const trusted = await deps.tls.trust(url.url, fingerprint256);
    await restartStreamsFor(url.url);
    return trusted;
  }

  async function forgetCertificate(serverUrl: string) {
    const url = checkServerUrl(serverUrl);
    if (!url.ok) throw new AppError('rejected-permanent', url.message);
    deps.tls?.forget(url.url);
    await restartStreamsFor(url.url);
    return null;
  }

  async function restartStreamsFor(server: string) {
    const m = membership();
    if (m?.server !== server) return;
    problem = null;
    streams.open(m.server, await tokenOf());
    bump();
  }

  return {
    status,
    join,
    leave,
    trustCertificate,
    forgetCertificate,
    pull,
    push,
    async events(after: number, waitMs: number): Promise<TeamEvents> {
      if (membership()) return { events: await streams.after(after, waitMs), statusVersion: version };
      await streams.idle(waitMs); // not in a team: answer when that changes, or after the wait
      return { events: [], statusVersion: version };
    },
    /** where one-click unsubscribe links point while joined (the profile's own address otherwise) */
    // https only: RFC 8058 links must be https and the gate refuses any other, so a team server tried out on
    // loopback over http leaves the links on the profile's own address
    unsubscribeBase: (): string | null => {
      const server = membership()?.server;
      return server?.startsWith('https://') ? server : null;
    },
    localOnly: () => deps.state.localOnly(),
    markRekeyed(teamId: string, localOnly: readonly string[], done: boolean) {
      const m = membership();
      if (!m || m.teamId !== teamId)
        throw new AppError('conflict', 'This computer is no longer in that team.');
      deps.state.addLocalOnly(localOnly);
      if (done) {
        deps.state.update((s) => ({ ...s, membership: { ...m, rekeyed: true } }));
        bump();
      }
      return status();
    },
    /** opens the live streams of a membership kept from an earlier run (once the vault can be read) */
    async start(): Promise<void> {
      const m = membership();
      if (!m || !deps.vault.status().ok) return;
      try {
        streams.open(m.server, await tokenOf());
      } catch {
        // a token that does not open: the next call says so in the status
      }
    },
    close: () => streams.close(),
    /** stats helper (team.stats): a member's GET through the sealed device token, failures in words */
    get: (path: string) => memberCall<unknown>(path),
    /**
     * members helper (team.members & co.): an owner's or admin's call. A refusal ("only an owner can…") is the
     * answer to that click, not a sync problem, so the status keeps the problem it had; a 401 still ends the
     * membership as on any call.
     */
    async manage(path: string, options: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<unknown> {
      const before = problem;
      try {
        return await memberCall<unknown>(path, options);
      } catch (error) {
        if (membership()) problem = before;
        throw error;
      }
    },
    /** members helper: the server device this computer joined as (to mark "this computer" in the list) */
    deviceId: (): string | null => membership()?.deviceId ?? null,
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
