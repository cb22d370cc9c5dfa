/**
 * A time ahead, as a rep reads it, in their own zone: "today at 08:00", "tomorrow at 08:00",
 * "on Monday at 08:00" within the week, "on 14 January at 08:00" beyond. `timeZone` is for tests.
 */
export function whenInWords(at: number, now: number, timeZone?: string): string {
  const zone = timeZone ? { timeZone } : {};
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...zone,
  });
  const day = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...zone,
  });
  // calendar days between now and then, in the zone: both dates as UTC midnights
  const dayNumber = (t: number) => Date.parse(`${day.format(t)}T00:00:00Z`) / 86_400_000;
  const days = dayNumber(at) - dayNumber(now);
  const clock = time.format(at);
  if (days <= 0) return `today at ${clock}`;
  if (days === 1) return `tomorrow at ${clock}`;
  if (days < 7) {
    const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', ...zone }).format(at);
    return `on ${weekday} at ${clock}`;
  }
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', ...zone }).format(at);
  return `on ${date} at ${clock}`;
}
