import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../text/escape-html';
import { readHtml } from './html-reading';
import {
  domainInText,
  extractHtmlLinks,
  extractTextLinks,
  htmlToText,
  isShortener,
  type Link,
  linkTextMismatch,
  registrableDomain,
  resolveHref,
  unsafeLink,
} from './links';

const link = (href: string, text: string, scheme: string | null, host: string | null): Link => ({
  href,
  text,
  scheme,
  host,
  source: 'html',
});

describe('extractHtmlLinks', () => {
  it('finds href and visible text, with any quoting and entities', () => {
    const html =
      '<p>See <a href="https://acme.com/a?x=1&amp;y=2">our <b>case</b> study</a>, ' +
      "<A HREF='https://www.acme.com/b'>Acme.com</A> and <a class=x href=https://bit.ly/3xY>here</a>.</p>";
    expect(extractHtmlLinks(html)).toEqual([
      link('https://acme.com/a?x=1&y=2', 'our case study', 'https', 'acme.com'),
      link('https://www.acme.com/b', 'Acme.com', 'https', 'www.acme.com'),
      link('https://bit.ly/3xY', 'here', 'https', 'bit.ly'),
    ]);
  });

  it('skips anchors without href, non-anchor tags, and links inside comments, style and head', () => {
    const html =
      '<head><a href="https://head.example">x</a></head><!-- <a href="https://comment.example">c</a> -->' +
      '<abbr title="a">A</abbr><address>x</address><a name="top">top</a><a href="/relative">rel</a>';
    expect(extractHtmlLinks(html)).toEqual([link('/relative', 'rel', null, null)]);
  });

  it('takes the rest of the document as the text of an unclosed anchor', () => {
    expect(extractHtmlLinks('<a href="https://x.example">never closed <b>bold')).toEqual([
      link('https://x.example', 'never closed bold', 'https', 'x.example'),
    ]);
  });

  it('finishes on 1 MB of unclosed tags', () => {
    expect(extractHtmlLinks('<a '.repeat(350_000))).toEqual([]);
    expect(extractHtmlLinks(`<a href=x>${'<'.repeat(1 << 20)}`)).toHaveLength(1);
  });
});

