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
];
