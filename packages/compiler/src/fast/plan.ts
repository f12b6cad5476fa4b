/**
 * Whether a plan gets the exact-integer fast path, and its per-rule functions. Takes the emit
 * context; fills `cx.fast`: what the fast path covers (statements, payouts, or neither, and why not),
 * the integer constants, and one `…$fix` function per let, base, requirement and rule, each the
 * decimal function's arithmetic on integers at a scale known now (expr.ts). A construct the fast path
 * cannot represent exactly raises NotFixable while emitting, and the plan keeps the part it had
 * (statements without payouts) or none. Payouts in one pass (fast/one-pass.ts) are planned here too.
 */
import type { IrBase, IrCommission, IrComponent, IrExpr, IrLet, IrRequirement, IrRowRule } from '@payplan/checker';
import { Dec, periodDependent } from '@payplan/runtime';
import type { EmitContext, TableNames } from '../context.js';
import { fixLiteral, kindOfUnit, MAX_SCALE, need, NotFixable, up } from '../expr.js';
import { commentText, jsString } from '../names.js';

/** Decides the fast path's reach and emits its functions into `cx.fast`. */
export function planFastPath(cx: EmitContext): void {
  const { ir, fast } = cx;
  const engineOnly = [
    ir.yearToDate && 'year-to-date settlement',
    ir.credits.length && 'credit splits',
    ir.teams.length && 'teams',
    ir.groups.length && 'groups',
    ir.tables.some((t) => t.kind === 'keyed') && 'keyed tables',
    ir.clawbacks.length && 'clawbacks',
    ir.draw && 'a draw',
    ir.componentPeriods && 'a component measured over a longer period (`per year`)',
    cx.rowTables.some((t) => t.schema.columns.find((c) => c.name === t.schema.dateColumn)?.type !== 'date') && 'rows dated by a period column',
    cx.constError && 'a constant that cannot be computed',
    cx.options.fastPath === false && 'turned off',
  ].filter(Boolean)[0];
  fast.statements = fast.payouts = !engineOnly;
  fast.reason = engineOnly || undefined;
  planOnePass(cx);
  if (fast.statements) {
    try {
      // `previous(…)` (which needs `history of …`) reads other periods' contexts, which the fast path does not keep.
      if (ir.valueHistories.length) throw new NotFixable('a value of an earlier period');
      statementFunctions(cx);
    } catch (err) {
      if (!(err instanceof NotFixable)) throw err;
      fast.statements = fast.payouts = false;
      fast.reason = err.message;
    }
  }
  if (fast.payouts) {
    try {
      if (ir.limits.length) throw new NotFixable('caps and floors');
      if (ir.ladders.length) throw new NotFixable('ladders');
      if (cx.stepUnits.gt(Number.MAX_SAFE_INTEGER)) throw new NotFixable('the rounding step');
      for (const c of ir.components) fast.ruleFns.push(fixComponent(cx, c));
    } catch (err) {
      if (!(err instanceof NotFixable)) throw err;
      fast.payouts = false;
      fast.ruleFns.length = 0;
      fast.reason = `payouts: ${err.message}`;
    }
  }
}

/** What statements need on integers: constants, bases, requirements and per-row rules. */
function statementFunctions(cx: EmitContext): void {
  const { ir, fast } = cx;
  for (const c of ir.consts) {
    const v = cx.consts.get(c.name);
    if (!(v instanceof Dec) || kindOfUnit(c.unit) !== 'num') continue;
    try {
      const l = fixLiteral(v, `constant ${c.name}`);
      fast.consts.push(`const ${cx.constIds.get(c.name)!}$fix = ${l.code}; // ${commentText(c.name)} at ${l.scale} decimal${l.scale === 1 ? '' : 's'}`);
    } catch (err) {
      if (!(err instanceof NotFixable)) throw err;
      // Used by fast code only if some expression reads it; that expression then fails too.
    }
  }
  for (const b of ir.bases) fixBase(cx, b);
  ir.requirements.forEach((r, i) => fast.rowFns.push(fixRequirement(cx, r, cx.requirementIds[i]!)));
  for (const c of ir.components) if (c.kind === 'per_row') fast.rowFns.push(fixPerRow(cx, c));
}

