/**
 * The check before launch: which leads a sequence's templates cannot render for, grouped by what is missing
 * ("12 leads have no first_name and no fallback"), so the rep fixes the data or adds a `default` instead of a
 * send that fails (or says "Hi ,"). A template that fails for every lead (a syntax error, a limit) is reported
 * once as the template's problem and not rendered further.
 */
import {
  type CompiledTemplate,
  compileTemplate,
  renderTemplate,
  type TemplateMode,
  type TemplateProblem,
} from './engine';
import type { TemplateScope } from './scope';

export interface NamedTemplate {
  /** what the rep calls it: "Step 2 subject" */
  label: string;
  source: string;
  mode: TemplateMode;
}

export interface RenderGap {
  template: string;
  /** the variable without a value, or null for another render failure */
  variable: string | null;
  leadIds: string[];
  message: string;
}

export interface RenderCheck {
  gaps: RenderGap[];
  templateProblems: { template: string; problem: TemplateProblem }[];
}

/** Variables after which a lead's render stops being tried (each missing one costs a render). */
const MAX_MISSING_PER_LEAD = 8;
const TEMPLATE_WIDE: ReadonlySet<TemplateProblem['code']> = new Set([
  'too-long',
  'too-slow',
  'too-much-memory',
]);

export function leadsThatCannotRender(
  templates: readonly NamedTemplate[],
  leads: readonly { id: string; scope: TemplateScope }[],
): RenderCheck {
  const result: RenderCheck = { gaps: [], templateProblems: [] };
  for (const template of templates) {
    const compiled = compileTemplate(template.source, template.mode);
    if (!compiled.ok) {
      result.templateProblems.push({ template: template.label, problem: compiled.problem });
      continue;
    }
    const groups = new Map<string, RenderGap>();
    for (const lead of leads) {
      const failure = missingFor(compiled.value, lead.scope);
      if (failure.templateWide) {
        result.templateProblems.push({ template: template.label, problem: failure.templateWide });
        break;
      }
      for (const { variable, message } of failure.gaps) {
        const key = variable ?? `!${message}`;
        let gap = groups.get(key);
        if (!gap) {
          gap = { template: template.label, variable, leadIds: [], message };
          groups.set(key, gap);
        }
        gap.leadIds.push(lead.id);
      }
    }
    for (const gap of groups.values()) result.gaps.push(worded(gap));
  }
  return result;
}

function worded(gap: RenderGap): RenderGap {
  const n = gap.leadIds.length;
  const leads = `${n.toLocaleString('en')} ${n === 1 ? 'lead has' : 'leads have'}`;
  const message = gap.variable
    ? `${leads} no ${gap.variable} and no fallback`
    : `${leads} a value the template cannot use: ${gap.message}`;
  return { ...gap, message };
}

interface LeadFailure {
  gaps: { variable: string | null; message: string }[];
  templateWide?: TemplateProblem;
}

/**
 * Renders until it works, filling each missing variable with a stand-in to find the next one. A render over the
 * time limit is tried once more before the template is blamed: one stalled render (a busy machine, a long pause
 * of the garbage collector) must not mark every lead of an enrollment as one the template cannot render for.
 */
function missingFor(template: CompiledTemplate, scope: TemplateScope): LeadFailure {
  const failure: LeadFailure = { gaps: [] };
  let current = scope;
  for (let tries = 0; tries < MAX_MISSING_PER_LEAD; tries++) {
    let rendered = renderTemplate(template, current);
    if (!rendered.ok && rendered.problem.code === 'too-slow') rendered = renderTemplate(template, current);
    if (rendered.ok) return failure;
    const { problem } = rendered;
    if (TEMPLATE_WIDE.has(problem.code)) return { gaps: [], templateWide: problem };
    if (problem.code !== 'missing-value' || !problem.variable) {
      failure.gaps.push({ variable: null, message: problem.message });
      return failure;
    }
    failure.gaps.push({ variable: problem.variable, message: problem.message });
    current = withStandIn(current, problem.variable);
  }
  return failure;
}

/** The scope with `x` or `custom.x` / `sender.x` set to a stand-in value. */
function withStandIn(scope: TemplateScope, variable: string): TemplateScope {
  const [root = '', child] = variable.split('.', 2);
  if (child === undefined) return { ...scope, [root]: '·' };
  const inner = scope[root];
  return { ...scope, [root]: { ...(typeof inner === 'object' ? inner : {}), [child]: '·' } };
}
