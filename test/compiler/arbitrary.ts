/**
 * fast-check arbitraries for the differential property tests: valid data for any checked plan,
 * derived from its table schemas (payees from a small set, dates in the plan year, money with two
 * decimals drawn often from round values so sums land exactly on thresholds, the plan's own string
 * literals as text), and random valid plans over one fixed table shape.
 */
import fc from 'fast-check';
import type { IrExpr, IrPlan } from '@payplan/checker';
import { calendarOf, type ColumnSchema, type TableSchema } from '@payplan/runtime';

export const payees = ['ana', 'bob', 'cat'];
/** Managers in hierarchies: payees with no row of their own, so a hierarchy never goes round in a circle. */
const managers = ['mia', 'ned'];

/** A date of the plan year (a fiscal year from its first month): its `m`th month (1–12), day `d`. */
const dateIn = (ir: IrPlan, year: number, m: number, d: number): string => {
  const at = year * 12 + (ir.calendar?.fiscalStart ?? 1) - 1 + m - 1;
  return `${Math.floor(at / 12)}-${String((at % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};
/** The periods the plan year's generated dates fall in, in order. */
const periodsOf = (ir: IrPlan, year: number) => {
  const cal = calendarOf(ir.settle, ir.calendar);
  const out = new Set<string>();
  for (let m = 1; m <= 12; m++) for (let d = 1; d <= 28; d++) out.add(cal.periodOf(dateIn(ir, year, m, d)));
  return [...out];
};

/** Every string literal of the plan (and rate-table keys): the values its conditions test for. */
function planStrings(ir: IrPlan): string[] {
  const out = new Set<string>(['x', 'north', 'pump']);
  const visit = (e: IrExpr | undefined): void => {
    if (!e) return;
    if (e.kind === 'str') out.add(e.value);
    for (const v of Object.values(e)) {
      if (v && typeof v === 'object' && 'kind' in v && 'span' in v) visit(v as IrExpr);
      if (Array.isArray(v)) v.forEach((x) => x && typeof x === 'object' && 'kind' in x && visit(x as IrExpr));
    }
  };
  const walk = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if ('kind' in x && 'span' in x && 'unit' in x) return visit(x as IrExpr);
    for (const v of Object.values(x)) walk(v);
  };
  walk(ir.lets);
  walk(ir.bases);
  walk(ir.components);
  walk(ir.requirements);
  walk(ir.consts);
  ir.rates.forEach((r) => r.entries.forEach((e) => e.keys.forEach((k) => out.add(k))));
  return [...out].filter((s) => s.trim() === s && s !== '');
}

const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
/** Money: round amounts (which add up to thresholds exactly) as often as arbitrary cents. */
const money = fc.oneof(
  fc.constantFrom('0.00', '80.00', '100.00', '119.99', '120.00', '120.01', '200.00', '500.00', '600.00', '800.00', '1000.00', '1200.00', '2500.00'),
  fc.integer({ min: 0, max: 300_000 }).map(cents),
);
const target = fc.constantFrom('1000.00', '2000.00', '5000.00', '10000.00', '100000.00', '1234.55');

function cell(ir: IrPlan, c: ColumnSchema, strings: readonly string[], year: number, periods: readonly string[], forPayeeTable: boolean, who: readonly string[]): fc.Arbitrary<unknown> {
  const value = (() => {
    switch (c.type) {
      case 'payee':
        return fc.constantFrom(...(forPayeeTable ? managers : who));
      case 'date':
        return fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => dateIn(ir, year, m, d));
      case 'period':
        return fc.constantFrom(...periods);
      case 'count':
        return fc.oneof(fc.constantFrom(0, 1, 2, 5, 10), fc.integer({ min: 0, max: 60 }));
      case 'money':
        return forPayeeTable ? target : money;
      case 'decimal':
        return fc.oneof(fc.constantFrom('0', '1', '1.5', '0.25'), fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 100).toFixed(2)));
      case 'percent':
        return fc.constantFrom('0%', '5%', '12.5%', '50%', '100%', '110%');
      case 'boolean':
        return fc.constantFrom('true', 'false', 'yes', 'no');
      default:
        return fc.constantFrom(...strings);
    }
  })();
  return c.optional ? fc.oneof(fc.constant(''), value, value) : value;
}

/** Rows of one table: a row per payee (and period) for per-payee tables, some rows for transaction tables. */
function tableArbitrary(ir: IrPlan, t: TableSchema, strings: readonly string[], year: number, periods: readonly string[], who: readonly string[]): fc.Arbitrary<Record<string, unknown>[]> {
  const columns = t.columns.filter((c) => !(t.kind !== 'rows' && (c.name === 'payee' || c.name === 'period')));
  const record = (forPayeeTable: boolean) => fc.record(Object.fromEntries(columns.map((c) => [c.name, cell(ir, c, strings, year, periods, forPayeeTable, who)])));
  if (t.kind === 'rows') {
    const key = columns.find((c) => c.key);
    return fc.array(record(false), { maxLength: 14 }).map((rows) => rows.map((r, i) => (key ? { ...r, [key.name]: key.type === 'text' ? `k${i + 1}` : i + 1 } : r)));
  }
  const owners = t.kind === 'payee' ? who.map((p) => ({ payee: p })) : who.flatMap((p) => periods.map((q) => ({ payee: p, period: q })));
  return fc.tuple(...owners.map(() => record(true))).map((rows) => rows.map((r, i) => ({ ...owners[i], ...r })));
}

/** Valid inputs for a checked plan, table by table, as an application passes them. */
export function dataArbitrary(ir: IrPlan): fc.Arbitrary<Record<string, Record<string, unknown>[]>> {
  const year = ir.year ?? 2026;
  const periods = periodsOf(ir, year);
  const strings = planStrings(ir);
  // A plan that splits by payee names its payees: use those.
  const named = ir.rates.filter((r) => r.keys.length === 1 && r.keys[0] === 'payee').flatMap((r) => r.entries.map((e) => e.keys[0]!));
  const who = named.length ? named : payees;
  return fc.tuple(...ir.tables.map((t) => tableArbitrary(ir, t, strings, year, periods, who))).map((tables) => Object.fromEntries(ir.tables.map((t, i) => [t.name, tables[i]!])));
}

// ── Random valid plans over a fixed table shape ─────────────────────────────────────────────────

const header = (settle: string, mode: string, step: string, point: string) => `plan "Random"
  currency CNY
  settle ${settle}
  round ${mode} to ${step} per ${point}
  year 2026

table deals
  id        text key
  rep       payee
  closed    date
  qty       count
  price     money
  cost      money
  region    text
  rush      boolean optional
  discount  money optional

table quotas per payee per period
  T      money
  extra  money optional
`;

const pct = fc.constantFrom('3%', '5%', '8%', '10%', '12.5%', '20%');
const rowMoney = fc.constantFrom('qty * (price - cost)', 'price * qty', 'price - cost', 'qty * price - cost', 'price', 'cost * 2', '(if price > cost then qty * (price - cost) else 0)');
const rowCond = fc.constantFrom('price > 120', 'region = "north"', 'qty >= 5', 'rush is set and rush', 'discount is not set', 'not (price < cost)', 'price >= cost and qty > 0');

/** A random plan that should check: constants, derived values, bases, a commission, a bonus and row rules. */
export const planArbitrary: fc.Arbitrary<string> = fc
  .record({
    settle: fc.constantFrom('quarterly', 'monthly'),
    mode: fc.constantFrom('half_up', 'half_even', 'down', 'up'),
    step: fc.constantFrom('0.01', '1', '0.05'),
    point: fc.constantFrom('line', 'total', 'row'),
    c0: fc.constantFrom('120.00', '80', '0.50', '1,000'),
    p1: fc.constantFrom('60%', '50%', '75%'),
    p2: fc.constantFrom('80%', '90%', '100%'),
    base: rowMoney,
    where: fc.option(rowCond, { nil: undefined }),
    countWhere: rowCond,
    mode2: fc.constantFrom('whole', 'marginal', 'flat'),
    r1: pct,
    r2: pct,
    r3: pct,
    bonusAt: fc.constantFrom('T', 'L2', 'L1 + c0', 'max(T, c0)', '(if extra is set then T + extra else L2)'),
    bonusPay: fc.constantFrom('500', '2,000', '1% of b0', 'n0 * 10 CNY', 'if n0 > 2 then 1.5% of b0 else 500'),
    forWhere: fc.option(rowCond, { nil: undefined }),
    require: fc.option(fc.tuple(rowCond, fc.boolean()), { nil: undefined }),
    perRowWhen: fc.option(rowCond, { nil: undefined }),
    perRowPay: fc.constantFrom(
      '2% of price * qty', '(price - c0) * qty', 'qty * 1.5 CNY', '10% of (price - cost)', 'min(price, c0)',
      'if price > c0 then 5% of price * qty else if rush is set and rush then 12.34 else 0',
      '(if discount is set then 2.5% else 1%) of (price * qty)',
    ),
    extraLet: fc.boolean(),
    cap: fc.option(fc.constantFrom('2 * T', 'T', '1,000'), { nil: undefined }),
  })
  .map((p) => {
    const lines = [
      header(p.settle, p.mode, p.step, p.point),
      `const c0 = ${p.c0}`,
      `let L1 = ${p.p1} of T`,
      `let L2 = ${p.p2} of T + c0`,
      ...(p.extraLet ? ['let L3 = max(L1, c0) - 1'] : []),
      `base b0 = sum of ${p.base} over deals${p.where ? ` where ${p.where}` : ''}`,
      `base n0 = count of deals where ${p.countWhere}`,
      '',
    ];
    if (p.mode2 === 'flat') lines.push(`commission k on b0 pay ${p.r1}`);
    else lines.push(`commission k on b0 ${p.mode2}`, '  below L1 pay 0', `  L1 .. L2 pay ${p.r1}`, `  from L2 pay ${p.r2} of L2 + ${p.r3} of excess`);
    lines.push('', `bonus q when b0 >= ${p.bonusAt} and n0 > 0 pay ${p.bonusPay}`, '');
    lines.push(`for each d in deals${p.forWhere ? ` where ${p.forWhere}` : ''}`);
    if (p.require) lines.push(`  require ${p.require[0]} else ${p.require[1] ? 'exclude ' : ''}"checked: ${p.require[0].replace(/"/g, "'")}"`);
    lines.push(`  extra_pay${p.perRowWhen ? ` when ${p.perRowWhen}` : ''} pay ${p.perRowPay}`);
    if (p.cap) lines.push('', `cap k at ${p.cap}`);
    return lines.join('\n') + '\n';
  });
