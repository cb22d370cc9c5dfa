import type { AuditEventType } from '../../../shared/audit/event-types';
import type {
  ImapSettingsRequest,
  MailboxHealthInfo,
  MailboxInfo,
  SmtpConnectRequest,
} from '../../../shared/ipc/mailboxes';
import { AppError, type AppErrorShape, type Result } from '../../../shared/ipc/result';
import { tokenStoreFromVault } from '../oauth/token-store';
import type { MailboxHealth } from '../send/mailbox-health';
import { createGmailTransport } from '../send/transports/gmail-transport';
import { createGraphTransport } from '../send/transports/graph-transport';
import type { ImapOptions, ImapReader } from '../send/transports/imap-reader';
import type { ReadableMailTransport } from '../send/transports/mail-transport';
import type { SmtpOptions, SmtpTransport } from '../send/transports/smtp-transport';
import type { Vault } from '../vault/vault';
import type { Lookup } from './host-check';
import { createImapSettings } from './imap-settings';
import { healthOf } from './mailbox-health-view';
import type { MailboxStore } from './mailbox-store';
import { createOAuthSignIn, type OAuthClients } from './oauth-signin';
import { createSmtpMailboxes, secretName } from './smtp-connect';

export interface MailboxServiceDeps {
  store: MailboxStore;
  vault: Vault;
  now: () => number;
  newId: () => string;
  lookup?: Lookup;
  /** extra CA certificates to trust for SMTP and IMAP (a local server with its own certificate; tests) */
  smtpCa?: string;
  /** builds the SMTP transport; tests may wrap it, production uses the real one */
  smtpTransport?: (options: SmtpOptions) => SmtpTransport;
  /** builds the IMAP reader of an SMTP mailbox; tests may wrap it */
  imapReader?: (options: ImapOptions) => ImapReader;
  /** the team's Google and Microsoft OAuth clients (Settings); without them Gmail and Outlook cannot connect */
  oauth?: OAuthClients;
  /** desktop: opens the sign-in page in the system browser; absent in browser mode (the page shows a link) */
  openSignInPage?: (url: string) => Promise<void>;
  signInTimeoutMs?: number;
  /** sends and breaker events, for today's count and the breaker on the Mailboxes screen */
  health?: {
    events: MailboxHealth;
    timeZone: string;
    /** the team's daily cap per mailbox, while in a team that set one */
    teamCap?: () => number | undefined;
    audit?: (type: AuditEventType, data: Record<string, unknown>) => Promise<unknown>;
  };
}

const NO_OAUTH: OAuthClients = { gmail: async () => null, outlook: () => null };
/** a Message-ID nobody sent: looking it up in Sent proves the token and the API work, and changes nothing */
const PROBE_MESSAGE_ID = '<connection-test@fairsend.invalid>';

/**
 * Mailboxes as main sees them: settings in a store, secrets in the vault, transports built on demand.
 * Connecting verifies the server and the login before anything is saved, so a failure leaves nothing behind.
 */
