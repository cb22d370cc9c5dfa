import { type CorpusDraft, type Label, paras } from './types';

const h = (
  label: Label,
  category: string,
  id: string,
  d: Omit<CorpusDraft, 'id' | 'label' | 'category'>,
): CorpusDraft => ({ id: `ho-${id}`, label, category, ...d });

/**
 * Written after the rules were tuned on the rest of the corpus, to check that they generalise: clean drafts
 * aimed at the new rules' false alarms, risky and deceptive ones in shapes the corpus does not have.
 */
export const HOLDOUT: CorpusDraft[] = [
  // --- clean ----------------------------------------------------------------------------------------
  h('clean', 'holdout clean', 'acronyms-dots', {
    subject: 'Your U.S. expansion',
    text: 'Hi Grace,\n\nCongrats on the U.S. launch. Teams that hire their first reps in N.Y.C. and L.A. usually need payroll in two states on day one. We handle that. Worth 15 minutes?\n\nP.S. A/B/C testing your pricing page is on us if you sign before June.\n\nTom',
  }),
  h('clean', 'holdout clean', 'quote-their-post', {
    subject: 'Your post about hiring',
    text: 'Hi Nadia,\n\nOn LinkedIn last week you wrote:\n> Hiring is our biggest bottleneck this year.\n\nWe help teams like yours cut time-to-hire by a third with structured interviews. Would a short call help?\n\nMo',
  }),
  h('clean', 'holdout clean', 'stats-dense', {
    subject: 'Benchmarks for your board deck',
    text: 'Hi Raj,\n\nFor your board deck, here is where SaaS companies of your size landed last year: growth 38%, net retention 112%, gross margin 74%, burn multiple 1.6, CAC payback 17 months, and 8% of revenue on R&D tooling.\n\nHappy to send the full dataset.\n\nEmma',
  }),
  h('clean', 'holdout clean', 'greek-plain', {
    subject: 'Ερώτηση για την ομάδα πωλήσεών σας',
    text: 'Καλησπέρα κύριε Παπαδόπουλε,\n\nΕίδα ότι η εταιρεία σας άνοιξε νέο γραφείο στη Θεσσαλονίκη. Πώς οργανώνετε σήμερα την πρώτη επαφή με νέους πελάτες;\n\nΘα είχατε 15 λεπτά την επόμενη εβδομάδα;\n\nΜε εκτίμηση,\nΕλένη',
  }),
  h('clean', 'holdout clean', 'german-soft-hyphens', {
    subject: 'Einarbeitung bei Acme',
    text: 'Hallo Herr Braun,\n\ndie Ein\u00adarbeitung neuer Mit\u00adarbeiter dauert bei vielen Unter\u00adnehmen Ihrer Größe drei bis vier Wochen. Wir haben das bei Northwind auf zwei Tage verkürzt.\n\nHätten Sie Zeit für ein kurzes Gespräch?\n\nViele Grüße\nJonas',
  }),
  h('clean', 'holdout clean', 'emoji-zwj', {
    subject: 'For your dev team 👩‍💻',
    text: 'Hi Ada,\n\nYour engineers 👩‍💻👨‍💻 spend about a day a month on flaky tests, from what your job posts say. We fix that. Worth a chat?\n\nLinus',
  }),
  h('clean', 'holdout clean', 'tag-without-marker', {
    subject: '[Webinar] Scaling RevOps after a merger',
    text: 'Hi Mei,\n\nWe are running a 30-minute session with the RevOps leads of Northwind and Globex on what they changed after their mergers. Would you like an invite?\n\nOmar',
  }),
  h('clean', 'holdout clean', 'antwerp-subject', {
    subject: 'Antwerp warehouse opening',
    text: 'Hi Sanne,\n\nCongratulations on the Antwerp warehouse. Running two sites usually doubles the stock counts. We connect both to one view. Interested?\n\nDaan',
  }),
  h('clean', 'holdout clean', 'chart-image', {
    subject: 'A chart for your pricing review',
    html:
      paras(
        'Hi Leo,',
        'I compared list prices across the eight tools your team uses and plotted them against seats. Two of them charge you for inactive users, which on your numbers is about 14 seats a month.',
      ) +
      '<p><img src="https://fairsend.example/charts/acme-seats.png" width="520" height="300" alt="Seats versus price"></p>' +
      paras('Happy to walk you through it in 15 minutes.', 'Iris'),
  }),
  h('clean', 'holdout clean', 'utm-link', {
    subject: 'The guide you downloaded',
    text: 'Hi Kim,\n\nThanks for downloading our onboarding guide. Chapter 3 covers exactly the two-office setup you mentioned: https://www.fairsend.example/guide?utm_source=email&utm_medium=outbound#chapter-3\n\nAny questions, just reply.\n\nAmira',
  }),
  h('clean', 'holdout clean', 'mailto-and-tel', {
    subject: 'Contact for the security questionnaire',
    html: paras(
      'Hi Tom,',
      'For the security questionnaire, our CISO is the best contact: <a href="mailto:ciso@fairsend.example">ciso@fairsend.example</a> or <a href="tel:+4930555019">+49 30 555 019</a>.',
      'Lena',
    ),
  }),
  h('clean', 'holdout clean', 'chinese-link', {
    subject: '关于贵公司新仓库的库存管理',
    html: paras(
      '张经理您好，',
      '听说贵公司在苏州开设了第二个仓库。我们帮助过多家企业在一个界面里管理两个仓库的库存，这是一个案例：<a href="https://fairsend.example/cn/case">客户案例</a>。',
      '下周是否方便通话十五分钟？',
      '王磊',
    ),
  }),

  // --- risky ----------------------------------------------------------------------------------------
  h('risky', 'holdout risky', 'pushy-pile', {
    subject: 'Special offer for valued customers',
    text: 'Dear valued customer,\n\nSpecial offer: sign up free today, click here for your free trial, or buy now and get started now.\n\nThe team',
  }),
  h('risky', 'holdout risky', 'dollars-body-only', {
    subject: 'Cut your cloud bill',
    text: 'Hi Ravi,\n\nWe find $$$ in every AWS bill. Last month we saved a client $$$$ in one afternoon.\n\nKim',
  }),
  h('risky', 'holdout risky', 'zwj-free', {
    subject: 'Trial for Globex',
    text: 'Hi Raj,\n\nYour fr\u200dee account is ready, with extra ca\u200dsh back on every seat.\n\nEmma',
  }),
  h('risky', 'holdout risky', 'lowercase-dots', {
    subject: 'quick one',
    text: 'hey, want a f.r.e.e audit and some c.a.s.h back? reply y.e.s',
  }),
  h('risky', 'holdout risky', 'bangs-and-urgency', {
    subject: 'FREE for 24 hours!!!',
    text: 'Hi Leo,\n\nLimited time!!! Sign up today and pay nothing. Hurry!!!\n\nIris',
  }),
  h('risky', 'holdout risky', 'banner-and-cta', {
    subject: 'Spring launch',
    html: '<a href="https://fairsend.example/launch"><img src="https://cdn.fairsend.example/launch-banner.jpg" width="600" height="400"></a><p>Click the banner to learn more.</p>',
  }),
  h('risky', 'holdout risky', 'eight-text-links', {
    subject: 'All our resources',
    text: 'Hi Ada,\n\nhttps://fairsend.example/a\nhttps://fairsend.example/b\nhttps://fairsend.example/c\nhttps://fairsend.example/d\nhttps://fairsend.example/e\nhttps://fairsend.example/f\nhttps://fairsend.example/g\nhttps://fairsend.example/h\n\nLinus',
  }),
  h('risky', 'holdout risky', 'hidden-preheader', {
    subject: 'Onboarding at Globex',
    html:
      '<span style="display:none;font-size:0;line-height:0">You have been pre-approved, open now</span>' +
      paras('Hi Raj,', 'Could onboarding at Globex be faster? Happy to share how Northwind did it.', 'Emma'),
  }),
  h('risky', 'holdout risky', 'income-subject', {
    subject: 'Make $5,000 a week from home',
    text: 'Hi there,\n\nOur partners make $5,000 a week working from home. No experience needed. Reply to learn how.\n\nBest',
  }),
  h('risky', 'holdout risky', 'cyrillic-tail', {
    subject: 'Discreet pharmacy',
    text: 'Hello,\n\nGeneric viagrа and other pills shipped in plain packaging. Reply for prices.', // Cyrillic а
  }),
  h('risky', 'holdout risky', 'caps-promo-subject', {
    subject: '100% FREE - NO CREDIT CARD - CANCEL ANYTIME',
    text: 'Hi Sven,\n\nTry our analytics for a month at no charge.\n\nJess',
  }),

  // --- deceptive ------------------------------------------------------------------------------------
  h('deceptive', 'holdout deceptive', 're-nbsp-colon', {
    subject: 'Re\u00a0: votre devis',
    text: 'Bonjour Camille,\n\nSuite à notre échange, jeudi vous convient ?\n\nLuis',
  }),
  h('deceptive', 'holdout deceptive', 're-re', {
    subject: 'RE:RE: Acme contract',
    text: 'Hi Dana,\n\nAny update on this?\n\nSam',
  }),
  h('deceptive', 'holdout deceptive', 'fwd-space-colon', {
    subject: 'Fwd : pricing',
    text: 'Hi Dana,\n\nSee the pricing we discussed.\n\nSam',
  }),
  h('deceptive', 'holdout deceptive', 'ext-tag-fw', {
    subject: '[EXT] Fw: Proposal',
    text: 'Hi Dana,\n\nForwarding as promised.\n\nSam',
  }),
  h('deceptive', 'holdout deceptive', 'sv-sv', {
    subject: 'SV: SV: Offert',
    text: 'Hej Erik,\n\nNågon uppdatering?\n\nAstrid',
  }),
  h('deceptive', 'holdout deceptive', 'chinese-ascii-colon', {
    subject: '回复: 报价',
    text: '王经理您好，\n\n请问有更新吗？\n\n李明',
  }),
  h('deceptive', 'holdout deceptive', 'userinfo-link', {
    subject: 'Your account review',
    html: paras(
      'Hi Dana,',
      'Your review is ready: <a href="https://acme.com@login-review.example/r">https://acme.com/review</a>',
      'Sam',
    ),
  }),
  h('deceptive', 'holdout deceptive', 'google-docs-lookalike', {
    subject: 'The shared doc',
    html: paras(
      'Hi Dana,',
      'Here is the doc: <a href="https://docs-google.share-files.example/d/1">docs.google.com/document/d/1</a>',
      'Sam',
    ),
  }),
  h('deceptive', 'holdout deceptive', 'ip-in-text-part', {
    subject: 'Invoice copy',
    text: 'Hi Dana,\n\nThe invoice copy: http://203.0.113.9/invoices/4411.pdf\n\nSam',
  }),
  h('deceptive', 'holdout deceptive', 'cuttly-bare', {
    subject: 'The deck',
    text: 'Hi Dana,\n\nThe deck: cutt.ly/acme-deck\n\nSam',
  }),
  h('deceptive', 'holdout deceptive', 'js-entity-colon', {
    subject: 'The deck',
    html: paras('Hi Dana,', '<a href="javascript&#x3A;void(0)">Open the deck</a>', 'Sam'),
  }),
  h('deceptive', 'holdout deceptive', 'js-upper-spaces', {
    subject: 'The deck',
    html: paras('Hi Dana,', '<a href="   JAVASCRIPT:void(0)  ">Open the deck</a>', 'Sam'),
  }),
  h('deceptive', 'holdout deceptive', 'data-plain', {
    subject: 'The deck',
    html: paras('Hi Dana,', '<a href="data:,Open%20me">Open the deck</a>', 'Sam'),
  }),
  h('deceptive', 'holdout deceptive', 'german-original', {
    subject: 'Ihr Angebot',
    text: 'Hallo Herr Braun,\n\nanbei nochmals.\n\n-----Ursprüngliche Nachricht-----\nVon: Jonas Becker\nGesendet: Montag, 2. März 2026 10:02\nBetreff: Ihr Angebot\n\nwie besprochen …',
  }),
  h('deceptive', 'holdout deceptive', 'apple-forwarded', {
    subject: 'Pricing',
    text: 'Hi Dana,\n\nSee below.\n\nBegin forwarded message:\n\nFrom: Sam Rivera <sam@fairsend.example>\nSubject: Pricing\nDate: 2 March 2026 at 10:02:11 CET\n\nAs discussed…',
  }),
  h('deceptive', 'holdout deceptive', 'thunderbird-wrote', {
    subject: 'Our call',
    text: 'Hi Dana,\n\nBumping this.\n\nOn 03/03/2026 09:14, Sam Rivera wrote:\n> Great to speak earlier, as promised the deck.',
  }),
  h('deceptive', 'holdout deceptive', 'homograph-href', {
    subject: 'Your portal',
    html: paras('Hi Dana,', 'Your portal: <a href="https://аcme.com/login">the Acme portal</a>', 'Sam'), // Cyrillic а
  }),
];
