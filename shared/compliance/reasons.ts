import type { MailboxKind } from '../mailboxes/mailbox';

/**
 * Every reason the gate and message assembly can give, declared once: its code (for the audit log, the Outbox
 * and tests), the sentence a rep reads, how to fix it and where in the app (a FixTarget the UI maps to a
 * button), and its floor — the least severe verdict a reason with that code can have. A content reason can be
 * more severe than its floor (the score adds up); no reason is ever less. A code that is not here is a type
 * error wherever it is produced. `weight` is set by the producer and used by the content score only.
 */
export interface Reason {
  code: ReasonCode;
  message: string;
  fix?: string;
  weight?: number;
}

/** How a step judged: `block` stops the send, `warn` lets it through and shows the reason. */
export type Verdict = 'ok' | 'warn' | 'block';

/**
 * Places in the app where the rep fixes a reason (a button takes them there);
 * renderer/src/features/compose/fix-places.ts maps each to a screen and what it opens there.
 */
export const FIX_TARGETS = ['sender-identity', 'mailbox', 'mailbox-settings', 'dns-servers'] as const;
export type FixTarget = (typeof FIX_TARGETS)[number];

/**
 * Fixes with no place to go to, and why none is needed. Every fix is either a FixTarget (`goTo`) or one of
 * these (`doneIn`), so a fix that names a screen but has no button does not type-check (and reasons.test.ts
 * reads the sentences to catch one that slips through).
 */
export const FIX_IN_HAND = {
  draft: 'the email being written, where the reason is shown (Compose)',
  lead: 'the lead’s address or the lead list, in Leads, where Compose is opened from',
  'named-field': 'the name the reason names: the sender name on the mailbox, or the lead’s name',
  sequence: 'the sequence’s own send window (only sequence steps have one)',
  outside: 'outside Fairsend: the domain’s DNS records, or the mail provider’s admin console',
  wait: 'nothing: Fairsend holds or delays the email and goes on by itself',
  report: 'a fault in Fairsend, for the rep to report',
  'sending-pause': 'Resume sending at the foot of the app’s menu (every screen), or the tray icon’s menu',
} as const;
export type FixInHand = keyof typeof FIX_IN_HAND;

type Text<P> = string | ((p: P) => string);
type FixSpec<P> =
  | { fix?: undefined; goTo?: undefined; doneIn?: undefined }
  | { fix: Text<P>; goTo: FixTarget; doneIn?: undefined }
  | { fix: Text<P>; doneIn: FixInHand; goTo?: undefined };

type Spec<P> = FixSpec<P> & {
  floor: Verdict;
  message: Text<P>;
  /** Catalogued but not produced yet, and why: a code nobody produces must say so. */
  reserved?: string;
};
/** `P` is what the message and fix are built from; none for fixed sentences. */
const spec = <P = undefined>(s: Spec<P>): Spec<P> => s;

/** Figures of a circuit breaker's judgement, already formatted where they are rates. */
export interface BreakerFigures {
  count: number;
  sends: number;
  days: number;
  rate: string;
  limit: string;
  pauseAt: string;
  minSends: number;
}
const bounceRate = (f: BreakerFigures) =>
  `The hard-bounce rate (${f.count} of ${f.sends} emails) in the last ${f.days} days is ${f.rate}`;
const complaintRate = (f: BreakerFigures) =>
  `The complaint rate (${f.count} spam reports or stop requests out of ${f.sends} emails) in the last ${f.days} days is ${f.rate}`;
/** Figures of a sending domain's day in Google Postmaster Tools, rates formatted. */
export interface DomainSpamFigures {
  domain: string;
  /** the day Google reported, YYYY-MM-DD */
  day: string;
  rate: string;
  limit: string;
  pauseAt: string;
}
const domainSpamRate = (f: DomainSpamFigures) =>
  `Gmail users reported ${f.rate} of the email from ${f.domain} as spam on ${f.day} (Google Postmaster Tools)`;
const BOUNCE_CURE = 'Remove or verify the addresses that bounced and check new lists before importing them';
const COMPLAINT_CURE =
  'Narrow the audience to leads the offer fits and make the first email shorter and clearer';
const resume = (f: BreakerFigures) =>
  `then press Resume after the fix on the mailbox; the breaker counts afresh from then and judges again after ${f.minSends} sends.`;

const dmarcRecord = (domain: string) =>
  `Add a TXT record at _dmarc.${domain} with the value: v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}`;
