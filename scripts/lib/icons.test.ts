import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildIcons,
  decodeIcns,
  encodeIcns,
  ICNS_ENTRIES,
  ICO_SIZES,
  PNG_SIZES,
  pngSize,
  renderPng,
  withMacMargin,
} from './icons.mjs';
import { ROOT } from './proc.mjs';

const resources = join(ROOT, 'resources');
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');
const committed = (name: string) => readFileSync(join(resources, name));

/** The ICO directory: one 16-byte record per image; a width byte of 0 means 256. */
function icoSizes(ico: Buffer): number[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
}

describe('icns encoding', () => {
  it('writes big-endian lengths that include their headers, and reads them back', () => {
    const a = renderPng(svg, 16);
    const b = renderPng(svg, 32);
    const file = encodeIcns([
      ['icp4', a],
      ['ic11', b],
    ]);
    expect(file.toString('latin1', 0, 4)).toBe('icns');
    expect(file.readUInt32BE(4)).toBe(8 + 8 + a.length + 8 + b.length);
    expect(file.readUInt32BE(12)).toBe(8 + a.length);
    expect(decodeIcns(file)).toEqual([
      { type: 'icp4', data: a },
      { type: 'ic11', data: b },
    ]);
    expect(() => encodeIcns([['toolong', a]])).toThrow(/entry type/);
    expect(() => decodeIcns(file.subarray(0, file.length - 1))).toThrow(/icns/);
  });

  it('shrinks the mark onto the macOS grid without moving its centre', () => {
    expect(withMacMargin(svg)).toContain('viewBox="-124.27 -124.27 1272.54 1272.54"');
    expect(() => withMacMargin('<svg viewBox="0 0 32 32"/>')).toThrow(/viewBox/);
  });
});

describe('the committed icons', () => {
  it('are exactly what `npm run icons` draws from resources/icon.svg', async () => {
    const expected = await buildIcons(svg);
    for (const [name, bytes] of expected) {
      expect(committed(name).equals(bytes), `${name} is stale: run npm run icons`).toBe(true);
    }
  });

  it('hold every PNG size at the size its name says', () => {
    for (const size of PNG_SIZES) {
      expect(pngSize(committed(`icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it('give Windows an ICO with every size up to 256', () => {
    expect(icoSizes(committed('icon.ico'))).toEqual(ICO_SIZES);
  });

  it('give macOS an icns whose PNG entries have the sizes their types stand for', () => {
    const entries = decodeIcns(committed('icon.icns'));
    expect(entries.map((e) => [e.type, pngSize(e.data).width])).toEqual(ICNS_ENTRIES.map(([t, s]) => [t, s]));
  });

  it('give the renderer the same mark as its favicon', () => {
    expect(readFileSync(join(ROOT, 'renderer', 'public', 'favicon.svg'), 'utf8')).toBe(svg);
  });
});
