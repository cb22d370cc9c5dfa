import { describe, expect, it } from 'vitest';
import { providerFor } from './provider';

describe('providerFor', () => {
  it.each([
    ['gmail', 'ana@gmail.com', '', 'gmail'],
    ['gmail', 'ana@acme.com', '', 'google-workspace'],
    ['outlook', 'ana@hotmail.co.uk', '', 'outlook-com'],
    ['outlook', 'ana@outlook.com', '', 'outlook-com'],
    ['outlook', 'ana@acme.com', '', 'microsoft-365'],
    ['smtp', 'ana@acme.com', 'smtp.gmail.com', 'google-workspace'],
    ['smtp', 'ana@acme.com', 'smtp.office365.com', 'microsoft-365'],
    ['smtp', 'ana@acme.com', 'mail.acme.com', 'smtp'],
  ] as const)('%s %s via %s → %s', (kind, address, host, expected) => {
    expect(providerFor(kind, address, host)).toBe(expected);
  });
});
