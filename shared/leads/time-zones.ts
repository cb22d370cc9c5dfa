/**
 * Time zones as spreadsheets write them, read as zones the send window understands (IANA names, or a fixed
 * offset such as "+05:30" that Intl and `checkSendWindow` accept):
 * - IANA names in any case ("europe/berlin").
 * - UTC offsets: "GMT+1", "UTC-05:00", "+0530", "UTC +2", "(GMT-05:00) Eastern Time (US & Canada)".
 *   A whole-hour offset becomes the fixed IANA zone `Etc/GMT∓N` (POSIX sign: GMT+1 is `Etc/GMT-1`);
 *   any other offset stays a fixed offset ("+05:30"). An offset has no daylight saving time: it is what the
 *   file said.
 * - US abbreviations (EST, PDT, AKST, HST, …), read as their region's zone, since a fixed "EST" would ignore
 *   daylight saving time, and region names ("Eastern Time").
 * - City names ("New York", "Mumbai", "Frankfurt"): the IANA zone named after the city, or a table of
 *   common cities IANA does not name.
 */
import { isValidTimeZone } from './lead';

const ALIASES: Record<string, string> = {
  et: 'America/New_York',
  est: 'America/New_York',
  edt: 'America/New_York',
  'eastern time': 'America/New_York',
  'us eastern': 'America/New_York',
  ct: 'America/Chicago',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  'central time': 'America/Chicago',
  'us central': 'America/Chicago',
  mt: 'America/Denver',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  'mountain time': 'America/Denver',
  'us mountain': 'America/Denver',
  pt: 'America/Los_Angeles',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  'pacific time': 'America/Los_Angeles',
  'us pacific': 'America/Los_Angeles',
  akst: 'America/Anchorage',
  akdt: 'America/Anchorage',
  'alaska time': 'America/Anchorage',
  hst: 'Pacific/Honolulu',
  'hawaii time': 'Pacific/Honolulu',
  gmt: 'UTC',
  utc: 'UTC',
  z: 'UTC',
};

/** Common cities whose zone is named after another city (IANA's names cover the rest). */
const CITIES: Record<string, string> = {
  nyc: 'America/New_York',
  'new york city': 'America/New_York',
  boston: 'America/New_York',
  washington: 'America/New_York',
  'washington dc': 'America/New_York',
  philadelphia: 'America/New_York',
  atlanta: 'America/New_York',
  miami: 'America/New_York',
  austin: 'America/Chicago',
  dallas: 'America/Chicago',
  houston: 'America/Chicago',
  'san francisco': 'America/Los_Angeles',
  sf: 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  'san diego': 'America/Los_Angeles',
  'san jose': 'America/Los_Angeles',
  'salt lake city': 'America/Denver',
  'washington d c': 'America/New_York',
  montreal: 'America/Toronto',
  ottawa: 'America/Toronto',
  mumbai: 'Asia/Kolkata',
  bombay: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  chennai: 'Asia/Kolkata',
  hyderabad: 'Asia/Kolkata',
  pune: 'Asia/Kolkata',
  beijing: 'Asia/Shanghai',
  shenzhen: 'Asia/Shanghai',
  'ho chi minh city': 'Asia/Ho_Chi_Minh',
  frankfurt: 'Europe/Berlin',
  munich: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  cologne: 'Europe/Berlin',
  geneva: 'Europe/Zurich',
  milan: 'Europe/Rome',
  barcelona: 'Europe/Madrid',
  manchester: 'Europe/London',
  edinburgh: 'Europe/London',
  'tel aviv': 'Asia/Jerusalem',
  'abu dhabi': 'Asia/Dubai',
  canberra: 'Australia/Sydney',
  wellington: 'Pacific/Auckland',
  'rio de janeiro': 'America/Sao_Paulo',
  'são paulo': 'America/Sao_Paulo',
  osaka: 'Asia/Tokyo',
  kyoto: 'Asia/Tokyo',
};

/** "GMT+1", "UTC-05:00", "+0530", "UTC +2", optionally inside "(…)" before a region name. */
const OFFSET = /^\(?(?:gmt|utc)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\)?(?:\s+(.*))?$/iu;

/** Lower case, single spaces, underscores read as spaces: the form the tables are keyed by. */
const keyOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();

let cityZones: Map<string, string> | null = null;

/** "new york" → America/New_York, from the runtime's own zone list (built once, on first use). */
function ianaCity(key: string): string | undefined {
  if (!cityZones) {
    cityZones = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const city = zone.split('/').pop();
      if (city && zone.includes('/')) cityZones.set(keyOf(city), zone);
    }
  }
  return cityZones.get(key);
}

/** A fixed offset as a zone: Etc/GMT∓N for whole hours within IANA's range, "+05:30" otherwise. */
export function offsetZone(sign: 1 | -1, hours: number, minutes: number): string | null {
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return null;
  if (hours === 0 && minutes === 0) return 'UTC';
  if (minutes === 0 && (sign > 0 || hours <= 12)) return `Etc/GMT${sign > 0 ? '-' : '+'}${hours}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign > 0 ? '+' : '-'}${pad(hours)}:${pad(minutes)}`;
}

/** A name, abbreviation or city with no offset in it. */
function namedZone(text: string): string | null {
  const key = keyOf(text);
  const named = ALIASES[key] ?? CITIES[key] ?? ianaCity(key);
  if (named) return named;
  // "Amsterdam, Berlin, Bern, Rome" (Windows' zone names): the first city decides.
  const first = key.split(/\s*[,;/]\s*/)[0];
  if (first && first !== key) return ALIASES[first] ?? CITIES[first] ?? ianaCity(first) ?? null;
  return null;
}

/** The zone a spelling stands for (not yet checked against the runtime), or null. */
function spelledZone(text: string): string | null {
  const offset = OFFSET.exec(text);
  if (offset) {
    const [, signText, hoursText = '0', minutesText = '0', place] = offset;
    // "(GMT-05:00) Eastern Time (US & Canada)": the region keeps daylight saving time, so it wins.
    const region = place ? namedZone(place.replace(/\(.*\)/g, '').trim()) : null;
    if (region) return region;
    return offsetZone(signText === '+' ? 1 : -1, Number(hoursText), Number(minutesText));
  }
  return namedZone(text) ?? text;
}

// Building an Intl.DateTimeFormat costs ~0.2 ms; a file repeats a handful of zones on every row.
const zoneCache = new Map<string, string | null>();

/** The zone to store for what a file wrote (a canonical IANA name or a fixed offset), or null when unknown. */
export function canonicalTimeZone(value: string): string | null {
  const cached = zoneCache.get(value);
  if (cached !== undefined) return cached;
  const zone = value.length <= 64 ? spelledZone(value.trim()) : null;
  const canonical =
    zone && isValidTimeZone(zone)
      ? new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
      : null;
  if (zoneCache.size < 1000) zoneCache.set(value, canonical);
  return canonical;
}
