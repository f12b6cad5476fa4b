/**
 * The plan on decimals: one function per derived value (`let`), base and rule, named after it, with
 * a comment pointing at its plan line, and one constant per requirement. Each is the interpreter's
 * PlanSpec for that declaration written out as code (interpreter/src/evaluate.ts, rule for rule, in
 * the same evaluation order), and each rule's line is worded by the same runtime function the
 * interpreter calls. Where the plan has a fast path, bases and per-row rules first ask it.
 */
import type { IrBase, IrComponent, IrExpr, IrLet, IrRequirement } from '@payplan/checker';
import { allocationWeightText, bandLabel, bandPayText } from '@payplan/runtime';
import type { EmitContext } from '../context.js';
import { jsString } from '../names.js';

/** Every let, base and rule as a decimal function, in plan order. */
export function ruleFunctions(cx: EmitContext): string[] {
  const { ir } = cx;
  return [
    ...ir.lets.map((l) => letFunction(cx, l)),
    ...ir.bases.map((b) => baseFunction(cx, b)),
    ...ir.components.map((c) => `${ruleInfo(cx, c)}\n${cx.doc(c.source)}\n${ruleFunction(cx, c)}\n\n${lineFunctions(cx, c)}\n`),
  ];
}

/** A rule's line with its caps and floors, once per context, and its value as other rules read it (runtime `lineValue`). */
function lineFunctions(cx: EmitContext, c: IrComponent): string {
  const fns = cx.lineFns.get(c.name)!;
  const limits = cx.ir.limits.filter((x) => x.target === c.name);
  const line = limits.reduce((acc, x) => `limitLine(${acc}, ${jsString(x.bound)}, ${cx.amount(x.value)}, ${jsString(x.source.text)})`, `${cx.componentFns.get(c.name)!}(ctx)`);
  return `function ${fns.line}(ctx: Ctx): ComputedLine {
  return ctx.memo(${jsString(`line:${c.name}`)}, (): ComputedLine => ${line});
}

function ${fns.value}(ctx: Ctx): Dec {
  return lineValue(${fns.line}(ctx), $rounding, ${c.reported === true});
}`;
}

/** The section's heading and the shape of a base's value. */
export function rulesHeading(): string {
  return `
// ── The plan on decimals: what the interpreter computes, as code ──────────────────────────────

/** A base's value and the rows that fed it. */
interface $Sum {
  readonly value: Dec;
  readonly rows: readonly RowRef[];
}
`;
}

function letFunction(cx: EmitContext, l: IrLet): string {
  const v = cx.dec(l.value);
  const type = `${v.kind === 'num' ? 'Dec' : v.kind === 'str' ? 'string' : 'boolean'}${v.optional ? ' | undefined' : ''}`;
  // A reported value that says how to round is rounded, and read rounded.
  const round = l.reported?.round;
  const code = round && v.kind === 'num' && !v.optional ? `roundReport(${v.code}, { mode: ${jsString(round.mode)}, step: ${jsString(round.step)} })` : v.code;
  return `${cx.doc(l.source)}
function ${cx.letFns.get(l.name)!}(ctx: Ctx): ${type} {
  return ctx.memo(${jsString(`let:${l.name}`)}, (): ${type} => ${code});
}
`;
}

function baseFunction(cx: EmitContext, b: IrBase): string {
  const fn = cx.baseFns.get(b.name)!;
  const head = `${cx.doc(b.source)}
function ${fn}(ctx: Ctx): $Sum {
  return ctx.memo(${jsString(`base:${b.name}`)}, (): $Sum => {`;
  if (b.aggregate === 'rank' && b.over.kind === 'group') {
    return `${head}
    return rankValue(${rankingCode(cx, `base:${b.name}`, b.over.group, b.value!, b.where)}, ctx.payee, ${jsString(b.value!.unit)});
  });
}
`;
  }
  if (b.over.kind !== 'table') {
    const [name, label] = b.over.kind === 'team' ? [b.over.team, `team ${b.over.team}`] : [b.over.group, `group ${b.over.group}`];
    const env = cx.decEnv('m');
    const where = b.where ? `      if (${cx.fails(cx.dec(b.where, env))}) continue;\n` : '';
    return `${head}
    let total = ZERO;
    const rows: RowRef[] = [];
    const members = ctx.members(${jsString(name)});
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
${where}      const v = ${b.value ? cx.amount(b.value, env) : 'new Dec(1)'};
      total = total.plus(v);
      rows.push({ table: ${jsString(label)}, row: i + 1, key: m.payee${b.value ? `, amount: valueText(v, ${jsString(b.unit)})` : ''} });
    }
    return { value: total, rows };
  });
}
`;
  }
  const table = b.over.table;
  const env = cx.decEnv('ctx', 'r');
  const where = b.where ? `      if (${cx.fails(cx.dec(b.where, env))}) continue;\n` : '';
  const fast = cx.fast.statements ? `    const fx = $fastOf(ctx);\n    if (fx) return $sumOf(${fn}$fix(fx));\n` : '';
  return `${head}
${fast}    let total = ZERO;
    const rows: RowRef[] = [];
    for (const r of ctx.rows(${jsString(table)})) {
${where}      const v = ${b.value ? `$credited(${cx.amount(b.value, env, table)}, r)` : 'new Dec(1)'};
      total = total.plus(v);
      rows.push(creditedRowRef($planTables, ${jsString(table)}, r${b.value ? ', v' : ''}));
    }
    return { value: total, rows };
  });
}
`;
}

