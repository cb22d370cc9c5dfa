import { describe, expect, it } from 'vitest';
import { checkSendWindow } from '../compliance/limits';
import { canonicalTimeZone, offsetZone } from './time-zones';

describe('time zones as files spell them', () => {
  it.each([
    // UTC offsets: a whole hour is the fixed IANA zone, whose sign is inverted (POSIX)
    ['GMT+1', 'Etc/GMT-1'],
    ['gmt-8', 'Etc/GMT+8'],
    ['UTC-05:00', 'Etc/GMT+5'],
    ['UTC +2', 'Etc/GMT-2'],
    ['+0530', '+05:30'],
    ['UTC+5:45', '+05:45'],
    ['-03:30', '-03:30'],
    ['GMT', 'UTC'],
    ['UTC+0', 'UTC'],
    ['(GMT-05:00) Eastern Time (US & Canada)', 'America/New_York'],
    ['(GMT+01:00) Amsterdam, Berlin, Bern, Rome', 'Europe/Amsterdam'],
    // US abbreviations, as their region (daylight saving time included)
    ['EST', 'America/New_York'],
    ['EDT', 'America/New_York'],
    ['CST', 'America/Chicago'],
    ['CDT', 'America/Chicago'],
    ['MST', 'America/Denver'],
    ['MDT', 'America/Denver'],
    ['PST', 'America/Los_Angeles'],
    ['PDT', 'America/Los_Angeles'],
    ['AKST', 'America/Anchorage'],
    ['HST', 'Pacific/Honolulu'],
    // cities
    ['New York', 'America/New_York'],
    ['london', 'Europe/London'],
    ['Berlin', 'Europe/Berlin'],
    ['Paris', 'Europe/Paris'],
    ['Tokyo', 'Asia/Tokyo'],
    ['Sydney', 'Australia/Sydney'],
    ['San Francisco', 'America/Los_Angeles'],
    ['Frankfurt', 'Europe/Berlin'],
    // IANA names in any case
    ['europe/berlin', 'Europe/Berlin'],
  ])('reads %j as %s', (raw, zone) => {
    expect(canonicalTimeZone(raw)).toBe(zone);
  });

  it('reads Mumbai as India’s zone (whichever name the runtime gives it)', () => {
    expect(canonicalTimeZone('Mumbai')).toBe(canonicalTimeZone('Asia/Kolkata'));
    expect(canonicalTimeZone('Mumbai')).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
  });

  it.each(['Mars/Olympus', 'GMT+15', 'UTC+5:99', 'Atlantis', ''])('does not guess %j', (raw) => {
    expect(canonicalTimeZone(raw)).toBeNull();
  });

  it('keeps offsets IANA cannot name as fixed offsets', () => {
    expect(offsetZone(1, 14, 0)).toBe('Etc/GMT-14');
    expect(offsetZone(-1, 12, 0)).toBe('Etc/GMT+12');
    expect(offsetZone(-1, 13, 0)).toBe('-13:00');
  });

  // What is stored must be a zone the send window judges in, not one it silently replaces by the fallback.
  it.each(['GMT+1', '+0530', 'UTC-05:00', 'Mumbai'])('stores %j as a zone the send window uses', (raw) => {
    const timeZone = canonicalTimeZone(raw) ?? '';
    const now = Date.UTC(2026, 0, 7, 8, 0); // a Wednesday, 08:00 UTC
    const result = checkSendWindow({ now, timeZone, fallbackTimeZone: 'Pacific/Kiritimati' });
    expect(result.timeZone).toBe(timeZone);
  });

  it('judges the send window at the offset the file gave', () => {
    // 08:00 UTC is 09:00 at GMT+1 (inside 9–17) and 03:00 at UTC-05:00 (outside)
    const now = Date.UTC(2026, 0, 7, 8, 0);
    const at = (raw: string) =>
      checkSendWindow({ now, timeZone: canonicalTimeZone(raw) ?? '', fallbackTimeZone: 'UTC' }).verdict;
    expect(at('GMT+1')).toBe('ok');
    expect(at('UTC-05:00')).not.toBe('ok');
  });
});
