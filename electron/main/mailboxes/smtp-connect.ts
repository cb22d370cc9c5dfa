import type { MailboxInfo, SmtpConnectRequest } from '../../../shared/ipc/mailboxes';
import { smtpConnectRequest } from '../../../shared/ipc/mailboxes';
import { AppError } from '../../../shared/ipc/result';
import { checkEmail } from '../../../shared/leads/email';
import { providerFor } from '../../../shared/mailboxes/provider';
import { createImapReader, type ImapOptions, type ImapReader } from '../send/transports/imap-reader';
import type { ReadableMailTransport } from '../send/transports/mail-transport';
import { createSmtpTransport, type SmtpOptions, type SmtpTransport } from '../send/transports/smtp-transport';
import type { Vault } from '../vault/vault';
import { checkSmtpHost, type Lookup } from './host-check';
import type { MailboxStore } from './mailbox-store';

export interface SmtpMailboxDeps {
  store: MailboxStore;
  vault: Vault;
  now: () => number;
  newId: () => string;
  lookup?: Lookup | undefined;
  /** extra CA certificates to trust for SMTP and IMAP (a local server with its own certificate; tests) */
  smtpCa?: string | undefined;
  /** builds the SMTP transport; tests may wrap it, production uses the real one */
  smtpTransport?: ((options: SmtpOptions) => SmtpTransport) | undefined;
  /** builds the IMAP reader; tests may wrap it, production uses the real one */
  imapReader?: ((options: ImapOptions) => ImapReader) | undefined;
}

type SmtpInfo = NonNullable<MailboxInfo['smtp']>;
type ImapInfo = NonNullable<SmtpInfo['imap']>;

export const secretName = (id: string, what: 'password' | 'dkim' | 'imap-password') =>
  `mailbox:${id}:${what}`;

/**
 * SMTP mailboxes, with an optional IMAP login for replies and the Sent folder. Connecting verifies SMTP and
 * IMAP before anything is saved; the IMAP password is sealed only when it differs from the SMTP one.
 */
export function createSmtpMailboxes(deps: SmtpMailboxDeps) {
  const makeSmtp = deps.smtpTransport ?? createSmtpTransport;
  const makeImap = deps.imapReader ?? createImapReader;
  const ca = deps.smtpCa ? { ca: deps.smtpCa } : {};

  const smtpOptions = (info: SmtpInfo, password: string, pool = false): SmtpOptions => ({
    host: info.host,
    port: info.port as SmtpOptions['port'],
    security: info.security,
    user: info.user,
    password,
    pool,
    ...ca,
  });

  const imapOptions = (info: ImapInfo, password: string): ImapOptions => ({
    host: info.host,
    port: info.port as ImapOptions['port'],
    security: info.security,
    user: info.user,
    password,
    ...ca,
  });

  async function imapPassword(id: string, smtpPassword: string) {
    return (await deps.vault.take(secretName(id, 'imap-password'))) ?? smtpPassword;
  }

  /** Both logins, without sending or reading anything; the first failure in words, or null. */
  async function check(smtp: SmtpInfo, password: string, imapPass: string): Promise<AppError | null> {
    const probe = makeSmtp(smtpOptions(smtp, password));
    const sent = await probe.verify();
    await probe.close();
    if (!sent.ok) return AppError.from(sent.error);
    if (!smtp.imap) return null;
    const reader = makeImap(imapOptions(smtp.imap, imapPass));
    const read = await reader.verify();
    await reader.close();
    return read.ok ? null : AppError.from(read.error);
  }

  return {
    async connect(raw: SmtpConnectRequest, requireVault: () => void): Promise<MailboxInfo> {
      const request = smtpConnectRequest.parse(raw);
      const address = checkEmail(request.address);
      if (!address.ok) throw new AppError('invalid-input', address.message);
      if (deps.store.all().some((m) => m.address === address.address)) {
        throw new AppError('conflict', 'This mailbox is already connected.');
      }
      requireVault();
      for (const name of [request.host, ...(request.imap ? [request.imap.host] : [])]) {
        const host = await checkSmtpHost(name, request.localRelay, deps.lookup);
        if (!host.ok) throw new AppError('invalid-input', host.message);
      }
      const imap = request.imap && {
        host: request.imap.host,
        port: request.imap.port,
        security: request.imap.security,
        user: request.imap.user ?? request.user,
      };
      const smtp: SmtpInfo = {
        host: request.host,
        port: request.port,
        security: request.security,
        user: request.user,
        localRelay: request.localRelay,
        ...(imap ? { imap } : {}),
      };
      const imapPass = request.imap?.password ?? request.password;
      const failed = await check(smtp, request.password, imapPass);
      if (failed) throw failed;

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
        if (imap && imapPass !== request.password)
          await deps.vault.put(secretName(id, 'imap-password'), imapPass);
        if (request.dkim) await deps.vault.put(secretName(id, 'dkim'), request.dkim.privateKeyPem);
        deps.store.put(info);
      } catch (error) {
        deps.vault.removeAll(`mailbox:${id}:`); // nothing half-saved
        throw error;
      }
      return info;
    },

    /** The mailbox card's check: the first failure (in words, with a refused certificate), or null. */
    async test(info: MailboxInfo & { smtp: SmtpInfo }): Promise<AppError | null> {
      const password = (await deps.vault.take(secretName(info.id, 'password'))) ?? '';
      return check(info.smtp, password, await imapPassword(info.id, password));
    },

    /** The pooled send transport; with IMAP it also saves to Sent, finds in Sent and reads the inbox. */
    async transport(info: MailboxInfo & { smtp: SmtpInfo }): Promise<ReadableMailTransport> {
      const password = await deps.vault.take(secretName(info.id, 'password'));
      if (password === null)
        throw new AppError('auth-expired', 'The password for this mailbox is missing. Connect it again.');
      if (!info.smtp.imap) return makeSmtp(smtpOptions(info.smtp, password, true));
      const reader = makeImap(imapOptions(info.smtp.imap, await imapPassword(info.id, password)));
      const smtp = makeSmtp({
        ...smtpOptions(info.smtp, password, true),
        // Sent holds a copy only once we made it (a follow-up after `accepted`), so not finding a message
        // there proves nothing; finding it proves it was sent
        findSent: reader.findSent,
        saveSentCopy: reader.appendSent,
      });
      return {
        ...smtp,
        fetchInbox: reader.fetchInbox,
        async close() {
          await smtp.close();
          await reader.close();
        },
      };
    },
  };
}