/** What a rule's line says of where it comes from. */
function ruleInfo(cx: EmitContext, c: IrComponent): string {
  return `const ${cx.infoIds.get(c.name)!}: RuleInfo = { component: ${jsString(c.name)}, rule: ${jsString(c.source.text)}, source: ${cx.sourceRef(c.source)} };`;
}

function ruleFunction(cx: EmitContext, c: IrComponent): string {
  switch (c.kind) {
    case 'commission':
      return commissionFunction(cx, c);
    case 'bonus':
      return `function ${cx.componentFns.get(c.name)!}(ctx: Ctx): ComputedLine {
  const held = ${cx.holds(cx.dec(c.when))};
  return bonusLine(${cx.infoIds.get(c.name)!}, held, held ? ${cx.amount(c.pay)} : undefined, ${cx.usedValues(c.uses)}, ${cx.rowsOf(c.uses)});
}`;
    case 'per_row':
      return perRowFunction(cx, c);
    case 'step_bonus':
      return stepBonusFunction(cx, c);
    case 'salary':
      return salaryFunction(cx, c);
    case 'pool':
      return poolFunction(cx, c);
    case 'allocation':
      return allocationFunction(cx, c);
    case 'contest':
      return `function ${cx.componentFns.get(c.name)!}(ctx: Ctx): ComputedLine {
  const ranking = ${rankingCode(cx, `contest:${c.name}`, c.group, c.measure, c.where)};
  const prizes: Dec[] = [${c.places.map((p) => cx.amount(p.pay)).join(', ')}];
  return contestLine(${cx.infoIds.get(c.name)!}, ranking, ctx.payee, prizes, ${jsString(c.measureName)}, ${jsString(c.measure.unit)}, ${cx.usedValues(c.uses)});
}`;
    default:
      throw new Error(`the compiler does not handle ${(c as { kind: string }).kind} rules yet`);
  }
}

type Rule<K extends IrComponent['kind']> = Extract<IrComponent, { kind: K }>;

function commissionFunction(cx: EmitContext, c: Rule<'commission'>): string {
  const bands = c.bands.map((b) => {
    const parts: string[] = [];
    if (b.lower) parts.push(`lower: ${cx.amount(b.lower)}`);
    if (b.upper) parts.push(`upper: ${cx.amount(b.upper)}`);
    if (b.lowerOpen) parts.push('lowerOpen: true');
    if (b.upperClosed) parts.push('upperClosed: true');
    parts.push(`label: ${jsString(bandLabel(b.source.text))}`, `payText: ${jsString(bandPayText(b.source.text))}`, `payIsRate: ${b.payIsRate}`);
    parts.push(`pay: (excess: Dec): Dec => ${cx.amount(b.pay, cx.decEnv('ctx', undefined, 'excess'))}`);
    return `    // ${cx.ruleText(b.source)} — ${cx.at(b.source)}\n    { ${parts.join(', ')} },`;
  });
  return `function ${cx.componentFns.get(c.name)!}(ctx: Ctx): ComputedLine {
  const amount = ${cx.amount(c.base)};
  const bands: BandInput[] = [
${bands.join('\n')}
  ];
  try {
    return commissionLine(${cx.infoIds.get(c.name)!}, ${jsString(c.mode)}, amount, ${jsString(c.baseName)}, bands, ${cx.usedValues(c.uses).replace(/\n/g, '\n  ')}, ${cx.rowsOf(c.uses)}${measureArg(cx, c)});
  } catch (err) {
    if (err instanceof TierOrderError) throw new PlanError("R001", "tier thresholds are out of order: " + err.message + "; check this payee's targets in the data", ${cx.spanLit(c.base)});
    throw err;
  }
}`;
}

