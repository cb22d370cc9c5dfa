import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html';

/** What an HTML parser reads back: the text of <p> and the title attribute of <a>. */
function parse(html: string): { text: string; title: string | undefined; tags: string[] } {
  let text = '';
  let title: string | undefined;
  const tags: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      tags.push(name);
      if (name === 'a') title = attributes.title;
    },
    ontext(data) {
      text += data;
    },
  });
  parser.write(html);
  parser.end();
  return { text, title, tags };
}

describe('escapeHtml', () => {
  it('writes the five markup characters as numeric references', () => {
    expect(escapeHtml('<a href="x">&\'</a>')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#60;/a&#62;');
  });

  it('leaves other text alone, including non-ASCII and existing-looking entities written as text', () => {
    expect(escapeHtml('Zoë · 50 % off — ok')).toBe('Zoë · 50 % off — ok');
    expect(escapeHtml('&amp;')).toBe('&#38;amp;');
  });

  it.each([
    '<script>alert(1)</script>',
    '" onmouseover="alert(1)',
    "' onfocus='x",
    'Tom & Jerry <tom@example.com>',
    '&lt;not a tag&gt;',
  ])('reads back as the same text, with no tag opened, in content and in attributes (%#)', (input) => {
    const parsed = parse(`<p>${escapeHtml(input)}</p><a title="${escapeHtml(input)}">x</a>`);
    expect(parsed.tags).toEqual(['p', 'a']);
    expect(parsed.text).toBe(`${input}x`);
    expect(parsed.title).toBe(input);
  });
});
