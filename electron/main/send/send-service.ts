import { randomUUID } from 'node:crypto';
import type { AuditEventType } from '../../../shared/audit/event-types';
import { assembleMessage } from '../../../shared/compliance/assemble';
import { decide, type GateDecision } from '../../../shared/compliance/gate';
import { mailboxCapToday, startOfDay } from '../../../shared/compliance/limits';
import { htmlToText } from '../../../shared/compliance/links';
import { mergeReasons, type Reason, reason } from '../../../shared/compliance/reasons';
import { recipientDomain } from '../../../shared/compliance/recipient';
import { checkSenderAuth, type DnsCache } from '../../../shared/compliance/sender-auth';
import type { MailboxInfo } from '../../../shared/ipc/mailboxes';
import { AppError } from '../../../shared/ipc/result';
import type { GateVerdict, SendDraft, SendOutcome, SendPreview } from '../../../shared/ipc/send';
import { checkEmail } from '../../../shared/leads/email';
import type { AuditLog } from '../audit/audit-log';
import type { MailboxService } from '../mailboxes/mailbox-service';
import type { TeamKey } from '../secrets/team-key';
import type { ProfileStore } from '../settings/profile-store';
import { deliverOnce } from './deliver-once';
import type { MailboxHealth } from './mailbox-health';
import { buildRawMessage } from './raw-message';
import type { SendJournal } from './send-journal';
import type { SuppressionHolder } from './suppression-holder';

export interface SendServiceDeps {
  mailboxes: MailboxService;
  profile: ProfileStore;
  teamKey: TeamKey;
  dns: DnsCache;
  suppression: SuppressionHolder;
  health: MailboxHealth;
  journal: SendJournal;
  audit: AuditLog;
  now: () => number;
  /** the mailbox's own zone, for send windows when a lead has none, and for "today" */
  timeZone: string;
  newMessageIdLocal?: () => string;
}

const verdictOf = (d: GateDecision): GateVerdict => ({
  verdict: d.verdict,
  score: d.content.score,
  reasons: d.reasons,
});

/**
 * The one send path in main: every message, whatever the mailbox kind, is decided by the gate, assembled
 * (footer, RFC 8058 headers), signed when the mailbox holds a DKIM key, journalled and only then handed to
 * the transport. Every attempt becomes an audit event, with reason codes and no body or plaintext recipient.
 */
