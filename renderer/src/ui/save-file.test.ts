import { describe, expect, it } from 'vitest';
import { forSpreadsheets } from './save-file';

const bytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

describe('files saved for spreadsheets', () => {
  it('starts every CSV with the UTF-8 byte order mark, so Excel reads "Müller" as written', async () => {
    const csv = forSpreadsheets(new Blob(['Name\r\nMüller\r\n'], { type: 'text/csv;charset=utf-8' }));
    const all = await bytes(csv);
    expect(all.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(all))).toBe(
      '\uFEFFName\r\nMüller\r\n',
    );
    expect(csv.type).toBe('text/csv;charset=utf-8');
  });

  it('leaves other files byte for byte', async () => {
    const json = new Blob(['{"a":1}'], { type: 'application/json' });
    expect(await bytes(forSpreadsheets(json))).toEqual(await bytes(json));
  });
});
