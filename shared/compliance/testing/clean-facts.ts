import { evaluateBreaker } from '../breakers';
import type { ContentInput } from '../content';
import type { GateFacts } from '../gate';
import { dailyCap } from '../limits';
import { SuppressionIndex } from '../suppression-index';

/** A Wednesday, 15:00 in Berlin: inside every default send window. */
export const CLEAN_NOW = Date.UTC(2026, 10, 25, 14, 0);

/**
 * Gate facts with nothing wrong except what `content` brings: a sender identity, a valid recipient with MX,
 * an empty suppression list, a warmed mailbox under its cap, and aligned sender authentication.
 */
export function cleanGateFacts(content: ContentInput): GateFacts {
  return {
    now: CLEAN_NOW,
    kind: 'sequence',
    profile: {
      company: 'Fairsend Ltd',
      postalAddress: 'Torstraße 1, 10119 Berlin',
      unsubscribeBaseUrl: 'https://team.fairsend.example',
      unsubscribeMailto: 'unsubscribe@fairsend.example',
    },
    recipient: { address: 'dana@acme.example', timeZone: 'Europe/Berlin' },
    mx: { kind: 'found', hosts: ['mx.acme.example'] },
    suppression: {
      ready: true,
      index: new SuppressionIndex(),
      addressKey: 'a'.repeat(64),
      domainKey: 'd'.repeat(64),
    },
    limits: {
      cap: dailyCap({ provider: 'google-workspace', createdAt: CLEAN_NOW - 60 * 86_400_000, now: CLEAN_NOW }),
      sentToday: 0,
      breaker: evaluateBreaker({ sends: 0, hardBounces: 0, complaints: 0 }),
      mailboxTimeZone: 'Europe/Berlin',
    },
    senderAuth: { verdict: 'ok', reasons: [], consumer: null },
    content,
  };
}