const DKIM_FIXES: Record<MailboxKind, (p: { domain: string; selectors: readonly string[] }) => string> = {
  gmail: ({ domain }) =>
    `In the Google Admin console (Apps → Google Workspace → Gmail → Authenticate email), generate a DKIM key, publish it as a TXT record at google._domainkey.${domain}, then click "Start authentication".`,
  outlook: ({ domain }) =>
    `In the Microsoft Defender portal (Email authentication settings → DKIM), add the two CNAME records it shows for selector1._domainkey.${domain} and selector2._domainkey.${domain}, then enable signing.`,
  smtp: ({ domain, selectors }) =>
    `Publish the DKIM TXT record your SMTP provider gives you at ${selectors[0]}._domainkey.${domain}.`,
};
const spamWording = (explanation: string) => (hits: string) =>
  `Spam-trigger wording: ${hits}. ${explanation}`;

type Field = { field: string };
type Domain = { domain: string };

export const REASONS = {
  // ── Sender identity (gate step 0) ──────────────────────────────────────────────────────────────────────
  'identity-missing': spec({
    floor: 'block',
    message: 'Every email must say who sends it and give a postal address, and yours are not set yet.',
    fix: 'Open Settings → Sender identity and fill in the company, postal address and unsubscribe addresses.',
    goTo: 'sender-identity',
  }),

  // ── Recipient (step 1) ─────────────────────────────────────────────────────────────────────────────────
  'invalid-address': spec<string>({
    floor: 'block',
    message: (why) => why,
    fix: 'Correct the address on the lead, or remove the lead.',
    doneIn: 'lead',
  }),
  'disposable-domain': spec<Domain>({
    floor: 'block',
    message: ({ domain }) =>
      `${domain} is a disposable (throwaway) email service; nobody reads business email there.`,
    fix: 'Find the lead’s work address.',
    doneIn: 'lead',
  }),
  'null-mx': spec<Domain>({
    floor: 'block',
    message: ({ domain }) => `${domain} publishes a "null MX" record: it states that it accepts no email.`,
    fix: 'Find another address for this lead.',
    doneIn: 'lead',
  }),
  'no-mx': spec<Domain>({
    floor: 'block',
    message: ({ domain }) =>
      `${domain} has no mail server (no MX record and no address record), so the email would bounce.`,
    fix: 'Check the spelling of the domain, or find another address for this lead.',
    doneIn: 'lead',
  }),
  'domain-not-found': spec<Domain>({
    floor: 'block',
    message: ({ domain }) => `The domain ${domain} does not exist, so the email would bounce.`,
    fix: 'Check the spelling of the domain (a typo such as "gmial.com" is common).',
    doneIn: 'lead',
  }),
  /** Fail closed: nothing goes out unchecked; the send is retried once DNS answers again. */
  'dns-unavailable': spec<{ domain: string; lookup: 'mail-server' | 'sender-records' }>({
    floor: 'block',
    message: ({ domain, lookup }) =>
      lookup === 'mail-server'
        ? `Fairsend could not look up the mail server of ${domain} (DNS did not answer).`
        : `Fairsend could not read the DNS records of ${domain} to check SPF, DKIM and DMARC.`,
    fix: 'Nothing to change: the email is held and checked again when DNS answers.',
    doneIn: 'wait',
  }),
  /** The resolver itself is failing (the canaries fail too): nothing is judged about the lead or the domain. */
  'dns-failing': spec<Domain>({
    floor: 'block',
    message: ({ domain }) =>
      `DNS lookups are failing on this computer, so Fairsend cannot check ${domain}. This says nothing about the lead or the domain.`,
    fix: 'Check that this computer is online, that a VPN or firewall is not blocking DNS, and the DNS servers in Settings → Advanced (or your network settings). The email is held and checked again when DNS answers.',
    goTo: 'dns-servers',
  }),
  'role-account': spec<{ address: string; local: string }>({
    floor: 'warn',
    message: ({ address, local }) =>
      `${address} is a shared role inbox (${local}@), not a person; cold email there draws complaints.`,
    fix: 'Prefer a named person’s address at this company.',
    doneIn: 'lead',
  }),

  // ── Suppression (step 2) ───────────────────────────────────────────────────────────────────────────────
  'suppression-not-ready': spec({
    floor: 'block',
    message: 'The team’s suppression list is still loading, so nothing is sent yet.',
    fix: 'Nothing to change: sending starts as soon as it has loaded.',
    doneIn: 'wait',
  }),
  'suppression-unchecked': spec({
    floor: 'block',
    message: 'Fairsend could not check this lead against the team’s suppression list.',
    fix: 'Nothing to change: the email is held; report this if it persists.',
    doneIn: 'wait',
  }),
  'suppressed-address': spec({
    floor: 'block',
    message:
      'This address is on the team’s suppression list (it unsubscribed, bounced, complained or was removed).',
  }),
  'suppressed-domain': spec({
    floor: 'block',
    message: 'Everyone at this address’s domain is on the team’s suppression list.',
  }),

  // ── Limits (step 3): caps, breakers, send window ───────────────────────────────────────────────────────
  'cap-above-ceiling': spec<{ target: number; ceiling: number }>({
    floor: 'ok',
    message: ({ target, ceiling }) =>
      `The team cap of ${target} is above this provider's limit of ${ceiling} a day, so ${ceiling} applies.`,
  }),
  'cap-ramp-up': spec<{ cap: number; step: number; target: number }>({
    floor: 'ok',
    message: ({ cap, step, target }) =>
      `This mailbox is warming up: ${cap} emails today, rising by ${step} a day to ${target}.`,
  }),
  'cap-raise-refused': spec<{ own: number; cap: number }>({
    floor: 'ok',
    message: ({ own, cap }) =>
      `Your cap of ${own} is above today's limit of ${cap}; a personal cap can only lower it.`,
  }),
  'daily-cap-reached': spec<{ sentToday: number; cap: number }>({
    floor: 'block',
    message: ({ sentToday, cap }) => `This mailbox has sent ${sentToday} of its ${cap} emails for today.`,
    // Only scheduling makes "it goes out later" true: Compose offers it (the Outbox holds it until then).
    fix: 'Schedule it for when the cap allows: in Compose, Send offers that time, and the Outbox keeps the email until it goes.',
    doneIn: 'draft',
  }),
  'bounce-rate-warning': spec<BreakerFigures>({
    floor: 'warn',
    message: (f) => `${bounceRate(f)}, at or over the warning limit of ${f.limit}.`,
    fix: (f) => `${BOUNCE_CURE} before it reaches ${f.pauseAt} and the mailbox pauses.`,
    doneIn: 'lead',
  }),
  'bounce-rate-paused': spec<BreakerFigures>({
    floor: 'block',
    message: (f) => `Paused: ${bounceRate(f)}, over the pause limit of ${f.limit}.`,
    fix: (f) => `${BOUNCE_CURE}, ${resume(f)}`,
    goTo: 'mailbox',
  }),
  'complaint-rate-warning': spec<BreakerFigures>({
    floor: 'warn',
    message: (f) => `${complaintRate(f)}, at or over the warning limit of ${f.limit}.`,
    fix: (f) => `${COMPLAINT_CURE} before it reaches ${f.pauseAt} and the mailbox pauses.`,
    doneIn: 'lead',
  }),
  'complaint-rate-paused': spec<BreakerFigures>({
    floor: 'block',
    message: (f) => `Paused: ${complaintRate(f)}, over the pause limit of ${f.limit}.`,
    fix: (f) => `${COMPLAINT_CURE}, ${resume(f)}`,
    goTo: 'mailbox',
  }),
  'domain-spam-rate-warning': spec<DomainSpamFigures>({
    floor: 'warn',
    message: (f) => `${domainSpamRate(f)}, at or over the warning limit of ${f.limit}.`,
    fix: (f) =>
      `${COMPLAINT_CURE} for every mailbox on ${f.domain} before the rate reaches ${f.pauseAt}, when every mailbox on ${f.domain} pauses.`,
    doneIn: 'lead',
  }),
  'domain-spam-rate-paused': spec<DomainSpamFigures>({
    floor: 'block',
    message: (f) =>
      `Paused: ${domainSpamRate(f)}, over the pause limit of ${f.limit}; every mailbox on ${f.domain} is paused.`,
    fix: `${COMPLAINT_CURE}, then press Resume after the fix on the mailbox; from then on only the days Google reports after that day judge it.`,
    goTo: 'mailbox',
  }),
  'threshold-loosening-refused': spec<{ key: string; value: number; fallback: number; valid: boolean }>({
    floor: 'ok',
    message: ({ key, value, fallback, valid }) =>
      valid
        ? `The team setting ${key} = ${value} is looser than the default of ${fallback}; thresholds can only be made stricter, so ${fallback} applies.`
        : `The team setting ${key} = ${value} is not a valid threshold; the default of ${fallback} applies.`,
  }),
  'sending-paused': spec({
    floor: 'block',
    message: 'Sending is paused for every mailbox (Pause all sending); nothing goes out until it is resumed.',
    fix: 'Choose Resume sending at the foot of the app’s menu, or in the menu of the Fairsend icon in the tray or menu bar; waiting emails then go on by themselves.',
    doneIn: 'sending-pause',
  }),
  'mailbox-paused-by-rep': spec({
    floor: 'block',
    message: 'You paused this mailbox, so no email goes from it until you resume it.',
    fix: 'Press Resume sending on this mailbox’s card under Mailboxes; emails waiting for it then go on by themselves.',
    goTo: 'mailbox',
  }),
  'outside-send-window': spec<{ time: string; zone: string; hours: string; days: string }>({
    floor: 'block',
    message: ({ time, zone, hours, days }) =>
      `It is ${time} for this lead (${zone}), outside the send window of ${hours} on ${days}.`,
    fix: 'Schedule it for when the window opens: in Compose, Send offers that time, and the Outbox keeps the email until it goes.',
    doneIn: 'draft',
  }),
  'send-window-empty': spec({
    floor: 'block',
    message: 'The send window has no open hours, so nothing can be sent.',
    fix: 'Give the sequence’s send window at least one day, and a start hour before the end hour.',
    doneIn: 'sequence',
  }),

  // ── Sender domain (step 4): SPF, DKIM, DMARC ───────────────────────────────────────────────────────────
  'consumer-domain-mismatch': spec<Domain>({
    floor: 'block',
    message: ({ domain }) =>
      `Mail from an @${domain} address only passes authentication when it goes through that provider's own servers.`,
    fix: ({ domain }) =>
      `Connect the @${domain} mailbox itself, or send from an address of this mailbox's own domain.`,
    goTo: 'mailbox',
  }),
  'spf-missing': spec<{ domain: string; example: string }>({
    floor: 'block',
    message: ({ domain }) =>
      `${domain} has no SPF record, so receiving servers cannot tell which servers may send its mail.`,
    fix: ({ domain, example }) => `Add a TXT record at ${domain} with the value: v=spf1 ${example} ~all`,
    doneIn: 'outside',
  }),
  'spf-multiple': spec<{ domain: string; count: number }>({
    floor: 'block',
    message: ({ domain, count }) =>
      `${domain} has ${count} SPF records; with more than one, every SPF check fails (RFC 7208).`,
    fix: ({ domain }) => `Merge them into one TXT record at ${domain} that starts with v=spf1.`,
    doneIn: 'outside',
  }),
  'spf-allows-all': spec<Domain>({
    floor: 'block',
    message: ({ domain }) =>
      `The SPF record of ${domain} ends in "+all", which lets any server on the internet send as ${domain}.`,
    fix: ({ domain }) => `Replace "+all" with "~all" in the SPF record at ${domain}.`,
    doneIn: 'outside',
  }),
  'spf-sender-unknown': spec<Domain>({
    floor: 'warn',
    message: ({ domain }) =>
      `Fairsend cannot tell whether the SPF record of ${domain} allows your SMTP server.`,
    fix: 'Enter the SPF include of your SMTP provider in this mailbox’s settings, so it can be checked.',
    goTo: 'mailbox-settings',
  }),
  'spf-sender-missing': spec<{ domain: string; example: string }>({
    floor: 'warn',
    message: ({ domain }) =>
      `The SPF record of ${domain} does not list your mail provider, so SPF fails and only DKIM vouches for your mail.`,
    fix: ({ domain, example }) => `Add ${example} to the SPF record at ${domain}, before the "all" term.`,
    doneIn: 'outside',
  }),
  'dkim-selector-unknown': spec<Domain>({
    floor: 'block',
    message: ({ domain }) =>
      `Fairsend cannot check the DKIM signature of ${domain} without knowing its selector.`,
    fix: 'Enter your DKIM selector in this mailbox’s settings (your SMTP provider’s setup page names it, or read s= in the DKIM-Signature header of a message you sent).',
    goTo: 'mailbox-settings',
  }),
  'dkim-missing': spec<{ domain: string; kind: MailboxKind; selectors: readonly string[] }>({
    floor: 'block',
    message: ({ domain, selectors }) =>
      `${domain} publishes no DKIM key (looked at ${selectors.map((s) => `${s}._domainkey`).join(', ')}), so its mail is unsigned.`,
    fix: (p) => DKIM_FIXES[p.kind](p),
    doneIn: 'outside',
  }),
  'dkim-sign-failed': spec<string>({ floor: 'block', message: (why) => why }),
  'dmarc-missing': spec<Domain>({
    floor: 'block',
    message: ({ domain }) =>
      `${domain} has no DMARC record; Gmail and Yahoo expect one from anyone who sends in volume.`,
    fix: ({ domain }) => dmarcRecord(domain),
    doneIn: 'outside',
  }),
  'dmarc-multiple': spec<{ domain: string; count: number }>({
    floor: 'block',
    message: ({ domain, count }) => `${domain} has ${count} DMARC records, so receivers ignore them all.`,
    fix: ({ domain }) => `Keep exactly one TXT record at _dmarc.${domain}.`,
    doneIn: 'outside',
  }),
  'dmarc-invalid': spec<Domain>({
    floor: 'block',
    message: ({ domain }) =>
      `The DMARC record of ${domain} has no valid policy (p=none, quarantine or reject).`,
    fix: ({ domain }) => dmarcRecord(domain),
    doneIn: 'outside',
  }),
  'dmarc-policy-none': spec<Domain>({
    floor: 'warn',
    message: ({ domain }) =>
      `The DMARC policy of ${domain} is p=none: it reports spoofing but does not stop it.`,
    fix: ({ domain }) =>
      `Once the DMARC reports show only your own mail, change p=none to p=quarantine at _dmarc.${domain}.`,
    doneIn: 'outside',
  }),

  // ── Content (step 5): the rule table's weights are in content.ts ───────────────────────────────────────
  'body-too-large': spec<string>({
    floor: 'block',
    message: (size) =>
      `The email is ${size} characters long. Gmail cuts off emails over about 100 KB, which would hide the unsubscribe link and your postal address at the end.`,
    fix: 'Shorten the email; remove pasted images or formatting (a cold email is rarely over 5 KB).',
    doneIn: 'draft',
  }),
  /** Blocks, not warns: an empty subject never left anyway, since assembly refuses it. */
  'subject-empty': spec({
    floor: 'block',
    message: 'The subject is empty; empty subjects look like spam and rarely get opened.',
    fix: 'Write a short, specific subject (3–7 words).',
    doneIn: 'draft',
  }),
  'subject-long': spec({
    floor: 'ok',
    message: 'The subject is long; most inboxes cut it off after about 60 characters.',
    fix: 'Shorten the subject to the one thing you want them to notice.',
    doneIn: 'draft',
  }),
  'deceptive-subject': spec({
    floor: 'block',
    message:
      'The subject starts with a reply or forward prefix ("Re:", "Fwd:", "AW:", "回复:" …), but this is your first email to them. Faking a thread is deceptive, and illegal in many places.',
    fix: 'Remove the prefix; follow-ups in a sequence are threaded for you.',
    doneIn: 'draft',
  }),
  'deceptive-thread': spec({
    floor: 'block',
    message:
      'The email quotes an earlier message ("wrote:", "Original Message", a forwarded header), but this is your first email to them. Faking a thread is deceptive.',
    fix: 'Remove the quoted part and write to them as the first email it is.',
    doneIn: 'draft',
  }),
  /** Blocks: the lead would read "Hi {{first_name}}," — the template was never filled in. */
  'template-leftover': spec<string>({
    floor: 'block',
    message: (tokens) =>
      `The email still contains ${tokens}: merge fields that were not filled in, so the lead would read them exactly as typed.`,
    fix: (tokens) => `Replace ${tokens} with the lead's details (their name, company …), or remove it.`,
    doneIn: 'draft',
  }),
  'phishing-credentials': spec<string>({
    floor: 'block',
    message: (hits) => `Asking for a login or an account check (${hits}) is what phishing mail does.`,
    fix: 'Never ask a prospect to log in, verify or confirm an account.',
    doneIn: 'draft',
  }),
  'phishing-payment': spec<string>({
    floor: 'block',
    message: (hits) => `Asking to move money or change payment details (${hits}) reads as payment fraud.`,
    fix: 'Leave payment to the contract stage, through your finance team.',
    doneIn: 'draft',
  }),
  'subject-shouting': spec({
    floor: 'ok',
    message: 'The subject is mostly capital letters, which reads as shouting and trips spam filters.',
    fix: 'Use sentence case in the subject.',
    doneIn: 'draft',
  }),
  'body-shouting': spec<string>({
    floor: 'ok',
    message: (share) => `${share} of the letters in the body are capitals, which reads as shouting.`,
    fix: 'Write in sentence case; keep capitals for names and acronyms.',
    doneIn: 'draft',
  }),
  'exclamation-runs': spec({
    floor: 'ok',
    message: 'Runs like "!!" or "??" look like a promotion.',
    fix: 'Use one punctuation mark at a time.',
    doneIn: 'draft',
  }),
  'exclamation-marks': spec<string>({
    floor: 'ok',
    message: (where) => `Exclamation marks (${where}) read as hype in a cold email.`,
    fix: 'Keep at most one or two in the body, and none in the subject.',
    doneIn: 'draft',
  }),
  'money-symbols': spec({
    floor: 'ok',
    message: 'Many $, €, £ or % signs make the email look like a price promotion.',
    fix: 'Keep the one number that matters to them.',
    doneIn: 'draft',
  }),
  'money-runs': spec<string>({
    floor: 'ok',
    message: (runs) => `Runs of money signs (${runs}) are how price spam looks.`,
    fix: 'Write the one amount that matters, as a number.',
    doneIn: 'draft',
  }),
  'spelled-out-words': spec<string>({
    floor: 'warn',
    message: (words) =>
      `Words spelled out letter by letter (${words}) are a trick to get past spam filters, and filters look for exactly that.`,
    fix: 'Write words normally, and leave out the ones you were hiding.',
    doneIn: 'draft',
  }),
  'disguised-letters': spec<string>({
    floor: 'warn',
    message: (words) =>
      `Some words (${words}) hide invisible characters or use letters from another alphabet that look Latin. Filters treat this as a trick.`,
    fix: 'Retype those words; text pasted from elsewhere often carries hidden characters.',
    doneIn: 'draft',
  }),
  'spam-phrases-urgency': spec<string>({
    floor: 'ok',
    message: spamWording('Manufactured urgency reads like a promotion, and spam filters count it.'),
    fix: 'Give a real reason to reply now, or drop the deadline.',
    doneIn: 'draft',
  }),
  'spam-phrases-money': spec<string>({
    floor: 'ok',
    message: spamWording('Money-making and price-bait phrases are the classic spam vocabulary.'),
    fix: 'Talk about the outcome for their business in plain numbers instead.',
    doneIn: 'draft',
  }),
  'spam-phrases-income': spec<string>({
    floor: 'ok',
    message: spamWording('Income claims are how work-from-home and get-rich schemes sound.'),
    fix: 'Talk about what changes for their business, not what someone can earn.',
    doneIn: 'draft',
  }),
  'spam-phrases-overpromise': spec<string>({
    floor: 'ok',
    message: spamWording('Guarantees and superlatives sound too good to be true to a stranger.'),
    fix: 'Replace the claim with a specific, checkable result from a customer.',
    doneIn: 'draft',
  }),
  'spam-phrases-prize': spec<string>({
    floor: 'ok',
    message: spamWording('Prize and selection language is what scam mail sounds like.'),
    fix: 'Say plainly why you are writing to this person.',
    doneIn: 'draft',
  }),
  'spam-phrases-pushy': spec<string>({
    floor: 'ok',
    message: spamWording(
      'Generic calls to action and mass-mail greetings show the email was not written for them.',
    ),
    fix: 'Ask one specific, low-effort question instead (e.g. "Worth a quick chat next week?").',
    doneIn: 'draft',
  }),
  'spam-phrases-trust-bait': spec<string>({
    floor: 'ok',
    message: spamWording('Insisting a message is legitimate is itself a spam signal.'),
    fix: 'Remove it; a clear sender and a real reason for writing do that job.',
    doneIn: 'draft',
  }),
  'spam-phrases-off-topic': spec<string>({
    floor: 'ok',
    message: spamWording(
      'Pharma, dating, gambling and crypto words get mail filtered as spam almost anywhere.',
    ),
    fix: 'Remove the phrase; it has no place in a business email.',
    doneIn: 'draft',
  }),
  'link-count': spec<string>({
    floor: 'ok',
    message: (n) =>
      `The email has ${n} links; cold emails with more than one or two links land in spam more often.`,
    fix: 'Keep one link — the one you want them to click.',
    doneIn: 'draft',
  }),
  'link-density': spec({
    floor: 'ok',
    message: 'There is little text around the links; link-heavy emails look like spam.',
    fix: 'Say more about why you are writing, or drop links.',
    doneIn: 'draft',
  }),
  'link-shortener': spec<string>({
    floor: 'block',
    message: (hosts) => `Link shorteners (${hosts}) hide where a link goes; filters treat them as spam.`,
    fix: 'Use the full link to the page on your own domain.',
    doneIn: 'draft',
  }),
  'link-text-mismatch': spec<string>({
    floor: 'block',
    message: (reads) =>
      `A link reads ${reads}. Links that name one site and open another are a phishing pattern.`,
    fix: 'Make the link text match where it goes, or use words like "our case study".',
    doneIn: 'draft',
  }),
  'link-unsafe': spec<string>({
    floor: 'block',
    message: (targets) =>
      `Links to ${targets} (a script, data or a bare IP address) are blocked by mail providers.`,
    fix: 'Link to a normal https:// page on a named domain.',
    doneIn: 'draft',
  }),
  /** Blocks: a look-alike domain imitates another company (it always scored a block by weight, too). */
  'link-homograph': spec<{ host: string; how: string }>({
    floor: 'block',
    message: ({ host, how }) =>
      `The link to "${host}" ${how}, a trick used to imitate another company's domain.`,
    fix: 'Link to the domain by its normal spelling.',
    doneIn: 'draft',
  }),
  'image-only': spec({
    floor: 'ok',
    message:
      'The email is mostly images with little text; filters cannot read images and treat this as spam.',
    fix: 'Write your message as text; keep at most a small logo.',
    doneIn: 'draft',
  }),
  'image-heavy': spec<string>({
    floor: 'ok',
    message: (count) => `The email has ${count} — image-heavy for a cold email.`,
    fix: 'Drop images; a plain, personal email gets more replies.',
    doneIn: 'draft',
  }),
  'tracking-pixel': spec({
    floor: 'warn',
    message:
      'The email contains an invisible tracking image. Filters distrust hidden images, Gmail and Apple Mail load them through proxies (so the opens are not real), and in the EU open tracking needs consent.',
    fix: 'Remove the tracking image; count replies instead of opens.',
    doneIn: 'draft',
  }),
  'hidden-text': spec({
    floor: 'warn',
    message:
      'Part of the email is hidden (display:none, zero font size or white text). Filters treat hidden text as a trick.',
    fix: 'Remove hidden text, including hidden preview text.',
    doneIn: 'draft',
  }),
  'too-long': spec<string>({
    floor: 'ok',
    message: (n) =>
      `The body is ${n} words; cold emails over 300 words get fewer replies, and very long ones look like newsletters.`,
    fix: 'Cut it to under 150 words: who you are, why them, one ask.',
    doneIn: 'draft',
  }),
  'missing-text-part': spec({
    floor: 'warn',
    message: 'The email has no plain-text version; HTML-only mail scores worse with spam filters.',
    fix: 'Add a plain-text version (Fairsend generates one from the HTML when it sends).',
    doneIn: 'draft',
  }),
  'attachment-first-touch': spec({
    floor: 'warn',
    message: 'Attachments on a first email from a stranger are a spam and malware signal.',
    fix: 'Link to the document instead, or send it once they reply.',
    doneIn: 'draft',
  }),

  // ── Headers and assembly (step 7): refused, never repaired ─────────────────────────────────────────────
  'body-nul': spec({
    floor: 'block',
    message: 'The email contains NUL characters, which mail servers reject.',
    fix: 'Retype or re-paste the text as plain text.',
    doneIn: 'draft',
  }),
  'header-injection': spec<Field>({
    floor: 'block',
    message: ({ field }) =>
      `The ${field} contains a line break. Line breaks in an email header can inject extra headers, so this message is refused.`,
    fix: ({ field }) =>
      `Remove the line break from the ${field} — check template variables for values that end with a new line.`,
    doneIn: 'draft',
  }),
  'header-nul': spec<Field>({
    floor: 'block',
    message: ({ field }) =>
      `The ${field} contains a NUL character, which mail servers reject or truncate at.`,
    fix: ({ field }) => `Retype the ${field}; it was probably pasted from a file with hidden characters.`,
    doneIn: 'draft',
  }),
  'header-control-char': spec<Field>({
    floor: 'block',
    message: ({ field }) => `The ${field} contains invisible control characters.`,
    fix: ({ field }) => `Retype the ${field} without pasted control characters.`,
    doneIn: 'draft',
  }),
  'header-too-long': spec<{ field: string; limit: number }>({
    floor: 'block',
    message: ({ field, limit }) =>
      `The ${field} is longer than an email header line may be (${limit} bytes).`,
    fix: ({ field }) => `Shorten the ${field}; a subject line that works is under 60 characters.`,
    doneIn: 'draft',
  }),
  'display-name-too-long': spec<{ field: string; limit: number }>({
    floor: 'block',
    message: ({ field, limit }) => `The ${field} is over ${limit} bytes.`,
    fix: 'Use your real name.',
    doneIn: 'named-field',
  }),
  'display-name-invisible': spec<Field>({
    floor: 'block',
    message: ({ field }) =>
      `The ${field} contains invisible or direction-changing characters, which can make it read as someone else.`,
    fix: ({ field }) => `Retype the ${field} with plain characters.`,
    doneIn: 'named-field',
  }),
  'display-name-address': spec<Field>({
    floor: 'block',
    message: ({ field }) =>
      `The ${field} contains "@", "<" or ">", so it can look like a different email address than the real one.`,
    fix: ({ field }) => `Use just a name in the ${field}, without an email address.`,
    doneIn: 'named-field',
  }),
  'sender-name-missing': spec({
    floor: 'block',
    message: 'Your name is missing; emails go out under your name.',
    fix: 'Enter the name recipients see on this mailbox (Mailboxes).',
    goTo: 'mailbox',
  }),
  'sender-address-invalid': spec<string>({
    floor: 'block',
    message: (why) => `Your sending address is invalid: ${why}`,
    fix: 'Disconnect the mailbox and connect it again with a valid address (Mailboxes).',
    goTo: 'mailbox',
  }),
  'identity-company-missing': spec({
    floor: 'block',
    message: 'The company name for the email footer is missing.',
    fix: 'Add your company name in Settings → Sender identity.',
    goTo: 'sender-identity',
  }),
  'identity-postal-address-missing': spec({
    floor: 'block',
    message: 'A postal address is required in every commercial email, and none is set.',
    fix: 'Add your business postal address in Settings → Sender identity.',
    goTo: 'sender-identity',
  }),
  'recipient-invalid': spec<string>({
    floor: 'block',
    message: (why) => `The recipient address is invalid: ${why}`,
    fix: "Fix the lead's email address.",
    doneIn: 'lead',
  }),
  'unsubscribe-url-invalid': spec({
    floor: 'block',
    message: 'The one-click unsubscribe link is missing or is not an https:// address.',
    fix: 'Check the team server address in Settings; unsubscribe links must use https.',
    goTo: 'sender-identity',
  }),
  'unsubscribe-mailto-invalid': spec({
    floor: 'block',
    message: 'The unsubscribe email address is missing or invalid.',
    fix: 'Set an unsubscribe mailbox (e.g. unsubscribe@your-domain) in Settings.',
    goTo: 'sender-identity',
  }),
  'thread-invalid': spec({
    floor: 'block',
    message:
      'The earlier message this follow-up replies to has an invalid Message-ID, so it cannot be threaded.',
    fix: 'Send it as a new email instead.',
    doneIn: 'draft',
  }),
  'message-id-invalid': spec({
    floor: 'block',
    message: 'The message could not be given a valid Message-ID.',
    fix: 'This is a bug in Fairsend; please report it.',
    doneIn: 'report',
  }),
};

