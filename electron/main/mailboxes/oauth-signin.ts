import type { MailboxInfo, OAuthStart } from '../../../shared/ipc/mailboxes';
import { AppError } from '../../../shared/ipc/result';
import { checkEmail } from '../../../shared/leads/email';
import { providerFor } from '../../../shared/mailboxes/provider';
import { oauthSecretName } from '../oauth/token-store';
import type { Vault } from '../vault/vault';
import { connectGmail } from './gmail/gmail-connect';
import type { GmailSettings } from './gmail/gmail-settings';
import type { MailboxStore } from './mailbox-store';
import { connectOutlook } from './outlook/outlook-connect';
import type { OutlookSettings } from './outlook/outlook-settings';
import { stagingStore } from './outlook/sealed-cache-plugin';

export interface OAuthClients {
  gmail(): Promise<GmailSettings | null>;
  outlook(): OutlookSettings | null;
}

export interface OAuthSignInDeps {
  store: MailboxStore;
  vault: Vault;
  now: () => number;
  newId: () => string;
  clients: OAuthClients;
  /** desktop: the system browser; absent in browser mode, where the page shows the URL as a link */
  openSignInPage?: (url: string) => Promise<void>;
  /** how long the rep has to finish signing in; default 5 minutes */
  timeoutMs?: number;
  /** a cached transport holds the old token after a reconnect */
  dropTransport(id: string): Promise<void>;
  requireVault(): void;
}

type OAuthKind = 'gmail' | 'outlook';
const NAMES: Record<OAuthKind, string> = { gmail: 'Google', outlook: 'Microsoft' };
/** a finished flow's outcome waits this long for `finishOAuth` (the page may have been reloaded) */
const KEEP_OUTCOME_MS = 10 * 60_000;

/**
 * Gmail and Outlook sign-in as two bridge calls: `start` returns once the authorization URL exists (and the
 * system browser was asked to open it), `finish` waits for the loopback redirect and the code exchange.
 * Tokens are staged in memory and sealed into the vault only after the address checks out, so a failure,
 * a timeout or a refused account leaves nothing behind.
 */
export function createOAuthSignIn(deps: OAuthSignInDeps) {
  const flows = new Map<string, Promise<MailboxInfo>>();

  const missing = (kind: OAuthKind) =>
    new AppError(
      'unavailable',
      `Enter your team's ${NAMES[kind]} OAuth client id first (Mailboxes → Sign-in settings).`,
    );
  async function gmailClient(): Promise<GmailSettings> {
    const settings = await deps.clients.gmail();
    if (!settings) throw missing('gmail');
    return settings;
  }
  function outlookClient(): OutlookSettings {
    const settings = deps.clients.outlook();
    if (!settings) throw missing('outlook');
    return settings;
  }

  async function signIn(
    kind: OAuthKind,
    existing: MailboxInfo | undefined,
    openBrowser: (url: string) => Promise<void>,
  ): Promise<MailboxInfo> {
    const staged = stagingStore();
    const common = {
      tokenStore: staged,
      mailboxId: existing?.id ?? 'staged',
      openBrowser,
      ...(existing ? { expectedAddress: existing.address } : {}),
      ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    };
    const result =
      kind === 'gmail'
        ? await connectGmail({ ...common, settings: await gmailClient() })
        : await connectOutlook({ ...common, settings: outlookClient() });
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    const email = checkEmail(result.value.address);
    const secret = staged.value();
    if (!email.ok || secret === null)
      throw new AppError('rejected-permanent', `${NAMES[kind]} did not say which mailbox this is.`);

    // signing in again to a mailbox that is already connected is a reconnect, not a second copy
    const same = existing ?? deps.store.all().find((m) => m.address === email.address);
    if (same && same.kind !== kind)
      throw new AppError('conflict', `${email.address} is already connected as ${same.kind.toUpperCase()}.`);
    const info: MailboxInfo = same
      ? { ...same, lastError: null, lastCheckedAt: deps.now() }
      : {
          id: deps.newId(),
          kind,
          address: email.address,
          displayName: email.address.slice(0, email.address.indexOf('@')),
          signature: '',
          provider: providerFor(kind, email.address),
          createdAt: deps.now(),
          dailyCapOverride: null,
          lastError: null,
          lastCheckedAt: deps.now(),
        };
    try {
      await deps.vault.put(oauthSecretName(info.id), secret);
      deps.store.put(info);
    } catch (error) {
      if (!same) deps.vault.removeAll(`mailbox:${info.id}:`); // nothing half-saved
      throw error;
    }
    await deps.dropTransport(info.id);
    return info;
  }

  return {
    async start(kind: OAuthKind, reconnectId?: string): Promise<OAuthStart> {
      deps.requireVault(); // before the rep signs in, not after
      if (kind === 'gmail') await gmailClient();
      else outlookClient();
      const existing = reconnectId ? deps.store.get(reconnectId) : undefined;
      if (reconnectId && existing?.kind !== kind)
        throw new AppError('not-found', 'This mailbox is no longer connected.');
      let shown: (url: string) => void = () => {};
      const urlShown = new Promise<string>((resolve) => {
        shown = resolve;
      });
      const done = signIn(kind, existing, async (url) => {
        shown(url);
        await deps.openSignInPage?.(url);
      });
      const flowId = deps.newId();
      flows.set(flowId, done);
      const forget = () => setTimeout(() => flows.delete(flowId), KEEP_OUTCOME_MS).unref();
      done.then(forget, forget);
      try {
        // a flow that fails before there is a page to open (no listener, bad authority) fails this call
        const url = await Promise.race([urlShown, done.then(() => null)]);
        if (url === null) throw new AppError('internal', 'The sign-in ended before it started.');
        return { flowId, authorizationUrl: url, openedBySystem: deps.openSignInPage !== undefined };
      } catch (error) {
        flows.delete(flowId);
        throw error;
      }
    },

    async finish(flowId: string): Promise<MailboxInfo> {
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

export type OAuthSignIn = ReturnType<typeof createOAuthSignIn>;
