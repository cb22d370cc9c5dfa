import { describe, expect, it } from 'vitest';
import { AUDIT_DAMAGE, describeDamage } from '../../../../shared/audit/damage';
import { bytesFromBase64, canStartNewRecord, damagedLogFileName, noticeFor } from './recovery-text';

describe('the audit notice', () => {
  it('says nothing while the log is fine or unknown', () => {
    expect(noticeFor(null)).toBeNull();
    expect(noticeFor({ state: 'ready', events: 3 })).toBeNull();
  });

  it('explains each refusal in words a rep reads: no codes, file names or channel names', () => {
    for (const problem of AUDIT_DAMAGE) {
      const notice = noticeFor({ state: 'damaged', problem, message: describeDamage(problem) });
      expect(notice?.kind).toBe('damaged');
      const text = JSON.stringify(notice);
      expect(text).toContain(describeDamage(problem));
      expect(text).not.toContain(problem);
      expect(text).not.toMatch(
        /audit\.(status|exportDamaged|startNewChain)|\.jsonl|audit-head|device\.json|seq\b/,
      );
    }
    expect(noticeFor({ state: 'locked', message: 'Unlock first.' })).toMatchObject({ kind: 'locked' });
  });

  it('names the export by date and keeps its bytes exact, invalid UTF-8 included', () => {
    expect(damagedLogFileName(new Date(2026, 10, 26, 23, 59))).toBe(
      'fairsend-audit-log-damaged-2026-11-26.jsonl',
    );
    const raw = Uint8Array.from([0x7b, 0xff, 0xfe, 0x0a, 0x00, 0x80]);
    expect(bytesFromBase64(Buffer.from(raw).toString('base64'))).toEqual(raw);
    expect(bytesFromBase64('')).toEqual(new Uint8Array());
  });

  it('starts a new record only when confirmed, with a note and no address', () => {
    expect(canStartNewRecord('restored a backup', true)).toBe(true);
    expect(canStartNewRecord('restored a backup', false)).toBe(false);
    expect(canStartNewRecord('  ', true)).toBe(false);
    expect(canStartNewRecord('ana@example.com asked', true)).toBe(false);
  });
});