export type ReasonCode = keyof typeof REASONS;
type ParamOf<C extends ReasonCode> = (typeof REASONS)[C] extends Spec<infer P> ? P : never;
type Args<C extends ReasonCode> = [ParamOf<C>] extends [undefined] ? [] : [ParamOf<C>];
/** Codes whose message is built from one detail string, or from nothing: the content rule table's codes. */
export type DetailCode = {
  [C in ReasonCode]: [ParamOf<C>] extends [undefined] ? C : [ParamOf<C>] extends [string] ? C : never;
}[ReasonCode];
/** The phrase groups of spam-phrases.ts, one code each. */
export type SpamPhraseGroup = ReasonCode extends infer C
  ? C extends `spam-phrases-${infer G}`
    ? G
    : never
  : never;

/** A reason with its catalogued message and fix; the arguments are whatever that code's sentence needs. */
export function reason<C extends ReasonCode>(code: C, ...args: Args<C>): Reason {
  return fromCatalogue(code, args[0]);
}

/** For a rule table that hands every code it hits one detail string (the content step). */
export function reasonWithDetail(code: DetailCode, detail?: string): Reason {
  return fromCatalogue(code, detail ?? '');
}

function fromCatalogue(code: ReasonCode, param: unknown): Reason {
  const entry = REASONS[code] as Spec<unknown>;
  const text = (t: string | ((p: unknown) => string)) => (typeof t === 'function' ? t(param) : t);
  const message = text(entry.message);
  return entry.fix === undefined ? { code, message } : { code, message, fix: text(entry.fix) };
}

