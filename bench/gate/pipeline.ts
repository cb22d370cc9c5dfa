/**
 * The per-draft work of the send path in main, network aside, as electron/main/send/send-service.ts does it:
 * syntax check, MX from the DNS cache, the address and domain HMACs (the real team key), plain text from the
 * HTML when there is none, `decide(facts)`, then for drafts that pass the unsubscribe token and `assembleMessage`
 * (with the mailbox signature). The sender-auth result is computed once up front, as the DNS cache makes it.
 */
import { randomUUID } from 'node:crypto';
import type { TeamKey } from '../../electron/main/secrets/team-key';
import { assembleMessage } from '../../shared/compliance/assemble';
import type { BreakerState } from '../../shared/compliance/breakers';
import { decide } from '../../shared/compliance/gate';
import { dailyCap } from '../../shared/compliance/limits';
import { htmlToText } from '../../shared/compliance/links';
import type { MxAnswer } from '../../shared/compliance/recipient';
import type { DnsCache, SenderAuthResult } from '../../shared/compliance/sender-auth';
import type { SuppressionIndex } from '../../shared/compliance/suppression-index';
import type { SendDraft } from '../../shared/ipc/send';
import type { ComplianceProfile } from '../../shared/ipc/settings';
import { checkEmail } from '../../shared/leads/email';

export interface PipelineContext {
  now: number;
  timeZone: string;
  profile: ComplianceProfile;
  mailbox: { id: string; address: string; displayName: string; signature: string; createdAt: number };
  teamKey: TeamKey;
  dns: DnsCache;
  index: SuppressionIndex;
  senderAuth: SenderAuthResult;
  breaker: BreakerState;
  sentToday: number;
}

export type Outcome = 'ok' | 'warn' | 'block' | 'refused';
const NXDOMAIN: MxAnswer = { kind: 'nxdomain' };

export async function processDraft(draft: SendDraft, ctx: PipelineContext): Promise<Outcome> {
  const { now } = ctx;
  const recipient = checkEmail(draft.to);
  const [mx, keys] = await Promise.all([
    recipient.ok ? ctx.dns.mx(recipient.domain) : Promise.resolve(NXDOMAIN),
    recipient.ok
      ? Promise.all([
          ctx.teamKey.suppressionKeys('address', [recipient.address]),
          ctx.teamKey.suppressionKeys('domain', [recipient.domain]),
        ])
      : Promise.resolve([[''], ['']]),
  ]);
  const text = draft.text?.trim() ? draft.text : htmlToText(draft.html);
  const decision = decide({
    now,
    kind: draft.kind,
    profile: ctx.profile,
    recipient: { address: draft.to, ...(draft.leadTimeZone ? { timeZone: draft.leadTimeZone } : {}) },
    mx,
    suppression: {
      ready: true,
      index: ctx.index,
      addressKey: keys[0]?.[0] ?? '',
      domainKey: keys[1]?.[0] ?? '',
    },
    limits: {
      cap: dailyCap({ provider: 'google-workspace', createdAt: ctx.mailbox.createdAt, now }),
      sentToday: ctx.sentToday,
      breaker: ctx.breaker,
      mailboxTimeZone: ctx.timeZone,
    },
    senderAuth: ctx.senderAuth,
    content: { subject: draft.subject, html: draft.html, text, isFirstTouch: draft.isFirstTouch },
  });
  if (decision.verdict === 'block') return 'block';

  const token = await ctx.teamKey.unsubscribeToken(draft.to, ctx.mailbox.id, now);
  const signature = ctx.mailbox.signature;
  const assembled = assembleMessage({
    sender: { name: ctx.mailbox.displayName, address: ctx.mailbox.address },
    identity: { company: ctx.profile.company, postalAddress: ctx.profile.postalAddress },
    recipient: { address: draft.to, ...(draft.toName ? { name: draft.toName } : {}) },
    subject: draft.subject,
    html: `${draft.html}<p>${signature.replace(/\n/g, '<br>')}</p>`,
    text: `${text}\n\n${signature}`,
    unsubscribe: {
      httpsUrl: `${ctx.profile.unsubscribeBaseUrl.replace(/\/$/, '')}/u/${token}`,
      mailto: ctx.profile.unsubscribeMailto,
    },
    ...(draft.thread ? { thread: draft.thread } : {}),
    messageIdLocal: `fs.${randomUUID()}`,
  });
  return assembled.ok ? decision.verdict : 'refused';
}
