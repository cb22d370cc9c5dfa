import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../text/escape-html';
import { type AssembleInput, assembleMessage, footer } from './assemble';

// Strings that mix ordinary text with what breaks headers: CR, LF, NUL, Unicode line separators, quotes, brackets.
const nasty = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom(
        '\r',
        '\n',
        '\r\n',
        '\0',
        '\u2028',
        '\u0085',
        '\t',
        '"',
        '\\',
        '<',
        '>',
        '@',
        ',',
        ':',
        '=?utf-8?',
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nasty);

// Mostly the valid value, sometimes anything: enough inputs get through to test what an accepted message holds.
const usually = <T>(valid: T, other: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(valid), weight: 6 }, { arbitrary: other, weight: 1 });
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nasty);
// Usually acceptable free text (non-empty, any Unicode), sometimes hostile.
const freeText = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, unit: 'grapheme' }), weight: 2 },
  { arbitrary: fc.string({ minLength: 1 }), weight: 2 },
  { arbitrary: anyText, weight: 1 },
);

const input: fc.Arbitrary<AssembleInput> = fc.record({
  sender: fc.record({ name: freeText, address: usually('sam@fairsend.example', text) }),
  identity: fc.record({ company: usually('Fairsend Ltd', anyText), postalAddress: freeText }),
  recipient: fc.record(
    {
      address: fc.constantFrom('dana@acme.example', 'Dana@ACME.Example.', 'dana@acme.example\r\n'),
      name: freeText,
    },
    { requiredKeys: ['address'] },
  ),
  subject: freeText,
  html: fc.oneof(fc.constant('<html><body><p>Hi</p></BODY></html>'), fc.string(), anyText),
  text: fc.option(anyText, { nil: undefined }),
  unsubscribe: fc.record({
    httpsUrl: usually(
      'https://team.fairsend.example/u/t1',
      fc.oneof(fc.webUrl({ withQueryParameters: true }), text),
    ),
    mailto: usually('unsubscribe@fairsend.example', text),
  }),
  thread: fc.option(
    fc.record(
      {
        inReplyTo: usually('<p1@mail.example>', text),
        references: fc.array(usually('p0@mail.example', text), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  messageIdLocal: usually('fs-1.abc', fc.oneof(fc.stringMatching(/^[a-z0-9]{1,20}$/), text)),
});

const BAD_HEADER_CHAR = /[\r\n\0]/;

describe('assembleMessage, whatever the input', () => {
  it('either refuses with reasons, or produces safe headers, RFC 8058 headers once, and both footers', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = assembleMessage(i);
        if (!r.ok) {
          expect(r.reasons.length).toBeGreaterThan(0);
          for (const reason of r.reasons) expect(reason.code && reason.message).toBeTruthy();
          return;
        }
        const m = r.value;
        for (const [name, value] of m.headers) {
          expect(BAD_HEADER_CHAR.test(name) || BAD_HEADER_CHAR.test(value)).toBe(false);
        }
        const named = (n: string) => m.headers.filter(([k]) => k === n).map(([, v]) => v);
        expect(named('List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
        const [list, ...more] = named('List-Unsubscribe');
        expect(more).toEqual([]);
        expect(list).toMatch(/^<https:\/\/[^<>\s]+>, <mailto:[^<>\s]+\?subject=unsubscribe>$/);
        // Never repaired: what goes out is what the rep wrote.
        expect(named('Subject')).toEqual([i.subject]);

        const url = /^<([^>]+)>/.exec(list ?? '')?.[1] ?? '';
        const foot = footer(i.sender, i.identity, url);
        expect(m.text.endsWith(foot.text)).toBe(true);
        expect(foot.text).toContain(`Unsubscribe: ${url}`);
        const at = m.html.lastIndexOf(foot.html);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(m.html.slice(0, at) + m.html.slice(at + foot.html.length)).toBe(i.html);
        expect(m.html.slice(at + foot.html.length)).toMatch(/^(?:<\/body[\s\S]*)?$/i);
        expect(foot.html).toContain(`<a href="${escapeHtml(url)}">Unsubscribe</a>`);
        for (const line of i.identity.postalAddress
          .split(/\r\n|\r|\n/)
          .map((l) => l.trim())
          .filter(Boolean)) {
          expect(foot.text).toContain(line);
          expect(foot.html).toContain(escapeHtml(line));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses any name or subject with CR, LF or NUL, with a reason code', () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('\r', '\n', '\0'),
        text,
        fc.constantFrom('name', 'subject'),
        (a, bad, b, field) => {
          const value = `${a}${bad}${b}`;
          const base: AssembleInput = {
            sender: { name: 'Sam', address: 'sam@fairsend.example' },
            identity: { company: 'Fairsend', postalAddress: '1 Main St' },
            recipient: { address: 'dana@acme.example' },
            subject: 'Hi',
            html: '<p>Hi</p>',
            unsubscribe: { httpsUrl: 'https://team.fairsend.example/u/1', mailto: 'u@fairsend.example' },
            messageIdLocal: 'x1',
          };
          const r = assembleMessage(
            field === 'name'
              ? { ...base, sender: { ...base.sender, name: value } }
              : { ...base, subject: value },
          );
          expect(r.ok).toBe(false);
          if (!r.ok)
            expect(r.reasons.map((x) => x.code)).toContain(bad === '\0' ? 'header-nul' : 'header-injection');
        },
      ),
    );
  });
});
