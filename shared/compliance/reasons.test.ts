/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { assembleMessage } from './assemble';
import { assessContent } from './content';
import {
  combine,
  FIX_TARGETS,
  fixTargetOf,
  floorOf,
  judged,
  mergeReasons,
  REASONS,
  type Reason,
  type ReasonCode,
  reason,
} from './reasons';
import { SPAM_PHRASE_GROUPS } from './spam-phrases';

// Every source file that could produce a reason, read as text (tests and the catalogue itself left out).
const SOURCES = Object.entries(
  import.meta.glob(['/shared/**/*.ts', '/electron/main/**/*.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>,
).filter(([path]) => !/\.(test|spec)\.ts$|\/testing\/|\/shared\/compliance\/reasons\.ts$/.test(path));

const CODES = Object.keys(REASONS) as ReasonCode[];

function producedBy(code: ReasonCode): string[] {
  const group = /^spam-phrases-(.+)$/.exec(code)?.[1];
  if (group !== undefined)
    return SPAM_PHRASE_GROUPS.some((g) => g.id === group) ? ['shared/compliance/spam-phrases.ts'] : [];
  return SOURCES.filter(([, text]) => text.includes(`'${code}'`)).map(([path]) => path);
}

describe('the reason catalogue', () => {
  it('reads the producers (a check that finds nothing would pass for the wrong reason)', () => {
    expect(SOURCES.some(([path]) => path.endsWith('/shared/compliance/gate.ts'))).toBe(true);
    expect(SOURCES.some(([path]) => path.endsWith('/electron/main/send/send-service.ts'))).toBe(true);
  });

  it.each(CODES)('%s is produced somewhere, or says why it is reserved', (code) => {
    const reserved = (REASONS[code] as { reserved?: string }).reserved;
    if (reserved === undefined) expect(producedBy(code), `${code} is produced nowhere`).not.toEqual([]);
    else expect(reserved.length).toBeGreaterThan(5);
  });

  it('gives every code a message in the rep’s words, and a fix target only where the UI can go', () => {
    for (const code of CODES) {
      const { message, goTo } = REASONS[code] as { message: unknown; goTo?: string };
      expect(typeof message === 'string' || typeof message === 'function', code).toBe(true);
      if (goTo !== undefined) expect(FIX_TARGETS, code).toContain(goTo);
    }
    for (const target of FIX_TARGETS)
      expect(
        CODES.some((c) => fixTargetOf(c) === target),
        target,
      ).toBe(true);
    expect(fixTargetOf('transient')).toBeUndefined(); // a stored send failure code is not a reason
  });

  it('builds the message and fix from the code’s own figures', () => {
    expect(reason('spf-missing', { domain: 'acme.example', example: 'include:_spf.google.com' })).toEqual({
      code: 'spf-missing',
      message:
        'acme.example has no SPF record, so receiving servers cannot tell which servers may send its mail.',
      fix: 'Add a TXT record at acme.example with the value: v=spf1 include:_spf.google.com ~all',
    });
    expect(reason('suppressed-address')).not.toHaveProperty('fix');
  });
});

describe('one floor per code', () => {
  it('an empty subject blocks in the content step and in assembly alike, and is listed once', () => {
    const content = assessContent({ subject: ' ', text: 'Hi Dana, worth a quick chat?', isFirstTouch: true });
    expect(content.verdict).toBe('block');
    const assembled = assembleMessage({
      sender: { name: 'Sam Rivera', address: 'sam@fairsend.example' },
      identity: { company: 'Fairsend Ltd', postalAddress: '1 Main St\nSpringfield, IL 62701' },
      recipient: { address: 'dana@acme.example' },
      subject: ' ',
      html: '<p>Hi Dana</p>',
      unsubscribe: { httpsUrl: 'https://team.fairsend.example/u/t', mailto: 'unsubscribe@fairsend.example' },
      messageIdLocal: 'fs-1',
    });
    expect(assembled.ok).toBe(false);
    const refused = assembled.ok ? [] : assembled.reasons;
    expect(refused.map((r) => r.code)).toEqual(['subject-empty']);
    const preview = mergeReasons(content.reasons, refused);
    expect(preview.filter((r) => r.code === 'subject-empty')).toHaveLength(1);
    expect(floorOf('subject-empty')).toBe('block');
  });

  it('NUL in the body is one code, with one message, from content and from assembly', () => {
    const fromContent = assessContent({ subject: 'Hi', text: 'a\0b', isFirstTouch: true }).reasons;
    const nul = fromContent.find((r) => r.code === 'body-nul');
    expect(nul?.message).toBe(reason('body-nul').message);
  });

  it('a step judged by its reasons is never below their floors', () => {
    expect(judged().verdict).toBe('ok');
    expect(judged(reason('role-account', { address: 'info@a.example', local: 'info' })).verdict).toBe('warn');
    expect(judged(reason('cap-ramp-up', { cap: 10, step: 2, target: 50 })).verdict).toBe('ok');
    // combine lifts a verdict a producer set too low
    expect(combine({ verdict: 'ok', reasons: [reason('suppressed-domain')] }).verdict).toBe('block');
  });
});

describe('mergeReasons', () => {
  const r = (code: ReasonCode, weight: number, message: string = code): Reason => ({ code, message, weight });

  it('lists a code once across sources, in its first place, keeping the more severe instance', () => {
    const merged = mergeReasons(
      [r('subject-empty', 3), r('link-count', 2)],
      [r('subject-empty', 10, 'from assembly'), r('thread-invalid', 10)],
    );
    expect(merged.map((x) => [x.code, x.weight])).toEqual([
      ['subject-empty', 10],
      ['link-count', 2],
      ['thread-invalid', 10],
    ]);
  });

  it('keeps repeats within one source: two mismatched links are two findings', () => {
    const links = [r('link-text-mismatch', 10, 'a'), r('link-text-mismatch', 10, 'b')];
    expect(mergeReasons(links, [r('link-text-mismatch', 10, 'c')]).map((x) => x.message)).toEqual(['a', 'b']);
  });
});