/** What the bands are on, when it is not the money paid on (as the interpreter's commission line). */
function measureArg(cx: EmitContext, c: Rule<'commission'>): string {
  if (c.by) return `, { value: ${cx.amount(c.by.measure)}, name: ${jsString(c.by.name)}, unit: ${jsString(c.by.measure.unit)} }`;
  return c.base.unit === 'money' ? '' : `, { value: amount, name: ${jsString(c.baseName)}, unit: ${jsString(c.base.unit)} }`;
}

function perRowFunction(cx: EmitContext, c: Rule<'per_row'>): string {
  const fn = cx.componentFns.get(c.name)!;
  const info = cx.infoIds.get(c.name)!;
  const env = cx.decEnv('ctx', 'r');
  const filters = [c.where, c.when].filter((x): x is IrExpr => !!x).map((x) => `    if (${cx.fails(cx.dec(x, env))}) continue;\n`);
  const v = `$credited(${cx.amount(c.pay, env, c.table)}, r)`;
  const fast = cx.fast.statements
    ? `  const fx = $fastOf(ctx);\n  if (fx) return perRowLine(${info}, $dec(${fn}$fix(fx, rows), ${cx.fast.componentScales.get(c.name) ?? 0}), rows.length, rows, ${cx.usedValues(c.uses).replace(/\n/g, '\n  ')});\n`
    : '';
  return `function ${fn}(ctx: Ctx): ComputedLine {
  let total = ZERO;
  const rows: RowRef[] = [];
${fast}  for (const r of ctx.rows(${jsString(c.table)})) {
${filters.join('')}    const v = ${cx.perRowRound ? `roundRow(${v}, $rounding)` : v};
    total = total.plus(v);
    rows.push(creditedRowRef($planTables, ${jsString(c.table)}, r, v));
  }
  return perRowLine(${info}, total, rows.length, rows, ${cx.usedValues(c.uses)});
}`;
}

function stepBonusFunction(cx: EmitContext, c: Rule<'step_bonus'>): string {
  const steps = c.steps.map((st) => `    { at: ${cx.amount(st.at)}, pay: ${cx.amount(st.pay)}, label: ${jsString(bandLabel(st.source.text))} }, // ${cx.at(st.source)}`);
  return `function ${cx.componentFns.get(c.name)!}(ctx: Ctx): ComputedLine {
  const measure = ${cx.amount(c.on)};
  const steps: StepInput[] = [
${steps.join('\n')}
  ];
  return stepBonusLine(${cx.infoIds.get(c.name)!}, ${jsString(c.mode)}, measure, ${jsString(`${c.onName} `)} + valueText(measure, ${jsString(c.on.unit)}), steps, ${cx.usedValues(c.uses)}, ${cx.rowsOf(c.uses)});
}`;
}

function salaryFunction(cx: EmitContext, c: Rule<'salary'>): string {
  const bands = c.bands.map((b) => {
    const parts: string[] = [];
    if (b.lower) parts.push(`lower: ${cx.amount(b.lower)}`);
    if (b.upper) parts.push(`upper: ${cx.amount(b.upper)}`);
    if (b.lowerOpen) parts.push('lowerOpen: true');
    if (b.upperClosed) parts.push('upperClosed: true');
    parts.push(`by: ${cx.amount(b.by)}`, `label: ${jsString(b.source.text.replace(/\s+by\s.*$/, ''))}`);
    return `    { ${parts.join(', ')} }, // ${cx.at(b.source)}`;
  });
  if (!c.measure) {
    return `function ${cx.componentFns.get(c.name)!}(ctx: Ctx): ComputedLine {
  return salaryLine(${cx.infoIds.get(c.name)!}, ${cx.amount(c.amount)}, undefined, "", [], ${cx.usedValues(c.uses)});
}`;
  }
  return `function ${cx.componentFns.get(c.name)!}(ctx: Ctx): ComputedLine {
  const measure = ${cx.amount(c.measure)};
  const bands: SalaryBandInput[] = [
${bands.join('\n')}
  ];
  return salaryLine(${cx.infoIds.get(c.name)!}, ${cx.amount(c.amount)}, measure, ${jsString(`${c.measureName ?? ''} `)} + valueText(measure, ${jsString(c.measure.unit)}), bands, ${cx.usedValues(c.uses)});
}`;
}

