/**
 * Seeded workloads for the engine bench: a rep's active enrollments spread over sequences, mailboxes and lead
 * zones the way an outbound desk has them, and the lead records a template renders from.
 */
import { DEFAULT_SCHEDULE } from '../../shared/sequences/calendar';
import { seededRandom } from '../../shared/sequences/random';
import type { TemplateLead } from '../../shared/sequences/templates/scope';
import type { DueEnrollment, PlanMailbox, PlanSequence } from '../../shared/sequences/types';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Leads' zones, weighted toward the US and Europe; one in ten has none (the mailbox's applies). */
const LEAD_ZONES = [
  'America/New_York',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Berlin',
  'Europe/Paris',
  'Asia/Kolkata',
  'Australia/Sydney',
  null,
];
const MAILBOX_ZONES = ['America/New_York', 'Europe/Berlin', 'America/Los_Angeles'];

export interface EngineWorld {
  /** active enrollments sorted by nextSendAt: the `[status, nextSendAt]` index of active ones */
  index: DueEnrollment[];
  sequences: Map<string, PlanSequence>;
  mailboxes: Map<string, PlanMailbox>;
}

/**
 * `count` active enrollments over 20 mailboxes (caps 30–50, a few already part-way through the day) and five
 * three-step sequences; `dueShare` of them are due at `now` (waiting since up to three days), the rest are
 * due over the next two weeks.
 */
export function engineWorld(count: number, now: number, dueShare: number, seed = 42): EngineWorld {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const mailboxes = new Map<string, PlanMailbox>();
  for (let i = 0; i < 20; i++) {
    const id = `mbx-${i}`;
    mailboxes.set(id, {
      id,
      timeZone: MAILBOX_ZONES[i % MAILBOX_ZONES.length]!,
      capToday: 30 + (i % 3) * 10,
      sentToday: i % 4 === 0 ? 12 : 0,
      ...(i % 4 === 0 ? { lastSentAt: now - 7 * MINUTE } : {}),
      state: i === 19 ? 'paused' : 'ready',
    });
  }
  const sequences = new Map<string, PlanSequence>();
  for (let i = 0; i < 5; i++) {
    const id = `seq-${i}`;
    sequences.set(id, {
      id,
      steps: [{ delayDays: 0 }, { delayDays: 3 }, { delayDays: 4 }],
      schedule: { ...DEFAULT_SCHEDULE, holidaysCountry: i % 2 ? 'US' : 'DE' },
      dailyLimit: i === 0 ? 150 : null,
      sentToday: 0,
    });
  }
  const index: DueEnrollment[] = [];
  for (let i = 0; i < count; i++) {
    const due = random() < dueShare;
    const step = Math.floor(random() * 3);
    index.push({
      id: `enr-${String(i).padStart(6, '0')}`,
      leadId: `lead-${i}`,
      sequenceId: `seq-${i % 5}`,
      step,
      nextSendAt: due ? now - Math.floor(random() * 3 * DAY) : now + 1 + Math.floor(random() * 14 * DAY),
      mailboxId: `mbx-${i % 20}`,
      leadTimeZone: pick(LEAD_ZONES),
      isFollowUp: step > 0,
    });
  }
  index.sort((a, b) => a.nextSendAt - b.nextSendAt || (a.id < b.id ? -1 : 1));
  return { index, sequences, mailboxes };
}

/** The due slice of the index: active rows with nextSendAt before `end`, found by binary search. */
export function dueSlice(index: readonly DueEnrollment[], end: number): DueEnrollment[] {
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid]!.nextSendAt < end) lo = mid + 1;
    else hi = mid;
  }
  return index.slice(0, lo);
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises'];
const TITLES = ['CTO', 'VP Engineering', 'Head of Sales', 'Founder', 'Operations Lead'];

export function templateLeads(count: number, seed = 7): TemplateLead[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    email: `lead${i}@example.com`,
    firstName: pick(FIRST),
    lastName: pick(LAST),
    company: pick(COMPANIES),
    title: pick(TITLES),
    custom: {
      icebreaker: `Saw your post about ${pick(['hiring', 'the launch', 'Series B', 'the podcast'])}`,
    },
  }));
}

/** A typical first-touch body: five variables, one with a fallback, about 600 characters of HTML. */
export const TYPICAL_TEMPLATE = `<p>Hi {{ first_name | default: "there" }},</p>
<p>{{ custom.icebreaker }} — congratulations. I work with teams like {{ company }} on outbound that sounds
like a person wrote it, and as {{ title }} you are probably the one who hears about it when it does not.</p>
<p>Most reps we talk to lose a morning a week to list hygiene and follow-ups that go out after someone already
answered. We stop both: every send checks for a reply first, and nothing goes twice.</p>
<p>Worth a 15-minute look next week?</p>
<p>{{ sender.first_name }}</p>`;
