import { describe, expect, it } from 'vitest';
import { whenInWords } from './when-words';

// Wednesday 25 November 2026, 15:00 in Berlin
const NOW = Date.UTC(2026, 10, 25, 14, 0);
const berlin = (at: number) => whenInWords(at, NOW, 'Europe/Berlin');

describe('a time ahead in words', () => {
  it('names today, tomorrow, a weekday within the week, and a date beyond', () => {
    expect(berlin(Date.UTC(2026, 10, 25, 17, 30))).toBe('today at 18:30');
    expect(berlin(Date.UTC(2026, 10, 26, 7, 0))).toBe('tomorrow at 08:00');
    expect(berlin(Date.UTC(2026, 10, 30, 7, 0))).toBe('on Monday at 08:00');
    expect(berlin(Date.UTC(2026, 11, 14, 7, 0))).toBe('on 14 December at 08:00');
  });

  it('counts days in the rep’s own zone, not in UTC', () => {
    // 23:30 UTC on the 25th is already the 26th in Berlin
    expect(berlin(Date.UTC(2026, 10, 25, 23, 30))).toBe('tomorrow at 00:30');
    expect(whenInWords(Date.UTC(2026, 10, 25, 23, 30), NOW, 'UTC')).toBe('today at 23:30');
  });
});
