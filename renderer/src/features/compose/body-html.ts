import { escapeHtml } from '../../../../shared/text/escape-html';

/**
 * The Compose body is plain text; this turns it into the HTML part: paragraphs at blank lines, line breaks
 * inside them, and bare https:// / http:// links made clickable. Everything else is escaped, so nothing the
 * rep pastes can add markup, styles or scripts.
 */

// A link runs to the next space or angle bracket; trailing punctuation belongs to the sentence, not the URL.
const LINK = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?)\]'"]+$/;

function linkify(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    const start = match.index ?? 0;
    const url = match[0].replace(TRAILING, '');
    html += escapeHtml(line.slice(last, start));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

export function bodyToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(linkify).join('<br>')}</p>`)
    .join('\n');
}
