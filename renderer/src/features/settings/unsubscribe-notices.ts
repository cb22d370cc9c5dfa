import type { ComplianceProfile, TeamServerStatus } from '../../../../shared/ipc/settings';
import type { MailboxInfo } from '../../../../shared/mailboxes/mailbox';

/** What a rep must know about where opt-outs arrive, and where to fix it (an area of the app). */
export interface UnsubscribeNotice {
  id: 'team-server' | 'mailto-unread';
  tone: 'info' | 'warning';
  text: string;
  fix?: { label: string; area: 'settings' | 'mailboxes' };
}

/**
 * Until a team server is joined, one-click unsubscribe clicks reach only the address in Settings, and the
 * mailto: opt-outs only a mailbox Fairsend reads (Gmail and Outlook read their inbox; SMTP needs IMAP).
 */
export function unsubscribeNotices(
  profile: ComplianceProfile | null,
  teamServer: TeamServerStatus | null,
  mailboxes: readonly MailboxInfo[],
): UnsubscribeNotice[] {
  if (!profile) return [];
  const notices: UnsubscribeNotice[] = [];
  const address = profile.unsubscribeBaseUrl;
  notices.push(
    teamServer?.answered
      ? {
          id: 'team-server',
          tone: 'info',
          text: `Until you join a team server, one-click unsubscribe clicks are only received if ${address} answers. It answered when you saved it.`,
        }
      : {
          id: 'team-server',
          tone: 'warning',
          text: `Until you join a team server, one-click unsubscribe clicks are only received if ${address} answers, and it did not answer${teamServer?.problem ? `: ${teamServer.problem}` : ' (not checked yet)'} People who click "Unsubscribe" may not be removed.`,
          fix: { label: 'Check the team server address in Settings', area: 'settings' },
        },
  );
  const mailto = profile.unsubscribeMailto.toLowerCase();
  const reader = mailboxes.find((m) => m.address.toLowerCase() === mailto);
  const read = reader && (reader.kind !== 'smtp' || reader.smtp?.imap !== undefined);
  if (!read) {
    const why = reader
      ? 'its mailbox has no IMAP set up, so Fairsend cannot read its inbox'
      : 'no connected mailbox has that address';
    notices.push({
      id: 'mailto-unread',
      tone: 'warning',
      text: `Opt-out emails to ${profile.unsubscribeMailto} are not being read: ${why}. Connect that mailbox (with IMAP for an SMTP mailbox), or use the address of one that is.`,
      fix: { label: 'Go to Mailboxes', area: 'mailboxes' },
    });
  }
  return notices;
}
