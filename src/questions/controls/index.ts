// The control lists of the four frameworks a question's references may name, and the checks on an id. Pure data.
import { FRAMEWORKS, type Framework, type Question } from '../model.js';
import type { ControlCatalogue } from './catalogue.js';
import { CCM } from './ccm.js';
import { ISO27001 } from './iso27001.js';
import { SOC2 } from './soc2.js';
import { SSDF } from './ssdf.js';

export type { ControlCatalogue } from './catalogue.js';

export const CATALOGUES: Readonly<Record<Framework, ControlCatalogue>> = { iso27001: ISO27001, soc2: SOC2, ssdf: SSDF, ccm: CCM };

const positions: Readonly<Record<Framework, ReadonlyMap<string, number>>> = {
  iso27001: indexOf(ISO27001),
  soc2: indexOf(SOC2),
  ssdf: indexOf(SSDF),
  ccm: indexOf(CCM),
};

function indexOf(c: ControlCatalogue): ReadonlyMap<string, number> {
  return new Map(c.controls.map(([id], i) => [id, i]));
}

export function isFramework(name: string): name is Framework {
  return FRAMEWORKS.some((f) => f === name);
}

/** Why `id` is not a control of `framework` ("must be written like A.8.28", "is not a control of ..."), or null. */
export function controlProblem(framework: Framework, id: string): string | null {
  const c = CATALOGUES[framework];
  if (!c.format.test(id)) return `must be written like ${c.example} (got ${JSON.stringify(id)})`;
  if (!positions[framework].has(id)) return `is ${id}, which is not a control of ${c.name}`;
  return null;
}

export function controlTitle(framework: Framework, id: string): string | undefined {
  const at = positions[framework].get(id);
  return at === undefined ? undefined : CATALOGUES[framework].controls[at]![1];
}

/** Sorts ids in the framework's own order (A.5.2 before A.5.10); unknown ids last, as written. */
export function inFrameworkOrder(framework: Framework, ids: Iterable<string>): string[] {
  const at = (id: string) => positions[framework].get(id) ?? Infinity;
  return [...ids].sort((a, b) => at(a) - at(b));
}

/** "ISO 27001 A.8.25, A.8.28; SOC 2 CC8.1" for the given frameworks (all by default); '' when it names none of them. */
export function referencesText(q: Pick<Question, 'references'>, frameworks: readonly Framework[] = FRAMEWORKS): string {
  return frameworks
    .flatMap((f) => {
      const ids = q.references?.[f] ?? [];
      return ids.length > 0 ? [`${CATALOGUES[f].short} ${ids.join(', ')}`] : [];
    })
    .join('; ');
}