/**
 * Payouts in one pass: when no rows are excluded or flagged and every row rule reads only its row
 * (columns, constants, literals), each payee-period's sums can be added up while the rows are read.
 */
function planOnePass(cx: EmitContext): void {
  const { ir, fast } = cx;
  fast.onePass =
    ir.requirements.length === 0 &&
    ir.bases.every((b) => b.over.kind === 'table' && rowLocal(b.value) && rowLocal(b.where)) &&
    ir.components.every((c) => c.kind !== 'per_row' || (rowLocal(c.where) && rowLocal(c.when) && rowLocal(c.pay)));
  if (!fast.onePass) return;
  ir.bases.forEach((b) => fast.sumSlots.set(`base:${b.name}`, fast.sumSlots.size));
  ir.components.forEach((c) => c.kind === 'per_row' && fast.sumSlots.set(`rule:${c.name}`, fast.sumSlots.size));
}

/** Whether an expression reads nothing but its row, constants and literals. */
function rowLocal(e: IrExpr | undefined): boolean {
  if (!e) return true;
  switch (e.kind) {
    case 'num':
    case 'str':
    case 'bool':
    case 'date':
    case 'const':
    case 'field':
      return true;
    case 'neg':
    case 'not':
      return rowLocal(e.operand);
    case 'isSet':
      return e.operand.kind === 'field';
    case 'arith':
    case 'cmp':
    case 'logic':
      return rowLocal(e.left) && rowLocal(e.right);
    case 'call':
      return !periodDependent.has(e.fn) && e.args.every(rowLocal);
    case 'if':
      return rowLocal(e.condition) && rowLocal(e.then) && rowLocal(e.else);
    default:
      return false;
  }
}

/** A let on integers, emitted on first use; its scale. */
export function fixLet(cx: EmitContext, l: IrLet): number {
  const done = cx.fast.lets.get(l.name);
  if (done) return done.scale;
  const v = cx.fx(l.value);
  const fn = cx.letFns.get(l.name)!;
  const type = v.kind === 'num' ? 'number' : v.kind === 'str' ? 'string' : 'boolean';
  cx.fast.lets.set(l.name, {
    scale: v.scale,
    code: `${cx.doc(l.source)}
function ${fn}$fix(fx: $Fix): ${type}${v.optional ? ' | undefined' : ''} {
  return $memo(fx, ${jsString(`let:${l.name}`)}, () => ${v.code});
}
`,
  });
  return v.scale;
}

/** A base on integers, emitted on first use; its scale. */
export function fixBase(cx: EmitContext, b: IrBase): number {
  const done = cx.fast.bases.get(b.name);
  if (done) return done.scale;
  if (b.over.kind !== 'table') throw new NotFixable('a team base');
  const t = cx.tbl(b.over.table);
  const v = b.value ? need(cx.fx(b.value, 'i')) : undefined;
  const scale = v?.scale ?? 0;
  const where = b.where ? `      if (${cx.fails(cx.fx(b.where, 'i'))}) continue;\n` : '';
  const slot = cx.fast.sumSlots.get(`base:${b.name}`);
  const summed = slot !== undefined ? `\n    if (fx.group.sums) return { fix: fx.group.sums[${slot}]!, scale: ${scale}, rows: [] }; // summed while reading (payouts)` : '';
  cx.fast.bases.set(b.name, {
    scale,
    code: `${cx.doc(b.source, `exact integers at ${scale} decimals`)}
function ${cx.baseFns.get(b.name)!}$fix(fx: $Fix): $FixSum {
  return $memo(fx, ${jsString(`base:${b.name}`)}, (): $FixSum => {${summed}
    const d = fx.data.${t.member};
    let total = 0;
    const rows: RowRef[] = [];
    for (const i of ${t.rowsFn}(fx)) {
${where}      const v = ${v ? v.code : '1'};
      total = $add(total, v);
      if (fx.explain) rows.push(${fixRowRef(t, v ? `$moneyText(v, ${scale})` : undefined)});
    }
    return { fix: total, scale: ${scale}, rows };
  });
}
`,
  });
  return scale;
}

