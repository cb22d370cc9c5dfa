/**
 * Merge fields that were never filled in: "{{first_name}}", "{% if %}", "[[company]]", "%FIRSTNAME%",
 * "*|FNAME|*", "{first_name}". The gate sees the text as it would go out, so any left is sent literally
 * ("Hi {{first_name}},") — it blocks, with the tokens named. Careful with ordinary text: "50% off 20%"
 * and "{Acme}" are not tokens; each pattern below demands what only a template field looks like.
 */
import type { Reason } from './reasons';
import { reasonWithDetail } from './reasons';

const PATTERNS: RegExp[] = [
  // Liquid / Handlebars / Mustache output and tags, any content (even empty)
  /\{\{[^{}\n]{0,80}\}\}/g,
  /\{%[^\n]{0,80}?%\}/g,
  // [[first_name]] (lemlist-style); a word inside, not an arbitrary bracketed phrase
  /\[\[\s*[\p{L}_][\p{L}\p{N}_ .-]{0,40}\]\]/gu,
  // %FIRSTNAME% / %first_name%: letters and underscores only between the signs, not touching a word
  /(?<![\p{L}\p{N}%])%[A-Za-z_]{3,40}%(?![\p{L}\p{N}])/gu,
  // Mailchimp's *|FNAME|*
  /\*\|[A-Za-z_:][A-Za-z0-9_:]{0,40}\|\*/g,
];

// {FIRSTNAME} or {first_name}: a single-brace identifier that is snake_case, ALL CAPS, or a usual field name.
const SINGLE_BRACE = /(?<![{$])\{([A-Za-z][A-Za-z0-9_]{1,40})\}(?!\})/g;
const FIELD_NAMES = new Set([
  'name',
  'firstname',
  'lastname',
  'fullname',
  'company',
  'companyname',
  'email',
  'title',
  'jobtitle',
  'city',
  'country',
]);
const isFieldName = (id: string) =>
  id.includes('_') || (/^[A-Z0-9]+$/.test(id) && /[A-Z]{3}/.test(id)) || FIELD_NAMES.has(id.toLowerCase());

/** The unfilled merge fields in one text, in order of appearance, each once. */
export function findTemplateLeftovers(text: string): string[] {
  if (!/[{[%*]/.test(text)) return [];
  const found: { at: number; token: string }[] = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern)) found.push({ at: m.index, token: m[0] });
  }
  for (const m of text.matchAll(SINGLE_BRACE)) {
    if (isFieldName(m[1]!)) found.push({ at: m.index, token: m[0] });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.token))];
}

/** The content step's reason for unfilled merge fields in the subject or the body (any of its versions). */
export function templateLeftoverReasons(...texts: string[]): Reason[] {
  const tokens = [...new Set(texts.flatMap(findTemplateLeftovers))];
  if (tokens.length === 0) return [];
  const shown = tokens.slice(0, 3).join(', ') + (tokens.length > 3 ? ` and ${tokens.length - 3} more` : '');
  return [{ ...reasonWithDetail('template-leftover', shown), weight: 10 }];
}
