/**
 * 10,000 varied, realistic drafts for the gate group, seeded: named work addresses at a few hundred company
 * domains, some consumer and role inboxes, sequence follow-ups threaded as replies, HTML bodies of 60–250 words
 * with one or two links, half with a plain-text part. About one in ten blocks, each for a reason the gate knows:
 * suppressed address or domain, invalid or disposable address, no such domain, fake "Re:", shortener,
 * credential ask, spam wording and shouting, link text naming another site, a lead outside its send window.
 */
import type { SendDraft } from '../../shared/ipc/send';
import { seededRandom } from '../../shared/sequences/random';

/** Mulberry32: small, fast, deterministic (the engine's seeded random source). */
export const prng = seededRandom;

const FIRST = [
  'dana',
  'li',
  'marco',
  'sofia',
  'james',
  'aisha',
  'jonas',
  'emma',
  'raj',
  'chloe',
  'mateo',
  'yuki',
  'olga',
  'sam',
  'fatima',
  'lucas',
  'nora',
  'omar',
  'ines',
  'peter',
];
const LAST = [
  'whitfield',
  'chen',
  'rossi',
  'garcia',
  'okafor',
  'müller',
  'nakamura',
  'novak',
  'patel',
  'dubois',
  'kowalski',
  'silva',
  'berg',
  'haddad',
  'obrien',
  'schmidt',
  'larsen',
  'moreau',
  'tanaka',
  'kim',
];
const STEMS = [
  'northwind',
  'contoso',
  'fabrikam',
  'tailspin',
  'wingtip',
  'litware',
  'proseware',
  'adventure-works',
  'blue-yonder',
  'coho',
  'lucerne',
  'margie',
  'trey',
  'woodgrove',
  'alpine',
  'fourth-coffee',
  'graphic-design',
  'humongous',
  'wide-world',
  'southridge',
];
const SUFFIXES = [
  '',
  '-traders',
  '-logistics',
  '-health',
  '-labs',
  '-group',
  '-systems',
  '-foods',
  '-energy',
  '-retail',
  '-capital',
  '-media',
  '-software',
  '-industrial',
  '-partners',
];
const TLDS = ['com', 'io', 'de', 'co.uk', 'fr', 'nl', 'com.au'];
// Leads' zones. The scheduler only hands the gate steps that are due, so few arrive outside their window: the
// far zones (outside it at the bench's hour) are a small share.
const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Amsterdam',
  'America/Toronto',
];
const FAR_ZONES = ['Australia/Sydney', 'Asia/Tokyo'];

const OPENERS = [
  'I noticed {company} opened two new offices this year and is hiring {n} sales reps to cover the new accounts.',
  'Saw your post about how {company} rebuilt its onboarding for new customers; the part about the first thirty days stuck with me.',
  'Congratulations on the new funding round at {company}. Teams usually double outbound right after one.',
  'A colleague of yours mentioned that {company} is rolling out a new CRM this quarter.',
  'I have been following {company} since your launch in {city}, and the growth since then is impressive.',
];
const MIDDLES = [
  'Teams at that stage usually tell us the same thing: reps lose the first hour of every day copying leads between spreadsheets, and follow-ups slip when someone is out.',
  'We help sales teams keep every sequence, reply and opt-out in one place, so nobody emails a prospect who asked to be left alone and nobody forgets the third follow-up.',
  'Most of our customers connect their existing mailboxes, import accounts from the CRM and have a first sequence running the same afternoon, with no project for IT.',
  'One customer in a similar market booked {n}% more first meetings in the quarter after switching, without sending more email, mostly by stopping sequences the moment a lead replied.',
  'The part people like most is that a mailbox pauses itself when bounces climb, and says why, so a bad list never burns the domain the whole company sends from.',
  'Reps see replies, bounces and opt-outs next to each lead, and managers get one view of what every rep sent, without anyone exporting a report on Friday afternoon.',
];
const ASKS = [
  'Would it be worth fifteen minutes next {day} to see whether it fits how your team works?',
  'Is this something you are looking at this quarter, or should I check back in the autumn?',
  'If you are not the right person for this, who on your team would be?',
  'Open to a short call this week? If the timing is wrong, just say so and I will not follow up.',
];
const SUBJECTS = [
  '{first}, a question about {company}',
  'Idea for {company}’s outbound',
  'Quick question about your sales hires',
  '{company} and follow-ups that slip',
  'Intro: Acme Cadence <> {company}',
  '{first} — 15 minutes next {day}?',
  'How {peer} booked more first meetings',
  'Your new {city} office',
];
const CITIES = ['Ohio', 'Berlin', 'Lyon', 'Leeds', 'Austin', 'Utrecht', 'Melbourne', 'Osaka'];
const DAYS = ['Tuesday', 'Wednesday', 'Thursday'];
const PEERS = ['Contoso', 'Fabrikam', 'Northwind', 'Litware'];

export interface BenchDraft {
  draft: SendDraft;
  /** what the bench expects: used only for the mix in the note */
  intent: string;
}

export interface DraftSet {
  drafts: BenchDraft[];
  /** addresses and domains the suppression index must hold (normalised by the team key) */
  suppressedAddresses: string[];
  suppressedDomains: string[];
  /** recipient domains whose cached MX answer is NXDOMAIN */
  nxDomains: string[];
}