export function createMailboxService(deps: MailboxServiceDeps) {
  const oauth = deps.oauth ?? NO_OAUTH;
  const transports = new Map<string, ReadableMailTransport>();
  const smtp = createSmtpMailboxes(deps);
  const imapSettings = createImapSettings(deps);

  function requireMailbox(id: string): MailboxInfo {
    const found = deps.store.get(id);
    if (!found) throw new AppError('not-found', 'This mailbox is no longer connected.');
    return found;
  }

  function requireVault() {
    const status = deps.vault.status();
    if (!status.ok)
      throw new AppError('unavailable', `Fairsend cannot store the password safely here: ${status.reason}`);
  }

  async function dropTransport(id: string) {
    await transports.get(id)?.close();
    transports.delete(id);
  }

  const signIn = createOAuthSignIn({
    store: deps.store,
    vault: deps.vault,
    now: deps.now,
    newId: deps.newId,
    clients: oauth,
    ...(deps.openSignInPage ? { openSignInPage: deps.openSignInPage } : {}),
    ...(deps.signInTimeoutMs !== undefined ? { timeoutMs: deps.signInTimeoutMs } : {}),
    dropTransport,
    requireVault,
  });

  /**
   * A password or token that stopped working, or a server certificate refused, shows on the mailbox card with
   * what to do (a refused certificate with the certificate, so the card can offer to trust it).
   */
  function noteResult<R extends Result<unknown>>(id: string, result: R): R {
    const current = deps.store.get(id);
    if (!current || result.ok || current.lastError === result.error.message) return result;
    const { code, message, certificate } = result.error;
    if (code !== 'auth-expired' && !certificate) return result;
    const { lastCertificate: _before, ...rest } = current;
    deps.store.put({
      ...rest,
      lastError: message,
      ...(certificate ? { lastCertificate: certificate } : {}),
      lastCheckedAt: deps.now(),
    });
    return result;
  }

  function watched(id: string, transport: ReadableMailTransport): ReadableMailTransport {
    const fetchInbox = transport.fetchInbox?.bind(transport);
    return {
      kind: transport.kind,
      deliver: async (message, commit) => noteResult(id, await transport.deliver(message, commit)),
      findSent: async (messageId) => noteResult(id, await transport.findSent(messageId)),
      ...(transport.absenceProvesNotSentAfterMs !== undefined
        ? { absenceProvesNotSentAfterMs: transport.absenceProvesNotSentAfterMs }
        : {}),
      ...(transport.saveSentCopy ? { saveSentCopy: transport.saveSentCopy.bind(transport) } : {}),
      ...(fetchInbox
        ? { fetchInbox: async (cursor?: string) => noteResult(id, await fetchInbox(cursor)) }
        : {}),
      close: () => transport.close(),
    };
  }

  async function buildTransport(info: MailboxInfo): Promise<ReadableMailTransport> {
    const tokenStore = tokenStoreFromVault(deps.vault);
    if (info.kind === 'gmail') {
      const settings = await oauth.gmail();
      if (!settings) throw new AppError('unavailable', "Enter your team's Google OAuth client id first.");
      return createGmailTransport({ settings, mailboxId: info.id, tokenStore });
    }
    if (info.kind === 'outlook') {
      const settings = oauth.outlook();
      if (!settings) throw new AppError('unavailable', "Enter your team's Microsoft OAuth client id first.");
      return createGraphTransport({ settings, mailboxId: info.id, tokenStore });
    }
    return smtp.transport(requireSmtp(info));
  }

  function requireSmtp(info: MailboxInfo): MailboxInfo & { smtp: NonNullable<MailboxInfo['smtp']> } {
    if (!info.smtp) throw new AppError('internal', 'This mailbox has no SMTP settings. Connect it again.');
    return { ...info, smtp: info.smtp };
  }

  function requireHealth() {
    if (!deps.health) throw new AppError('unavailable', 'Mailbox health is not available here.');
    return deps.health;
  }

  return {
    list: () => deps.store.all(),

    /** Starts a Gmail or Outlook sign-in; `finishOAuth` waits for it. */
    connectOAuth: (kind: 'gmail' | 'outlook', reconnectId?: string) => signIn.start(kind, reconnectId),
    finishOAuth: (flowId: string) => signIn.finish(flowId),

    health(): MailboxHealthInfo[] {
      const { events, timeZone, teamCap } = requireHealth();
      return deps.store.all().map((m) => healthOf(m, events, deps.now(), timeZone, teamCap?.()));
    },

    async resume(id: string): Promise<MailboxHealthInfo> {
      const { events, timeZone, audit, teamCap } = requireHealth();
      const mailbox = requireMailbox(id);
      const now = deps.now();
      if (events.breaker(id, now).state === 'ok')
        throw new AppError('conflict', 'This mailbox is not paused or warned; there is nothing to resume.');
      await events.record(id, 'resumed', now);
      await audit?.('mailbox.resumed', { mailboxId: id });
      return healthOf(mailbox, events, now, timeZone, teamCap?.());
    },

    /**
     * The rep's own pause ("Pause sending" / "Resume sending" on the card), kept in the mailbox's record so it
     * outlives a restart: the gate holds every send from a paused mailbox. Audited; the breaker is untouched.
     */
    async setPaused(id: string, paused: boolean): Promise<MailboxInfo> {
      const { pausedAt, ...current } = requireMailbox(id);
      if (paused === (pausedAt !== undefined)) return requireMailbox(id);
      const next: MailboxInfo = paused ? { ...current, pausedAt: deps.now() } : current;
      deps.store.put(next);
      await deps.health?.audit?.(paused ? 'mailbox.paused' : 'mailbox.unpaused', { mailboxId: id });
      return next;
    },

    /** Verifies SMTP (and IMAP, when given) before saving anything. */
    connectSmtp: (raw: SmtpConnectRequest) => smtp.connect(raw, requireVault),

    async test(id: string): Promise<MailboxInfo> {
      const info = requireMailbox(id);
      let failure: Pick<AppErrorShape, 'message' | 'certificate'> | null = null;
      if (info.kind === 'smtp') {
        failure = await smtp.test(requireSmtp(info));
      } else {
        // an API call with the sealed token: refresh, scopes and the API itself, without sending anything
        const probe = await buildTransport(info);
        const found = await probe.findSent(PROBE_MESSAGE_ID);
        await probe.close();
        if (!found.ok) failure = found.error;
      }
      // a refused certificate stays with the card (it can be trusted there) until a check passes
      const { lastCertificate: _before, ...current } = requireMailbox(id);
      const next: MailboxInfo = {
        ...current,
        lastError: failure?.message ?? null,
        ...(failure?.certificate ? { lastCertificate: failure.certificate } : {}),
        lastCheckedAt: deps.now(),
      };
      deps.store.put(next);
      return next;
    },

    update(id: string, patch: Partial<Pick<MailboxInfo, 'displayName' | 'signature' | 'dailyCapOverride'>>) {
      const next = {
        ...requireMailbox(id),
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      deps.store.put(next);
      return next;
    },

    /** The provider's DKIM selectors and SPF terms, which the gate's sender-domain check looks up. */
    setSenderAuth(id: string, senderAuth: NonNullable<MailboxInfo['senderAuth']>): MailboxInfo {
      const current = requireMailbox(id);
      if (current.kind !== 'smtp' && senderAuth.spf.length > 0)
        throw new AppError(
          'invalid-input',
          'Gmail and Outlook mailboxes send through their own SPF include.',
        );
      const next = {
        ...current,
        senderAuth: {
          dkimSelectors: [...new Set(senderAuth.dkimSelectors)],
          spf: [...new Set(senderAuth.spf)],
        },
      };
      deps.store.put(next);
      return next;
    },

    /** Adds, changes (checked first) or removes IMAP; the send path's transport is rebuilt with it. */
    async setImap(id: string, imap: ImapSettingsRequest['imap']): Promise<MailboxInfo> {
      const current = requireSmtp(requireMailbox(id));
      requireVault();
      const next = await imapSettings.apply(current, { imap });
      deps.store.put(next);
      await dropTransport(id);
      return next;
    },

    async disconnect(id: string): Promise<null> {
      requireMailbox(id);
      await dropTransport(id);
      deps.vault.removeAll(`mailbox:${id}:`);
      deps.store.remove(id);
      return null;
    },

    /** The DKIM private key of a mailbox, for signing in main; never leaves main. */
    dkimKey: (id: string) => deps.vault.take(secretName(id, 'dkim')),

    /** The send path's transport for a mailbox (SMTP pooled, Gmail API, Graph), built once per mailbox. */
    async transportFor(id: string): Promise<ReadableMailTransport> {
      const existing = transports.get(id);
      if (existing) return existing;
      const transport = watched(id, await buildTransport(requireMailbox(id)));
      transports.set(id, transport);
      return transport;
    },

    /** After the OAuth client settings changed: Gmail and Outlook transports are rebuilt with the new client. */
    async dropOAuthTransports() {
      const oauthIds = [...transports.keys()].filter((id) => deps.store.get(id)?.kind !== 'smtp');
      await Promise.all(oauthIds.map(dropTransport));
    },

    async close() {
      await Promise.all([...transports.keys()].map(dropTransport));
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
