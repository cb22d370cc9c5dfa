import type { ImapSettingsRequest, MailboxInfo } from '../../../shared/ipc/mailboxes';
import { imapSettingsRequest } from '../../../shared/ipc/mailboxes';
import { AppError } from '../../../shared/ipc/result';
import { createImapReader } from '../send/transports/imap-reader';
import { checkSmtpHost } from './host-check';
import { type SmtpMailboxDeps, secretName } from './smtp-connect';

type SmtpInfo = NonNullable<MailboxInfo['smtp']>;
export type SmtpMailbox = MailboxInfo & { smtp: SmtpInfo };

/**
 * IMAP for an SMTP mailbox after it was connected: add, change or remove. A new login is checked against the
 * server before anything is saved (as when connecting); its password is sealed only when it differs from
 * the SMTP one, and a password left out keeps the one IMAP uses now.
 */
export function createImapSettings(
  deps: Pick<SmtpMailboxDeps, 'vault' | 'lookup' | 'smtpCa' | 'imapReader'>,
) {
  const makeImap = deps.imapReader ?? createImapReader;
  const imapSecret = (id: string) => secretName(id, 'imap-password');

  async function passwords(id: string) {
    const smtp = (await deps.vault.take(secretName(id, 'password'))) ?? '';
    return { smtp, imap: (await deps.vault.take(imapSecret(id))) ?? smtp };
  }

  return {
    async apply(info: SmtpMailbox, raw: Omit<ImapSettingsRequest, 'id'>): Promise<MailboxInfo> {
      const { imap: request } = imapSettingsRequest.parse({ id: info.id, ...raw });
      if (request === null) {
        deps.vault.remove(imapSecret(info.id));
        const { imap: _removed, ...smtp } = info.smtp;
        return { ...info, smtp };
      }
      const host = await checkSmtpHost(request.host, info.smtp.localRelay, deps.lookup);
      if (!host.ok) throw new AppError('invalid-input', host.message);
      const imap = {
        host: request.host,
        port: request.port,
        security: request.security,
        user: request.user ?? info.smtp.user,
      };
      const known = await passwords(info.id);
      const password = request.password ?? known.imap;
      const reader = makeImap({
        ...imap,
        port: imap.port as 993 | 143,
        password,
        ...(deps.smtpCa ? { ca: deps.smtpCa } : {}),
      });
      const read = await reader.verify();
      await reader.close();
      if (!read.ok) throw AppError.from(read.error);
      if (password === known.smtp) deps.vault.remove(imapSecret(info.id));
      else await deps.vault.put(imapSecret(info.id), password);
      return { ...info, smtp: { ...info.smtp, imap } };
    },
  };
}
