import { describe, expect, it } from 'vitest';
import { FIX_TARGETS, REASONS, type ReasonCode } from '../../../../shared/compliance/reasons';
import { AREAS } from '../../store';
import { FIX_PLACES, fixPlaceOf } from './fix-places';

describe('fix buttons', () => {
  it('map every fix target of the reason catalogue to a screen that exists', () => {
    expect(Object.keys(FIX_PLACES).sort()).toEqual([...FIX_TARGETS].sort());
    for (const place of Object.values(FIX_PLACES)) expect(AREAS).toContain(place.area);
  });

  it('give a button to every reason whose fix is a place, and to no other', () => {
    for (const code of Object.keys(REASONS) as ReasonCode[]) {
      const goTo = (REASONS[code] as { goTo?: keyof typeof FIX_PLACES }).goTo;
      expect(fixPlaceOf(code), code).toEqual(goTo === undefined ? undefined : FIX_PLACES[goTo]);
    }
    expect(fixPlaceOf('identity-missing')).toEqual({ label: 'Open Settings', area: 'settings' });
    expect(fixPlaceOf('dkim-selector-unknown')).toEqual({ label: 'Open Mailboxes', area: 'mailboxes' });
    expect(fixPlaceOf('auth-expired')).toBeUndefined(); // a stored send failure code
  });
});
