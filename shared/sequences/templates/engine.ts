/**
 * Liquid templates for sequence steps (liquidjs). Strict: an unknown filter is a parse error and a variable
 * with no value is a render error (a `default` filter or an `if` around it is the fallback), so nothing goes
 * out as "Hi ,". Limits end a runaway template with a clear error: its length when parsed, its time and its
 * memory when rendered. HTML bodies escape every value; subjects and plain text do not.
 */
import { Liquid, type Template } from 'liquidjs';

export const TEMPLATE_LIMITS = {
  /** characters a template may have (parseLimit) */
  parseChars: 200_000,
  /** milliseconds one render may take (renderLimit) */
  renderMs: 250,
  /** what one render may allocate, in liquidjs' count (characters of strings, items of arrays; memoryLimit) */
  memoryUnits: 2_000_000,
} as const;

export type TemplateMode = 'html' | 'text';

export type TemplateProblemCode =
  | 'syntax'
  | 'unknown-filter'
  | 'unknown-variable'
  | 'missing-value'
  | 'too-long'
  | 'too-slow'
  | 'too-much-memory'
  | 'render-failed';

export interface TemplateProblem {
  code: TemplateProblemCode;
  /** words for the editor, without the line and column (those are fields) */
  message: string;
  /** 1-based; 0 when the problem has no place in the text */
  line: number;
  column: number;
  /** the variable a missing-value or unknown-variable problem is about, as written ("custom.icebreaker") */
  variable?: string;
}

export type TemplateResult<T> = { ok: true; value: T } | { ok: false; problem: TemplateProblem };

export interface CompiledTemplate {
  mode: TemplateMode;
  source: string;
  parsed: Template[];
}

function engine(mode: TemplateMode): Liquid {
  return new Liquid({
    strictVariables: true,
    strictFilters: true,
    // An `if` over a missing value is false and `default` supplies one: those are the fallbacks.
    lenientIf: true,
    ownPropertyOnly: true,
    parseLimit: TEMPLATE_LIMITS.parseChars,
    renderLimit: TEMPLATE_LIMITS.renderMs,
    memoryLimit: TEMPLATE_LIMITS.memoryUnits,
    ...(mode === 'html' ? { outputEscape: 'escape' as const } : {}),
    // No file system: `include` and `render` find nothing.
    templates: {},
  });
}

const engines: Record<TemplateMode, Liquid> = { html: engine('html'), text: engine('text') };

export function templateEngine(mode: TemplateMode): Liquid {
  return engines[mode];
}

export function compileTemplate(source: string, mode: TemplateMode): TemplateResult<CompiledTemplate> {
  if (source.length > TEMPLATE_LIMITS.parseChars) {
    return { ok: false, problem: tooLong() };
  }
  try {
    return { ok: true, value: { mode, source, parsed: engines[mode].parse(source) } };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

export function renderTemplate(template: CompiledTemplate, scope: object): TemplateResult<string> {
  try {
    return { ok: true, value: engines[template.mode].renderSync(template.parsed, scope) };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

const tooLong = (): TemplateProblem => ({
  code: 'too-long',
  message: `The template is longer than ${TEMPLATE_LIMITS.parseChars.toLocaleString('en')} characters.`,
  line: 0,
  column: 0,
});

const LIMITS: Record<string, { code: TemplateProblemCode; message: string }> = {
  'parse length': { code: 'too-long', message: tooLong().message },
  'template render': {
    code: 'too-slow',
    message: `The template took longer than ${TEMPLATE_LIMITS.renderMs} ms to fill in: a loop that runs too long?`,
  },
  'memory alloc': {
    code: 'too-much-memory',
    message: 'The template builds too much text: a loop or an append that grows without end?',
  },
};

/** A liquidjs error as a problem with its place; the library's own message is kept minus the place. */
export function problemOf(error: unknown): TemplateProblem {
  const e = error as { name?: string; message?: string; token?: { getPosition?: () => [number, number] } };
  const [line, column] = e.token?.getPosition?.() ?? [0, 0];
  const text = String(e.message ?? error).replace(/, line:\d+, col:\d+$/, '');
  const at = { line, column };
  const limit = /^(.*) limit exceeded$/.exec(text)?.[1];
  if (limit && LIMITS[limit]) return { ...LIMITS[limit], ...at };
  if (e.name === 'UndefinedVariableError') {
    const variable = text.replace(/^undefined variable: /, '');
    return { code: 'missing-value', message: `No value for ${variable} and no fallback.`, variable, ...at };
  }
  if (text.startsWith('undefined filter: ')) {
    return { code: 'unknown-filter', message: `There is no filter named ${text.slice(18)}.`, ...at };
  }
  if (e.name === 'TokenizationError' || e.name === 'ParseError') {
    return { code: 'syntax', message: sentence(text), ...at };
  }
  return { code: 'render-failed', message: sentence(text), ...at };
}

const sentence = (text: string) => {
  const t = text.trim() || 'The template could not be read';
  return `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
};