export function createSendService(deps: SendServiceDeps) {
  const newLocal = deps.newMessageIdLocal ?? (() => `fs.${randomUUID()}`);

  function mailboxOf(id: string): MailboxInfo {
    const mailbox = deps.mailboxes.list().find((m) => m.id === id);
    if (!mailbox) throw new AppError('not-found', 'This mailbox is no longer connected.');
    return mailbox;
  }

  async function gather(draft: SendDraft, mailbox: MailboxInfo) {
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
          ...(mailbox.dkim ? { dkimSelectors: [mailbox.dkim.selector] } : {}),
        },
        deps.dns,
      ),
      recipient.ok
        ? Promise.all([
            deps.teamKey.suppressionKeys('address', [recipient.address]),
            deps.teamKey.suppressionKeys('domain', [recipient.domain]),
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
        addressKey: keys[0]?.[0] ?? '',
        domainKey: keys[1]?.[0] ?? '',
      },
      limits: {
        cap: mailboxCapToday(mailbox, now),
        sentToday: deps.health.sentSince(mailbox.id, startOfDay(now, deps.timeZone)),
        breaker: deps.health.breaker(mailbox.id, now),
        mailboxTimeZone: deps.timeZone,
      },
      senderAuth,
      content: { subject: draft.subject, html: draft.html, text, isFirstTouch: draft.isFirstTouch },
    });
    return { now, decision, text, recipientKey: recipient.ok ? (keys[0]?.[0] ?? null) : null };
  }

  async function assemble(draft: SendDraft, mailbox: MailboxInfo, text: string, now: number) {
    const profile = deps.profile.get();
    if (!profile) return { ok: false as const, reasons: [] as Reason[] };
    const token = checkEmail(draft.to).ok
      ? await deps.teamKey.unsubscribeToken(draft.to, mailbox.id, now)
      : 'invalid';
    const signature = mailbox.signature.trim();
    return assembleMessage({
      sender: { name: mailbox.displayName, address: mailbox.address },
      identity: { company: profile.company, postalAddress: profile.postalAddress },
      recipient: { address: draft.to, ...(draft.toName ? { name: draft.toName } : {}) },
      subject: draft.subject,
      html: signature ? `${draft.html}<p>${escapeSignature(signature)}</p>` : draft.html,
      text: signature ? `${text}\n\n${signature}` : text,
      unsubscribe: {
        httpsUrl: `${profile.unsubscribeBaseUrl.replace(/\/$/, '')}/u/${token}`,
        mailto: profile.unsubscribeMailto,
      },
      ...(draft.thread ? { thread: draft.thread } : {}),
      messageIdLocal: newLocal(),
    });
  }

  async function audit(type: AuditEventType, mailbox: MailboxInfo, data: Record<string, unknown>) {
    return deps.audit.append(type, { mailboxId: mailbox.id, ...data });
  }

  return {
    async preview(draft: SendDraft): Promise<SendPreview> {
      const mailbox = mailboxOf(draft.mailboxId);
      const { decision, text, now } = await gather(draft, mailbox);
      const assembled = await assemble(draft, mailbox, text, now);
      const reasons = assembled.ok ? decision.reasons : mergeReasons(decision.reasons, assembled.reasons);
      return {
        ...verdictOf(decision),
        ...(assembled.ok ? {} : { verdict: 'block' as const }),
        reasons,
        message: assembled.ok
          ? { headers: assembled.value.headers, html: assembled.value.html, text: assembled.value.text }
          : null,
      };
    },

    async send(key: string, draft: SendDraft): Promise<SendOutcome> {
      const existing = deps.journal.get(key);
      if (existing && !(existing.state === 'failed' && existing.retryable))
        return { status: 'duplicate', state: existing.state };
      const mailbox = mailboxOf(draft.mailboxId);
      // The audit names the recipient by its suppression key only, never by address.
      const { decision, text, now, recipientKey } = await gather(draft, mailbox);
      const blocked = async (gate: GateVerdict, retryAt?: number): Promise<SendOutcome> => ({
        status: 'blocked',
        gate,
        ...(retryAt ? { retryAt } : {}),
        audit: await audit('send.blocked', mailbox, {
          key,
          recipientKey,
          reasons: gate.reasons.map((r) => r.code),
        }),
      });
      if (decision.verdict === 'block') return blocked(verdictOf(decision), decision.retryAt);

      const assembled = await assemble(draft, mailbox, text, now);
      if (!assembled.ok)
        return blocked({ verdict: 'block', score: decision.content.score, reasons: assembled.reasons });
      const message = assembled.value;
      const dkimKey = mailbox.dkim ? await deps.mailboxes.dkimKey(mailbox.id) : null;
      const built = await buildRawMessage(
        message,
        mailbox.dkim && dkimKey ? { ...mailbox.dkim, privateKeyPem: dkimKey } : null,
        new Date(now),
      );
      if (!built.ok)
        return blocked({
          verdict: 'block',
          score: 0,
          reasons: [reason('dkim-sign-failed', built.error.message)],
        });
      const raw = built.value;

      const transport = await deps.mailboxes.transportFor(mailbox.id);
      const outcome = await deliverOnce(deps.journal, transport, {
        key,
        messageId: message.messageId,
        mailboxId: mailbox.id,
        raw,
        from: message.envelope.from,
        to: [message.envelope.to],
      });
      const gate = verdictOf(decision);
      const codes = gate.reasons.map((r) => r.code);
      if (outcome.status === 'duplicate') return outcome;
      if (outcome.status === 'sent') {
        await deps.health.record(mailbox.id, 'sent', deps.now());
        return {
          status: 'sent',
          messageId: message.messageId,
          providerId: outcome.providerId,
          gate,
          audit: await audit('send.sent', mailbox, {
            key,
            recipientKey,
            messageId: message.messageId,
            warnings: codes,
          }),
        };
      }
      return {
        status: 'failed',
        code: outcome.error.code,
        message: outcome.error.message,
        retryable: outcome.retryable,
        gate,
        audit: await audit('send.failed', mailbox, {
          key,
          recipientKey,
          code: outcome.error.code,
          retryable: outcome.retryable,
        }),
      };
    },
  };
}

function escapeSignature(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>');
}

export type SendService = ReturnType<typeof createSendService>;
