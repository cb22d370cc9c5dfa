/**
 * Every kind of event this device writes to its audit log, declared once: a typo is a type error at the
 * writer. The chain (chain.ts) hashes whatever `type` it is given, so events read back from a file or from
 * the team server stay plain strings; only writers are held to this list.
 */
export const AUDIT_EVENT_TYPES = {
  'send.sent': 'The gate passed a message and the mail server or API accepted it (warnings listed by code).',
  'send.blocked': 'The gate or message assembly refused a send; its reason codes are listed.',
  'send.failed': 'The gate passed a message but the transport did not deliver it (failure code, retryable).',
  'send.reconciled':
    'A send whose fate was open (a crash, an unanswered server) was settled by looking it up: sent or not sent.',
  'send.unknown':
    'A message may or may not have been delivered (the app stopped mid-send, or the server never answered): held for the rep.',
  'send.resolved': 'The rep settled a held message: "it was sent", or "send it again" (same Message-ID).',
  'outbox.scheduled':
    'The rep scheduled a one-off email the daily cap or send window held: its key, mailbox and time (the gate decides again then).',
  'outbox.cancelled': 'The rep cancelled a scheduled email before it went out.',
  'inbox.bounce': 'A hard bounce (5.x.x) came back for one of our messages.',
  'inbox.complaint':
    'A spam complaint (ARF report or a "this is spam" reply) came back for one of our messages.',
  'inbox.reply': 'A person replied to one of our messages.',
  'inbox.optout': 'A recipient opted out by reply or by mailto: unsubscribe.',
  'mailbox.resumed': 'The rep resumed a mailbox its circuit breaker had paused.',
  'mailbox.paused': 'The rep paused one mailbox ("Pause sending"): every send from it is held until resumed.',
  'mailbox.unpaused': 'The rep resumed sending from a mailbox they had paused.',
  'sending.paused': 'The rep paused all sending (the tray or the app): every send is refused until resumed.',
  'sending.resumed': 'The rep resumed sending after pausing it.',
  'suppression.added': 'An address or domain was put on the suppression list.',
  'suppression.removed': 'An entry was taken off the suppression list, with the reason the rep gave.',
  'suppression.imported': 'A do-not-contact file was imported into the suppression list.',
  'lead.erased': 'A lead was erased (GDPR art. 17); only its suppression key remains.',
  'audit.chain-restarted':
    "A damaged audit log was set aside and a new chain started: the old head, what was found, the rep's note.",
} as const satisfies Record<string, string>;

export type AuditEventType = keyof typeof AUDIT_EVENT_TYPES;

/**
 * The events the renderer may ask main to append (`audit.record`): changes it makes to its own data.
 * Send and inbox events are main's alone, since main is where their outcome is known.
 */
export const RENDERER_AUDIT_TYPES = [
  'suppression.added',
  'suppression.removed',
  'suppression.imported',
  'lead.erased',
  'outbox.scheduled',
  'outbox.cancelled',
] as const satisfies readonly AuditEventType[];

export type RendererAuditType = (typeof RENDERER_AUDIT_TYPES)[number];

export function isAuditEventType(type: unknown): type is AuditEventType {
  return typeof type === 'string' && Object.hasOwn(AUDIT_EVENT_TYPES, type);
}
