/**
 * The date an out-of-office reply says its sender is back, from its text: "back on 12 January", "return on
 * 2026-01-12", "zurück am 12.01.", "de retour le 12 janvier", "de vuelta el 12 de enero". Pure. Only a phrase
 * that says "back / returning / until" counts (an OOO names other dates: when it started, a colleague's). A
 * date with no year is the next one on or after the day the mail came; a day.month pair reads European.
 */

/** A calendar date (no zone): the renderer turns it into the lead's morning. */
export interface PlainDay {
  year: number;
  month: number;
  day: number;
}

const MONTHS: Record<string, number> = {};
const NAMES = [
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'mai', 'mayo'],
  ['june', 'jun', 'juni', 'juin', 'junio'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic'],
];
NAMES.forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;

// "back", "return(ing)", "until", "zurück", "wieder da/im Büro", "bis (einschließlich)", "de retour", "jusqu'au",
// "retour le", "de vuelta", "regreso/regresaré", "hasta el": then, within a few words, the date.
const CUE =
  "(?<!\\p{L})(?:back|return(?:ing|s)?|returning to the office|in the office again|until|till|through|zur[üu]ck|wieder (?:da|im b[üu]ro|erreichbar)|bis(?: einschlie(?:ß|ss)lich| zum| am)?|ab dem|ab|de retour|retour|jusqu'(?:au|à)|jusqu’(?:au|à)|à partir du|de vuelta|regres(?:o|ar[ée])|vuelvo|volver[ée]|hasta(?: el)?|a partir del)";
const GAP = '[^.\\n]{0,40}?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er|\\.|º)?';
const YEAR = '(?:,?\\s*(\\d{4}))?';

const PATTERNS: { re: RegExp; read(m: RegExpExecArray): [number | null, number, number] | null }[] = [
  // 2026-01-12
  {
    re: new RegExp(`${CUE}${GAP}\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'iu'),
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  // 12.01.2026 / 12.01. / 12/01/2026 (day first: the European reading)
  {
    re: new RegExp(`${CUE}${GAP}\\b(\\d{1,2})[./](\\d{1,2})(?:[./](\\d{2,4}))?\\.?(?!\\d)`, 'iu'),
    read: (m) => [m[3] ? fullYear(Number(m[3])) : null, Number(m[2]), Number(m[1])],
  },
  // 12 January 2026 / 12. Januar / 12 de enero de 2026 / 12 janvier
  {
    re: new RegExp(`${CUE}${GAP}\\b${DAY}\\s*(?:de\\s+)?${MONTH}(?:\\s+de)?${YEAR}`, 'iu'),
    read: (m) => [m[3] ? Number(m[3]) : null, monthOf(m[2]), Number(m[1])],
  },
  // January 12, 2026 / January 12th
  {
    re: new RegExp(`${CUE}${GAP}\\b${MONTH}\\s+${DAY}${YEAR}`, 'iu'),
    read: (m) => [m[3] ? Number(m[3]) : null, monthOf(m[1]), Number(m[2])],
  },
];

const fullYear = (y: number) => (y < 100 ? 2000 + y : y);
const monthOf = (name: string | undefined) => MONTHS[(name ?? '').toLowerCase().replace(/\.$/, '')] ?? 0;

/** The return date the text states, on or after `received`'s date (UTC), at most a year on; null: none. */
export function returnDateOf(text: string, received: number): PlainDay | null {
  const flat = text.replace(/\s+/g, ' ').slice(0, 4_000);
  const today = new Date(received);
  let best: { at: number; day: PlainDay } | null = null;
  for (const { re, read } of PATTERNS) {
    const m = re.exec(flat);
    const parts = m ? read(m) : null;
    if (!m || !parts) continue;
    const day = dayOf(parts, today);
    // the earliest phrase in the text wins ("back on 12 January; from 5 January ask Kim")
    if (day && (!best || m.index < best.at)) best = { at: m.index, day };
  }
  return best?.day ?? null;
}

function dayOf([year, month, day]: [number | null, number, number], today: Date): PlainDay | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  let y = year ?? today.getUTCFullYear();
  if (year === null && Date.UTC(y, month - 1, day) < start) y++;
  const at = Date.UTC(y, month - 1, day);
  const check = new Date(at);
  if (check.getUTCMonth() !== month - 1) return null; // 31 February
  if (at < start || at > start + 370 * 86_400_000) return null;
  return { year: y, month, day };
}
