import { describe, expect, it } from 'vitest';
import { auditRecordRequest } from '../ipc/audit';
import { AUDIT_EVENT_TYPES, isAuditEventType, RENDERER_AUDIT_TYPES } from './event-types';

describe('audit event types', () => {
  it('give each type a one-line meaning', () => {
    for (const [type, meaning] of Object.entries(AUDIT_EVENT_TYPES)) {
      expect(type).toMatch(/^[a-z]+\.[a-z-]+$/);
      expect(meaning.length, type).toBeGreaterThan(10);
      expect(meaning, type).not.toContain('\n');
    }
  });

  it('let the renderer record only its own changes, never a send or inbox outcome', () => {
    for (const type of RENDERER_AUDIT_TYPES) expect(isAuditEventType(type)).toBe(true);
    for (const type of Object.keys(AUDIT_EVENT_TYPES)) {
      const accepted = auditRecordRequest.safeParse({ type, data: {} }).success;
      expect(accepted, type).toBe((RENDERER_AUDIT_TYPES as readonly string[]).includes(type));
    }
    expect(isAuditEventType('send.sentt')).toBe(false);
  });
});
