import type { MailboxProvider } from '../mailboxes/mailbox';
import { judged, type Reason, reason, type StepResult } from './reasons';

/** Mailbox providers as far as limits go (declared with the mailbox). */
export type Provider = MailboxProvider;

/**
 * The providers' documented daily ceilings (recipients per rolling day). Beyond them the provider itself
 * suspends sending, for hours or a day; nothing may ever set a cap above them.
 * - gmail: 500 — Google, "Gmail sending limits" (support.google.com/mail/answer/22839).
 * - google-workspace: 2,000 — Google Workspace Admin Help, "Gmail sending limits in Google Workspace"
 *   (support.google.com/a/answer/166852); trial accounts get 500, which a user cap can express.
 * - outlook-com: 300 — Microsoft Support, "Sending limits in Outlook.com".
 * - microsoft-365: 10,000 recipients — Microsoft Learn, "Exchange Online limits", recipient rate limit.
 * - smtp: no documented figure for an arbitrary server, so a conservative 200.
 */
export const PROVIDER_CEILINGS: Readonly<Record<Provider, number>> = {
  gmail: 500,
  'google-workspace': 2000,
  'outlook-com': 300,
  'microsoft-365': 10_000,
  smtp: 200,
};

/**
 * The team cap by default: what a cold-outbound mailbox should send, far below the ceilings above.
 * 30 for Google, 20 for Microsoft (issue 4); generic SMTP gets the stricter of the two.
 */
export const DEFAULT_TEAM_CAPS: Readonly<Record<Provider, number>> = {
  gmail: 30,
  'google-workspace': 30,
  'outlook-com': 20,
  'microsoft-365': 20,
  smtp: 20,
};

export const RAMP = { startCap: 10, firstWeekDays: 7, stepPerDay: 2 } as const;
const DAY_MS = 86_400_000;

export interface DailyCap {
  cap: number;
  /** min(team cap, provider ceiling): where the ramp-up ends. */
  target: number;
  ceiling: number;
  rampingUp: boolean;
  /** Why the cap is what it is, for the mailbox settings screen (never blocking on their own). */
  reasons: Reason[];
}

/**
 * A new mailbox sends 10 a day in its first week, then 2 more each day, up to min(team cap, ceiling).
 * The team cap can be set up to the ceiling; the rep's own cap can only lower the result.
 */
export function dailyCap({
  provider,
  createdAt,
  now,
  teamCap,
  userCap,
}: {
  provider: Provider;
  createdAt: number;
  now: number;
  teamCap?: number;
  userCap?: number;
}): DailyCap {
  const ceiling = PROVIDER_CEILINGS[provider];
  const reasons: Reason[] = [];
  let target = validCap(teamCap) ?? DEFAULT_TEAM_CAPS[provider];
  if (target > ceiling) {
    reasons.push(reason('cap-above-ceiling', { target, ceiling }));
    target = ceiling;
  }
  const ageDays = Math.max(0, Math.floor((now - createdAt) / DAY_MS));
  const ramp =
    ageDays < RAMP.firstWeekDays
      ? RAMP.startCap
      : RAMP.startCap + RAMP.stepPerDay * (ageDays - RAMP.firstWeekDays + 1);
  let cap = Math.min(ramp, target);
  const rampingUp = ramp < target;
  if (rampingUp) {
    reasons.push(reason('cap-ramp-up', { cap, step: RAMP.stepPerDay, target }));
  }
  const own = validCap(userCap);
  if (own !== undefined) {
    if (own < cap) cap = own;
    else if (own > cap) {
      reasons.push(reason('cap-raise-refused', { own, cap }));
    }
  }
  return { cap, target, ceiling, rampingUp, reasons };
}

function validCap(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

/** Gate step 3a: the mailbox's count for today (in the mailbox's day) against its cap. */
export function checkDailyCap({ sentToday, cap }: { sentToday: number; cap: number }): StepResult {
  if (sentToday < cap) return { verdict: 'ok', reasons: [] };
  return judged(reason('daily-cap-reached', { sentToday, cap }));
}

/**
 * Pacing: how long to wait before the next send from a mailbox. The gap is `minGapMs` stretched by up to
 * `spread` (default 50%) according to `jitter` ∈ [0, 1), which the caller draws, so sends never tick
 * like a machine and shared/ stays deterministic.
 */
export function nextSendDelay({
  lastSentAt,
  now,
  minGapMs,
  jitter,
  spread = 0.5,
}: {
  lastSentAt: number | undefined;
  now: number;
  minGapMs: number;
  jitter: number;
  spread?: number;
}): number {
  if (lastSentAt === undefined) return 0;
  const j = Math.min(Math.max(jitter, 0), 1);
  const gap = Math.round(minGapMs * (1 + spread * j));
  return Math.max(0, lastSentAt + gap - now);
}

export interface SendWindow {
  /** Local hour the window opens (0–23) and closes (1–24, exclusive), in the recipient's zone. */
  startHour: number;
  endHour: number;
  /** Days of the week it is open, 0 = Sunday … 6 = Saturday. */
  days: readonly number[];
}

/** Business hours on weekdays: weekends are excluded by default. */
export const DEFAULT_SEND_WINDOW: SendWindow = { startHour: 8, endHour: 18, days: [1, 2, 3, 4, 5] };

export interface WindowResult extends StepResult {
  /** The zone the window was judged in. */
  timeZone: string;
  /** When outside the window: the next moment (epoch ms) it opens. */
  nextAllowedAt?: number;
}

// Building an Intl.DateTimeFormat costs tens of microseconds; the gate asks per draft, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return undefined; // not an IANA zone this runtime knows
    }
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// formatToParts costs ~10 µs, and offsets only change at DST transitions, which fall on quarter hours:
// remember each zone's offset per quarter hour (a few hundred at most), so most calls do plain arithmetic.
const QUARTER_HOUR = 900_000;
const offsets = new Map<Intl.DateTimeFormat, Map<number, number>>();

