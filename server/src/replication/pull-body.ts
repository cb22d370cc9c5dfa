import type { Checkpoint } from '../../../shared/team/replication';
import type { JsonPage } from './store';

/**
 * A pull answer's body as bytes, encoded once per kept page. A page of 1,000 entries is ~150 KB of JSON text;
 * sent as a string, every request measured its UTF-8 length and encoded it again (the server's main CPU cost
 * when many desktops catch up at once). A page that has rows ends at its own last row, so its whole body is
 * the same for everyone who is answered that page object (page-cache.ts hands the same object out while it
 * holds); an empty page echoes the asked checkpoint and is built per request (a few dozen bytes).
 */
const bodies = new WeakMap<JsonPage, Buffer>();

export function pullBody(page: JsonPage, asked: Checkpoint | null): Buffer {
  if (!page.last) return encode(page.documents, asked);
  let body = bodies.get(page);
  if (!body) {
    body = encode(page.documents, page.last);
    bodies.set(page, body);
  }
  return body;
}

function encode(documents: string, checkpoint: Checkpoint | null): Buffer {
  const value = `{"documents":${documents},"checkpoint":${JSON.stringify(checkpoint)}}`;
  return Buffer.from(`{"ok":true,"value":${value}}`, 'utf8');
}
