import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  domainInText,
  escapeHtml,
  extractHtmlLinks,
  extractTextLinks,
  htmlToText,
  isShortener,
  linkTextMismatch,
  registrableDomain,
  stripInvisibleBlocks,
  visibleText,
} from './links';

describe('extractHtmlLinks', () => {
  it('finds href and visible text, with any quoting and entities', () => {
    const html =
      '<p>See <a href="https://acme.com/a?x=1&amp;y=2">our <b>case</b> study</a>, ' +
      "<A HREF='https://www.acme.com/b'>Acme.com</A> and <a class=x href=https://bit.ly/3xY>here</a>.</p>";
    expect(extractHtmlLinks(html)).toEqual([
      { href: 'https://acme.com/a?x=1&y=2', text: 'our case study', host: 'acme.com', source: 'html' },
      { href: 'https://www.acme.com/b', text: 'Acme.com', host: 'www.acme.com', source: 'html' },
      { href: 'https://bit.ly/3xY', text: 'here', host: 'bit.ly', source: 'html' },
    ]);
  });

  it('skips anchors without href, non-anchor tags, and links inside comments, style and head', () => {
    const html =
      '<head><a href="https://head.example">x</a></head><!-- <a href="https://comment.example">c</a> -->' +
      '<abbr title="a">A</abbr><address>x</address><a name="top">top</a><a href="/relative">rel</a>';
    expect(extractHtmlLinks(html)).toEqual([{ href: '/relative', text: 'rel', host: null, source: 'html' }]);
  });

  it('takes the rest of the document as the text of an unclosed anchor', () => {
    expect(extractHtmlLinks('<a href="https://x.example">never closed <b>bold')).toEqual([
      { href: 'https://x.example', text: 'never closed bold', host: 'x.example', source: 'html' },
    ]);
  });

  it('finishes on 1 MB of unclosed tags', () => {
    expect(extractHtmlLinks('<a '.repeat(350_000))).toEqual([]);
    expect(extractHtmlLinks(`<a href=x>${'<'.repeat(1 << 20)}`)).toHaveLength(1);
  });
});

describe('extractTextLinks', () => {
  it.each([
    ['Book here: https://cal.com/sam.', ['https://cal.com/sam']],
    ['(see www.acme.com/pricing)', ['http://www.acme.com/pricing']],
    ['short: bit.ly/abc and tinyurl.com/xyz!', ['http://bit.ly/abc', 'http://tinyurl.com/xyz']],
    ['no links here, just a/b testing and e.g. acme.com', []],
    ['fedex.co/track is not x.co', []],
  ])('%s', (text, hrefs) => {
    expect(extractTextLinks(text).map((l) => l.href)).toEqual(hrefs);
  });
});

describe('shorteners', () => {
  it.each([
    ['bit.ly', true],
    ['www.bit.ly', true],
    ['t.co', true],
    ['rebrand.ly', true],
    ['shorturl.at', true],
    ['acme.com', false],
    ['bit.ly.example.com', false],
    [null, false],
  ])('%s → %s', (host, expected) => {
    expect(isShortener(host)).toBe(expected);
  });
});

describe('link text naming another domain', () => {
  it.each([
    ['paypal.com', 'https://evil.example/login', { shown: 'paypal.com', actual: 'evil.example' }],
    [
      'https://www.paypal.com/signin',
      'https://paypa1.com',
      { shown: 'www.paypal.com', actual: 'paypa1.com' },
    ],
    ['Visit Acme.COM today', 'https://tracker.io/r', { shown: 'acme.com', actual: 'tracker.io' }],
    ['acme.com', 'https://acme.com/x', null],
    ['www.acme.com', 'https://go.acme.com/x', null],
    ['shop.acme.co.uk', 'https://acme.co.uk', null],
    ['our case study', 'https://acme.com', null],
    ['Node.js guide', 'https://nodejs.org', null], // .js is not a TLD people mean
    ['v2.0 release notes', 'https://acme.com', null],
    ['e.g. this', 'https://acme.com', null],
  ])('%s → %s', (text, href, expected) => {
    const host = new URL(href).hostname;
    expect(linkTextMismatch({ href, text, host, source: 'html' })).toEqual(expected);
  });

  it('reads domains from text, and compares registrable domains', () => {
    expect(domainInText('see (https://Bücher.de/x).')).toBe('xn--bcher-kva.de');
    expect(domainInText('x'.repeat(100_000))).toBeNull();
    expect(registrableDomain('a.b.acme.com')).toBe('acme.com');
    expect(registrableDomain('www.acme.com.au')).toBe('acme.com.au');
  });
});

describe('html helpers', () => {
  it('decodes and escapes entities', () => {
    expect(decodeEntities('&lt;b&gt; &amp;amp; &#39;x&#x27; &nbsp;&bogus;')).toBe(
      "<b> &amp; 'x' \u00a0&bogus;".replace('\u00a0', ' '),
    );
    expect(escapeHtml('<a href="x">&\'</a>')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#60;/a&#62;');
  });

  it('drops invisible blocks and tags from visible text', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><p>Hi&nbsp;Dana,</p><script>x()</script><p>Bye</p>';
    expect(stripInvisibleBlocks(html)).not.toContain('color:red');
    expect(visibleText(stripInvisibleBlocks(html))).toBe('Hi Dana, Bye');
    expect(visibleText(stripInvisibleBlocks('<header>Visible</header><p>too</p>'))).toBe('Visible too');
  });

  it('renders HTML as plain text with links and paragraphs', () => {
    const html =
      '<p>Hi Dana,</p><p>Here is <a href="https://acme.com/cs?a=1&amp;b=2">our case study</a>.<br>Thanks &amp; bye</p>' +
      '<ul><li>One</li><li>Two</li></ul><p><a href="https://acme.com">https://acme.com</a></p><p>&lt;not a tag&gt;</p>';
    expect(htmlToText(html)).toBe(
      'Hi Dana,\n\nHere is our case study (https://acme.com/cs?a=1&b=2) .\nThanks & bye\n\n- One\n- Two\n\nhttps://acme.com\n\n<not a tag>',
    );
  });
});
