/**
 * Signs that an email pretends to continue a conversation: a reply or forward marker in the subject as mail
 * clients in many languages write it, and a quoted thread ("On … wrote:", "-----Original Message-----") in the
 * body. On a first touch both are deceptive. Matching is done on what a reader sees: compatibility forms folded
 * (ＲＥ：is RE:), invisible characters dropped, Cyrillic and Greek look-alikes read as the Latin letters they
 * imitate, and whatever a client shows in front of the marker skipped ("[Acme] ", "📌 ").
 */
import { foldLookalikes, stripInvisible } from './text-tricks';

// Reply and forward markers, lower case, by the clients and languages that write them.
// biome-ignore format: one language group per line
const MARKERS = [
  're', 'fw', 'fwd', // English and most clients
  'aw', 'wg', // German: Antwort, Weitergeleitet
  'sv', 'vs', 'vb', 'vl', 'fs', // Nordic: Svar, Vastaus / Videresend, Vidarebefordrat, Välitetty, Framsent
  'antw', 'doorst', // Dutch
  'tr', // French: Transféré
  'rv', // Spanish: Reenviado
  'res', 'enc', // Portuguese (Brazil): Resposta, Encaminhado
  'r', 'i', 'rif', // Italian: Risposta, Inoltrato, Riferimento
  'odp', 'pd', 'odg', // Polish and Czech: Odpověď / Odpowiedź, Przekaż dalej; Croatian: Odgovor
  'ynt', 'ilt', 'i̇lt', // Turkish: Yanıt, İlet
  'atb', 'pārs', 'ats', 'pers', // Latvian, Lithuanian
  'vá', 'továbbítás', // Hungarian
  'απ', 'σχετ', 'πρθ', // Greek
  'השב', 'הועבר', // Hebrew
  'رد', 'إعادة توجيه', // Arabic
  '回复', '回覆', '答复', '答覆', '转发', '轉發', '转寄', '轉寄', // Chinese
  '返信', '転送', // Japanese
  '회신', '답장', '전달', // Korean
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALTERNATIVES = [...MARKERS]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
// What a client may show before the marker: spaces, bracketed tags, emoji and punctuation (bounded, so linear).
const LEAD = String.raw`(?:\s|\[[^\]\n]{0,60}\]|\([^)\n]{0,60}\)|【[^】\n]{0,60}】|[\p{S}\p{P}\p{M}])*`;
// A counter some clients add: Re[2]:, RE(3):, Re^2:
const COUNTER = String.raw`(?:\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\^\d{1,3}))?`;
const MARKER = new RegExp(`^${LEAD}(?:${ALTERNATIVES})${COUNTER}\\s*:`, 'iu');

/** The subject as a reader sees it, for matching: NFKC, no invisible characters, lower case. */
function seen(subject: string): string {
  return stripInvisible(subject.slice(0, 300).normalize('NFKC')).toLowerCase();
}

/** True when a mail client would show the subject as a reply or a forward. */
// Every marker ends in a colon, and NFKC turns every colon look-alike clients use into one of these.
const COLON = /[:\uff1a\ufe13\ufe55\u02d0\ua789]/;

export function hasThreadMarker(subject: string): boolean {
  if (!COLON.test(subject)) return false;
  const s = seen(subject);
  return MARKER.test(s) || MARKER.test(foldLookalikes(s));
}

// Header lines of a quoted or forwarded message, as clients write them in the body.
const SEPARATOR =
  /^[ \t>]*-{2,}\s*(?:forwarded message|original message|ursprüngliche nachricht|weitergeleitete nachricht|message d'origine|message transféré|mensaje original|mensaje reenviado|messaggio originale|messaggio inoltrato|mensagem original|mensagem encaminhada|oorspronkelijk bericht|doorgestuurd bericht|ursprungligt meddelande|vidarebefordrat meddelande|oryginalna wiadomość|wiadomość przekazana)\s*-{2,}/imu;
const BEGIN_FORWARDED =
  /^[ \t>]*(?:begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié)\s*:/imu;
// "On Tue, 3 Mar 2026 at 09:14, Sam <sam@x> wrote:" and its translations, on one line. ("On LinkedIn you
// wrote:" quotes a public post, not a message: clients always give the date or time, so a digit is required.)
const WROTE =
  /^[ \t>]*(?:on\s[^\n]{6,200}\swrote|am\s[^\n]{6,200}\sschrieb[^\n]{0,80}|le\s[^\n]{6,200}\sa écrit|el\s[^\n]{6,200}\sescribió|il giorno\s[^\n]{6,200}\sha scritto|em\s[^\n]{6,200}\sescreveu|op\s[^\n]{6,200}\sschreef[^\n]{0,80}|den\s[^\n]{6,200}\sskrev[^\n]{0,80})\s*:\s*$/gimu;
// An Outlook-style header block: From, then a date line and a subject line within the next few lines.
const FROM_LINE = /^[ \t>*]*(?:from|von|de|van|da|från|od|fra)\s*:\s*\S/iu;
const FROM_ANYWHERE = new RegExp(FROM_LINE.source, 'imu');
const DATE_LINE =
  /^[ \t>*]*(?:sent|date|gesendet|datum|envoyé|enviado|verzonden|inviato|skickat|wysłano|sendt|data)\s*:\s*\S/iu;
const SUBJECT_LINE =
  /^[ \t>*]*(?:subject|betreff|objet|asunto|onderwerp|oggetto|ämne|temat|emne|assunto)\s*:/iu;

function headerBlock(lines: readonly string[]): boolean {
  for (let i = 0; i < lines.length; i++) {
    if (!FROM_LINE.test(lines[i] ?? '')) continue;
    const next = lines.slice(i + 1, i + 6);
    if (next.some((l) => DATE_LINE.test(l)) && next.some((l) => SUBJECT_LINE.test(l))) return true;
  }
  return false;
}

/** A "… wrote:" line as clients write it: with the date or time of the quoted message. */
function quotesAMessage(text: string): boolean {
  WROTE.lastIndex = 0;
  for (let m = WROTE.exec(text); m !== null; m = WROTE.exec(text)) if (/\d/.test(m[0])) return true;
  return false;
}

/** True when a plain-text body carries a quoted or forwarded message header. */
export function hasQuotedThread(text: string): boolean {
  if (text.length < 20) return false;
  if (SEPARATOR.test(text) || BEGIN_FORWARDED.test(text) || quotesAMessage(text)) return true;
  if (!FROM_ANYWHERE.test(text)) return false;
  // Only lines short enough to be header lines are looked at, so a long body costs one split.
  const lines = text.split('\n').filter((l) => l.length < 400 && l.includes(':'));
  return headerBlock(lines);
}
