import { AppError } from '../../../shared/ipc/result';
import type { TeamStatus } from '../../../shared/ipc/team';
import type { GmailSettings } from '../mailboxes/gmail/gmail-settings';
import type { TokenStore } from '../oauth/token-store';
import type { Vault } from '../vault/vault';
import { createPostmasterClient, type PostmasterClient } from './postmaster-client';
import { postmasterTokenSource, signInToPostmaster } from './postmaster-connect';

export const POSTMASTER_TOKEN = 'postmaster:google:oauth';

export interface PostmasterConnectionDeps {
  vault: Pick<Vault, 'status' | 'put' | 'take' | 'remove'>;
  clients: { gmail(): Promise<GmailSettings | null> };
  team: { status(): Pick<TeamStatus, 'joined' | 'role'> };
  signInTimeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The admin's Google sign-in for Postmaster Tools: who may connect, the refresh token sealed in the vault, and a
 * client that reads with it. The token never leaves main.
 */
export function createPostmasterConnection(deps: PostmasterConnectionDeps) {
  const tokenStore: TokenStore = {
    load: () => deps.vault.take(POSTMASTER_TOKEN),
    save: (_id, secret) => deps.vault.put(POSTMASTER_TOKEN, secret),
    clear: async () => deps.vault.remove(POSTMASTER_TOKEN),
  };
  const canConnect = () => {
    const s = deps.team.status();
    return s.joined && (s.role === 'owner' || s.role === 'admin');
  };

  return {
    canConnect,
    requireAdmin(): void {
      if (!canConnect())
        throw new AppError(
          'forbidden',
          'Only the team’s owners and admins connect Google Postmaster Tools, on a computer that is in the team.',
        );
    },
    /** false without a real keyring: nothing could have been sealed */
    canSeal: () => deps.vault.status().ok,
    connected: async () => deps.vault.status().ok && (await deps.vault.take(POSTMASTER_TOKEN)) !== null,
    async client(): Promise<PostmasterClient> {
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
    },
    /** runs the browser sign-in and seals the refresh token it gives */
    async signIn(openBrowser: (url: string) => Promise<void>): Promise<void> {
      const settings = await deps.clients.gmail();
      if (!settings) throw new AppError('unavailable', 'The Google OAuth client id is not set.');
      const signedIn = await signInToPostmaster({
        settings,
        openBrowser,
        ...(deps.signInTimeoutMs !== undefined ? { timeoutMs: deps.signInTimeoutMs } : {}),
      });
      if (!signedIn.ok) throw new AppError(signedIn.error.code, signedIn.error.message);
      await deps.vault.put(POSTMASTER_TOKEN, signedIn.value.refreshToken);
    },
    forget(): void {
      deps.vault.remove(POSTMASTER_TOKEN);
    },
  };
}

export type PostmasterConnection = ReturnType<typeof createPostmasterConnection>;
