/**
 * Builders for planner inputs in tests and benches, and an independent reading of local time (Intl, not the
 * planner's Temporal clocks) for checking where a planned send falls.
 */
import { DEFAULT_SCHEDULE, type Schedule } from '../calendar';
import type { DueEnrollment, PlanMailbox, PlanSequence } from '../types';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export function mailbox(id: string, over: Partial<PlanMailbox> = {}): PlanMailbox {
  return { id, timeZone: 'America/New_York', capToday: 30, sentToday: 0, state: 'ready', ...over };
}

export function sequence(
  id: string,
  over: Partial<Omit<PlanSequence, 'schedule'>> & { schedule?: Partial<Schedule> } = {},
): PlanSequence {
  const { schedule, ...rest } = over;
  return {
    id,
    steps: [{ delayDays: 0 }, { delayDays: 2 }, { delayDays: 3 }],
    dailyLimit: null,
    sentToday: 0,
    ...rest,
    schedule: { ...DEFAULT_SCHEDULE, ...schedule },
  };
}

export function enrollment(id: string, over: Partial<DueEnrollment> = {}): DueEnrollment {
  return {
    id,
    leadId: `lead-${id}`,
    sequenceId: 's1',
    step: 0,
    nextSendAt: 0,
    mailboxId: 'm1',
    leadTimeZone: null,
    isFollowUp: false,
    ...over,
  };
}

export const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> =>
  new Map(items.map((item) => [item.id, item]));

const formats = new Map<string, Intl.DateTimeFormat>();

/** Local wall time of an instant in a zone, read through Intl: { date: "2026-03-09", minute, weekday }. */
export function localTime(at: number, zone: string): { date: string; minute: number; weekday: number } {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formats.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    weekday,
  };
}

/** "09:00" style local clock text of an instant in a zone. */
export function clockText(at: number, zone: string): string {
  const { minute } = localTime(at, zone);
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
