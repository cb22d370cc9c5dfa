import { describe, expect, it } from 'vitest';
import { bodyToHtml } from './body-html';

describe('bodyToHtml', () => {
  it('makes paragraphs and line breaks', () => {
    expect(bodyToHtml('Hi Ana,\n\nLine one\nline two\r\n\r\n\nBo')).toBe(
      '<p>Hi Ana,</p>\n<p>Line one<br>line two</p>\n<p>Bo</p>',
    );
  });

  it('escapes markup and links bare URLs without the sentence’s punctuation', () => {
    expect(bodyToHtml('<script>x</script> & see https://acme.com/a?b=1&c=2.')).toBe(
      '<p>&#60;script&#62;x&#60;/script&#62; &#38; see <a href="https://acme.com/a?b=1&#38;c=2">https://acme.com/a?b=1&#38;c=2</a>.</p>',
    );
  });

  it('does not link other schemes', () => {
    expect(bodyToHtml('javascript:alert(1) "quoted"')).toBe('<p>javascript:alert(1) &#34;quoted&#34;</p>');
  });

  it('gives nothing for an empty body', () => {
    expect(bodyToHtml('  \n\n ')).toBe('');
  });
});
