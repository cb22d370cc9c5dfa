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
  r('money symbols', 'ms-pound-run', {
    subject: 'Cut £££ from your energy bill',
    text: 'Hi Gemma,\n\nMost shops on your high street overpay £££ a year on energy without knowing it. We switch you in a day and take nothing unless you save.\n\nFancy a quick call?\n\nOwen',
  }),
  r('money symbols', 'ms-spaced-dollars', {
    subject: 'Your unused inventory',
    html: paras(
      'Hi Marcus,',
      'That dead stock in your warehouse? We turn it into $ $ $ within 30 days. No listing fees, no storage, we collect.',
      'Interested?',
      'Carla',
    ),
  }),
  r('money symbols', 'ms-price-table', {
    subject: 'Pricing for Initech',
    html:
      paras('Hi Tom, our prices this quarter:') +
      '<table><tr><td>Starter</td><td>$19</td><td>was $49</td></tr><tr><td>Team</td><td>$49</td><td>was $99</td></tr>' +
      '<tr><td>Business</td><td>$99</td><td>was $199</td></tr></table>' +
      paras('Reply to lock it in.'),
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
  r('all caps', 'caps-subject-german', {
    subject: 'KOSTENLOSE BERATUNG FÜR IHR TEAM',
    text: 'Hallo Frau Keller,\n\nwir bieten Ihrem Vertriebsteam diesen Monat eine Beratung zur Lead-Qualifizierung an. Hätten Sie nächste Woche Zeit?\n\nViele Grüße\nStefan',
  }),
  r('all caps', 'caps-html-masterclass', {
    subject: 'Masterclass seats for Globex',
    html:
      '<h1>ONLY 12 SEATS LEFT FOR THE SALES MASTERCLASS</h1>' +
      paras(
        'HI KOFI, WE ARE RUNNING OUR LIVE MASTERCLASS FOR SALES LEADERS NEXT THURSDAY AND YOUR TEAM IS INVITED.',
        'REPLY WITH THE NAMES OF WHO WANTS TO JOIN.',
      ),
  }),
  r('all caps', 'caps-signoff-shouting', {
    subject: 'A better way to run payroll',
    text: 'Hi Anita,\n\nWE MAKE PAYROLL EASY. NO MORE SPREADSHEETS, NO MORE LATE PAYMENTS, NO MORE ANGRY EMPLOYEES. SWITCH IN ONE AFTERNOON AND NEVER LOOK BACK.\n\nBest,\nGreg',
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
  r('urgency', 'urg-pricing-lock', {
    subject: 'Urgent: your pricing lock ends Friday',
    html: paras(
      'Hi Dana,',
      'Urgent: the 2025 pricing we held for Acme ends this Friday. After that, the new rates apply to every seat. Act now to keep it.',
      'Sam',
    ),
  }),
  r('urgency', 'urg-last-chance-webinar', {
    subject: 'Last chance: seats closing in 2 hours',
    text: 'Hi Priya,\n\nLast chance! Registration for tomorrow’s pipeline workshop closes in 2 hours and only a few left. Hurry up and grab yours.\n\nMarta',
  }),
  r('urgency', 'urg-do-not-delete', {
    subject: 'Do not delete: action needed on your quote',
    text: 'Hi Owen,\n\nDo not delete this email. Immediate action required on the quote we sent Initech: respond now or the discount is withdrawn.\n\nFiona',
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
  r('link-heavy first touch', 'lh-cta-buttons', {
    subject: 'See Fairsend in action',
    html:
      paras('Hi Dana, pick whatever suits you:') +
      '<p><a href="https://fairsend.example/demo" style="background:#0b5fff;color:#fff;padding:8px">Book a demo</a> ' +
      '<a href="https://fairsend.example/trial" style="background:#0b5fff;color:#fff;padding:8px">Start a trial</a> ' +
      '<a href="https://fairsend.example/video" style="background:#0b5fff;color:#fff;padding:8px">Watch the video</a> ' +
      '<a href="https://fairsend.example/ebook" style="background:#0b5fff;color:#fff;padding:8px">Get the ebook</a> ' +
      '<a href="https://fairsend.example/pricing" style="background:#0b5fff;color:#fff;padding:8px">See pricing</a></p>',
  }),
  r('link-heavy first touch', 'lh-roundup-text', {
    subject: 'This week in RevOps',
    text: 'Hi Mei,\n\nFive reads for you this week:\n1. https://blog.fairsend.example/forecasting\n2. https://blog.fairsend.example/territories\n3. https://blog.fairsend.example/comp-plans\n4. https://blog.fairsend.example/handoffs\n5. https://blog.fairsend.example/churn\n6. https://blog.fairsend.example/podcast\n\nOmar',
  }),
  r('link-heavy first touch', 'lh-linked-phrases', {
    subject: 'Onboarding at Acme',
    html: paras(
      'Hi Claire,',
      'We help <a href="https://fairsend.example/hr">HR teams</a> cut <a href="https://fairsend.example/onboarding">onboarding</a> time with <a href="https://fairsend.example/automation">automation</a>, <a href="https://fairsend.example/it">IT</a> <a href="https://fairsend.example/integrations">integrations</a> and <a href="https://fairsend.example/reports">reports</a>.',
      'Ben',
    ),
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
  r('image-only body', 'img-flyer-alt', {
    subject: 'Join us at SaaStr',
    html: '<table width="100%"><tr><td align="center"><a href="https://fairsend.example/saastr"><img src="https://cdn.fairsend.example/saastr-flyer.jpg" width="600" height="900" alt="Meet the Fairsend team at booth 214, SaaStr Annual, September 9-11"></a></td></tr></table>',
    text: 'Meet the Fairsend team at booth 214, SaaStr Annual. https://fairsend.example/saastr',
  }),
  r('image-only body', 'img-gif-cta', {
    subject: 'A 20-second look',
    html: '<p>Hi Tom,</p><p><img src="https://cdn.fairsend.example/demo.gif" width="480" alt="Product tour"></p><p><a href="https://fairsend.example/demo">Watch the full demo</a></p>',
  }),
  r('image-only body', 'img-product-grid', {
    subject: 'New arrivals for your store',
    html:
      '<table><tr><td><img src="https://cdn.fairsend.example/p1.jpg" width="280" alt="Desk lamp"><br>Desk lamp</td>' +
      '<td><img src="https://cdn.fairsend.example/p2.jpg" width="280" alt="Chair"><br>Chair</td></tr>' +
      '<tr><td><img src="https://cdn.fairsend.example/p3.jpg" width="280" alt="Shelf"><br>Shelf</td>' +
      '<td><img src="https://cdn.fairsend.example/p4.jpg" width="280" alt="Rug"><br>Rug</td></tr></table>',
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
  r('tracking-pixel-only html', 'px-css-sized-in-table', {
    subject: 'Question about your warehouse',
    html: '<table role="presentation"><tr><td><img src="https://open.tracker.example/p/8f3a2.png" style="width:1px;height:1px;border:0" alt=""></td></tr></table>',
    text: 'Hi Sanne,\n\nHow do you count stock across the two sites today?\n\nDaan',
  }),
  r('tracking-pixel-only html', 'px-hidden-image', {
    subject: 'Your RevOps hire',
    html: '<img src="https://t.sendtrack.example/open?id=77" style="display:none" alt="">',
    text: 'Hi Mei,\n\nSaw you are hiring a RevOps lead. Want the scorecard we give our customers?\n\nOmar',
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
  r('obfuscated words', 'ob-loan-dots', {
    subject: 'Business L.O.A.N pre-approved',
    text: 'Hi Marcus,\n\nYour business is pre-approved for a L.O.A.N of up to $250,000. No paperwork, funds in 24 hours. Reply to accept.\n\nDerek',
  }),
  r('obfuscated words', 'ob-bitcoin-dashes', {
    subject: 'A new way to grow your reserves',
    html: paras(
      'Hi Anita,',
      'Our clients put 5% of their reserves in b-i-t-c-o-i-n and saw the best p-r-o-f-i-t in years.',
      'Can I send the details?',
    ),
  }),
  r('obfuscated words', 'ob-winner-underscores', {
    subject: 'You are our w_i_n_n_e_r',
    text: 'Hi Gavin,\n\nYour company was drawn as this month’s w_i_n_n_e_r: a year of our software for free. Reply to claim.\n\nNoor',
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
  r('zero-width or look-alike', 'zw-joiner-discount', {
    subject: 'Spring pricing',
    html: paras(
      'Hi Claire,',
      `Our biggest dis\u200dcount of the year: grab the spring de\u2060al before Friday.`,
      'Ben',
    ),
  }),
  r('zero-width or look-alike', 'zw-bom-guaranteed', {
    subject: `Gua\ufeffranteed leads for Globex`,
    text: 'Hi Kofi,\n\nTen qualified meetings a month or you do not pay. Worth a call?\n\nDina',
  }),
  r('zero-width or look-alike', 'la-cyrillic-cash-subject', {
    subject: 'Сash back on every seat', // Cyrillic С
    text: 'Hi Felix,\n\nEvery seat you move to us earns cash back for your team. Reply for the numbers.\n\nRuth',
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
