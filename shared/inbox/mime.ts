/**
 * Just enough MIME to read reports (RFC 3464 delivery status, RFC 5965 feedback) from a raw message:
 * header blocks, Content-Type parameters and one level of multipart. Pure: no Node, no mailparser;
 * main decodes bodies with mailparser and hands over the plain text separately.
 */

/** Header fields of a block, names lower-cased, folded lines unfolded, first occurrence kept. */
export function headerFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

export interface Entity {
  headers: Map<string, string>;
  body: string;
}

export function splitEntity(raw: string): Entity {
  const gap = /\r?\n\r?\n/.exec(raw);
  if (!gap) return { headers: headerFields(raw), body: '' };
  return { headers: headerFields(raw.slice(0, gap.index)), body: raw.slice(gap.index + gap[0].length) };
}

/** A Content-Type parameter (quoted or bare), or undefined. */
export function param(value: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The parts of a multipart entity (not recursing), or [] when it is not multipart. */
export function multipartParts(entity: Entity): Entity[] {
  const type = entity.headers.get('content-type') ?? '';
  const boundary = /^multipart\//i.test(type) ? param(type, 'boundary') : undefined;
  if (!boundary) return [];
  const parts: Entity[] = [];
  for (const chunk of entity.body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break; // the closing delimiter
    parts.push(splitEntity(chunk.replace(/^[ \t]*\r?\n/, '')));
  }
  return parts;
}

/** Message-IDs in a header value (In-Reply-To, References), with their angle brackets. */
export function messageIds(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

/** Addresses in an address-list header or a DSN field, lower-cased; display names are not parsed. */
export function addressesIn(value: string | undefined): string[] {
  const found = value?.match(/[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g) ?? [];
  return found.map((a) => a.toLowerCase().replace(/\.$/, ''));
}