describe('links read as a browser reads them', () => {
  it.each([
    ['an entity tab inside the scheme', '<a href="java&#9;script:alert(1)">deck</a>', 'javascript'],
    ['a literal tab inside the scheme', '<a href="java\tscript:alert(1)">deck</a>', 'javascript'],
    ['a newline inside the scheme', '<a href="jav\nascript:alert(1)">deck</a>', 'javascript'],
    ['an entity newline inside the scheme', '<a href="java&#x0A;script:alert(1)">deck</a>', 'javascript'],
    [
      'leading control characters and spaces',
      '<a href="\u0001\u0010 javascript:alert(1)">deck</a>',
      'javascript',
    ],
    ['letters and the colon as entities', '<a href="&#106;avascript&colon;alert(1)">deck</a>', 'javascript'],
    ['mixed case', '<a href="JaVaScRiPt:alert(1)">deck</a>', 'javascript'],
    ['a data: document', '<a href="data:text/html;base64,PHNjcmlwdD4=">deck</a>', 'data'],
    ['vbscript', '<a href="vbscript:msgbox(1)">deck</a>', 'vbscript'],
    [
      'an image-map area',
      '<img src="x.png" usemap="#m"><map name="m"><area href="javascript:alert(1)" alt="deck"></map>',
      'javascript',
    ],
    [
      'an SVG link by xlink:href',
      '<svg><a xlink:href="javascript:alert(1)"><text>deck</text></a></svg>',
      'javascript',
    ],
    [
      'an SVG link by XLINK:HREF in capitals',
      '<SVG><A XLINK:HREF="javascript:alert(1)"><text>deck</text></A></SVG>',
      'javascript',
    ],
    ['an SVG link by href', '<svg><a href="javascript:alert(1)"><text>deck</text></a></svg>', 'javascript'],
  ])('%s is a script link', (_, anchor, scheme) => {
    const [only] = extractHtmlLinks(anchor);
    expect(only?.scheme).toBe(scheme);
    expect(only && unsafeLink(only)).toBe(`${scheme}:`);
  });

  it('takes the real href, not one hidden behind data-href', () => {
    const links = extractHtmlLinks(
      '<a data-href="https://fairsend.example/cs" href="javascript:alert(1)">cs</a>',
    );
    expect(links).toHaveLength(1);
    expect(links[0]?.scheme).toBe('javascript');
  });

  it('does not treat data-href alone as a link', () => {
    expect(extractHtmlLinks('<a data-href="javascript:alert(1)">cs</a>')).toEqual([]);
    expect(extractHtmlLinks('<a data-href="https://bit.ly/x" class="btn">cs</a>')).toEqual([]);
  });

  it('reads attributes after a ">" inside a quoted value', () => {
    expect(extractHtmlLinks('<a title="case > study" href="http://203.0.113.9/x">case study</a>')).toEqual([
      link('http://203.0.113.9/x', 'case study', 'http', '203.0.113.9'),
    ]);
  });

  it('reads an image-map area as a link, its alt as its text', () => {
    expect(
      extractHtmlLinks(
        '<map name="m"><area shape="rect" coords="0,0,9,9" href="https://evil.example/x" alt="acme.com"><area alt="no link"></map><p>after</p>',
      ),
    ).toEqual([link('https://evil.example/x', 'acme.com', 'https', 'evil.example')]);
  });

  it('reads xlink:href on an SVG link, and href over it; not on an HTML link', () => {
    expect(
      extractHtmlLinks('<svg><a xlink:href="https://evil.example/x"><text>acme.com</text></a></svg>'),
    ).toEqual([link('https://evil.example/x', 'acme.com', 'https', 'evil.example')]);
    expect(
      extractHtmlLinks(
        '<svg><a href="https://acme.com/" xlink:href="https://evil.example/"><text>x</text></a></svg>',
      ),
    ).toEqual([link('https://acme.com/', 'x', 'https', 'acme.com')]);
    // A browser reads xlink:href only in SVG: in HTML, and inside an SVG's foreignObject, it is no link.
    expect(extractHtmlLinks('<a xlink:href="javascript:alert(1)">x</a>')).toEqual([]);
    expect(
      extractHtmlLinks('<svg><foreignObject><a xlink:href="javascript:alert(1)">x</a></foreignObject></svg>'),
    ).toEqual([]);
    expect(extractHtmlLinks('<svg><rect/></svg><a xlink:href="javascript:alert(1)">x</a>')).toEqual([]);
  });

  it.each([
    ['a path', '<base href="https://evil.example/"><a href="/login">acme.com</a>', 'https', 'evil.example'],
    [
      'a fragment',
      '<base href="https://evil.example/">\n<a href="#top">acme.com</a>',
      'https',
      'evil.example',
    ],
    [
      'a base in the body, after the link',
      '<a href="login">acme.com</a><p><base href="//evil.example/x/"></p>',
      'https',
      'evil.example',
    ],
    [
      'a base at an IP address',
      '<base href="http://203.0.113.9/"><a href="cs.pdf">case study</a>',
      'http',
      '203.0.113.9',
    ],
    [
      'the first base only',
      '<base href="https://evil.example/"><base href="https://acme.com/"><a href="x">x</a>',
      'https',
      'evil.example',
    ],
    [
      'an absolute href, whatever the base',
      '<base href="https://evil.example/"><a href="https://acme.com/x">x</a>',
      'https',
      'acme.com',
    ],
    ['a base that is itself relative', '<base href="/app/"><a href="x">x</a>', null, null],
    [
      'a javascript: base, which browsers ignore',
      '<base href="javascript:alert(1)//"><a href="x">x</a>',
      null,
      null,
    ],
    [
      'a base inside a template',
      '<template><base href="https://evil.example/"></template><a href="x">x</a>',
      null,
      null,
    ],
    ['no base', '<a href="/login">acme.com</a>', null, null],
  ])('resolves relative links against <base>: %s', (_, html, scheme, host) => {
    const [only] = extractHtmlLinks(html);
    expect(only && { scheme: only.scheme, host: only.host }).toEqual({ scheme, host });
  });

  it('shows the mismatch a <base> hides', () => {
    const [only] = extractHtmlLinks('<base href="https://evil.example/"><a href="/login">acme.com</a>');
    expect(only && linkTextMismatch(only)).toEqual({ shown: 'acme.com', actual: 'evil.example' });
  });

  it.each([
    ['http://203.0.113.45/cs', '203.0.113.45'],
    ['http://0xCB.0x00.0x71.0x2D/cs', '203.0.113.45'],
    ['http://3405803821/cs', '203.0.113.45'],
    ['http://0313.0.0161.055/cs', '203.0.113.45'],
    ['http://[2001:db8::17]/cs', '[2001:db8::17]'],
  ])('%s is an IP-literal link', (href, ip) => {
    const [only] = extractHtmlLinks(`<a href="${href}">cs</a>`);
    expect(only && unsafeLink(only)).toBe(ip);
  });

  it.each([
    ['https://fairsend.example/x', 'https', 'fairsend.example'],
    ['  HTTPS://WWW.Fairsend.Example./x ', 'https', 'www.fairsend.example'],
    ['//evil.example/x', 'https', 'evil.example'],
    ['/pricing', null, null],
    ['acme.com/pricing', null, null],
    ['mailto:sam@fairsend.example', 'mailto', null],
    ['tel:+14155550134', 'tel', null],
    ['http://', null, null],
  ])('resolves %j', (href, scheme, host) => {
    expect(resolveHref(href)).toEqual({ scheme, host });
  });

  it('leaves ordinary links alone', () => {
    for (const href of ['https://fairsend.example', 'mailto:a@b.example', 'tel:+1', '/relative', '#top']) {
      const [only] = extractHtmlLinks(`<a href="${href}">x</a>`);
      expect(only && unsafeLink(only)).toBeNull();
    }
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
    // Under the PSL's private section, github.io and herokuapp.com are suffixes: each site is its own domain.
    [
      'acme.github.io',
      'https://attacker.github.io/x',
      { shown: 'acme.github.io', actual: 'attacker.github.io' },
    ],
    [
      'acme.herokuapp.com',
      'https://acme-login.herokuapp.com',
      { shown: 'acme.herokuapp.com', actual: 'acme-login.herokuapp.com' },
    ],
    ['acme.github.io/docs', 'https://acme.github.io/docs/intro', null],
    ['www.acme.co.uk', 'https://acme.co', { shown: 'www.acme.co.uk', actual: 'acme.co' }],
    ['README.md', 'https://github.com/acme/cli', null],
  ])('%s → %s', (text, href, expected) => {
    expect(linkTextMismatch(link(href, text, 'https', new URL(href).hostname))).toEqual(expected);
  });

  it('reads domains from text, and compares registrable domains', () => {
    expect(domainInText('see (https://Bücher.de/x).')).toBe('xn--bcher-kva.de');
    expect(domainInText('x'.repeat(100_000))).toBeNull();
    expect(registrableDomain('a.b.acme.com')).toBe('acme.com');
    expect(registrableDomain('www.acme.com.au')).toBe('acme.com.au');
    expect(registrableDomain('attacker.github.io')).toBe('attacker.github.io');
    expect(registrableDomain('203.0.113.9')).toBe('203.0.113.9');
  });
});