/** The zone's offset from UTC at `at`, in ms (local minus UTC). */
function offsetAt(f: Intl.DateTimeFormat, at: number): number {
  const quarter = Math.floor(at / QUARTER_HOUR);
  let known = offsets.get(f);
  if (!known || known.size > 512) {
    known = new Map();
    offsets.set(f, known);
  }
  const cached = known.get(quarter);
  if (cached !== undefined) return cached;
  const wall: Record<string, number> = {};
  for (const part of f.formatToParts(quarter * QUARTER_HOUR)) wall[part.type] = Number(part.value);
  const local = Date.UTC(wall.year!, wall.month! - 1, wall.day!, wall.hour!, wall.minute!, wall.second!);
  const offset = local - quarter * QUARTER_HOUR;
  known.set(quarter, offset);
  return offset;
}

function wallClock(f: Intl.DateTimeFormat, at: number): Wall {
  const local = new Date(at + offsetAt(f, at));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The instant a wall-clock time occurs in the zone; a time skipped by DST resolves to just after the jump. */
function zonedTime(f: Intl.DateTimeFormat, year: number, month: number, day: number, hour: number): number {
  const asUtc = Date.UTC(year, month - 1, day, hour);
  const first = asUtc - offsetAt(f, asUtc);
  const second = asUtc - offsetAt(f, first);
  return Math.max(first, second);
}

/**
 * Midnight today in `timeZone`, as epoch ms: the daily cap counts from there. An unknown zone counts from
 * UTC midnight.
 */
export function startOfDay(now: number, timeZone: string): number {
  const f = formatterFor(timeZone);
  if (!f) return now - (now % DAY_MS);
  const wall = wallClock(f, now);
  return zonedTime(f, wall.year, wall.month, wall.day, 0);
}

/** What a mailbox's cap depends on: the gate and the Mailboxes screen compute it the same way, here. */
export interface CapMailbox {
  provider: Provider;
  createdAt: number;
  dailyCapOverride?: number | null | undefined;
}

/** The mailbox's cap today (ramp-up, team cap, provider ceiling, the rep's own lower cap). */
export function mailboxCapToday(mailbox: CapMailbox, now: number, teamCap?: number): DailyCap {
  return dailyCap({
    provider: mailbox.provider,
    createdAt: mailbox.createdAt,
    now,
    ...(teamCap !== undefined ? { teamCap } : {}),
    ...(mailbox.dailyCapOverride ? { userCap: mailbox.dailyCapOverride } : {}),
  });
}

/**
 * Gate step 3c: is `now` inside the send window in the lead's time zone? Falls back to the mailbox's zone
 * when the lead has none (or an unknown one). Outside, the result blocks and says when it next opens.
 * Windows do not wrap past midnight.
 */
export function checkSendWindow({
  now,
  timeZone,
  fallbackTimeZone,
  window = DEFAULT_SEND_WINDOW,
}: {
  now: number;
  timeZone?: string;
  fallbackTimeZone: string;
  window?: SendWindow;
}): WindowResult {
  const leadZone = timeZone ? formatterFor(timeZone) : undefined;
  const zone = leadZone ? timeZone! : fallbackTimeZone;
  const f = leadZone ?? formatterFor(fallbackTimeZone) ?? formatterFor('UTC')!;
  const { startHour, endHour, days } = window;
  const w = wallClock(f, now);
  const open = days.length > 0 && startHour < endHour;
  const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (open && days.includes(weekday(w.year, w.month, w.day)) && w.hour >= startHour && w.hour < endHour) {
    return { verdict: 'ok', reasons: [], timeZone: zone };
  }
  for (let ahead = 0; open && ahead <= 7; ahead++) {
    if (ahead === 0 && w.hour >= startHour) continue; // today's window has passed (or today is closed)
    // Date.UTC normalises day overflow, so this walks calendar days in the zone's own calendar.
    const date = new Date(Date.UTC(w.year, w.month - 1, w.day + ahead));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!days.includes(weekday(y, m, d))) continue;
    const nextAllowedAt = zonedTime(f, y, m, d, startHour);
    const outside = reason('outside-send-window', {
      time: `${pad(w.hour)}:${pad(w.minute)}`,
      zone,
      hours: `${pad(startHour)}:00–${pad(endHour)}:00`,
      days: dayNames(days),
    });
    return { ...judged(outside), timeZone: zone, nextAllowedAt };
  }
  return { ...judged(reason('send-window-empty')), timeZone: zone };
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const dayNames = (days: readonly number[]) =>
  [...days]
    .sort((a, b) => a - b)
    .map((d) => DAY_NAMES[d] ?? '?')
    .join(', ');