/** A row reference for row `i` of the columns `d`, as the engine's creditedRowRef makes one. */
function fixRowRef(t: TableNames, amountText?: string): string {
  return `{ table: ${jsString(t.schema.name)}, row: d.$row[i]!${t.keyColumn ? ', key: d.$key[i]!' : ''}${amountText ? `, amount: ${amountText}` : ''} }`;
}

/** A per-row rule on integers: each row's pay (rounded per row when the plan says), with references when asked. */
function fixPerRow(cx: EmitContext, c: IrRowRule): string {
  const t = cx.tbl(c.table);
  const filters = [c.where, c.when].filter((x): x is IrExpr => !!x).map((x) => `    if (${cx.fails(cx.fx(x, 'i'))}) continue;\n`);
  const pay = need(cx.fx(c.pay, 'i'));
  const scale = cx.perRowRound ? cx.stepPlaces : pay.scale;
  cx.fast.componentScales.set(c.name, scale);
  const slot = cx.fast.sumSlots.get(`rule:${c.name}`);
  const summed = slot !== undefined ? `\n  if (fx.group.sums && !refs) return fx.group.sums[${slot}]!; // summed while reading (payouts)` : '';
  return `${cx.doc(c.source, `exact integers at ${scale} decimals`)}
function ${cx.componentFns.get(c.name)!}$fix(fx: $Fix, refs: RowRef[] | undefined): number {${summed}
  const d = fx.data.${t.member};
  let total = 0;
  for (const i of ${t.rowsFn}(fx)) {
${filters.join('')}    const v = ${cx.perRowRound ? cx.roundFix(pay.code, pay.scale) : pay.code};
    total = $add(total, v);
    if (refs) refs.push(${fixRowRef(t, `$moneyText(v, ${scale})`)});
  }
  return total;
}
`;
}

/** A requirement on integers: the rows it keeps, with an exception for each it flags or excludes. */
function fixRequirement(cx: EmitContext, r: IrRequirement, id: string): string {
  const t = cx.tbl(r.table);
  const keep = r.where ? `${cx.fails(cx.fx(r.where, 'i'))} || ${cx.holds(cx.fx(r.condition, 'i'))}` : cx.holds(cx.fx(r.condition, 'i'));
  return `function ${id}$fix(fx: $Fix, rows: readonly number[]): number[] {
  const d = fx.data.${t.member};
  const kept: number[] = [];
  for (const i of rows) {
    if (${keep}) {
      kept.push(i);
      continue;
    }
    fx.exceptions.push({ table: ${jsString(t.schema.name)}, row: d.$row[i]!${t.keyColumn ? ', key: d.$key[i]!' : ''}, message: ${id}.message, action: ${jsString(r.exclude ? 'excluded' : 'flagged')}, source: ${id}.source });
${r.exclude ? '' : '    kept.push(i);\n'}  }
  return kept;
}
`;
}

/** A rule's amount on integers, for payouts (per-row rules are emitted with the statements' functions). */
function fixComponent(cx: EmitContext, c: IrComponent): string {
  const fn = cx.componentFns.get(c.name)!;
  switch (c.kind) {
    case 'per_row':
      return ''; // emitted with the statements' fast functions
    case 'bonus': {
      const when = cx.fx(c.when);
      const pay = need(cx.fx(c.pay));
      cx.fast.componentScales.set(c.name, pay.scale);
      return `${cx.doc(c.source, `exact integers at ${pay.scale} decimals`)}
function ${fn}$fix(fx: $Fix): number {
  return ${cx.holds(when)} ? ${pay.code} : 0;
}
`;
    }
    case 'commission':
      return fixCommission(cx, c, fn);
    default:
      throw new NotFixable(`a ${c.kind.replace('_', ' ')} rule`);
  }
}

