import { describe, expect, it } from 'vitest';
import { assessContent } from './content';
import { findTemplateLeftovers } from './template-leftovers';

describe('findTemplateLeftovers', () => {
  it.each([
    ['Hi {{first_name}},', ['{{first_name}}']],
    ['Hi {{ lead.first_name | default: "there" }},', ['{{ lead.first_name | default: "there" }}']],
    ['{% if company %}at {{company}}{% endif %}', ['{% if company %}', '{{company}}', '{% endif %}']],
    ['Hello [[firstName]], how is [[ Company ]]?', ['[[firstName]]', '[[ Company ]]']],
    ['Dear %FIRSTNAME%, about %company_name%', ['%FIRSTNAME%', '%company_name%']],
    ['Hi *|FNAME|*', ['*|FNAME|*']],
    ['Hi {FIRSTNAME} at {company_name}, {Company}', ['{FIRSTNAME}', '{company_name}', '{Company}']],
    ['An empty one: {{}}', ['{{}}']],
  ])('finds the fields in %j', (text, tokens) => {
    expect(findTemplateLeftovers(text)).toEqual(tokens);
  });

  it.each([
    'Get 50% off 20% of the time, 100%!',
    'Growth of 12%, margins at 30%ABC', // a percent sign touching a word is not a token
    'URLs like https://x.example/a%20b%2Fc and %C3%A9',
    'A set {Acme} or {x} in prose, and code like function() { return 1; }',
    'Prices: 5% VAT% not included', // "% VAT%" has a space: not a token
    'Wiki-style [link] and [ [notes] ]',
    'JSON-ish {"a": 1}',
    'Ordinary text with no braces at all.',
  ])('leaves legitimate text alone: %j', (text) => {
    expect(findTemplateLeftovers(text)).toEqual([]);
  });
});

describe('the content step with unfilled merge fields', () => {
  it('blocks a draft whose subject or body still has a merge field, and names it in the fix', () => {
    const a = assessContent({
      subject: 'Quick question, {{first_name}}',
      text: 'Hi there,\n\nWould a short call next week work?\n\nBest, Rita',
      isFirstTouch: true,
    });
    expect(a.verdict).toBe('block');
    const found = a.reasons.find((r) => r.code === 'template-leftover');
    expect(found?.fix).toBe(
      "Replace {{first_name}} with the lead's details (their name, company …), or remove it.",
    );

    const html = assessContent({
      subject: 'Quick question',
      html: '<p>Hi %FIRSTNAME%,</p><p>Would a short call next week work?</p>',
      text: 'Hi %FIRSTNAME%,\n\nWould a short call next week work?',
      isFirstTouch: true,
    });
    expect(html.verdict).toBe('block');
    expect(html.reasons.map((r) => r.code)).toContain('template-leftover');
  });

  it('lets the same draft through once the field is filled in', () => {
    const a = assessContent({
      subject: 'Quick question, Ana',
      text: 'Hi Ana,\n\nWould a short call next week work? We cut onboarding time by 20% for teams like yours.\n\nBest, Rita',
      isFirstTouch: true,
    });
    expect(a.reasons.map((r) => r.code)).not.toContain('template-leftover');
    expect(a.verdict).not.toBe('block');
  });
});
