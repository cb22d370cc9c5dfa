import { describe, expect, it } from 'vitest';
import { fieldsFromForm, formFromLead, hasErrors, validateLeadForm } from './lead-form';

const valid = { ...formFromLead(), email: 'ana@example.com' };

describe('validateLeadForm', () => {
  it('accepts a minimal lead', () => {
    expect(validateLeadForm(valid)).toEqual({});
  });

  it('explains a bad address, time zone, long fields and tag limits', () => {
    const errors = validateLeadForm({
      ...valid,
      email: 'ana.example.com',
      timezone: 'Mars/Olympus',
      company: 'x'.repeat(257),
      tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(','),
    });
    expect(errors.email).toBe('The email address has no "@".');
    expect(errors.timezone).toContain('Europe/Berlin');
    expect(errors.company).toBe('Company can be at most 256 characters.');
    expect(errors.tags).toBe('A lead can have at most 20 tags.');
    expect(hasErrors(errors)).toBe(true);
  });

  it('checks custom fields by row', () => {
    const errors = validateLeadForm({
      ...valid,
      custom: [
        { key: 'city', value: 'Porto' },
        { key: '', value: 'orphan' },
        { key: 'city', value: 'again' },
        { key: '', value: '' },
      ],
    });
    expect(errors.custom).toEqual({
      1: 'Give this field a name.',
      2: 'There is already a field named “city”.',
    });
  });
});

describe('fieldsFromForm', () => {
  it('trims, normalises tags and drops empty custom rows', () => {
    expect(
      fieldsFromForm({
        ...valid,
        email: ' Ana@Example.com ',
        tags: 'VIP, q3 list ,, vip',
        custom: [
          { key: ' city ', value: 'Porto' },
          { key: '', value: '' },
        ],
      }),
    ).toMatchObject({ email: 'Ana@Example.com', tags: ['vip', 'q3 list'], custom: { city: 'Porto' } });
  });
});
