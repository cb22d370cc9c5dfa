// @ts-check
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';

/** Linux icon set (electron-builder reads the size from each file name) and the window icon. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Windows keeps 256 as its largest ICO entry; the small ones are drawn at their size, not scaled down. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/**
 * macOS entries whose data is a PNG (10.7+), by OSType: 16/32/64 at 1x, then the double-density (Retina) ones.
 * @type {Array<[string, number]>}
 */
export const ICNS_ENTRIES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/**
 * The SVG drawn square at `size` pixels.
 * @param {string} svg
 * @param {number} size
 * @returns {Buffer}
 */
export function renderPng(svg, size) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } })
    .render()
    .asPng();
  return Buffer.from(png);
}

/**
 * macOS draws app icons on an 824-pixel grid inside the 1024 canvas: the same mark, with that margin, by
 * widening the viewBox (the source must use `viewBox="0 0 1024 1024"`).
 * @param {string} svg
 */
export function withMacMargin(svg) {
  const canvas = 1024;
  const view = (canvas * canvas) / 824;
  const offset = -(view - canvas) / 2;
  const source = 'viewBox="0 0 1024 1024"';
  if (!svg.includes(source)) throw new Error(`The icon source must declare ${source}`);
  return svg.replace(
    source,
    `viewBox="${offset.toFixed(2)} ${offset.toFixed(2)} ${view.toFixed(2)} ${view.toFixed(2)}"`,
  );
}

/**
 * An Apple icon file: `icns`, the total length, then one (OSType, length, PNG) record per entry; lengths are
 * big-endian and include their 8-byte headers.
 * @param {Array<[string, Buffer]>} entries
 * @returns {Buffer}
 */
export function encodeIcns(entries) {
  const records = entries.map(([type, png]) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`Not an icns entry type: ${type}`);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + records.reduce((sum, r) => sum + r.length, 0), 4);
  return Buffer.concat([header, ...records]);
}

/**
 * Reads an icns file back into its entries (for tests and for checking what we wrote).
 * @param {Buffer} file
 * @returns {Array<{ type: string, data: Buffer }>}
 */
export function decodeIcns(file) {
  if (file.toString('latin1', 0, 4) !== 'icns' || file.readUInt32BE(4) !== file.length) {
    throw new Error('Not an icns file');
  }
  const entries = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at + 4);
    if (length < 8 || at + length > file.length) throw new Error(`Damaged icns entry at byte ${at}`);
    entries.push({ type: file.toString('latin1', at, at + 4), data: file.subarray(at + 8, at + length) });
    at += length;
  }
  return entries;
}

/**
 * Width and height from a PNG's IHDR chunk.
 * @param {Buffer} png
 */
export function pngSize(png) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('Not a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Every file the packagers and the window need, from the one SVG source, as (relative path, bytes).
 * @param {string} svg
 * @returns {Promise<Array<[string, Buffer]>>}
 */
export async function buildIcons(svg) {
  /** @type {Array<[string, Buffer]>} */
  const files = PNG_SIZES.map((size) => [`icons/${size}x${size}.png`, renderPng(svg, size)]);
  const ico = await pngToIco(ICO_SIZES.map((size) => renderPng(svg, size)));
  files.push(['icon.ico', ico]);
  const mac = withMacMargin(svg);
  files.push(['icon.icns', encodeIcns(ICNS_ENTRIES.map(([type, size]) => [type, renderPng(mac, size)]))]);
  return files;
}
