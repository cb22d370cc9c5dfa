import type { MailboxKind, MailboxProvider } from './mailbox';

const CONSUMER_GOOGLE = new Set(['gmail.com', 'googlemail.com']);
const CONSUMER_MICROSOFT = /^(outlook|hotmail|live|msn)\.[a-z.]+$/;

/**
 * Which provider's sending ceilings apply to a mailbox: consumer Gmail and Outlook.com have far lower
 * daily limits than Google Workspace and Microsoft 365, and an SMTP login to Google's or Microsoft's
 * servers is bound by the same limits as their API.
 */
export function providerFor(kind: MailboxKind, address: string, smtpHost = ''): MailboxProvider {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const host = smtpHost.toLowerCase();
  const google = kind === 'gmail' || host === 'smtp.gmail.com' || host === 'smtp.googlemail.com';
  const microsoft = kind === 'outlook' || host === 'smtp.office365.com' || host === 'smtp-mail.outlook.com';
  if (google) return CONSUMER_GOOGLE.has(domain) ? 'gmail' : 'google-workspace';
  if (microsoft) return CONSUMER_MICROSOFT.test(domain) ? 'outlook-com' : 'microsoft-365';
  return 'smtp';
}
