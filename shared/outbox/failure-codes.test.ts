/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { FIX_IN_HAND, FIX_TARGETS } from '../compliance/reasons';
import { ERROR_CODES } from '../ipc/result';
import {
  failureFixTargetOf,
  isRetryable,
  isSendFailureCode,
  SEND_FAILURE_CODES,
  SEND_FAILURES,
  type SendFailureCode,
} from './failure-codes';

// Every main-process source that could produce a send failure, read as text (tests and the catalogue left out).
const SOURCES = Object.entries(
  import.meta.glob(['/electron/main/**/*.ts'], { query: '?raw', import: 'default', eager: true }) as Record<
    string,
    string
  >,
).filter(([path]) => !/\.(test|spec)\.ts$|\/testing\/|\.fixture\.ts$/.test(path));

const producedBy = (code: SendFailureCode) =>
  SOURCES.filter(([, text]) => text.includes(`'${code}'`)).map(([path]) => path);

describe('the send failure catalogue', () => {
  it('reads the producers (a check that finds nothing would pass for the wrong reason)', () => {
    expect(SOURCES.some(([path]) => path.endsWith('/electron/main/send/transports/smtp-errors.ts'))).toBe(
      true,
    );
  });

  it.each(SEND_FAILURE_CODES)(
    '%s has a message, a fix with a place or a reason for none, and a floor',
    (code) => {
      const entry: { message: string; fix: string; retryable: boolean; goTo?: string; doneIn?: string } =
        SEND_FAILURES[code];
      expect(entry.message.length).toBeGreaterThan(20);
      expect(entry.message).toMatch(/^[A-Z].*\.$/);
      expect(entry.fix).toMatch(/^[A-Z].*\.$/);
      expect(typeof entry.retryable).toBe('boolean');
      if (entry.goTo !== undefined) {
        expect(FIX_TARGETS).toContain(entry.goTo);
        expect(failureFixTargetOf(code)).toBe(entry.goTo);
      } else expect(Object.keys(FIX_IN_HAND)).toContain(entry.doneIn);
    },
  );

  it.each(SEND_FAILURE_CODES)('%s is produced somewhere in main', (code) => {
    const reserved = (SEND_FAILURES[code] as { reserved?: string }).reserved;
    if (reserved === undefined) expect(producedBy(code), `${code} is produced nowhere`).not.toEqual([]);
    else expect(reserved.length).toBeGreaterThan(5);
  });

  it('a fix that sends the rep to Mailboxes has the button for it', () => {
    for (const code of SEND_FAILURE_CODES) {
      const { fix } = SEND_FAILURES[code];
      if (/Mailboxes/.test(fix)) expect(failureFixTargetOf(code), code).toBe('mailbox');
    }
  });

  it('only what time cures may be sent again, as before the catalogue', () => {
    expect(SEND_FAILURE_CODES.filter(isRetryable)).toEqual(['transient', 'rate-limited']);
  });

  it('is part of the bridge’s error codes, and the bridge’s own codes are not send failures', () => {
    for (const code of SEND_FAILURE_CODES) expect(ERROR_CODES).toContain(code);
    expect(ERROR_CODES.filter((c) => !isSendFailureCode(c))).toEqual([
      'invalid-input',
      'unknown-channel',
      'forbidden',
      'conflict',
    ]);
    expect(isSendFailureCode('rejected-permanent')).toBe(true);
    expect(isSendFailureCode('rejected-permanently')).toBe(false);
  });
});
