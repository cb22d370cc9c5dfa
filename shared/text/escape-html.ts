/**
 * Text made safe to place in HTML, in element content and in quoted attribute values: the five characters
 * that could end a value or open markup become numeric character references (`&` → `&#38;`). Numeric, not
 * named, so the result reads the same to every HTML and XML parser. Everything else passes through unchanged.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
