/**
 * The editor's check as the rep types: the first syntax error (liquidjs stops at one) or every variable the
 * template names that no lead field, custom column or sender field provides, each at its line and column.
 */
import { compileTemplate, type TemplateMode, type TemplateProblem, templateEngine } from './engine';

export interface TemplateCheck {
  problems: TemplateProblem[];
  /** the variables the template uses, as written ("first_name", "custom.icebreaker"), in order of appearance */
  variables: string[];
}

/** "custom.icebreaker" for custom and sender fields, the root for everything else. */
function nameOf(segments: readonly unknown[]): string {
  const [root, child] = segments;
  if ((root === 'custom' || root === 'sender') && typeof child === 'string') return `${root}.${child}`;
  return String(root);
}

export function checkTemplate(source: string, mode: TemplateMode, known: readonly string[]): TemplateCheck {
  const compiled = compileTemplate(source, mode);
  if (!compiled.ok) return { problems: [compiled.problem], variables: [] };
  const knownSet = new Set(known);
  const problems: TemplateProblem[] = [];
  const variables: string[] = [];
  let analysis: ReturnType<ReturnType<typeof templateEngine>['analyzeSync']>;
  try {
    analysis = templateEngine(mode).analyzeSync(compiled.value.parsed, { partials: false });
  } catch {
    return { problems, variables }; // analysis is a help: a template liquidjs parsed still renders
  }
  const occurrences = Object.values(analysis.globals)
    .flat()
    .sort((a, b) => a.location.row - b.location.row || a.location.col - b.location.col);
  for (const occurrence of occurrences) {
    const name = nameOf(occurrence.segments);
    if (!variables.includes(name)) variables.push(name);
    if (knownSet.has(name) || name === 'custom' || name === 'sender') continue;
    problems.push({
      code: 'unknown-variable',
      message: `No lead field, column or sender field is called ${name}.`,
      line: occurrence.location.row,
      column: occurrence.location.col,
      variable: name,
    });
  }
  return { problems, variables };
}
