import { describe, expect, it } from 'vitest';
import { failureOf, REMOVED_MESSAGE } from './team-client';

describe('team server failures in words', () => {
  it('426: this Fairsend is too old, with the code only in the details', () => {
    const failure = failureOf(426, 'too old', 'team.acme.com', false);
    expect(failure.kind).toBe('outdated');
    expect(failure.problem.message).toMatch(/too old for your team server\. Update Fairsend/);
    expect(failure.problem.message).not.toMatch(/426/);
    expect(failure.problem.detail).toBe('HTTP 426: too old');
  });

  it('401: this computer was removed from the team', () => {
    expect(failureOf(401, undefined, 'h', false)).toMatchObject({
      kind: 'removed',
      problem: { message: REMOVED_MESSAGE },
    });
    expect(REMOVED_MESSAGE).toMatch(/^This computer was removed from the team/);
  });

  it('a refused invite reads as one; a 5xx is the server having a problem, retried', () => {
    expect(failureOf(403, 'x', 'h', true).problem.message).toMatch(/invite code does not work/);
    expect(failureOf(403, 'Your role in the team does not allow this.', 'h', false).kind).toBe('refused');
    expect(failureOf(503, undefined, 'team.acme.com', false)).toMatchObject({ kind: 'unreachable' });
  });
});
