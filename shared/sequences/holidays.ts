/**
 * Public holidays of a chosen country (optionally a state: "US-CA", "DE-BY"), from date-holidays' rule data,
 * as local dates (epoch days). A holiday is a date, not an instant: it is skipped in the lead's own calendar.
 * date-holidays takes ~20 ms to compute a year, so each (country, year) is computed once.
 */
import Holidays from 'date-holidays';
import { type EpochDay, epochDayOf } from './zone-clock';

/** The types a business day skips: public holidays and bank holidays (banks and most offices close). */
const SKIPPED_TYPES = new Set(['public', 'bank']);

export interface HolidayCalendar {
  /** the country (and state) code, upper case: "DE", "US-CA" */
  code: string;
  /** the holiday's name when `day` is a public holiday there */
  holidayOn(day: EpochDay): string | undefined;
}

const calendars = new Map<string, HolidayCalendar | null>();
let countries: Record<string, string> | undefined;

/** The country's holiday calendar, or null when date-holidays does not know the country or state. */
export function holidayCalendar(code: string): HolidayCalendar | null {
  const key = code.trim().toUpperCase();
  const known = calendars.get(key);
  if (known !== undefined) return known;
  const calendar = buildCalendar(key);
  if (calendars.size < 300) calendars.set(key, calendar);
  return calendar;
}

function buildCalendar(key: string): HolidayCalendar | null {
  const [country = '', state] = key.split('-');
  countries ??= new Holidays().getCountries('en');
  if (!/^[A-Z]{2}$/.test(country) || !(country in countries)) return null;
  const holidays = state ? new Holidays(country, state) : new Holidays(country);
  if (state && !(state in (holidays.getStates(country, 'en') ?? {}))) return null;
  const years = new Map<number, Map<EpochDay, string>>();
  /** every day asked about, holiday or not (null): a planner asks about the same few days over and over */
  const asked = new Map<EpochDay, string | null>();
  return {
    code: key,
    holidayOn(day) {
      const known = asked.get(day);
      if (known !== undefined) return known ?? undefined;
      const year = new Date(day * 86_400_000).getUTCFullYear();
      let inYear = years.get(year);
      if (!inYear) {
        inYear = new Map();
        for (const h of holidays.getHolidays(year, 'en')) {
          if (SKIPPED_TYPES.has(h.type)) inYear.set(epochDayOf(h.date), h.name);
        }
        years.set(year, inYear);
      }
      const name = inYear.get(day) ?? null;
      if (asked.size < 50_000) asked.set(day, name);
      return name ?? undefined;
    },
  };
}
