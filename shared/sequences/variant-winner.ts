/**
 * Judging A/B variants, pure: what a lead's answer was (from the inbox classifier's effects, shared/inbox/
 * classify.ts), and which variant of a step wins. A winner is judged on positive replies only — a reply that
 * asks to be removed (or reports spam) and an out-of-office auto-reply are answers, not interest — and only
 * once every variant has had enough sends for the comparison to mean something.
 */
import type { InboxEffectType } from '../inbox/classify';

/**
 * Sends each variant needs before a winner is named. Cold email gets a positive reply from roughly 1–5% of
 * leads, so under 100 sends a variant has a handful of positive replies at most, and one reply more or less
 * moves its rate by a whole point or more: the "winner" would be chance. 100 per variant is also the floor
 * the common cold-email tools advise before reading an A/B test (they suggest 100–200).
 */
export const MIN_SENDS_PER_VARIANT = 100;

/** A lead's answer to a step: interest (or at least a human engaging), a request to be removed, or an absence. */
export type ReplyKind = 'positive' | 'remove-me' | 'out-of-office';

/**
 * The answer a set of inbox effects for one lead's reply amounts to: a reply that also asks to stop or calls
 * it spam is a removal request (classify.ts gives such a reply both effects); an out-of-office is never a
 * reply; a bare opt-out or complaint is a removal request. Null when nothing answered (a bounce, nothing).
 */
export function replyKindOf(effects: readonly InboxEffectType[]): ReplyKind | null {
  if (effects.includes('optout') || effects.includes('complaint')) return 'remove-me';
  if (effects.includes('reply')) return 'positive';
  if (effects.includes('ooo')) return 'out-of-office';
  return null;
}

/** What the renderer keeps of an enrollment's end, and its lead's status, as written by the inbox's effects. */
export interface StoredAnswer {
  /** the enrollment's stop reason, when stopped */
  stopReason?: string | undefined;
  /** the enrollment's wait reason ('out-of-office' while an auto-reply holds it) */
  waitReason?: string | undefined;
  /** the lead's status: 'opted-out' once an opt-out or complaint was applied, even after a reply */
  leadStatus?: string | undefined;
}

/**
 * The inbox effects an enrollment's stored state stands for, judged by `replyKindOf`. A reply that asked to
 * be removed stops the enrollment as "replied" (the reply effect comes first) and leaves its lead opted out,
 * so the lead's status tells the two apart.
 */
export function answerOf(stored: StoredAnswer): ReplyKind | null {
  const effects: InboxEffectType[] = [];
  if (stored.stopReason === 'replied') effects.push('reply');
  if (stored.stopReason === 'opted-out') effects.push('optout');
  if (stored.stopReason === 'complained') effects.push('complaint');
  if (stored.stopReason === 'replied' && stored.leadStatus === 'opted-out') effects.push('optout');
  if (stored.waitReason === 'out-of-office') effects.push('ooo');
  return replyKindOf(effects);
}

export interface VariantTally {
  variant: string;
  sent: number;
  /** positive replies (replyKindOf → 'positive') */
  positive: number;
}

export type VariantVerdict =
  /** some variant has fewer sends than the minimum: `sends` is the fewest any variant has */
  | { kind: 'not-enough'; sends: number; needed: number }
  /** every variant has enough, and two or more share the best positive-reply rate */
  | { kind: 'level'; rate: number }
  | { kind: 'winner'; variant: string; rate: number; runnerUp: number };

/** The winner of a step's variants on positive replies per send, once each has `minSends` sends. */
export function judgeVariants(
  variants: readonly VariantTally[],
  minSends: number = MIN_SENDS_PER_VARIANT,
): VariantVerdict {
  const fewest = variants.length ? Math.min(...variants.map((v) => v.sent)) : 0;
  if (variants.length < 2 || fewest < minSends)
    return { kind: 'not-enough', sends: fewest, needed: minSends };
  const rated = variants
    .map((v) => ({ variant: v.variant, rate: v.positive / v.sent }))
    .sort((a, b) => b.rate - a.rate);
  const [best, next] = rated as [(typeof rated)[0], (typeof rated)[0]];
  if (best.rate === next.rate) return { kind: 'level', rate: best.rate };
  return { kind: 'winner', variant: best.variant, rate: best.rate, runnerUp: next.rate };
}

const percent = (rate: number) => {
  const p = rate * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
};

/** The verdict in the rep's words; `name` turns a variant id into what the screen calls it ("Variant B"). */
export function verdictWords(verdict: VariantVerdict, name: (variant: string) => string): string {
  switch (verdict.kind) {
    case 'not-enough':
      return `Not enough sends yet to pick a winner (${verdict.sends} of ${verdict.needed}).`;
    case 'level':
      return `No winner: the variants get the same share of positive replies (${percent(verdict.rate)}).`;
    case 'winner':
      return `${name(verdict.variant)} wins on positive replies: ${percent(verdict.rate)} against ${percent(verdict.runnerUp)} (requests to be removed and out-of-office replies are not counted).`;
  }
}
