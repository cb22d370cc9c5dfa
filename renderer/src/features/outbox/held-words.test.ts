import { describe, expect, it } from 'vitest';
import { UNKNOWN_WHY } from '../../../../shared/ipc/send';
import { HELD_INTRO, whatHappened, whatNext } from './held-words';

describe('the words for a held email', () => {
  it('say what happened for every reason, without a code', () => {
    for (const why of UNKNOWN_WHY) {
      const text = whatHappened({ why });
      expect(text.length).toBeGreaterThan(30);
      expect(text).not.toContain(why);
      expect(text).not.toMatch(/[a-z]+-[a-z]+/); // no kebab-case codes
    }
  });

  it('tell the rep whether Fairsend will settle it by itself', () => {
    expect(whatNext({ checkingAgain: true }, 'gmail')).toMatch(/ask Gmail again/);
    expect(whatNext({ checkingAgain: false }, 'smtp')).toMatch(/cannot find out by itself.*Sent folder/);
    expect(HELD_INTRO).toMatch(/will not send them again on its own/);
  });
});