/** A commission on integers: base and bounds lifted to one scale, each band's pay to another. */
function fixCommission(cx: EmitContext, c: IrCommission, fn: string): string {
  // `$wholeBand` knows bands that include their lower bound, on money: the rest stays on decimals.
  if (c.by || c.base.unit !== 'money') throw new NotFixable(`commission ${c.name}: bands on another measure than its money base`);
  if (c.bands.some((b) => b.lowerOpen || b.upperClosed)) throw new NotFixable(`commission ${c.name}: a band written \`above\` or \`up to\``);
  const base = need(cx.fx(c.base));
  const bounds = c.bands.map((b) => ({ lower: b.lower && need(cx.fx(b.lower)), upper: b.upper && need(cx.fx(b.upper)) }));
  const sc = Math.max(base.scale, ...bounds.flatMap((b) => [b.lower?.scale ?? 0, b.upper?.scale ?? 0]));
  const lines: string[] = [`  const base = ${up(base, sc)};`];
  bounds.forEach((b, i) => {
    if (b.lower) lines.push(`  const lower${i} = ${up(b.lower, sc)};`);
    if (b.upper) lines.push(`  const upper${i} = ${up(b.upper, sc)};`);
  });
  // Each band pays a rate of the base (or of the part inside the band), or an amount given the excess.
  const pays = c.bands.map((b, i) => {
    const x = c.mode === 'marginal' ? 'part' : c.mode === 'flat' || !b.lower ? 'base' : 'excess';
    const pay = need(cx.fx(b.pay, undefined, { code: x, scale: sc }));
    const code = b.payIsRate ? `$mul(${pay.code}, ${c.mode === 'marginal' ? 'part' : 'base'})` : pay.code;
    return { code, scale: b.payIsRate ? pay.scale + sc : pay.scale, i, source: b.source, usesExcess: x === 'excess' && /\bexcess\b/.test(pay.code) };
  });
  const sa = Math.max(...pays.map((p) => p.scale));
  if (sa > MAX_SCALE) throw new NotFixable(`commission ${c.name} would carry ${sa} decimals`);
  cx.fast.componentScales.set(c.name, sa);
  const lift = (p: { code: string; scale: number }) => (sa > p.scale ? `$up(${p.code}, ${sa - p.scale})` : p.code);
  const lowers = `[${c.bands.map((b, i) => (b.lower ? `lower${i}` : 'undefined')).join(', ')}]`;
  const uppers = `[${c.bands.map((b, i) => (b.upper ? `upper${i}` : 'undefined')).join(', ')}]`;
  if (c.mode === 'flat') lines.push(`  return ${lift(pays[0]!)};`);
  else if (c.mode === 'whole') {
    lines.push(`  switch ($wholeBand(base, ${lowers}, ${uppers})) {`);
    for (const p of pays) lines.push(`    case ${p.i}: { // ${cx.ruleText(p.source)}`, ...(p.usesExcess ? [`      const excess = $sub(base, lower${p.i});`] : []), `      return ${lift(p)};`, '    }');
    lines.push('    default:', '      return 0;', '  }');
  } else {
    lines.push(`  $rising(${lowers}, ${uppers});`, '  let amount = 0;');
    for (const p of pays) {
      const b = c.bands[p.i]!;
      const lo = b.lower ? `lower${p.i}` : '0';
      const top = b.upper ? `base > upper${p.i} ? upper${p.i} : base` : 'base';
      // As the runtime's tiers: a rate pays on the part inside the band; a fixed amount once the band is reached.
      const reached = b.payIsRate ? 'part !== 0' : b.lower ? `base >= ${lo}` : 'base > 0';
      lines.push(`  { // ${cx.ruleText(p.source)}`, `    const part = Math.max(0, $sub(${top}, ${lo}));`, `    if (${reached}) amount = $add(amount, ${lift(p)});`, '  }');
    }
    lines.push('  return amount;');
  }
  return `${cx.doc(c.source, `exact integers at ${sa} decimals; base and bounds at ${sc}`)}
function ${fn}$fix(fx: $Fix): number {
${lines.join('\n')}
}
`;
}
