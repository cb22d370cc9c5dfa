import { describe, expect, it } from 'vitest';
import { FIX_IN_HAND, FIX_TARGETS, REASONS } from './reasons';
import { CATALOGUE, fixProblems, fixTexts } from './testing/fix-texts';

describe('every fix the gate names', () => {
  it('walks every reason code of the catalogue', () => {
    expect(CATALOGUE.length).toBe(Object.keys(REASONS).length);
    expect(CATALOGUE.length).toBeGreaterThan(60);
  });

  it.each(CATALOGUE)(
    '%s: a fix says where it is done, and one that names a place has a button',
    (code, entry) => {
      expect(fixProblems(code, entry)).toEqual([]);
    },
  );

  it('the DKIM selector and SPF include fixes, and DNS failing, go to the places they name', () => {
    expect(REASONS['dkim-selector-unknown'].goTo).toBe('mailbox-settings');
    expect(REASONS['spf-sender-unknown'].goTo).toBe('mailbox-settings');
    expect(REASONS['dns-failing'].goTo).toBe('dns-servers');
    expect(fixTexts(REASONS['dns-failing'])[0]).toContain('Settings → Advanced');
  });

  it('fails for a fix that names settings with no way to get there, or says nothing of where', () => {
    const inSettings = 'Enter your DKIM selector in this mailbox’s settings.';
    expect(fixProblems('forged', { fix: inSettings, doneIn: 'outside' })).toEqual([
      `forged: "${inSettings}" names a place in the app but has no goTo`,
    ]);
    expect(fixProblems('forged', { fix: () => 'Open Settings → Advanced', doneIn: 'draft' })).toHaveLength(1);
    expect(fixProblems('forged', { fix: 'Shorten the subject.' })).toEqual([
      'forged: a fix needs exactly one of goTo or doneIn',
    ]);
    expect(fixProblems('forged', { fix: 'x', goTo: 'nowhere' })).toEqual([
      "forged: goTo 'nowhere' is not a fix target",
    ]);
    expect(fixProblems('forged', { goTo: FIX_TARGETS[0] })).toHaveLength(1);
    expect(Object.keys(FIX_IN_HAND)).toContain('outside');
  });
});
