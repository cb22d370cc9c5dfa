// @ts-check
// `npm run icons`: draws every app icon from resources/icon.svg (PNG set, ICO, ICNS) and copies the SVG to the
// renderer's favicon. The outputs are committed; run this after changing the SVG (a test checks they match).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildIcons } from './lib/icons.mjs';
import { ROOT } from './lib/proc.mjs';

const resources = join(ROOT, 'resources');
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');
for (const [name, bytes] of await buildIcons(svg)) {
  const file = join(resources, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  console.log(`${name.padEnd(24)} ${bytes.length.toLocaleString('en')} bytes`);
}
writeFileSync(join(ROOT, 'renderer', 'public', 'favicon.svg'), svg);
console.log('renderer/public/favicon.svg (copy of resources/icon.svg)');
