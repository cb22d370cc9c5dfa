import { describe, expect, it } from 'vitest';
import { auditRecordRequest } from './audit';

const key = 'a'.repeat(64);

describe('audit.record request', () => {
  it('accepts a known type with keys, counts and short words', () => {
    const parsed = auditRecordRequest.safeParse({
      type: 'suppression.removed',
      data: { keys: [key], kind: 'address', reason: 'Added by mistake', count: 1 },
    });
    expect(parsed.success).toBe(true);
  });

  it('refuses unknown types, plaintext addresses, non-key arrays and nested objects', () => {
    const bad = [
      { type: 'send.sent', data: {} },
      { type: 'suppression.added', data: { reason: 'asked by ana@example.com' } },
      { type: 'suppression.added', data: { keys: ['ana@example.com'] } },
      { type: 'suppression.added', data: { nested: { a: 1 } } },
      { type: 'lead.erased', data: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])) },
    ];
    for (const request of bad) expect(auditRecordRequest.safeParse(request).success).toBe(false);
  });
});
