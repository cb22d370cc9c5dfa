import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../inbox/classify';
import { answerOf, judgeVariants, MIN_SENDS_PER_VARIANT, replyKindOf, verdictWords } from './variant-winner';

const OURS = '<fs.1@acme.test>';
const ctx = {
  isOurMessage: (id: string) => id === OURS,
  unsubscribeMailto: 'unsubscribe@acme.test',
  ownAddresses: ['rita@acme.test'],
};
/** A reply in our thread, classified by the real inbox classifier; its effects' types judged. */
function kindOfReply(subject: string, text: string, extra: string[] = []) {
  const raw = [
    'From: Jane <jane@example.test>',
    'To: rita@acme.test',
    `Subject: ${subject}`,
    `In-Reply-To: ${OURS}`,
    'Date: Tue, 05 Jan 2027 10:00:00 +0000',
    ...extra,
    '',
    text,
  ].join('\r\n');
  const c = classifyInbound({ raw, text, from: 'jane@example.test' }, ctx);
  return replyKindOf(c.effects.map((e) => e.type));
}

describe('what a lead’s answer was', () => {
  it('a reply showing interest is positive', () => {
    expect(kindOfReply('Re: A question', 'Sounds good, call me on Friday.')).toBe('positive');
  });

  it('a reply asking to be removed, or calling it spam, is not', () => {
    expect(kindOfReply('Re: A question', 'Please remove me from your list.')).toBe('remove-me');
    expect(kindOfReply('Re: A question', 'Unsubscribe me. Stop emailing me.')).toBe('remove-me');
  });

  it('an out-of-office is not', () => {
    expect(
      kindOfReply('Out of office: A question', 'I am out of the office until 13 January.', [
        'Auto-Submitted: auto-replied',
      ]),
    ).toBe('out-of-office');
  });

  it('reads the same from what the renderer stored after applying those effects', () => {
    expect(answerOf({ stopReason: 'replied', leadStatus: 'replied' })).toBe('positive');
    // the reply effect stops the enrollment as "replied" first; the opt-out leaves the lead opted out
    expect(answerOf({ stopReason: 'replied', leadStatus: 'opted-out' })).toBe('remove-me');
    expect(answerOf({ stopReason: 'opted-out' })).toBe('remove-me');
    expect(answerOf({ stopReason: 'complained' })).toBe('remove-me');
    expect(answerOf({ waitReason: 'out-of-office', leadStatus: 'contacted' })).toBe('out-of-office');
    expect(answerOf({ stopReason: 'bounced', leadStatus: 'bounced' })).toBeNull();
    expect(answerOf({ stopReason: 'company-replied', leadStatus: 'contacted' })).toBeNull();
    expect(answerOf({})).toBeNull();
  });
});

describe('the A/B winner of a step', () => {
  it('waits for the minimum of sends on every variant, and says how far it is', () => {
    const verdict = judgeVariants([
      { variant: 'va', sent: 250, positive: 20 },
      { variant: 'vb', sent: 99, positive: 0 },
    ]);
    expect(verdict).toEqual({ kind: 'not-enough', sends: 99, needed: MIN_SENDS_PER_VARIANT });
    expect(verdictWords(verdict, (v) => v)).toBe('Not enough sends yet to pick a winner (99 of 100).');
    expect(verdictWords(judgeVariants([]), (v) => v)).toBe(
      'Not enough sends yet to pick a winner (0 of 100).',
    );
  });

  it('names the variant with the best share of positive replies once each has enough', () => {
    const name = (v: string) => (v === 'vb' ? 'Variant B' : 'Variant A');
    const verdict = judgeVariants([
      { variant: 'va', sent: 100, positive: 2 },
      { variant: 'vb', sent: 120, positive: 6 },
    ]);
    expect(verdict).toEqual({ kind: 'winner', variant: 'vb', rate: 0.05, runnerUp: 0.02 });
    expect(verdictWords(verdict, name)).toBe(
      'Variant B wins on positive replies: 5.0% against 2.0% (requests to be removed and out-of-office replies are not counted).',
    );
  });

  it('does not let removal requests make a winner: only positive replies are compared', () => {
    // variant A drew more replies, most of them "remove me": tallied as positive replies only, B wins
    const verdict = judgeVariants([
      { variant: 'va', sent: 100, positive: 1 },
      { variant: 'vb', sent: 100, positive: 3 },
    ]);
    expect(verdict).toMatchObject({ kind: 'winner', variant: 'vb' });
  });

  it('calls it level when the best share is shared', () => {
    const verdict = judgeVariants([
      { variant: 'va', sent: 200, positive: 4 },
      { variant: 'vb', sent: 100, positive: 2 },
      { variant: 'vc', sent: 100, positive: 1 },
    ]);
    expect(verdict).toEqual({ kind: 'level', rate: 0.02 });
    expect(verdictWords(verdict, (v) => v)).toBe(
      'No winner: the variants get the same share of positive replies (2.0%).',
    );
  });
});
