/**
 * The plan's part of a statement and the specification the settlement engine runs: `$statementParts`
 * (ladders checked, each rule's line with its caps and floors, payout limits, shown values) and
 * `$spec` (tables, credit rules, teams, requirements, clawbacks, history, draw), both exactly what the
 * interpreter builds for the engine, so the two settle the same way.
 */
import type { IrCredit } from '@payplan/checker';
import { unitLabel } from '@payplan/runtime';
import type { EmitContext } from '../context.js';
import { jsString } from '../names.js';

export function statementSection(cx: EmitContext): string {
  const { ir } = cx;
  // Emitted in this order (credits first), as decimal literals are numbered as they are met.
  const credits = ir.credits.map((c) => creditSpec(cx, c));
  const limitsOn = (name: string) => ir.limits.filter((x) => x.target === name);
  const own = ir.componentPeriods ?? {};
  const lineCall = (c: (typeof ir.components)[number]) => `${cx.lineFns.get(c.name)!.line}(ctx)`;
  const lineCalls = ir.components.filter((c) => !c.reported && own[c.name] === undefined).map(lineCall);
  // Components measured over a longer period (`per year`) are computed only in a context over it.
  const perKinds = [...new Set(Object.values(own))].map((kind) => {
    const calls = ir.components.filter((c) => !c.reported && own[c.name] === kind).map(lineCall);
    return `  if (per === ${jsString(kind)}) return { lines: [${calls.join(', ')}], limits: [], values: [] };\n`;
  });
  const payoutLimits = limitsOn('payout').map(
    (l) => `{ bound: ${jsString(l.bound)}, value: ${cx.amount(l.value)}, info: { component: ${jsString(`payout_${l.bound}`)}, rule: ${jsString(l.source.text)}, source: ${cx.sourceRef(l.source)} }, values: ${cx.usedValues(l.uses).replace(/\n/g, '\n  ')} }`,
  );
  const ladders = ir.ladders.map(
    (l) =>
      `  // ${cx.ruleText(l.source)} — ${cx.at(l.source)}\n  checkLadder([${l.items.map((i) => cx.amount(i)).join(', ')}], [${l.texts.map((t) => jsString(t)).join(', ')}], [${l.ops.map((o) => jsString(o)).join(', ')}], [${l.items.map((i) => `{ unit: ${jsString(i.unit)}, span: { start: ${i.span.start}, end: ${i.span.end} } }`).join(', ')}]);`,
  );
  const shown = ir.shown.map((s) => {
    const v = s.ref.kind === 'payeeValue' ? `$payeeValueOrEmpty(ctx, ${cx.tbl(s.ref.table).schemaConst}, ${jsString(s.ref.column)})` : cx.dec(s.ref).code;
    return `  $show(values, ${jsString(s.name)}, ${jsString(s.unit)}, ${jsString(unitLabel(s.unit, ir.currency))}, () => ${v});`;
  });
  return `/** One statement's lines (each with its caps and floors), payout limits and shown values: the plan's part of a statement. */
function $statementParts(ctx: Ctx${perKinds.length ? ', per?: PeriodKind' : ''}): StatementParts {
${perKinds.join('')}${ladders.join('\n')}${ladders.length ? '\n' : ''}  const lines: ComputedLine[] = [
${lineCalls.map((l) => `    ${l},`).join('\n')}
  ];
  const limits: PayoutLimit[] = [${payoutLimits.length ? `\n    ${payoutLimits.join(',\n    ')},\n  ` : ''}];
  const values: NamedValue[] = [];
${shown.join('\n')}
${reportedParts(cx)}  return { lines, limits, values${ir.reports.length ? ', reported' : ''} };
}

${planSpec(cx, credits)}`;
}

/** What the statement reports unpaid, in plan order, as the interpreter's reportedParts builds it. */
function reportedParts(cx: EmitContext): string {
  const { ir } = cx;
  if (!ir.reports.length) return '';
  const items = ir.reports.map((r) => {
    if (r.kind === 'line') return `reportedLine(${cx.lineFns.get(r.name)!.line}(ctx), $currency)`;
    const l = cx.letsByName.get(r.name)!;
    const uses = l.reported?.uses ?? [];
    const round = l.reported?.round ? `{ mode: ${jsString(l.reported.round.mode)}, step: ${jsString(l.reported.round.step)} }` : 'undefined';
    const info = `{ component: ${jsString(l.name)}, rule: ${jsString(l.source.text)}, source: ${cx.sourceRef(l.source)} }`;
    return `reportedValue(${info}, ${cx.amount(l.value)}, ${jsString(l.unit)}, $currency, ${round}, ${cx.usedValues(uses).replace(/\n/g, '\n    ')}, ${cx.rowsOf(uses)})`;
  });
  return `  const reported: ReportedValue[] = [\n${items.map((x) => `    ${x},`).join('\n')}\n  ];\n`;
}

