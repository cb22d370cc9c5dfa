import fc from 'fast-check';

/**
 * Arbitraries for fuzzing the bridge, as JSON *text*: a hostile page controls the bytes, not a JS object, so
 * keys like `__proto__` arrive as own properties and nesting can be deeper than JSON.stringify could write.
 */

const json = (value: unknown) => JSON.stringify(value);

/** Keys that mean something to JavaScript objects, to parsers or to logs. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'a\r\nX-Injected: 1',
  '\u0000',
  '\u2028',
  'é',
  '😀',
  'k'.repeat(10_000),
] as const;

const scalarText = fc.oneof(
  fc.constant('null'),
  fc.boolean().map(json),
  fc.integer().map(json),
  fc.constantFrom(
    '-0',
    '1e308',
    '-1e308',
    '9007199254740993',
    '0.1',
    '1e-400',
    '123456789012345678901234567890',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(json),
);

const injection = fc.constantFrom(
  'a\r\nBcc: victim@example.com',
  '\r\n.\r\nMAIL FROM:<x@example.com>',
  'x\u0000y',
  '\u2028\u2029',
  '<script>alert(1)</script>',
  '"; DROP TABLE leads; --',
  '../../etc/passwd',
  '%00%0d%0a',
  'javascript:alert(1)',
  'https://evil.example/',
  'rep@acme.test',
  '0'.repeat(64),
);

/**
 * Lengths that cross the schemas' limits (64, 320, 2 048 and 1.1 M characters), capped at about 1.2 MB a string
 * so a run stays quick; the 8 MB frame cap has its own test.
 */
const hugeString = fc
  .tuple(fc.constantFrom('x', 'é', '😀', '\r\n', '\u0000'), fc.constantFrom(65, 321, 2049, 70_000, 1_100_001))
  .map(([unit, count]) => unit.repeat(Math.min(count, Math.floor(1_200_000 / Buffer.byteLength(unit)))));

export const stringText = fc
  .oneof(
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
    { arbitrary: injection, weight: 2 },
    { arbitrary: hugeString, weight: 1 },
  )
  .map(json);

/** Arrays or objects nested far deeper than any schema goes. */
const deepText = fc
  .tuple(fc.constantFrom(20, 2_000, 100_000), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`,
  );

const keyText = fc
  .oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ unit: 'binary', maxLength: 12 }))
  .map(json);

/** Any JSON value text, hostile at every level. */
export const valueText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarText,
    stringText,
    deepText,
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(keyText, tie('value')), { maxLength: 4 })
      .map((entries) => `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`),
  ),
})).value;

/** JSON text that is not an object: every channel's request must be refused for it. */
export const nonObjectText = fc.oneof(
  scalarText,
  stringText,
  deepText.filter((text) => text.startsWith('[')),
  fc.array(valueText, { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
);

/** An object of the given entries, written as text so duplicate and prototype keys survive. */
export function objectText(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([key, value]) => `${json(key)}:${value}`).join(',')}}`;
}

/** Text that is not JSON at all, or not UTF-8 once sent as bytes. */
export const notJsonText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
  fc.constantFrom('{', '{"id":1,', '[', 'undefined', 'NaN', "{'id':1}", '{"id":1}}', '\u0000', '\ufeff{}'),
);
