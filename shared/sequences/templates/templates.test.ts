import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkTemplate } from './check';
import { compileTemplate, renderTemplate } from './engine';
import { leadsThatCannotRender } from './render-check';
import { knownVariables, type TemplateLead, templateScope } from './scope';
import { followUpSubject, type SentStep, threadNextStep } from './threading';

const ada: TemplateLead = {
  email: 'ada@acme.example',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: 'Acme & Sons <Ltd>',
  title: 'CTO',
  custom: { icebreaker: 'Loved your talk', empty: '  ' },
};
const known = knownVariables(['icebreaker', 'empty']);

function render(source: string, lead: TemplateLead = ada, mode: 'html' | 'text' = 'text') {
  const compiled = compileTemplate(source, mode);
  if (!compiled.ok) throw new Error(compiled.problem.message);
  return renderTemplate(compiled.value, templateScope(lead, { first_name: 'Sam', company: 'Fairsend' }));
}

describe('templates', () => {
  it('fills lead fields, custom columns and sender fields; escapes values in HTML only', () => {
    const source = 'Hi {{ first_name }} at {{ company }}, {{ custom.icebreaker }}. {{ sender.first_name }}';
    expect(render(source)).toEqual({ ok: true, value: 'Hi Ada at Acme & Sons <Ltd>, Loved your talk. Sam' });
    expect(render('{{ company }}', ada, 'html')).toEqual({ ok: true, value: 'Acme &amp; Sons &lt;Ltd&gt;' });
  });

  it('uses a default when a value is missing or blank, and refuses to render without one', () => {
    const noName = { ...ada, firstName: ' ' };
    expect(render('Hi {{ first_name | default: "there" }},', noName)).toEqual({
      ok: true,
      value: 'Hi there,',
    });
    expect(render('{% if first_name %}Hi {{ first_name }}{% else %}Hello{% endif %}', noName)).toMatchObject({
      value: 'Hello',
    });
    expect(render('Hi {{ first_name }},\n{{ custom.empty }}', noName)).toEqual({
      ok: false,
      problem: {
        code: 'missing-value',
        message: 'No value for first_name and no fallback.',
        line: 1,
        column: 7,
        variable: 'first_name',
      },
    });
  });

  it('reports syntax errors and unknown filters at their line and column', () => {
    expect(checkTemplate('Hi\n  {% if first_name %}yes', 'text', known).problems).toEqual([
      { code: 'syntax', message: 'Tag {% if first_name %} not closed.', line: 2, column: 3 },
    ]);
    expect(checkTemplate('Hi {{ first_name | upcase }', 'text', known).problems[0]).toMatchObject({
      code: 'syntax',
      line: 1,
      column: 4,
    });
    expect(checkTemplate('Hi {{ first_name | shout }}', 'text', known).problems).toEqual([
      { code: 'unknown-filter', message: 'There is no filter named shout.', line: 1, column: 4 },
    ]);
  });

  it('reports every unknown variable at its place and lists the ones used', () => {
    const check = checkTemplate(
      'Hi {{ first_name }} {{ frist_name }}\n{{ custom.icebreker }} {% for x in (1..2) %}{{ x }}{% endfor %}',
      'html',
      known,
    );
    expect(check.variables).toEqual(['first_name', 'frist_name', 'custom.icebreker']);
    expect(check.problems.map((p) => [p.variable, p.line, p.column])).toEqual([
      ['frist_name', 1, 24],
      ['custom.icebreker', 2, 4],
    ]);
  });

  it('ends a runaway loop with a clear error instead of hanging', () => {
    const slow =
      '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}';
    const started = performance.now();
    const result = render(slow);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.ok).toBe(false);
    expect(!result.ok && ['too-slow', 'too-much-memory']).toContain(!result.ok && result.problem.code);
    const growing =
      '{% assign s = "abcdefghij" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}';
    expect(render(growing)).toMatchObject({ ok: false, problem: { code: 'too-much-memory' } });
    expect(compileTemplate('x'.repeat(200_001), 'text')).toMatchObject({
      ok: false,
      problem: { code: 'too-long' },
    });
  });
});

