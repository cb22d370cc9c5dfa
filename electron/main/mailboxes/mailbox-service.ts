import type { MailboxInfo, SmtpConnectRequest } from '../../../shared/ipc/mailboxes';
import { smtpConnectRequest } from '../../../shared/ipc/mailboxes';
import { AppError } from '../../../shared/ipc/result';
import { checkEmail } from '../../../shared/leads/email';
import { providerFor } from '../../../shared/mailboxes/provider';
import type { MailTransport } from '../transport/mail-transport';
import { createSmtpTransport, type SmtpOptions, type SmtpTransport } from '../transport/smtp-transport';
import type { Vault } from '../vault/vault';
import { checkSmtpHost, type Lookup } from './host-check';
import type { MailboxStore } from './mailbox-store';

export interface MailboxServiceDeps {
  store: MailboxStore;
  vault: Vault;
  now: () => number;
  newId: () => string;
  lookup?: Lookup;
  /** extra CA certificates to trust for SMTP (a local relay with its own certificate; tests) */
  smtpCa?: string;
  /** builds the SMTP transport; tests may wrap it, production uses the real one */
  smtpTransport?: (options: SmtpOptions) => SmtpTransport;
}

const secretName = (id: string, what: 'password' | 'dkim') => `mailbox:${id}:${what}`;

/**
 * Mailboxes as main sees them: settings in a store, secrets in the vault, transports built on demand.
 * Connecting verifies the server and the login before anything is saved, so a failure leaves nothing behind.
 */
export function createMailboxService(deps: MailboxServiceDeps) {
  const makeSmtp = deps.smtpTransport ?? createSmtpTransport;
  const transports = new Map<string, MailTransport>();

  function smtpOptions(info: NonNullable<MailboxInfo['smtp']>, password: string, pool = false): SmtpOptions {
    return {
      host: info.host,
      port: info.port as SmtpOptions['port'],
      security: info.security,
      user: info.user,
      password,
      pool,
      ...(deps.smtpCa ? { ca: deps.smtpCa } : {}),
    };
  }

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

  return {
    list: () => deps.store.all(),

    async connectSmtp(raw: SmtpConnectRequest): Promise<MailboxInfo> {
      const request = smtpConnectRequest.parse(raw);
      const address = checkEmail(request.address);
      if (!address.ok) throw new AppError('invalid-input', address.message);
      if (deps.store.all().some((m) => m.address === address.address)) {
        throw new AppError('conflict', 'This mailbox is already connected.');
      }
      requireVault();
      const host = await checkSmtpHost(request.host, request.localRelay, deps.lookup);
      if (!host.ok) throw new AppError('invalid-input', host.message);
      const smtp = {
        host: request.host,
        port: request.port,
        security: request.security,
        user: request.user,
        localRelay: request.localRelay,
      };
      const probe = makeSmtp(smtpOptions(smtp, request.password));
      const verified = await probe.verify();
      await probe.close();
      if (!verified.ok) throw new AppError(verified.error.code, verified.error.message);

      const id = deps.newId();
      const info: MailboxInfo = {
        id,
        kind: 'smtp',
        address: address.address,
        displayName: request.displayName,
        signature: '',
        provider: providerFor('smtp', address.address, request.host),
        createdAt: deps.now(),
        dailyCapOverride: null,
        smtp,
        ...(request.dkim ? { dkim: { domain: address.domain, selector: request.dkim.selector } } : {}),
        lastError: null,
        lastCheckedAt: deps.now(),
      };
      try {
        await deps.vault.put(secretName(id, 'password'), request.password);
        if (request.dkim) await deps.vault.put(secretName(id, 'dkim'), request.dkim.privateKeyPem);
        deps.store.put(info);
      } catch (error) {
        deps.vault.removeAll(`mailbox:${id}:`); // nothing half-saved
        throw error;
      }
      return info;
    },

    async test(id: string): Promise<MailboxInfo> {
      const info = requireMailbox(id);
      let lastError: string | null = null;
      if (info.kind === 'smtp' && info.smtp) {
        const password = (await deps.vault.take(secretName(id, 'password'))) ?? '';
        const probe = makeSmtp(smtpOptions(info.smtp, password));
        const verified = await probe.verify();
        await probe.close();
        if (!verified.ok) lastError = verified.error.message;
      }
      const next = { ...info, lastError, lastCheckedAt: deps.now() };
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

    async disconnect(id: string): Promise<null> {
      requireMailbox(id);
      await dropTransport(id);
      deps.vault.removeAll(`mailbox:${id}:`);
      deps.store.remove(id);
      return null;
    },

    /** The DKIM private key of a mailbox, for signing in main; never leaves main. */
    dkimKey: (id: string) => deps.vault.take(secretName(id, 'dkim')),

    /** A pooled transport for the send path, built once per mailbox. */
    async transportFor(id: string): Promise<MailTransport> {
      const existing = transports.get(id);
      if (existing) return existing;
      const info = requireMailbox(id);
      if (info.kind !== 'smtp' || !info.smtp)
        throw new AppError('unavailable', 'This mailbox kind cannot send yet.');
      const password = await deps.vault.take(secretName(id, 'password'));
      if (password === null)
        throw new AppError('auth-expired', 'The password for this mailbox is missing. Connect it again.');
      const transport = makeSmtp(smtpOptions(info.smtp, password, true));
      transports.set(id, transport);
      return transport;
    },

    async close() {
      await Promise.all([...transports.keys()].map(dropTransport));
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
