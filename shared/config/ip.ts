/** 4 or 6 for a literal IP address, 0 otherwise; pure (shared/ cannot use node:net). */
export function isIP(text: string): 0 | 4 | 6 {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(text)) return 4;
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return 0;
  const halves = text.split('::');
  if (halves.length > 2) return 0;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = halves.flatMap(groups);
  const last = all.at(-1) ?? '';
  const tail4 = last.includes('.') ? (isIP(last) === 4 ? 2 : -1) : 0;
  if (tail4 < 0) return 0;
  const hex = tail4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return 0;
  const count = hex.length + tail4;
  return (halves.length === 2 ? count < 8 : count === 8) ? 6 : 0;
}