export function isReasonCode(code: unknown): code is ReasonCode {
  return typeof code === 'string' && Object.hasOwn(REASONS, code);
}

/** The least severe verdict a reason can have; a code from elsewhere (a stored failure code) floors at ok. */
export function floorOf(code: string): Verdict {
  return isReasonCode(code) ? REASONS[code].floor : 'ok';
}

/** Where the UI can take the rep to fix this reason, if anywhere. Takes stored codes, so any string. */
export function fixTargetOf(code: string): FixTarget | undefined {
  return isReasonCode(code) ? (REASONS[code] as Spec<unknown>).goTo : undefined;
}

// ── Verdicts ─────────────────────────────────────────────────────────────────────────────────────────────

export interface StepResult {
  verdict: Verdict;
  reasons: Reason[];
}

export const passed: StepResult = { verdict: 'ok', reasons: [] };

const SEVERITY: Record<Verdict, number> = { ok: 0, warn: 1, block: 2 };

export function worst(...verdicts: Verdict[]): Verdict {
  if (verdicts.includes('block')) return 'block';
  if (verdicts.includes('warn')) return 'warn';
  return 'ok';
}

/** A step that judges by its reasons' floors alone (every step but content, which also scores). */
export function judged(...reasons: Reason[]): StepResult {
  return { verdict: worst(...reasons.map((r) => floorOf(r.code))), reasons };
}

