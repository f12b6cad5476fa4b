/**
 * The plan's constants and rate tables, computed when the plan was compiled (consts.ts) and written
 * as literals, with the error every run reports when one cannot be computed; and, at the end of the
 * module, the decimal literals the plan's expressions use, collected while the rest was emitted.
 */
import type { IrConst, IrRates } from '@payplan/checker';
import { Dec } from '@payplan/runtime';
import type { ConstValue } from '../consts.js';
import type { EmitContext } from '../context.js';
import { jsString } from '../names.js';

export function constantsSection(cx: EmitContext): string[] {
  const e = cx.constError;
  const planError = e
    ? `/** A constant or rate table that cannot be computed: every run reports it, as the interpreter does. */
const $planError: PlanDiagnostic | undefined = { code: ${jsString(e.code)}, severity: "error", message: ${jsString(e.message)}, file: $file, span: { start: ${e.span.start}, end: ${e.span.end} } };
`
    : 'const $planError: PlanDiagnostic | undefined = undefined;\n';
  return [planError, ...cx.ir.consts.map((c) => constant(cx, c)), ...cx.ir.rates.map((r) => rateTable(cx, r))];
}

/** A computed value as a literal. */
function literal(x: ConstValue): string {
  return x instanceof Dec ? `new Dec(${jsString(x.toFixed())})` : x === undefined ? 'undefined' : typeof x === 'string' ? jsString(x) : String(x);
}

function constant(cx: EmitContext, c: IrConst): string {
  const v = cx.consts.get(c.name);
  const known = cx.consts.has(c.name);
  const type = !known ? 'undefined' : v instanceof Dec ? 'Dec' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'undefined';
  return `${cx.doc(c.source)}\nconst ${cx.constIds.get(c.name)!}: ${type} = ${known ? literal(v) : 'undefined'};`;
}

function rateTable(cx: EmitContext, r: IrRates): string {
  const v = cx.rates.get(r.name);
  const entries = v ? v.entries.map((e) => `[${jsString(e.keys.join('\u0000'))}, ${literal(e.value)}]`) : [];
  // Key ranges: their ends as decimals, in the order written (the checker proved they do not overlap).
  const ranges = v ? v.ranges.map(({ range: k, value }) => {
    const parts = [
      ...(k.lower !== undefined ? [`lower: new Dec(${jsString(k.lower)})`] : []),
      ...(k.upper !== undefined ? [`upper: new Dec(${jsString(k.upper)})`] : []),
      ...(k.lowerOpen ? ['lowerOpen: true'] : []),
      ...(k.upperClosed ? ['upperClosed: true'] : []),
      `label: ${jsString(k.label)}`,
      `value: ${literal(value)}`,
    ];
    return `{ ${parts.join(', ')} }`;
  }) : [];
  return `${cx.doc(r.source)}
const ${cx.rateIds.get(r.name)!}: $Rates = {
  name: ${jsString(r.name)},
  split: ${r.split},
  entries: new Map<string, $Value>([${entries.length ? `\n    ${entries.join(',\n    ')},\n  ` : ''}]),${ranges.length ? `\n  ranges: [\n    ${ranges.join(',\n    ')},\n  ],` : ''}
  fallback: ${v ? literal(v.fallback) : 'undefined'},
  start: ${r.source.span.start},
  end: ${r.source.span.end},
};`;
}

/** The decimal literals, declared after everything that uses them (functions run later). */
export function literalsSection(cx: EmitContext): string {
  return `// ── Decimal literals of the plan ──\n${[...cx.literals].map(([v, id]) => `const ${id} = new Dec(${jsString(v)});`).join('\n')}\n`;
}