/** A credit table's rules, as the engine's CreditSpec. */
function creditSpec(cx: EmitContext, c: IrCredit): string {
  const rules = c.rules.map((r) => {
    const env = cx.decEnv('noPayeeContext', 'r');
    const parts = [`to: ${jsString(r.to)}`, `rest: ${r.rest}`];
    if (r.share) parts.push(`share: (row: InputRow): Dec => {\n          const r: CreditedRow = { row, period: "" };\n          return ${cx.amount(r.share, env)};\n        }`);
    if (r.when) parts.push(`when: (row: InputRow): boolean => {\n          const r: CreditedRow = { row, period: "" };\n          return ${cx.holds(cx.dec(r.when, env))};\n        }`);
    parts.push(`rule: ${jsString(r.source.text)}`);
    return `      // ${cx.ruleText(r.source)} — ${cx.at(r.source)}\n      {\n        ${parts.join(',\n        ')},\n      },`;
  });
  return `  {\n    table: ${jsString(c.table)},\n    rules: [\n${rules.join('\n')}\n    ],\n  },`;
}

/** `$spec`: the plan as the settlement engine runs it. */
function planSpec(cx: EmitContext, credits: readonly string[]): string {
  const { ir } = cx;
  const teams = ir.teams.map((t) => `{ name: ${jsString(t.name)}, table: ${jsString(t.table)}, column: ${jsString(t.column)}, depth: ${jsString(t.depth)}${t.until ? `, until: ${jsString(t.until)}` : ''} }`);
  const clawbacks = ir.clawbacks.map((cb) => `{ table: ${jsString(cb.table)}, rowName: ${jsString(cb.rowName)}, column: ${jsString(cb.column)}, days: ${cb.days}, rule: ${jsString(cb.source.text)}, source: ${cx.sourceRef(cb.source)} }`);
  const groups = ir.groups.map((g) => `{ name: ${jsString(g.name)}${g.table && g.column ? `, table: ${jsString(g.table)}, column: ${jsString(g.column)}` : ''}, span: { start: ${g.source.span.start}, end: ${g.source.span.end} } }`);
  const history =
    (ir.history
    ? `  history: { table: ${jsString(ir.history.table)}, column: ${jsString(ir.history.column)}, rule: ${jsString(ir.history.source.text)}, source: ${cx.sourceRef(ir.history.source)} },\n`
    : '') +
    (ir.valueHistories.length ? `  valueHistories: [${ir.valueHistories.map((h) => jsString(h.table)).join(', ')}],\n` : '');
  const draw = ir.draw
    ? `  draw: { component: ${jsString(ir.draw.name)}, amount: (ctx: Ctx): Dec => ${cx.amount(ir.draw.amount)}, mode: ${jsString(ir.draw.mode)}, rule: ${jsString(ir.draw.source.text)}, source: ${cx.sourceRef(ir.draw.source)} },\n`
    : '';
  return `/** The plan as the settlement engine runs it: the same specification the interpreter builds. */
const $spec: PlanSpec = {
  file: $file,
  name: $planName,
  currency: $currency,
  settle: $settle,
  calendar: $calendarOptions,
  yearToDate: ${ir.yearToDate},${ir.settleSource ? `\n  ytdSource: ${cx.sourceRef(ir.settleSource)},` : ''}
  rounding: $rounding,
  tables: $tableList,
  credits: [${credits.length ? `\n${credits.join('\n')}\n` : ''}],
  teams: [${teams.join(', ')}],${groups.length ? `
  groups: [${groups.join(', ')}],` : ''}
  requirements: [${cx.requirementIds.join(', ')}],
  clawbacks: [${clawbacks.join(', ')}],
${history}${draw}${ir.componentPeriods ? `  componentPeriods: { ${Object.entries(ir.componentPeriods).map(([name, kind]) => `${jsString(name)}: ${jsString(kind)}`).join(', ')} },\n` : ''}${cx.poolIds.size ? `  pools: [${[...cx.poolIds.values()].join(', ')}],\n` : ''}  statement: $statementParts,
};
`;
}
