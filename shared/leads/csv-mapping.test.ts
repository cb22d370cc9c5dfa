import { describe, expect, it } from 'vitest';
import { choicesOf, customKeyFor, headerKey, mappingFromChoices, suggestMapping } from './csv-mapping';
import { LEAD_LIMITS } from './lead';

describe('suggestMapping', () => {
  it.each([
    [
      ['Email', 'First Name', 'Last Name', 'Company', 'Title'],
      { email: 0, firstName: 1, lastName: 2, company: 3, title: 4 },
    ],
    [
      ['E-mail', 'firstname', 'Surname', 'Organization', 'Job Title'],
      { email: 0, firstName: 1, lastName: 2, company: 3, title: 4 },
    ],
    [
      ['given name', 'family name', 'Email Address', 'Account Name', 'Position'],
      { email: 2, firstName: 0, lastName: 1, company: 3, title: 4 },
    ],
    [['Work Email', 'Time Zone', 'Tags'], { email: 0, timezone: 1, tags: 2 }],
    [['email_address', 'TZ', 'Labels'], { email: 0, timezone: 1, tags: 2 }],
  ])('maps %j', (headers, expected) => {
    const mapping = suggestMapping(headers, []);
    expect(mapping).toMatchObject(expected);
    expect(mapping.custom).toEqual([]);
  });

  it('prefers Apollo\'s "Email" over "Email Status" and keeps the rest as custom fields', () => {
    const headers = ['First Name', 'Email Status', 'Email', 'Person Linkedin Url', '# Employees'];
    const m = suggestMapping(headers, [['Ann', 'Verified', 'ann@acme.com', 'https://x', '50']]);
    expect(m.email).toBe(2);
    expect(m.custom).toEqual([
      { column: 1, key: 'email_status' },
      { column: 3, key: 'person_linkedin_url' },
      { column: 4, key: 'employees' },
    ]);
  });

  it('guesses the email column from the values when no header names it', () => {
    const rows = [
      ['Ann', 'ann@acme.com', 'x'],
      ['Bob', 'bob@acme.com', 'y'],
      ['Cy', 'not an address', 'z'],
    ];
    expect(suggestMapping(['Name', 'Contact', 'Other'], rows).email).toBe(1);
    expect(suggestMapping(['A', 'B'], [['1', '2']]).email).toBe(-1);
  });

  it('offers at most LEAD_LIMITS.customFields custom fields and skips empty unnamed columns', () => {
    const headers = ['email', ...Array.from({ length: 60 }, (_, i) => `Field ${i}`), ''];
    const m = suggestMapping(headers, [headers.map(() => '')]);
    expect(m.custom).toHaveLength(LEAD_LIMITS.customFields);
    expect(m.custom.some((c) => c.column === 61)).toBe(false);
  });
});

describe('custom keys', () => {
  it('are template-safe and unique', () => {
    const taken = new Set<string>();
    expect(customKeyFor('LinkedIn URL', 0, taken)).toBe('linkedin_url');
    expect(customKeyFor('LinkedIn-URL', 1, taken)).toBe('linkedin_url_2');
    expect(customKeyFor('__proto__', 2, taken)).toBe('proto');
    expect(customKeyFor('2024 revenue', 3, taken)).toBe('f_2024_revenue');
    expect(customKeyFor('', 4, taken)).toBe('column_5');
    expect(customKeyFor('Société', 5, taken)).toBe('societe');
    expect(customKeyFor('x'.repeat(200), 6, taken)).toHaveLength(LEAD_LIMITS.customKey);
    expect(headerKey(' E-Mail_Address ')).toBe('e mail address');
  });
});

describe('choices', () => {
  const headers = ['Email', 'First', 'Notes'];
  it('round-trip through the mapping screen', () => {
    const m = suggestMapping(headers, []);
    const choices = choicesOf(m, 3);
    expect(choices).toEqual(['email', 'firstName', 'custom']);
    expect(mappingFromChoices(choices, headers)).toEqual({ ok: true, mapping: m });
  });
  it('require an Email column and refuse a field chosen twice', () => {
    expect(mappingFromChoices(['skip', 'firstName', 'custom'], headers)).toEqual({
      ok: false,
      message: 'Choose the column that holds the email address.',
    });
    const twice = mappingFromChoices(['email', 'firstName', 'firstName'], headers);
    expect(twice.ok || twice.message).toBe(
      'First name is chosen for two columns, "First" and "Notes". Choose one.',
    );
  });
});
