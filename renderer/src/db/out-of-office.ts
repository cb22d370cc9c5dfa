/** How long an out-of-office without a return date keeps its lead waiting. */
export const AWAY_BUSINESS_DAYS = 3;
const DAY = 86_400_000;

/**
 * When a lead whose auto-reply says they are away may get their next step: noon UTC of the stated return
 * date (that day in Europe, the Americas and most of Asia; the planner then waits for the lead's window), or
 * a few business days after the reply. The planner moves it on to the window's opening.
 */
export function outOfOfficeUntil(returnsOn: string | undefined, at: number): number {
  const m = returnsOn ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(returnsOn) : null;
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  let t = at;
  for (let left = AWAY_BUSINESS_DAYS; left > 0; ) {
    t += DAY;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return t;
}
