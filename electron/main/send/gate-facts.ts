import { assembleMessage } from '../../../shared/compliance/assemble';
import { decide, type GateDecision } from '../../../shared/compliance/gate';
import { mailboxCapToday, startOfDay } from '../../../shared/compliance/limits';
import { htmlToText } from '../../../shared/compliance/links';
import type { Reason } from '../../../shared/compliance/reasons';
import { recipientDomain } from '../../../shared/compliance/recipient';
import { checkSenderAuth, type DnsCache } from '../../../shared/compliance/sender-auth';
import type { MailboxInfo } from '../../../shared/ipc/mailboxes';
import type { GateVerdict, SendDraft } from '../../../shared/ipc/send';
import { checkEmail } from '../../../shared/leads/email';
import { escapeHtml } from '../../../shared/text/escape-html';
import type { TeamKey } from '../secrets/team-key';
import type { ProfileStore } from '../settings/profile-store';
import type { MailboxHealth } from './mailbox-health';
import type { SuppressionHolder } from './suppression-holder';

export interface GateFactsDeps {
  profile: ProfileStore;
  teamKey: TeamKey;
  dns: DnsCache;
  suppression: SuppressionHolder;
  health: MailboxHealth;
  /** the team's daily cap per mailbox, while in a team that set one (team-limits.ts) */
  teamCap?: () => number | undefined;
  now: () => number;
  /** the mailbox's own zone, for send windows when a lead has none, and for "today" */
  timeZone: string;
}

export const verdictOf = (d: GateDecision): GateVerdict => ({
  verdict: d.verdict,
  score: d.content.score,
  reasons: d.reasons,
  ...(d.scheduleAt !== undefined ? { scheduleAt: d.scheduleAt } : {}),
});

/**
 * The facts the gate decides on, gathered in main: MX and sender-auth through the DNS cache, the recipient's
 * suppression keys, today's sends (counted from the journal, unknown fates as sent) and the breaker.
 */
export async function gateDecision(deps: GateFactsDeps, draft: SendDraft, mailbox: MailboxInfo) {
  const now = deps.now();
  const recipient = checkEmail(draft.to);
  const domain = recipient.ok ? recipient.domain : recipientDomain(draft.to);
  const senderDomain = mailbox.address.slice(mailbox.address.lastIndexOf('@') + 1);
  const [mx, senderAuth, keys] = await Promise.all([
    domain ? deps.dns.mx(domain) : Promise.resolve({ kind: 'nxdomain' as const }),
    checkSenderAuth(
      {
        domain: senderDomain,
        kind: mailbox.kind,
        dkimSelectors: [
          ...(mailbox.dkim ? [mailbox.dkim.selector] : []),
          ...(mailbox.senderAuth?.dkimSelectors ?? []),
        ],
        smtpSpf: mailbox.senderAuth?.spf ?? [],
      },
      deps.dns,
    ),
    recipient.ok
      ? Promise.all([
          keysOf(deps.teamKey, 'address', recipient.address),
          keysOf(deps.teamKey, 'domain', recipient.domain),
        ])
      : Promise.resolve([[''], ['']]),
  ]);
  const text = draft.text?.trim() ? draft.text : htmlToText(draft.html);
  const decision = decide({
    now,
    kind: draft.kind,
    profile: deps.profile.get(),
    recipient: { address: draft.to, ...(draft.leadTimeZone ? { timeZone: draft.leadTimeZone } : {}) },
    mx,
    suppression: {
      ready: deps.suppression.ready,
      index: deps.suppression.index,
      addressKey: listedKey(deps.suppression.index, keys[0]),
      domainKey: listedKey(deps.suppression.index, keys[1]),
    },
    limits: {
      cap: mailboxCapToday(mailbox, now, deps.teamCap?.()),
      sentToday: deps.health.sentSince(mailbox.id, startOfDay(now, deps.timeZone)),
      breaker: deps.health.breaker(mailbox.id, now),
      pausedByRep: mailbox.pausedAt !== undefined,
      mailboxTimeZone: deps.timeZone,
      ...(draft.window ? { window: draft.window } : {}),
    },
    senderAuth,
    content: { subject: draft.subject, html: draft.html, text, isFirstTouch: draft.isFirstTouch },
  });
  return { now, decision, text, recipientKey: recipient.ok ? (keys[0]?.[0] ?? null) : null };
}

/** The recipient's keys under every key this desktop holds (the current key's first). */
function keysOf(teamKey: TeamKey, kind: 'address' | 'domain', value: string): Promise<string[]> {
  return teamKey.lookupKeys ? teamKey.lookupKeys(kind, value) : teamKey.suppressionKeys(kind, [value]);
}

/** The key the gate checks: the first one the list holds, else the current key. */
function listedKey(index: { has(key: string): boolean }, keys: readonly string[] | undefined): string {
  return keys?.find((key) => key && index.has(key)) ?? keys?.[0] ?? '';
}

/** The message as it goes out: footer, identity, RFC 8058 headers, and the key's own Message-ID. */
export async function assembleFor(
  deps: Pick<GateFactsDeps, 'profile' | 'teamKey'>,
  draft: SendDraft,
  mailbox: MailboxInfo,
  text: string,
  now: number,
  messageIdLocal: string,
) {
  const profile = deps.profile.get();
  if (!profile) return { ok: false as const, reasons: [] as Reason[] };
  const token = checkEmail(draft.to).ok
    ? await deps.teamKey.unsubscribeToken(draft.to, mailbox.id, now, draft.sequence?.sequenceId)
    : 'invalid';
  const signature = mailbox.signature.trim();
  return assembleMessage({
    sender: { name: mailbox.displayName, address: mailbox.address },
    identity: { company: profile.company, postalAddress: profile.postalAddress },
    recipient: { address: draft.to, ...(draft.toName ? { name: draft.toName } : {}) },
    subject: draft.subject,
    html: signature ? `${draft.html}<p>${escapeHtml(signature).replace(/\n/g, '<br>')}</p>` : draft.html,
    text: signature ? `${text}\n\n${signature}` : text,
    unsubscribe: {
      httpsUrl: `${profile.unsubscribeBaseUrl.replace(/\/$/, '')}/u/${token}`,
      mailto: profile.unsubscribeMailto,
    },
    ...(draft.thread ? { thread: draft.thread } : {}),
    messageIdLocal,
  });
}

/** `<local@domain>` → `local`: every attempt of a key assembles with its first Message-ID's local part. */
export function messageIdLocal(messageId: string): string {
  return messageId.slice(1, messageId.lastIndexOf('@'));
}
