import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/audit/chain';
import type { SendOutcome } from '../../../../shared/ipc/send';
import { asksBeforeClosing, draftGoesAfter, draftTime, sameDraft } from './draft-rules';

const blank = { subject: '', body: '' };
const typed = { subject: 'A question', body: 'Hi Ana' };

describe('asksBeforeClosing', () => {
  it('asks when the rep typed something new', () => {
    expect(asksBeforeClosing(typed, blank)).toBe(true);
    expect(asksBeforeClosing({ ...typed, body: 'Hi Ana, again' }, typed)).toBe(true);
  });
  it('does not ask when nothing was typed, or the text is what Compose opened with', () => {
    expect(asksBeforeClosing(blank, blank)).toBe(false);
    expect(asksBeforeClosing({ subject: '  ', body: '\n' }, blank)).toBe(false);
    expect(asksBeforeClosing(typed, { ...typed })).toBe(false);
    // a restored draft emptied by the rep: nothing left to keep
    expect(asksBeforeClosing(blank, typed)).toBe(false);
  });
});

describe('sameDraft', () => {
  it('counts the mailbox too', () => {
    expect(sameDraft({ ...typed, mailboxId: 'a' }, { ...typed, mailboxId: 'a' })).toBe(true);
    expect(sameDraft({ ...typed, mailboxId: 'a' }, { ...typed, mailboxId: 'b' })).toBe(false);
  });
});

describe('draftGoesAfter', () => {
  const audit = {} as AuditEvent;
  const gate = { verdict: 'ok' as const, score: 0, reasons: [] };
  const outcomes: [SendOutcome, boolean][] = [
    [{ status: 'sent', messageId: '<m@x>', providerId: '250', gate, audit }, true],
    [{ status: 'duplicate', state: 'sent' }, true],
    [{ status: 'blocked', gate: { ...gate, verdict: 'block' }, audit }, false],
    [{ status: 'failed', code: 'transient', message: 'down', retryable: true, gate, audit }, false],
    [{ status: 'unknown', messageId: '<m@x>', why: 'timed-out', message: 'lost', gate, audit }, false],
    [{ status: 'duplicate', state: 'failed' }, false],
  ];
  it.each(outcomes)('%j → removes the draft: %s', (outcome, goes) => {
    expect(draftGoesAfter(outcome)).toBe(goes);
  });
});

describe('draftTime', () => {
  it('gives the time alone today and the date before today', () => {
    const now = new Date(2026, 11, 2, 15, 0).getTime();
    const today = new Date(2026, 11, 2, 10, 42).getTime();
    const earlier = new Date(2026, 10, 28, 10, 42).getTime();
    const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
    expect(draftTime(today, now)).toBe(time.format(today));
    expect(draftTime(earlier, now)).toContain(time.format(earlier));
    expect(draftTime(earlier, now)).not.toBe(time.format(earlier));
  });
});
