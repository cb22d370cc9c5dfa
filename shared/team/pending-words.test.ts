import { describe, expect, it } from 'vitest';
import { pendingInWords } from './pending-words';

describe('what waits to reach the team server, in words', () => {
  it('says nothing waits, one change, or the count with where they belong', () => {
    expect(pendingInWords(null)).toBe('Checking…');
    expect(pendingInWords({ suppression: 0, audit: 0, team: 0 })).toBe(
      'Nothing: the team server has all your changes',
    );
    expect(pendingInWords({ suppression: 1, audit: 0, team: 0 })).toBe(
      '1 change waiting to reach the team server',
    );
    expect(pendingInWords({ suppression: 0, audit: 3, team: 0 })).toBe(
      '3 changes waiting to reach the team server',
    );
    expect(pendingInWords({ suppression: 1200, audit: 3, team: 0 })).toBe(
      '1,203 changes waiting to reach the team server (1,200 to the suppression list, 3 in the activity log)',
    );
  });
});