describe('html helpers', () => {
  it('escapes for HTML', () => {
    expect(escapeHtml('<a href="x">&\'</a>')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#60;/a&#62;');
  });

  it('reads visible text: no head, style, script or comments; inline tags join, blocks separate', () => {
    const page =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><p>Hi&nbsp;Dana,</p><script>x()</script>' +
      '<!-- <p>hidden</p> --><p>Bye <b>n</b>ow</p><header>Visible</header><td>a</td><td>b</td>';
    expect(readHtml(page).text).toBe('Hi Dana, Bye now Visible a b');
  });

  it('tells hidden text from styled text', () => {
    const hidden = (s: string) => readHtml(`<p>Hi</p>${s}`).hiddenText;
    expect(hidden('<div style="display:none">Free offer</div>')).toBe(true);
    expect(hidden('<div style="display:none"></div>')).toBe(false); // an empty spacer hides nothing
    expect(hidden('<p style="color:#ffffff">keywords</p>')).toBe(true);
    expect(hidden('<font color="white">x</font>')).toBe(true);
    expect(hidden('<td bgcolor="#0b5fff"><span style="color:#fff">Book a call</span></td>')).toBe(false);
    expect(hidden('<a style="background:#0b5fff;color:white">Demo</a>')).toBe(false);
  });

  it('tells tracking pixels from pictures', () => {
    const pixels = (s: string) => readHtml(s).images.map((i) => i.pixel);
    expect(pixels('<img src="a" width="1" height="1"><img src="b" style="width:1px;height:1px">')).toEqual([
      true,
      true,
    ]);
    expect(
      pixels('<img src="c" style="display:none"><img src="d" width="80" height="24"><img src="e">'),
    ).toEqual([true, false, false]);
  });

  it('renders HTML as plain text with links and paragraphs', () => {
    const html =
      '<p>Hi Dana,</p><p>Here is <a href="https://acme.com/cs?a=1&amp;b=2">our case study</a>.<br>Thanks &amp; bye</p>' +
      '<ul><li>One</li><li>Two</li></ul><p><a href="https://acme.com">https://acme.com</a></p><p>&lt;not a tag&gt;</p>';
    expect(htmlToText(html)).toBe(
      'Hi Dana,\n\nHere is our case study (https://acme.com/cs?a=1&b=2) .\nThanks & bye\n\n- One\n- Two\n\nhttps://acme.com\n\n<not a tag>',
    );
  });

  it('renders an image-map area as its alt and link, once', () => {
    expect(
      htmlToText(
        '<p>Plans</p><img src="p.png" usemap="#m"><map name="m"><area href="https://acme.com/a" alt="Pricing"><area alt="x"></map>',
      ),
    ).toBe('Plans\n\nPricing (https://acme.com/a)');
  });

  it('renders what a reader sees: no hidden blocks, attributes read whole, source line breaks as spaces', () => {
    const page =
      '<head><title>Offer</title></head><p>Hi Dana,\n   this is\n one line.</p><!-- note -->' +
      '<p><a title="a > b" data-href="https://x.example" href="https://acme.com/cs">case study</a></p>' +
      '<table><tr><td>Plan</td><td>$39</td></tr></table><pre>keep\n  this</pre>';
    expect(htmlToText(page)).toBe(
      'Hi Dana, this is one line.\n\ncase study (https://acme.com/cs)\n\nPlan $39\n\nkeep\nthis',
    );
  });
});