/**
 * Reasons from several sources (gate steps, message assembly) in order, each code once: when two sources give
 * the same code, it keeps its first place and the more severe of the two (by floor, then weight). Repeats
 * within one source are separate findings (two mismatched links) and stay.
 */
export function mergeReasons(...sources: readonly (readonly Reason[])[]): Reason[] {
  const merged: Reason[] = [];
  const at = new Map<ReasonCode, number>();
  for (const source of sources) {
    const fromHere = new Set<ReasonCode>();
    for (const r of source) {
      const i = at.get(r.code);
      if (i === undefined || fromHere.has(r.code)) {
        if (i === undefined) at.set(r.code, merged.length);
        fromHere.add(r.code);
        merged.push(r);
      } else if (moreSevere(r, merged[i]!)) merged[i] = r;
    }
  }
  return merged;
}

function moreSevere(a: Reason, b: Reason): boolean {
  const byFloor = SEVERITY[floorOf(a.code)] - SEVERITY[floorOf(b.code)];
  return byFloor !== 0 ? byFloor > 0 : (a.weight ?? 0) > (b.weight ?? 0);
}

/** Combines step results: the worst verdict (never below a reason's floor) wins; reasons merged by code. */
export function combine(...results: StepResult[]): StepResult {
  const reasons = mergeReasons(...results.map((r) => r.reasons));
  return {
    verdict: worst(...results.map((r) => r.verdict), ...reasons.map((r) => floorOf(r.code))),
    reasons,
  };
}