function poolFunction(cx: EmitContext, c: Rule<'pool'>): string {
  const pool = cx.poolIds.get(c.name)!;
  const leaders = `ctx.leaders(${jsString(c.team)})${c.leader !== undefined ? `.filter((l) => l.payee === ${jsString(c.leader)})` : ''}`;
  return `// A member's weight, computed once per member; the pool, once per leader.
const ${pool}: PoolSpec = {
  name: ${jsString(c.name)},
  team: ${jsString(c.team)},${c.leader !== undefined ? `\n  leader: ${jsString(c.leader)},` : ''}
  amount: (leader: Ctx): Dec => leader.memo(${jsString(`pool:${c.name}`)}, (): Dec => ${cx.amount(c.amount, cx.decEnv('leader'))}),
  weight: (m: Ctx): Dec => m.memo(${jsString(`weight:${c.name}`)}, (): Dec => ${cx.amount(c.weight, cx.decEnv('m'))}),
  rule: ${jsString(c.source.text)},
  source: ${cx.sourceRef(c.source)},
};
function ${cx.componentFns.get(c.name)!}(ctx: Ctx): ComputedLine {
  const parts: PoolPart[] = ${leaders}.map((leader) => ({
    leader: leader.payee,
    pool: ${pool}.amount(leader),
    weight: ${pool}.weight(ctx),
    teamWeight: leader.members(${jsString(c.team)}).reduce((sum, m) => sum.plus(${pool}.weight(m)), ZERO),
  }));
  return poolLine(${cx.infoIds.get(c.name)!}, parts, ${cx.usedValues(c.uses)});
}`;
}

/** As the interpreter: the group's members ranked once per group and period, in its first member's context. */
function rankingCode(cx: EmitContext, key: string, group: string, measure: IrExpr, where: IrExpr | undefined): string {
  const env = cx.decEnv('m');
  const ranked = where ? cx.holds(cx.dec(where, env)) : 'true';
  return `((members: readonly Ctx[]): Ranking =>
      members[0]!.memo(${jsString(`ranking:${key}`)}, (): Ranking => rankMembers(${jsString(group)}, members.map((m) => ({ payee: m.payee, value: ${cx.amount(measure, env)}, ranked: ${ranked} })))))(ctx.members(${jsString(group)}))`;
}

function allocationFunction(cx: EmitContext, c: Rule<'allocation'>): string {
  return `function ${cx.componentFns.get(c.name)!}(ctx: Ctx): ComputedLine {
  // The group's allocation, computed once per group and period, in the context of its first member.
  const members = ctx.members(${jsString(c.group)});
  const shared = members[0]!.memo(${jsString(`allocation:${c.name}`)}, (): Allocation =>
    allocate(${jsString(c.group)}, members.map((m) => ({ payee: m.payee, amount: ${cx.amount(c.amount, cx.decEnv('m'))}, weight: ${cx.amount(c.weight, cx.decEnv('m'))} })), $rounding, { start: ${c.amount.span.start}, end: ${c.amount.span.end} }),
  );
  return allocationLine(${cx.infoIds.get(c.name)!}, shared, ctx.payee, ${jsString(allocationWeightText(c.source.text))}, ${jsString(c.weight.unit)}, ${cx.usedValues(c.uses)});
}`;
}

/** Each requirement as the engine's RequirementSpec. */
export function requirementConstants(cx: EmitContext): string[] {
  return cx.ir.requirements.map((r, i) => requirementConstant(cx, r, cx.requirementIds[i]!));
}

function requirementConstant(cx: EmitContext, r: IrRequirement, id: string): string {
  const env = cx.decEnv('ctx', 'r');
  const parts = [`table: ${jsString(r.table)}`];
  if (r.where) parts.push(`applies: (ctx: Ctx, r: CreditedRow): boolean => ${cx.holds(cx.dec(r.where, env))}`);
  parts.push(`holds: (ctx: Ctx, r: CreditedRow): boolean => ${cx.holds(cx.dec(r.condition, env))}`, `exclude: ${r.exclude}`, `message: ${jsString(r.message)}`, `source: ${cx.sourceRef(r.source)}`);
  return `${cx.doc(r.source)}\nconst ${id}: RequirementSpec = {\n  ${parts.join(',\n  ')},\n};\n`;
}
