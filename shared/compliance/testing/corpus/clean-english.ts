import { type CorpusDraft, paras } from './types';

const c = (category: string, id: string, d: Omit<CorpusDraft, 'id' | 'label' | 'category'>): CorpusDraft => ({
  id,
  label: 'clean',
  category,
  ...d,
});

/** Cold emails reps really send, in English: short and long, plain and formatted, with and without links. */
export const CLEAN_ENGLISH: CorpusDraft[] = [
  // --- a short question -----------------------------------------------------------------------------
  c('short question', 'q-who-owns', {
    subject: 'Who owns onboarding at Acme?',
    text: 'Hi Dana,\n\nWho looks after laptop and account setup for new hires at Acme? Happy to be pointed the right way.\n\nThanks,\nSam',
  }),
  c('short question', 'q-one-liner', {
    subject: 'quick one',
    text: 'Priya - are you still the right person for vendor security reviews? If not, no worries at all.\n\nMarta',
  }),
  c('short question', 'q-html-short', {
    subject: 'Your SOC 2 renewal',
    html: paras(
      'Hi Tom,',
      'Saw that Initech renews SOC 2 in March. Are you collecting evidence by hand again this year, or is that solved?',
      'Either way, curious how you do it.',
      'Lena',
    ),
  }),
  c('short question', 'q-referral', {
    subject: 'Jordan suggested I reach out',
    text: 'Hi Ana,\n\nJordan Blake mentioned you are rebuilding the partner programme at Globex. I run partnerships tooling at Fairsend and would love to compare notes - 20 minutes next Tuesday or Wednesday?\n\nBest,\nChris',
  }),
  c('short question', 'q-event', {
    subject: 'Seeing you at SaaStr?',
    text: 'Hi Mei,\n\nAre you going to SaaStr Europa in June? We will be at booth 14 and I would like to buy you a coffee and hear how the RevOps team is set up after the merger.\n\nCheers,\nOmar',
  }),
  c('short question', 'q-job-post', {
    subject: 'Your SDR job post',
    html: paras(
      'Hi Felix,',
      'Noticed you are hiring four SDRs in Lisbon. When teams add that many reps at once, the first thing that breaks is usually list hygiene and bounce rates.',
      'Is that on your radar, or is it handled already?',
      'Best,<br>Ruth',
    ),
  }),
  c('short question', 'q-permission', {
    subject: 'Okay to send a 2-minute video?',
    text: 'Hi Sven,\n\nI recorded a short walkthrough of how Northwind routes inbound demo requests in under a minute. Okay if I send it over?\n\nJess',
  }),
  c('short question', 'q-breakup', {
    subject: 'Should I close your file?',
    text: 'Hi Kofi,\n\nI have not heard back, which usually means the timing is off. Should I stop reaching out about onboarding for now? A one-word reply is plenty.\n\nThanks,\nDina',
  }),

  // --- a long case study ----------------------------------------------------------------------------
  c('long case study', 'cs-northwind', {
    subject: 'How Northwind cut onboarding from 30 days to 2',
    html: paras(
      'Hi Dana,',
      'I am writing because Acme opened two offices this year, and teams growing that fast usually run into the problem Northwind had last spring.',
      'Northwind hired 140 people in six months. Every new starter waited for a laptop, for accounts in nine tools, and for someone in IT to find an afternoon to set it all up. Their IT lead, Priya Nair, measured it: the average new hire was fully productive on day 30, and her two-person team spent half of every week on setup tickets.',
      'Here is what changed. First, they stopped treating each new hire as a ticket. Laptops are now ordered the day an offer is signed, imaged by the vendor, and shipped to the person’s home. Second, accounts are created from the HR system: when a start date is entered, the right groups, licences and shared drives follow from the role. Third, managers get a checklist a week before the start date, so the human parts (a buddy, a first project, a lunch) are not forgotten.',
      'The results after two quarters: new hires are productive on day 2, setup tickets fell by 81 percent, and Priya’s team got back roughly 30 hours a week, which they now spend on the security work they kept postponing. Employee surveys rate the first week 4.6 out of 5, up from 3.1.',
      'None of this needed a big project. It took them five weeks, most of it spent agreeing which roles get which tools.',
      'I wrote the whole story up, with the checklist they use: <a href="https://fairsend.example/stories/northwind">the Northwind case study</a>.',
      'If Acme is seeing any of the same symptoms, would a 20-minute call next week be useful? I can walk you through what they did and what I would do differently for a team your size.',
      'Best regards,<br>Sam Rivera<br>Fairsend',
    ),
  }),
  c('long case study', 'cs-plain-text', {
    subject: 'What Globex learned from 3,000 vendor reviews',
    text:
      'Hi Tom,\n\nLast year Globex’s procurement team ran 3,000 vendor security reviews with four people. I spoke to their lead, Ingrid, about how they got there, and thought the lessons might be useful to you at Initech, since you are about to roll out a new vendor policy.\n\n' +
      'Three things made the difference.\n\n' +
      '1. They tiered vendors before reviewing them. A vendor that touches customer data gets the full questionnaire; a vendor that sells office chairs gets five questions. About 70% of their vendors turned out to be low risk, and those reviews now take ten minutes.\n\n' +
      '2. They reuse evidence. Most vendors already have a SOC 2 report or an ISO 27001 certificate. Instead of sending a 200-question spreadsheet, they ask for the report first and only follow up on the gaps. Vendors answer faster, and the answers are better.\n\n' +
      '3. They track renewals, not just onboarding. Half of their findings came from vendors whose situation changed after the first review: a new sub-processor, a breach, an acquisition. A simple calendar of renewal dates caught those.\n\n' +
      'The outcome: average review time went from 19 days to 4, and the team stopped being the reason deals with new vendors stalled.\n\n' +
      'I put the tiering rules and the renewal calendar template in a short write-up here: https://fairsend.example/globex-vendor-reviews\n\n' +
      'Is vendor review something your team is looking at this quarter? If so, I am happy to share more detail on a call, or simply answer questions by email.\n\n' +
      'Kind regards,\nMarta Lindqvist\nFairsend',
  }),
  c('long case study', 'cs-bullets', {
    subject: 'Renewal forecasting at Hooli',
    html:
      paras(
        'Hi Gavin,',
        'Your CFO mentioned on the last earnings call that net revenue retention is the number the board watches most closely. I work with finance teams who forecast renewals, and I want to share what one of them, a 400-person analytics company, changed this year.',
        'Before, their renewal forecast was a spreadsheet that customer success updated every Friday. It was always a week old, and it missed the accounts that were quietly shrinking their usage.',
      ) +
      '<ul><li>They connected product usage to the renewal pipeline, so a drop in weekly active users shows up next to the contract.</li><li>They scored every account 90 days before renewal, not 30.</li><li>They gave account managers one shared view instead of three spreadsheets.</li></ul>' +
      paras(
        'Within two quarters, forecast accuracy went from within 12% to within 3%, and they saved four accounts worth $1.1M that would have churned without anyone noticing in time.',
        'The team wrote a short summary of how they set it up: <a href="https://www.fairsend.example/renewals">renewal forecasting notes</a>.',
        'Would it be worth 20 minutes to compare this with how Hooli forecasts today?',
        'Best,<br>Noor Haddad',
      ),
  }),
  c('long case study', 'cs-very-long', {
    subject: 'A long read on cold email deliverability',
    text:
      'Hi Jamal,\n\nYou asked at the meetup for the longer version of my talk, so here it is in writing. It is long; skim the headings if you are short on time.\n\n' +
      'Why deliverability changed. Since early 2024, the big mailbox providers require bulk senders to authenticate their domains with SPF, DKIM and DMARC, to offer one-click unsubscribe, and to stay under a complaint rate of 0.3 percent. Most sales teams are not bulk senders in the legal sense, but the filters do not care about intent; they look at patterns. A rep who sends two hundred near-identical emails a day from a new domain looks exactly like a spammer to a filter, however good the product is.\n\n' +
      'What the filters look at. Authentication first: a message that fails DMARC alignment is treated with suspicion before anyone reads a word. Then reputation: the sending domain’s and the IP’s history, including bounces and complaints. Only then content: links, images, wording, and how the message is built. Content matters least of the three, but it is the part a rep controls every day.\n\n' +
      'What we measured. Across 40 teams and about 2 million messages, plain-text emails with one link reached the inbox 12 points more often than HTML templates with images and several links. Emails under 125 words got 50 percent more replies than emails over 300 words. Personal first lines mattered more than subject lines. Sending from a warmed domain for four weeks before scaling cut bounces in half.\n\n' +
      'What teams did about it. The teams with the best numbers did a few boring things consistently. They verified every address before the first send, and removed anyone who bounced immediately. They capped each mailbox at about 30 to 50 new conversations a day and spread the sends across the working day. They wrote shorter emails with one clear question. They stopped sequences the moment someone replied, and honoured opt-outs across every mailbox in the team within minutes, not days.\n\n' +
      'Where teams went wrong. The most common mistake was buying a new domain, sending a thousand emails in the first week and burning it. The second was faking familiarity: subjects starting with a reply marker, or openers pretending to follow up on a conversation that never happened. Both work for a week and then hurt the domain for months. The third was link shorteners, which filters treat as a strong spam signal because they hide the destination.\n\n' +
      'What I would do in your position. You have a good product and a small market, so each prospect matters. I would send fewer emails, better researched, from a domain that has been warmed properly, and I would measure replies rather than opens, since open tracking is unreliable now that several providers load images through proxies.\n\n' +
      'The slides and the data behind the numbers are here: https://fairsend.example/talks/deliverability-2026\n\nHappy to go through any of it on a call.\n\nAll the best,\nElif',
  }),
  c('long case study', 'cs-customer-quote', {
    subject: 'What your peers at Umbrella said about scheduling',
    html: paras(
      'Hi Claire,',
      'When we started working with Umbrella’s field service team, dispatchers were building each day’s schedule by hand in a shared spreadsheet. Their operations lead, Marcus, put it this way:',
      '<blockquote>“We had fourteen technicians and one person whose whole job was moving rows around. When someone called in sick, the morning was gone.”</blockquote>',
      'Six months later, schedules are built overnight from skills, locations and parts availability, and dispatchers only handle the exceptions. First-visit fix rates went from 71% to 86%, mostly because the right technician now arrives with the right part.',
      'I do not know yet whether Stark’s setup looks similar, which is why I am asking rather than pitching: how are schedules built on your side today?',
      'Regards,<br>Ben Okafor<br>Fairsend',
    ),
  }),
  c('long case study', 'cs-numbers-table', {
    subject: 'Benchmarks for teams your size',
    html:
      paras(
        'Hi Olivia,',
        'We benchmarked support teams of 20 to 50 agents last quarter. Since Vandelay is right in that range, here is where the median team landed:',
      ) +
      '<table><tr><th>Metric</th><th>Median</th><th>Top quartile</th></tr><tr><td>First response</td><td>4 h</td><td>45 min</td></tr><tr><td>Resolution</td><td>26 h</td><td>9 h</td></tr><tr><td>CSAT</td><td>88%</td><td>94%</td></tr><tr><td>Cost per ticket</td><td>$6.10</td><td>$3.90</td></tr></table>' +
      paras(
        'The top quartile had one thing in common: they routed by intent before a human touched the ticket.',
        'The full report is free to read, no form: <a href="https://fairsend.example/benchmarks/support-2026">support benchmarks 2026</a>. Curious where your team sits?',
        'Best,<br>Hana',
      ),
  }),

  // --- a signature with several links ---------------------------------------------------------------
  c('signature with links', 'sig-html-three', {
    subject: 'Intro from Fairsend',
    html:
      paras(
        'Hi Dana,',
        'I lead partnerships at Fairsend. We help sales teams send cold email that stays out of spam, and a few of your competitors use us already.',
        'Would you be open to a short call to see if a partnership makes sense for Acme?',
      ) +
      '<p>--<br>Sam Rivera | Partnerships, Fairsend<br><a href="https://fairsend.example">fairsend.example</a> · <a href="https://www.linkedin.com/in/samrivera">LinkedIn</a> · <a href="https://cal.com/sam-rivera/20min">Book 20 minutes</a><br>+1 415 555 0134</p>',
  }),
  c('signature with links', 'sig-text-urls', {
    subject: 'Payroll for your Berlin team',
    text: 'Hi Jonas,\n\nCongrats on opening the Berlin office. Running payroll in a second country is usually where the spreadsheets start to creak. We handle German payroll, pensions and health insurance filings for teams from 5 to 500 people.\n\nWorth a chat?\n\nBest,\nAmira Saleh\nAccount Executive, Fairsend\nhttps://fairsend.example\nhttps://www.linkedin.com/in/amira-saleh\nhttps://cal.com/amira/30min\n+49 30 5555 0199',
  }),
  c('signature with links', 'sig-logo-links', {
    subject: 'Freight audits for Globex',
    html:
      paras(
        'Hi Rosa,',
        'Globex ships about 2,000 pallets a month from what I can see. Companies at that volume typically overpay carriers by 2 to 4 percent through billing errors nobody has time to check.',
        'We audit every freight invoice automatically and only charge a share of what we recover. Would a quick look at last quarter’s invoices be of interest?',
        'Thanks,',
      ) +
      '<table><tr><td><img src="https://fairsend.example/brand/logo-64.png" width="64" height="64" alt="Fairsend"></td><td>Luis Moreno<br>Freight Audit Lead<br><a href="https://fairsend.example/freight">fairsend.example/freight</a><br><a href="mailto:luis@fairsend.example">luis@fairsend.example</a> · <a href="tel:+13125550111">+1 312 555 0111</a></td></tr></table>',
  }),
  c('signature with links', 'sig-social', {
    subject: 'Podcast guest idea',
    html:
      paras(
        'Hi Grace,',
        'I host “Ops at Scale”, a podcast for operations leaders. Your post about running a 24/7 support team across three time zones was one of the clearest I have read, and I would love to have you on for a 30-minute conversation.',
        'Recent guests include the COO of Northwind and the VP Support at Globex. No preparation needed beyond a short call beforehand.',
        'Interested?',
      ) +
      '<p>Dev Patel<br>Host, Ops at Scale<br><a href="https://opsatscale.example">Website</a> | <a href="https://podcasts.apple.com/podcast/ops-at-scale/id123">Apple Podcasts</a> | <a href="https://open.spotify.com/show/abc123">Spotify</a> | <a href="https://www.youtube.com/@opsatscale">YouTube</a></p>',
  }),
  c('signature with links', 'sig-calendar-only', {
    subject: 'Next step on the data room',
    text: 'Hi Peter,\n\nThanks for the quick reply at the conference. As promised, here is my calendar so you can pick whatever suits you: https://calendly.com/noa-fairsend/30min\n\nIf none of those times work, just send two that do.\n\nNoa Levi | Fairsend | www.fairsend.example',
  }),
  c('signature with links', 'sig-legal-footer', {
    subject: 'Contract review turnaround',
    html:
      paras(
        'Hi Julia,',
        'In-house legal teams we talk to spend about a third of their week on NDAs and standard supplier contracts. We built a review assistant that drafts the first redline against your own playbook, so your team only reviews the changes.',
        'Would it be useful to see it on one of your standard NDAs?',
        'Kind regards,',
      ) +
      '<p style="color:#555;font-size:12px">Hannah Vogel<br>Fairsend GmbH · Torstraße 1 · 10119 Berlin<br><a href="https://fairsend.example/legal">fairsend.example/legal</a> · <a href="https://fairsend.example/privacy">Privacy</a></p>',
  }),

  // --- legitimate prices and percentages ------------------------------------------------------------
  c('prices and percentages', 'price-per-seat', {
    subject: 'Pricing you asked about',
    text: 'Hi Leo,\n\nYou asked on LinkedIn what this would cost for 25 people. Our Team plan is $39 per user per month, billed annually, so about $11,700 a year. Most teams your size save 20% on their current tool stack in the first year because they drop two other subscriptions.\n\nHappy to send a formal quote.\n\nBest,\nIris',
  }),
  c('prices and percentages', 'price-euro-table', {
    subject: 'Angebot für 3 Standorte',
    html:
      paras('Hi Katrin,', 'here is the comparison you asked for after our call, for three sites:') +
      '<ul><li>Basic: €12 per device per month</li><li>Pro: €19 per device per month (includes remote wipe)</li><li>Setup: one-off €1.500 per site</li></ul>' +
      paras(
        'With 180 devices, Pro comes to about €41k a year, roughly 15% below what you pay today if the numbers you mentioned are right.',
        'Best regards,<br>Tobias',
      ),
  }),
  c('prices and percentages', 'price-pounds-roi', {
    subject: 'The ROI numbers for Hooli UK',
    text: 'Hi Amelia,\n\nI ran the figures from our chat. At 60 agents and £28 per hour fully loaded, cutting average handling time by 12% saves about £190k a year. The licence is £54k, so payback is under four months.\n\nThe assumptions are in the sheet: https://fairsend.example/roi/hooli-uk\n\nCheers,\nOwen',
  }),
  c('prices and percentages', 'pct-survey', {
    subject: 'Survey results: 62% of CFOs plan to cut tools',
    html: paras(
      'Hi Raj,',
      'We surveyed 310 CFOs in January. 62% plan to cut the number of finance tools this year, 41% want one system for close and consolidation, and only 9% are happy with their current forecasting process.',
      'Given Globex is consolidating after the acquisition, I thought the full numbers might be useful: <a href="https://fairsend.example/cfo-survey-2026">CFO survey 2026</a>.',
      'Would love to hear whether they match what you see.',
      'Best,<br>Nadia',
    ),
  }),
  c('prices and percentages', 'price-discount-honest', {
    subject: 'Nonprofit pricing',
    text: 'Hi Father Michael,\n\nThank you for the note about the food bank. We offer registered nonprofits 50% off any plan, so the Team plan would be $19.50 per user instead of $39. For your 8 volunteers that is $156 a month.\n\nThere is nothing to sign up for yet - reply with your charity number and I will set it up.\n\nWarmly,\nClara',
  }),
  c('prices and percentages', 'price-usd-range', {
    subject: 'Budget range for the pilot',
    text: 'Hi Steve,\n\nFor a 90-day pilot with one team, customers usually budget between $8,000 and $15,000 depending on integrations. That is credited against the annual contract if you continue, so the pilot costs nothing extra in the end.\n\nDoes that fit what you had in mind?\n\nRegards,\nYuki',
  }),

  // --- formatted HTML done right --------------------------------------------------------------------
  c('formatted html', 'fmt-button', {
    subject: 'A 3-minute tour for Acme',
    html:
      paras(
        'Hi Dana,',
        'Rather than another call request, here is a 3-minute recorded tour built around Acme’s onboarding flow, using the org chart on your careers page.',
      ) +
      '<p><a href="https://fairsend.example/tour/acme" style="background:#0b5fff;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">Watch the tour</a></p>' +
      paras('If it is not relevant, tell me and I will not follow up.', 'Sam'),
  }),
  c('formatted html', 'fmt-base-own-site', {
    subject: 'The rollout plan for Globex',
    html:
      '<html><head><base href="https://www.fairsend.example/"></head><body>' +
      paras(
        'Hi Kofi,',
        'When we spoke at the conference you asked how other logistics teams rolled out route planning depot by depot. I wrote up the plan Northwind used: <a href="/guides/depot-rollout">www.fairsend.example/guides/depot-rollout</a>.',
        'Happy to walk your ops leads through it, or to leave it with you.',
        'Sam',
      ) +
      '</body></html>',
  }),
  c('formatted html', 'fmt-bold-italic', {
    subject: 'Your warehouse in Leipzig',
    html: paras(
      'Hi Anke,',
      'Congratulations on the <b>Leipzig warehouse</b> opening. Running a second site usually means <i>two</i> sets of pick lists, two stock counts and a lot of phone calls between them.',
      'We connect both sites to one inventory view, so a picker in Leipzig sees what is on the shelf in Hamburg. Is that something you have already solved?',
      'Best,<br>Malte',
    ),
  }),
  c('formatted html', 'fmt-full-document', {
    subject: 'Shift planning for Umbrella clinics',
    html:
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Shift planning</title><style>p{font-family:Arial,sans-serif;font-size:14px}</style></head><body>' +
      paras(
        'Dear Dr. Okonkwo,',
        'Clinics with more than a dozen staff often plan shifts on paper or in a spreadsheet that only one person understands. We built a shift planner for outpatient clinics that respects working-time rules and lets staff swap shifts from their phones.',
        'Would you be open to a short demo for your practice managers?',
        'Kind regards,<br>Ines Duarte',
      ) +
      '</body></html>',
  }),
  c('formatted html', 'fmt-small-logo', {
    subject: 'Idea for the Globex onboarding emails',
    html: `${paras(
      'Hi Chen,',
      'I signed up for Globex last week to see your onboarding emails. They are good; the only thing I would change is the day-3 email, which asks new users to invite their team before they have seen any value. In our data, moving that ask to day 7 lifts team invites by about a fifth.',
      'Happy to share the data if useful.',
      'Ola',
    )}<p><img src="https://fairsend.example/brand/logo.png" alt="Fairsend" width="90" height="24"></p>`,
  }),
  c('formatted html', 'fmt-preheader-visible', {
    subject: 'Accessibility audit for the new checkout',
    html: paras(
      'Hi Sara,',
      'I tried the new Vandelay checkout with a screen reader this morning. The card form announces every field as “edit text”, so a blind customer cannot tell the card number from the CVC.',
      'It is a small fix, and I am happy to send the details with no strings. If you want a full audit afterwards, that is what we do.',
      'Best,<br>Tariq',
    ),
  }),

  // --- a follow-up in a thread (not a first touch) --------------------------------------------------
  c('follow-up', 'fu-re-english', {
    subject: 'Re: How Northwind cut onboarding from 30 days to 2',
    isFirstTouch: false,
    text: 'Hi Dana,\n\nFloating this up in case it got buried. Would Thursday at 10 work for 20 minutes?\n\nSam\n\nOn Tue, 3 Mar 2026 at 09:14, Sam Rivera <sam@fairsend.example> wrote:\n> Hi Dana,\n> I am writing because Acme opened two offices this year...',
  }),
  c('follow-up', 'fu-aw-german', {
    subject: 'AW: Angebot für 3 Standorte',
    isFirstTouch: false,
    text: 'Hallo Katrin,\n\nkurze Nachfrage zu meinem Angebot von letzter Woche: Passt der Termin am Donnerstag um 14 Uhr für eine kurze Besprechung?\n\nViele Grüße\nTobias',
  }),
  c('follow-up', 'fu-re-with-value', {
    subject: 'Re: Your SOC 2 renewal',
    isFirstTouch: false,
    html: paras(
      'Hi Tom,',
      'One more thought: the auditors we work with now accept evidence exported directly from Jira and GitHub, which saves most teams a week of screenshots.',
      'Still happy to show you how, if it helps.',
      'Lena',
    ),
  }),
  c('follow-up', 'fu-fwd-colleague', {
    subject: 'Fwd: Renewal forecasting at Hooli',
    isFirstTouch: false,
    text: 'Hi Monica,\n\nGavin suggested you are the right person for this, so forwarding my note below.\n\nNoor\n\n---------- Forwarded message ---------\nFrom: Noor Haddad <noor@fairsend.example>\nDate: Mon, 2 Mar 2026\nSubject: Renewal forecasting at Hooli\nTo: Gavin Belson <gavin@hooli.example>\n\nHi Gavin, your CFO mentioned on the last earnings call...',
  }),
  c('follow-up', 'fu-re-french', {
    subject: 'RE: Audit des factures de transport',
    isFirstTouch: false,
    text: 'Bonjour Camille,\n\nJe me permets de revenir vers vous concernant mon message de la semaine dernière. Auriez-vous 15 minutes jeudi pour en parler ?\n\nBien cordialement,\nLuis',
  }),
  c('follow-up', 'fu-last', {
    subject: 'Re: quick one',
    isFirstTouch: false,
    text: 'Priya, last note from me on this. If vendor reviews become a priority later in the year, my door is open.\n\nMarta',
  }),

  // --- subjects that look like markers but are not ---------------------------------------------------
  c('marker look-alikes', 'la-reorg', {
    subject: 'Re-org at Acme: who owns IT now?',
    text: 'Hi Dana,\n\nI read about the re-org announced last week. Is IT onboarding moving under People Ops, or staying with Finance? Asking so I do not bother the wrong person.\n\nSam',
  }),
  c('marker look-alikes', 'la-regarding', {
    subject: 'Regarding your Series B',
    text: 'Hi Lee,\n\nCongratulations on the Series B. When teams grow 40% in a year, onboarding usually breaks first. We cut Northwind’s from 30 days to 2. Open to a quick call on Thursday?\n\nSam',
  }),
  c('marker look-alikes', 'la-question-re', {
    subject: 'Quick question re: your hiring plan',
    text: 'Hi Mateo,\n\nIs the Lisbon hiring plan still on for Q3? If so, I have a short idea about onboarding the first 20 people remotely.\n\nAna',
  }),
  c('marker look-alikes', 'la-aws', {
    subject: 'AWS: your reserved instances expire in June',
    text: 'Hi Ravi,\n\nAccording to your public cost report, most of Globex’s reserved instances end in June. Teams usually renew them like-for-like, but your workload has shifted to containers since 2023. We help finance and platform teams right-size before renewing. Worth a look?\n\nKim',
  }),
  c('marker look-alikes', 'la-vs-code', {
    subject: 'VS Code extension for your API',
    text: 'Hi Ada,\n\nYour API docs are great, but there is no VS Code extension yet. We build and maintain developer tooling for API companies. Would one be on your roadmap this year?\n\nBest,\nLinus',
  }),
  c('marker look-alikes', 'la-remax', {
    subject: 'RE/MAX offices in Ohio',
    text: 'Hi Brenda,\n\nI saw you manage twelve RE/MAX offices across Ohio. Our scheduling tool helps agents book viewings without the back-and-forth. Could I show you in 15 minutes?\n\nThanks,\nCarl',
  }),

  // --- ordinary words that sound like spam out of context -------------------------------------------
  c('benign wording', 'bw-feel-free', {
    subject: 'Feel free to ignore this',
    text: 'Hi Alex,\n\nFeel free to ignore this if the timing is wrong. We help engineering teams free up time spent on flaky tests, usually 5 to 10 hours per engineer per month. Is that a problem at Hooli?\n\nJo',
  }),
  c('benign wording', 'bw-guarantee-sla', {
    subject: 'Uptime for the payments API',
    text: 'Hi Nia,\n\nYour status page shows three incidents on the payments API this quarter. Our managed Postgres comes with a 99.99% uptime SLA, and we credit 10% of the monthly fee for every hour below it. Would it make sense to talk about your database setup?\n\nBest,\nEmil',
  }),
  c('benign wording', 'bw-link-same-site', {
    subject: 'Your docs search',
    html: paras(
      'Hi Zoe,',
      'Searching for “webhooks” on your docs site returns the changelog before the guide. We fix search for developer docs; here is a before/after from a similar company: <a href="https://www.fairsend.example/docs-search">fairsend.example/docs-search</a>.',
      'Interested in a free audit of your top 50 queries?',
      'Max',
    ),
  }),
  c('benign wording', 'bw-github-pages', {
    subject: 'Your open-source SDK',
    html: paras(
      'Hi Yara,',
      'I maintain a few tools around your SDK; the docs for the latest are at <a href="https://acme-tools.github.io/sdk-helpers/">acme-tools.github.io/sdk-helpers</a>.',
      'Would your team be interested in listing community tools on your docs site? Happy to help put the page together.',
      'Finn',
    ),
  }),
  c('benign wording', 'bw-filename-link', {
    subject: 'A fix for the README',
    html: paras(
      'Hi Pat,',
      'While setting up your CLI I found that the install step in <a href="https://github.com/acme/cli/blob/main/README.md">README.md</a> points to a removed script. I opened a pull request with the fix.',
      'Separately, we build release tooling for CLIs like yours; would a short chat about your release process be useful?',
      'Rin',
    ),
  }),
  c('benign wording', 'bw-emoji', {
    subject: '👋 from a fellow Denver founder',
    text: 'Hi Casey,\n\nFellow Denver founder here 🙂 I saw Acme is hiring its first salespeople. We went through the same thing last year, and I am happy to share what worked for us (and what really did not). Coffee at Union Station next week?\n\nMo',
  }),
];
