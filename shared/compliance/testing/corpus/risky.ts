import { type CorpusDraft, paras } from './types';

const r = (category: string, id: string, d: Omit<CorpusDraft, 'id' | 'label' | 'category'>): CorpusDraft => ({
  id,
  label: 'risky',
  category,
  ...d,
});

const ZW = '\u200b'; // zero-width space
const ZWNJ = '\u200c';
const SHY = '\u00ad'; // soft hyphen
const PIXEL = '<img src="https://t.mailtrack.example/o.gif?u=8f3a2" width="1" height="1" alt="">';

/** Drafts that read like bulk or spam mail: the gate should warn the rep (or block). */
export const RISKY: CorpusDraft[] = [
  // --- money symbol runs ----------------------------------------------------------------------------
  r('money symbols', 'ms-dollar-run', {
    subject: 'Save $$$ on your software stack',
    text: 'Hi Dana,\n\nMost companies waste $$$ on licences nobody uses. We find the waste and you keep the savings. Book a call this week.\n\nSam',
  }),
  r('money symbols', 'ms-euro-run', {
    subject: '€€€ back in your pocket',
    html: paras(
      'Hallo Jonas,',
      'Ihre Energiekosten sind zu hoch! Wir holen €€€ für Sie zurück – ohne Aufwand.',
      'Antworten Sie einfach mit JA.',
    ),
  }),
  r('money symbols', 'ms-percent-wall', {
    subject: 'Spring pricing for Acme',
    text: 'Hi Dana,\n\nThis month only: 30% off Starter, 40% off Team, 50% off Business, 60% off Enterprise, plus 20% off onboarding and 10% off every add-on.\n\nReply to claim yours.\n\nSam',
  }),
  r('money symbols', 'ms-was-now', {
    subject: 'Was $499, now $99',
    html: paras(
      'Hi Tom,',
      'Our analytics plan was $499/month. Now it is $99. Setup was $1,000, now $0. Support was $200, now $0. That is $1,600 saved in month one.',
      'Reply YES to lock in the price.',
    ),
  }),

  // --- capitals -------------------------------------------------------------------------------------
  r('all caps', 'caps-subject', {
    subject: 'LAST CHANCE TO BOOK YOUR FREE DEMO',
    text: 'Hi Dana,\n\nWe have a few demo slots left this month and I would love to show you the product.\n\nSam',
  }),
  r('all caps', 'caps-body', {
    subject: 'Quick question',
    text: 'HI DANA,\n\nWE HELP COMPANIES LIKE ACME CUT ONBOARDING TIME IN HALF. OUR CUSTOMERS LOVE US AND SO WILL YOU. CALL ME TODAY AT 555 0134 OR REPLY TO THIS EMAIL.\n\nSAM',
  }),
  r('all caps', 'caps-shouting-html', {
    subject: 'IMPORTANT INFORMATION FOR YOUR BUSINESS',
    html: paras(
      'Dear Business Owner,',
      '<b>YOUR COMPETITORS ARE ALREADY USING THIS. DO NOT FALL BEHIND.</b>',
      'Reply now to find out more.',
    ),
  }),
  r('all caps', 'caps-mixed-bangs', {
    subject: 'This CHANGES everything!!!',
    text: 'Hi Lee,\n\nOur NEW platform is HERE and it is AMAZING!!! You HAVE to see it. Reply TODAY!\n\nMo',
  }),

  // --- urgency --------------------------------------------------------------------------------------
  r('urgency', 'urg-expires', {
    subject: 'Offer expires tonight',
    text: 'Hi Priya,\n\nAct now: our limited time offer expires today at midnight. Only 3 spots left at this price, so hurry.\n\nMarta',
  }),
  r('urgency', 'urg-final-notice', {
    subject: 'Final notice: your demo slot',
    html: paras(
      'Hi Tom,',
      'Immediate action required. This is your final notice before we release the demo slot reserved for Initech.',
      'Respond now to keep it.',
    ),
  }),
  r('urgency', 'urg-dont-miss', {
    subject: "Don't miss out - today only",
    text: "Hi Rosa,\n\nDon't miss out! Today only, every new customer gets onboarding included. This won't last, so what are you waiting for?\n\nLuis",
  }),
  r('urgency', 'urg-time-sensitive', {
    subject: 'Time sensitive',
    text: "Hi Felix,\n\nThis is time sensitive. We are closing the beta in 24 hours and after that the price doubles. Call now or reply before it's too late.\n\nRuth",
  }),

  // --- many links on a first touch -----------------------------------------------------------------
  r('link-heavy first touch', 'lh-html-seven', {
    subject: 'Resources for Acme',
    html: paras(
      'Hi Dana, here is everything you need:',
      '<a href="https://fairsend.example/product">Product</a> · <a href="https://fairsend.example/pricing">Pricing</a> · <a href="https://fairsend.example/customers">Customers</a> · <a href="https://fairsend.example/security">Security</a> · <a href="https://fairsend.example/blog">Blog</a> · <a href="https://fairsend.example/demo">Demo</a> · <a href="https://fairsend.example/contact">Contact</a>',
      'Sam',
    ),
  }),
  r('link-heavy first touch', 'lh-text-urls', {
    subject: 'Links as promised',
    text: 'Hi Tom,\n\nPricing: https://fairsend.example/pricing\nCase study: https://fairsend.example/cs\nDemo: https://fairsend.example/demo\nWebinar: https://fairsend.example/webinar\nTrial: https://fairsend.example/trial\n\nLena',
  }),
  r('link-heavy first touch', 'lh-every-word', {
    subject: 'Check these out',
    html: '<p><a href="https://a.example/1">New</a> <a href="https://a.example/2">features</a> <a href="https://a.example/3">for</a> <a href="https://a.example/4">your</a> <a href="https://a.example/5">team</a></p>',
  }),
  r('link-heavy first touch', 'lh-listicle', {
    subject: '5 guides for ops leaders',
    html:
      paras('Hi Claire, five guides our readers loved this month:') +
      '<ol><li><a href="https://blog.fairsend.example/a">Scheduling</a></li><li><a href="https://blog.fairsend.example/b">Dispatch</a></li><li><a href="https://blog.fairsend.example/c">Parts</a></li><li><a href="https://blog.fairsend.example/d">Pricing</a></li><li><a href="https://blog.fairsend.example/e">Hiring</a></li></ol>',
  }),

  // --- images instead of words ---------------------------------------------------------------------
  r('image-only body', 'img-banner-only', {
    subject: 'Our spring catalogue',
    html: '<img src="https://cdn.fairsend.example/campaign/spring.jpg" width="600" alt="">',
  }),
  r('image-only body', 'img-linked-banner', {
    subject: 'See what is new',
    html: '<a href="https://fairsend.example/new"><img src="https://cdn.fairsend.example/new.png" width="600" alt="New"></a><p>Click the image.</p>',
  }),
  r('image-only body', 'img-three-tiles', {
    subject: 'Three reasons to switch',
    html: '<p>Hi Dana,</p><img src="https://cdn.fairsend.example/r1.png"><img src="https://cdn.fairsend.example/r2.png"><img src="https://cdn.fairsend.example/r3.png"><p>Talk soon, Sam</p>',
  }),
  r('image-only body', 'img-with-text-part', {
    subject: 'Your invitation',
    html: '<div style="text-align:center"><img src="https://cdn.fairsend.example/invite.png" width="640" alt="You are invited"></div>',
    text: 'You are invited. View this email in your browser.',
  }),

  // --- tracking pixel is the whole HTML -------------------------------------------------------------
  r('tracking-pixel-only html', 'px-pixel-html-text-part', {
    subject: 'Quick question about onboarding',
    html: PIXEL,
    text: 'Hi Dana,\n\nWho looks after laptop and account setup for new hires at Acme?\n\nSam',
  }),
  r('tracking-pixel-only html', 'px-pixel-alone', {
    subject: 'Hello',
    html: `<html><body>${PIXEL}</body></html>`,
  }),
  r('tracking-pixel-only html', 'px-greeting-and-pixel', {
    subject: 'Following your post',
    html: `<div>Hi Mei,</div>${PIXEL}`,
    text: 'Hi Mei,\n\nLoved your post on RevOps after the merger. Worth comparing notes next week?\n\nOmar',
  }),

  // --- words broken up to slip past filters --------------------------------------------------------
  r('obfuscated words', 'ob-free-dots', {
    subject: 'Your F.R.E.E trial',
    text: 'Hi Dana,\n\nStart your F.R.E.E trial today, no credit card needed. M.O.N.E.Y back if you are not happy.\n\nSam',
  }),
  r('obfuscated words', 'ob-cash-dots', {
    subject: 'Earn extra c.a.s.h',
    text: 'Hi Tom,\n\nOur partners e.a.r.n up to $5,000 a month in extra c.a.s.h by referring clients. Interested?\n\nLena',
  }),
  r('obfuscated words', 'ob-pharma', {
    subject: 'Discreet offer',
    text: 'Hello,\n\nV.I.A.G.R.A and C.I.A.L.I.S at wholesale prices, shipped discreetly. Reply for the list.',
  }),
  r('obfuscated words', 'ob-spaced', {
    subject: 'G u a r a n t e e d results',
    html: paras(
      'Hi Claire,',
      'We g-u-a-r-a-n-t-e-e more leads in 30 days, r i s k  f r e e.',
      'Reply to get started.',
    ),
  }),

  // --- invisible or look-alike characters ----------------------------------------------------------
  r('zero-width or look-alike', 'zw-free', {
    subject: `Fr${ZW}ee trial for Acme`,
    text: `Hi Dana,\n\nGet a fr${ZW}ee trial and make mo${ZW}ney from your unused licences.\n\nSam`,
  }),
  r('zero-width or look-alike', 'zw-subject-only', {
    subject: `Ca${ZWNJ}sh bonus for Initech`,
    text: 'Hi Tom,\n\nWe pay a bonus for every customer you refer. Reply if you want the details.\n\nLena',
  }),
  r('zero-width or look-alike', 'la-cyrillic-free', {
    subject: 'Frее gift for your team', // Cyrillic е
    text: 'Hi Rosa,\n\nClaim a frее gift for your whole team: reply with your address.\n\nLuis',
  }),
  r('zero-width or look-alike', 'la-cyrillic-click', {
    subject: 'Your spring offer',
    html: paras(
      'Hi Claire,',
      'Сlick hеrе to sее your ехсlusivе оffеr.', // Cyrillic С е е е х с о е
      'Ben',
    ),
  }),
  r('zero-width or look-alike', 'shy-cash', {
    subject: 'Partner programme',
    text: `Hi Felix,\n\nEarn extra ca${SHY}sh with our partner programme: fast ca${SHY}sh, no in${SHY}vest${SHY}ment.\n\nRuth`,
  }),
  r('zero-width or look-alike', 'la-greek-bonus', {
    subject: 'Yοur bοnus is waiting', // Greek ο
    text: 'Hi Sven,\n\nYour sign-up bonus is waiting. Reply to claim it.\n\nJess',
  }),

  // --- classic spam vocabulary ---------------------------------------------------------------------
  r('spam wording', 'sw-make-money', {
    subject: 'Make money from home',
    text: 'Dear friend,\n\nWork from home and make money with our 100% free programme. No investment, no risk, no obligation. Financial freedom starts today.\n\nBest',
  }),
  r('spam wording', 'sw-overpromise', {
    subject: 'You will not believe these results',
    html: paras(
      'Hi Gavin,',
      'Our revolutionary platform will skyrocket your pipeline. Guaranteed results, 100% guaranteed, or your money back guarantee applies. Amazing results, instant results.',
      'Noor',
    ),
  }),
  r('spam wording', 'sw-winner', {
    subject: 'You have been selected',
    text: 'Hi Kofi,\n\nCongratulations, you have been selected for an exclusive deal for you: a special promotion only for lucky winners. Claim now.\n\nDina',
  }),

  // --- hidden text ---------------------------------------------------------------------------------
  r('hidden text', 'ht-preheader-stuffed', {
    subject: 'A question about Acme',
    html:
      '<div style="display:none;max-height:0;overflow:hidden">free offer best price cheap discount</div>' +
      paras('Hi Dana,', 'Worth a short call next week about onboarding?', 'Sam'),
  }),
  r('hidden text', 'ht-white-keywords', {
    subject: 'Onboarding at Acme',
    html:
      paras('Hi Dana,', 'Worth a short call next week about onboarding?', 'Sam') +
      '<p style="color:#ffffff">onboarding software hr software laptop management it automation</p>',
  }),

  // --- attachments on a first touch ----------------------------------------------------------------
  r('attachment on first touch', 'att-brochure', {
    subject: 'Our brochure',
    text: 'Hi Dana,\n\nPlease find our brochure attached.\n\nSam',
    attachments: 1,
  }),
];