export function generateDrafts(count: number, seed = 7): DraftSet {
  const rnd = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const companies = Array.from({ length: 300 }, (_, i) => {
    const stem = STEMS[i % STEMS.length]!;
    const suffix = SUFFIXES[Math.floor(i / STEMS.length) % SUFFIXES.length]!;
    return {
      name: `${stem}${suffix}`.replace(
        /(^|-)(\w)/g,
        (_m, d: string, c: string) => `${d ? ' ' : ''}${c.toUpperCase()}`,
      ),
      domain: `${stem}${suffix}.${TLDS[i % TLDS.length]}`,
    };
  });
  const suppressedDomains = [companies[17]!.domain, companies[123]!.domain];
  const nxDomains = ['northwind-tradres.com', 'contosso.io'];
  const suppressedAddresses: string[] = [];
  const drafts: BenchDraft[] = [];

  for (let i = 0; i < count; i++) {
    const company = pick(companies);
    const first = pick(FIRST);
    const last = pick(LAST);
    const fill = (s: string) =>
      s
        .replaceAll('{company}', company.name)
        .replaceAll('{first}', first[0]!.toUpperCase() + first.slice(1))
        .replaceAll('{city}', pick(CITIES))
        .replaceAll('{day}', pick(DAYS))
        .replaceAll('{peer}', pick(PEERS))
        .replaceAll('{n}', String(2 + Math.floor(rnd() * 40)));
    let to = `${first}.${last}@${company.domain}`;
    if (rnd() < 0.15)
      to = `${first[0]!.toUpperCase()}${first.slice(1)}.${last}@${company.domain.toUpperCase()}`;
    let subject = fill(pick(SUBJECTS));
    const paragraphs = [
      fill(pick(OPENERS)),
      fill(pick(MIDDLES)),
      ...(rnd() < 0.6 ? [fill(pick(MIDDLES))] : []),
      fill(pick(ASKS)),
    ];
    let link = `<a href="https://acme.io/customers/${pick(PEERS).toLowerCase()}">a short case study</a>`;
    const extraLink =
      rnd() < 0.3 ? ` You can also <a href="https://acme.io/demo?ref=${i}">pick a time here</a>.` : '';
    const isFollowUp = rnd() < 0.35;
    let intent = 'pass';

    // About one draft in ten is blocked or warned, for a reason the gate must find.
    const r = rnd();
    if (r < 0.02) {
      suppressedAddresses.push(to);
      intent = 'suppressed-address';
    } else if (r < 0.025) {
      to = `${first}@${pick(suppressedDomains)}`;
      intent = 'suppressed-domain';
    } else if (r < 0.035) {
      to = pick([
        `${first}.${last}@@${company.domain}`,
        `${first} ${last}@${company.domain}`,
        `${first}.${last}`,
      ]);
      intent = 'invalid-address';
    } else if (r < 0.04) {
      to = `${first}${i}@${pick(['mailinator.com', 'guerrillamail.com', 'yopmail.com'])}`;
      intent = 'disposable';
    } else if (r < 0.045) {
      to = `${first}.${last}@${pick(nxDomains)}`;
      intent = 'nxdomain';
    } else if (r < 0.055) {
      to = `${pick(['info', 'sales', 'hello', 'contact'])}@${company.domain}`;
      intent = 'role-account (warn)';
    } else if (r < 0.06) {
      subject = `Re: ${subject}`;
      intent = 'fake-re';
    } else if (r < 0.065) {
      link = `<a href="https://bit.ly/3x${i}">a short case study</a>`;
      intent = 'shortener';
    } else if (r < 0.07) {
      paragraphs.splice(
        1,
        0,
        'Please verify your account and confirm your password so we can activate the trial.',
      );
      intent = 'credential-ask';
    } else if (r < 0.075) {
      subject = 'FREE TRIAL!!! GUARANTEED RESULTS, ACT NOW';
      paragraphs.splice(
        1,
        0,
        'This is a risk-free, 100% free offer with guaranteed results. Click here to buy now!!!',
      );
      intent = 'spam';
    } else if (r < 0.08) {
      link = `<a href="https://acme-login.example.net/case">www.acme.io/case-study</a>`;
      intent = 'link-mismatch';
    } else if (r < 0.1) {
      to = `${first}.${last}@${pick(['gmail.com', 'outlook.com', 'yahoo.co.uk'])}`;
      intent = 'consumer';
    }
    paragraphs.splice(paragraphs.length - 1, 0, `Here is ${link} from a team like yours.${extraLink}`);

    const html =
      `<div style="font-family:Arial,sans-serif;font-size:14px"><p>Hi ${first[0]!.toUpperCase()}${first.slice(1)},</p>` +
      paragraphs.map((p) => `<p>${p}</p>`).join('') +
      '<p>Best,<br>Ana</p></div>';
    const withText = rnd() < 0.5;
    const sequence = rnd() < 0.7;
    const thread = isFollowUp
      ? { inReplyTo: `<fs.${i}-1@acme.io>`, references: [`<fs.${i}-0@acme.io>`, `<fs.${i}-1@acme.io>`] }
      : undefined;
    const draft: SendDraft = {
      mailboxId: 'mbx-1',
      to,
      ...(rnd() < 0.7
        ? { toName: `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}` }
        : {}),
      subject: isFollowUp && intent !== 'fake-re' ? `Re: ${subject}` : subject,
      html,
      ...(withText ? { text: paragraphs.map((p) => p.replace(/<[^>]+>/g, '')).join('\n\n') } : {}),
      isFirstTouch: !isFollowUp,
      kind: sequence ? 'sequence' : 'one-off',
      ...(sequence ? { leadTimeZone: rnd() < 0.03 ? pick(FAR_ZONES) : pick(ZONES) } : {}),
      ...(thread ? { thread } : {}),
    };
    drafts.push({ draft, intent });
  }
  return { drafts, suppressedAddresses, suppressedDomains, nxDomains };
}