describe('leads a template cannot render for', () => {
  const leads = [
    { id: 'a', scope: templateScope(ada) },
    { id: 'b', scope: templateScope({ ...ada, firstName: '' }) },
    { id: 'c', scope: templateScope({ ...ada, firstName: '', custom: {} }) },
    { id: 'd', scope: templateScope({ ...ada, custom: {} }) },
  ];

  it('groups them by what is missing, in words', () => {
    const check = leadsThatCannotRender(
      [
        { label: 'Step 1 body', source: 'Hi {{ first_name }}, {{ custom.icebreaker }}', mode: 'html' },
        { label: 'Step 1 subject', source: 'For {{ first_name | default: "you" }}', mode: 'text' },
      ],
      leads,
    );
    expect(check.templateProblems).toEqual([]);
    expect(check.gaps).toEqual([
      {
        template: 'Step 1 body',
        variable: 'first_name',
        leadIds: ['b', 'c'],
        message: '2 leads have no first_name and no fallback',
      },
      {
        template: 'Step 1 body',
        variable: 'custom.icebreaker',
        leadIds: ['c', 'd'],
        message: '2 leads have no custom.icebreaker and no fallback',
      },
    ]);
  });

  it('reports a broken or runaway template once, not once per lead', () => {
    const check = leadsThatCannotRender(
      [
        { label: 'Broken', source: '{% if %}', mode: 'text' },
        { label: 'Runaway', source: '{% for i in (1..100000000) %}{{ i }}{% endfor %}', mode: 'text' },
      ],
      leads,
    );
    expect(check.gaps).toEqual([]);
    expect(check.templateProblems.map((p) => [p.template, p.problem.code])).toEqual([
      ['Broken', 'syntax'],
      ['Runaway', 'too-much-memory'],
    ]);
  });
});

describe('a render that stalls once', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is tried again before the template is blamed, so the leads are not skipped', () => {
    const leads = [
      { id: 'a', scope: templateScope(ada) },
      { id: 'b', scope: templateScope({ ...ada, email: 'bo@acme.example' }) },
    ];
    // liquidjs times a render by performance.now(): the clock jumps a second during the first render only,
    // as when the machine stalls it; a template that is really slow would be over its limit again
    const real = performance.now.bind(performance);
    let calls = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (++calls === 2 ? real() + 1_000 : real()));
    const check = leadsThatCannotRender(
      [{ label: 'Step 1 body', source: '<p>Hi {{ first_name }} at {{ company }}</p>', mode: 'html' }],
      leads,
    );
    expect(calls).toBeGreaterThan(2);
    expect(check).toEqual({ gaps: [], templateProblems: [] });
  });

  it('still blames a template that is over the limit every time', () => {
    const real = performance.now.bind(performance);
    let calls = 0;
    // every second reading of the clock is a second later: each render is over its limit
    vi.spyOn(performance, 'now').mockImplementation(() => real() + (++calls % 2 === 0 ? 1_000 : 0));
    const check = leadsThatCannotRender(
      [{ label: 'Step 1 body', source: '<p>Hi {{ first_name }}</p>', mode: 'html' }],
      [{ id: 'a', scope: templateScope(ada) }],
    );
    expect(check.templateProblems.map((p) => [p.template, p.problem.code])).toEqual([
      ['Step 1 body', 'too-slow'],
    ]);
  });
});

describe('threading', () => {
  const first: SentStep = { subject: 'Quick question', messageId: '<1@fs.example>', startedThread: true };
  const second: SentStep = {
    subject: 'Re: Quick question',
    messageId: '<2@fs.example>',
    startedThread: false,
  };

  it('replies in the thread with Re: of the first subject and the earlier Message-IDs', () => {
    expect(threadNextStep('same-thread', 'ignored', [first, second])).toEqual({
      subject: 'Re: Quick question',
      thread: { inReplyTo: '<2@fs.example>', references: ['<1@fs.example>', '<2@fs.example>'] },
    });
    expect(followUpSubject('RE: already')).toBe('RE: already');
  });

  it('starts a new thread with its own subject, and later replies follow the newest thread', () => {
    expect(threadNextStep('new-thread', 'A new angle', [first])).toEqual({ subject: 'A new angle' });
    const third: SentStep = { subject: 'A new angle', messageId: '<3@fs.example>', startedThread: true };
    expect(threadNextStep('same-thread', 'x', [first, second, third])).toEqual({
      subject: 'Re: A new angle',
      thread: { inReplyTo: '<3@fs.example>', references: ['<3@fs.example>'] },
    });
    expect(threadNextStep('same-thread', 'Only subject', [])).toEqual({ subject: 'Only subject' });
  });

  it('keeps References within the draft limit: the first and the latest', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      subject: 's',
      messageId: `<${i}@x>`,
      startedThread: i === 0,
    }));
    const refs = threadNextStep('same-thread', 's', many).thread!.references;
    expect(refs).toHaveLength(50);
    expect(refs[0]).toBe('<0@x>');
    expect(refs.at(-1)).toBe('<59@x>');
  });
});
