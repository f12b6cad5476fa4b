import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '@payplan/core';
import { renderDiagnostics } from '@payplan/diagnostics';
import {
  analyze, compare, complete, definition, format, gridFromCsv, hover, parseCsv, placeOf, runSession, sessionRunner, whatIf, writeCsv,
  type Session,
} from '@payplan/language-service';

const dir = join(import.meta.dirname, '../../examples/account-executive');
const plan = readFileSync(join(dir, 'plan.payplan'), 'utf8');
const tables = ['deals', 'quotas'].map((name) => ({ name, ...gridFromCsv(readFileSync(join(dir, `${name}.csv`), 'utf8')) }));
const session: Session = { plan, tables };

/** `text` with a `|` marking the cursor → [text without it, offset]. */
const cursor = (marked: string): [string, number] => [marked.replace('|', ''), marked.indexOf('|')];
/** The offset of the `nth` occurrence of `needle` in the example plan, plus `delta`. */
const at = (needle: string, delta = 0): number => {
  const i = plan.indexOf(needle);
  if (i < 0) throw new Error(`not in plan: ${needle}`);
  return i + delta;
};
/** One-based line and column of an offset in the example plan (so the tests survive edits to it). */
const lineCol = (offset: number) => {
  const before = plan.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
};
const lineOf = (needle: string) => lineCol(at(needle)).line;
const planLines = plan.split('\n').length;

describe('diagnostics as markers', () => {
  it('words a marker as the CLI does, with the hint, on the right range', () => {
    const text = plan.replace('bonus when margin >= T3', 'bonus when marginn >= T3');
    const a = analyze(text);
    const m = a.diagnostics.length && runSession({ plan: text, tables }).markers;
    expect(m).toHaveLength(1);
    const marker = (m as Exclude<typeof m, 0>)[0]!;
    const cli = renderDiagnostics(a.diagnostics, new Map([['plan.payplan', a.checked.source]]));
    expect(marker.message.split('\n')[0]).toBe(cli.split('\n')[0]);
    expect(marker.message).toBe('error[N001]: unknown name `marginn`\nhelp: did you mean `margin`?');
    const line = lineOf('bonus when');
    expect(marker).toMatchObject({ severity: 'error', code: 'N001', startLineNumber: line, startColumn: 12, endLineNumber: line, endColumn: 19 });
  });

  it('gives a clean plan no markers', () => {
    expect(runSession(session).markers).toEqual([]);
  });
});

describe('completion', () => {
  const body = plan.slice(0, plan.indexOf('commission on margin'));
  /** The plan up to the last rule of its `for each` block. */
  const forEach = plan.slice(0, plan.indexOf('  price_difference when'));
  const cases: [string, string, string[], string[]][] = [
    ['a commission base', `${body}commission on |`, ['margin', 'T1', 'T', 'Pmin'], ['price', 'excess', 'deals']],
    ['a band pay', `${body}commission on margin whole\n  below T1 pay |`, ['excess', 'T', 'margin'], ['price']],
    ['a per-row rule', `${forEach}  require |`, ['price', 'qty', 'deal', 'Pmin', 'margin'], []],
    ['inside sum of', `${body}base m2 = sum of | over deals`, ['qty', 'price', 'cost', 'Pp'], []],
    ['after over', `${body}base m2 = sum of qty over |`, ['deals'], ['quotas', 'margin']],
    ['a constant', `${body}const x = |`, ['Pmin', 'Pp', 'rp'], ['margin', 'T', 'T1']],
    ['a row qualifier', `${forEach}  extra when deal.|`, ['price', 'qty', 'closed', 'rep'], ['margin', 'Pmin']],
    ['a column type', `${body}table extra\n  amount |`, ['money', 'percent', 'count', 'date', 'text'], ['margin', 'table']],
    ['a column option', `${body}table extra\n  amount money |`, ['key', 'optional'], ['money']],
    ['the settlement frequency', 'plan "x"\n  settle |', ['quarterly', 'monthly', 'yearly'], ['margin']],
    ['after a condition', `${body}bonus when margin >= T3 |`, ['pay', 'and', 'or'], ['const', 'margin']],
    ['where an expression starts', `${body}let r = |`, ['if', 'margin', 'not'], ['then', 'const']],
    ['an if\'s condition', `${body}let r = if margin >= T3 |`, ['then', 'and'], ['else', 'pay']],
    ['an if\'s branch', `${body}let r = if margin >= T3 then 5% |`, ['else', 'of'], ['then', 'pay']],
    ['an else branch', `${body}let r = if margin >= T3 then 5% else |`, ['if', 'margin', 'T'], ['then']],
    ['a new line', `${body}|`, ['let', 'const', 'base', 'commission', 'bonus', 'for', 'table'], ['plan']],
    ['a new name', `${body}let |`, [], ['margin', 'T']],
    ['a comment', `${body}# commission on |`, [], ['margin', 'let']],
  ];
  it.each(cases)('%s', (_, marked, present, absent) => {
    const [text, offset] = cursor(marked);
    const labels = complete(analyze(text), offset).items.map((i) => i.label);
    for (const p of present) expect(labels).toContain(p);
    for (const p of absent) expect(labels).not.toContain(p);
  });

  it('ranks names before keywords where an expression goes, and describes them', () => {
    const [text, offset] = cursor(`${plan}bonus extra when |`);
    const items = complete(analyze(text), offset).items;
    expect(items.findIndex((i) => i.label === 'margin')).toBeLessThan(items.findIndex((i) => i.label === 'not'));
    expect(items.find((i) => i.label === 'margin')).toMatchObject({ kind: 'value', detail: 'base · money (CNY)' });
    expect(items.find((i) => i.label === 'T')).toMatchObject({ kind: 'column', detail: 'quotas column · money' });
  });

  it('replaces the word being typed', () => {
    const [text, offset] = cursor(`${plan}bonus extra when mar|`);
    const c = complete(analyze(text), offset);
    expect(c.range).toEqual({ startLineNumber: planLines, startColumn: 18, endLineNumber: planLines, endColumn: 21 });
    expect(c.items.map((i) => i.label)).toContain('margin');
  });
});

describe('hover', () => {
  const a = analyze(plan);
  const ana = runSession(session).result!.statements.find((s) => s.payee === 'ana')!;
  const cases: [string, number, string[]][] = [
    ['a base', at('margin >= T3'), ['**margin** · base (aggregate per payee and period) · money (CNY)', 'base margin = sum of qty * (price - cost) over deals', `Defined on line ${lineOf('base margin')}.`, '**ana · 2026-Q1:** 130,000.00 CNY']],
    ['a derived value', at('T3 pay'), ['**T3** · value per payee and period · money (CNY)', `Defined on line ${lineOf('let T3')}.`, '120,000.00 CNY']],
    ['a per-payee column', at('T   pay 5%'), ['**T** · column of `quotas` · money (CNY)', `Defined on line ${lineOf('  T ')}.`, '100,000.00 CNY']],
    ['a row column', at('price >= Pmin'), ['**price** · column of `deals` · money (CNY)', `Defined on line ${lineOf('  price ')} — unit price.`]],
    ['a constant', at('rp of'), ['**rp** · constant · percentage', `Defined on line ${lineOf('const rp')}.`, '**ana · 2026-Q1:** 20%']],
    ['a statement line', at('price_difference'), ['**price_difference** · statement line · per-row rule', '6,000.00 CNY']],
    ['a keyword', at('whole'), ['**whole** · keyword', 'whole base']],
    ['a column type', at('count\n'), ['**count** · column type', 'A whole number.']],
  ];
  it.each(cases)('%s', (_, offset, parts) => {
    const h = hover(a, offset, { statement: ana })!;
    const text = h.contents.join('\n\n');
    for (const p of parts) expect(text).toContain(p);
  });

  it('describes `if`, `then` and `else` in a conditional expression, and the names in its branches', () => {
    const text = `${plan}let r = if margin >= T3 then 5% else 2%\n`;
    const b = analyze(text);
    const on = (needle: string) => hover(b, text.lastIndexOf(needle))!.contents.join('\n\n');
    expect(on('if margin')).toContain('**if** · keyword');
    expect(on('then 5%')).toContain('**then** · keyword');
    expect(on('else 2%')).toContain('if … then … else');
    expect(on('T3 then')).toContain('**T3** · value per payee and period');
  });

  it('shows no value without a run', () => {
    expect(hover(a, at('margin >= T3'))!.contents.join('\n')).not.toContain('ana');
  });

  it('still knows units when another line is broken', () => {
    const broken = analyze(plan.replace('bonus when margin >= T3', 'bonus when margin >= T3 +'));
    expect(broken.checked.ir).toBeUndefined();
    expect(hover(broken, broken.text.indexOf('margin >= T3'))!.contents[0]).toContain('money (CNY)');
  });
});

describe('go to definition', () => {
  const a = analyze(plan);
  const cases: [string, number, number][] = [
    ['a derived value', at('T3 pay'), at('T3 =')],
    ['a per-payee column', at('T   pay 5%'), at('  T ') + 2],
    ['a row column', at('price >= Pmin'), at('  price ') + 2],
    ['a constant', at('Pmin else'), at('Pmin ')],
    ['a table', at('deals\n  require'), at('deals ')],
    ['a base', at('margin whole'), at('margin =')],
  ];
  it.each(cases)('%s', (_, offset, target) => {
    const { line, column } = lineCol(target);
    expect(definition(a, offset)?.range).toMatchObject({ startLineNumber: line, startColumn: column });
  });

  it('finds nothing for a keyword or an unknown name', () => {
    expect(definition(a, at('commission on'))).toBeUndefined();
    const b = analyze(plan.replace('margin >= T3', 'nope >= T3'));
    expect(definition(b, b.text.indexOf('nope'))).toBeUndefined();
  });
});

describe('formatting', () => {
  it('formats the whole document with the plan printer, and is then stable', () => {
    const messy = plan.replace('const rp   = 20%', 'const   rp=20%');
    const f = format(analyze(messy));
    expect(f.edits).toHaveLength(1);
    const edit = f.edits[0]!;
    expect(edit.range).toMatchObject({ startLineNumber: 1, startColumn: 1 });
    expect(edit.text).toContain('const rp');
    expect(edit.text).not.toContain('rp=20%');
    expect(format(analyze(edit.text)).edits).toEqual([]);
  });

  it('refuses a plan that does not parse', () => {
    const f = format(analyze(plan.replace('let T1 = 60% of T', 'let T1 = 60% of')));
    expect(f.edits).toEqual([]);
    expect(f.reason).toMatch(/syntax errors/);
  });
});

describe('sessions: the grid run as CSV files', () => {
  it('computes the statements the CLI computes', () => {
    const r = runSession(session);
    expect(r.result!.statements.map((s) => [s.payee, s.payout])).toEqual([
      ['ana', '15400.00'], ['bob', '2085.00'], ['cat', '0.00'], ['dan', '4000.00'], ['eve', '5900.60'],
    ]);
    expect(r.schemas.map((s) => s.name)).toEqual(['deals', 'quotas']);
  });

  it('marks a bad cell with the message the CLI prints for the same file', () => {
    const deals = tables[0]!;
    const rows = deals.rows.map((r, i) => (i === 2 ? r.map((c, j) => (j === 4 ? '1O0.00' : c)) : r));
    const r = runSession({ plan, tables: [{ ...deals, rows }, tables[1]!] });
    expect(r.result).toBeUndefined();
    expect(r.failedAt).toBe('load');
    expect(r.issues).toEqual([
      { table: 'deals', row: 2, column: 4, severity: 'error', code: 'D004', message: expect.stringContaining('error[D004]: deals.csv row 4, column price') },
    ]);
    const cli = run(plan, 'plan.payplan', [
      { table: 'deals', file: 'deals.csv', bytes: writeCsv({ header: deals.header, rows }).text },
      { table: 'quotas', file: 'quotas.csv', bytes: readFileSync(join(dir, 'quotas.csv'), 'utf8') },
    ]);
    expect(r.rendered).toBe(renderDiagnostics(cli.diagnostics, cli.sources));
  });

  it('passes only the tables the plan declares', () => {
    const r = runSession({ plan, tables: [...tables, { name: 'leftover', header: ['a'], rows: [['1']] }] });
    expect(r.result).toBeDefined();
  });

  it('reports a missing table against its grid', () => {
    const r = runSession({ plan, tables: [tables[0]!] });
    expect(r.issues.some((i) => i.table === 'quotas' && i.severity === 'error')).toBe(true);
  });
});

describe('CSV', () => {
  it('reads quotes, separators, line breaks and tabs', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\r\n"two\nlines",3\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', '3']]);
    expect(parseCsv('a\tb\n1\t2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('writes cells back and finds them again', () => {
    const grid = { header: ['id', 'note'], rows: [['1', 'a, b'], ['2', '']] };
    const layout = writeCsv(grid);
    expect(layout.text).toBe('id,note\n1,"a, b"\n2,\n');
    expect(gridFromCsv(layout.text)).toEqual(grid);
    expect(placeOf(layout, layout.cells[2]![1]!)).toEqual({ row: 1, column: 1 });
    expect(placeOf(layout, { start: layout.recordStarts[1]!, end: layout.recordStarts[2]! - 1 })).toEqual({ row: 0, column: -1 });
  });
});

describe('what-if', () => {
  it('charts ana\'s payout against her margin, line by line', () => {
    const w = whatIf({ session, payee: 'ana', period: '2026-Q1' });
    expect(w.error).toBeUndefined();
    expect(w.variable).toBe('margin');
    expect(w.current).toEqual({ x: 130000, payout: 15400, parts: { commission: 7400, bonus: 2000, price_difference: 6000 } });
    expect(w.marks.map((m) => m.name)).toEqual(['T1', 'T2', 'T', 'T3']);
    const atX = (x: number) => w.points.find((p) => p.x === x)!;
    // Whole-amount bands: 3% of all of 70,000; the per-row price difference does not depend on margin.
    expect(atX(70000)).toEqual({ x: 70000, payout: 8100, parts: { commission: 2100, bonus: 0, price_difference: 6000 } });
    // At T3 the bonus starts; just below it, not yet.
    expect(atX(120000).parts['bonus']).toBe(2000);
    expect(w.points.find((p) => p.x < 120000 && p.x > 119999)!.parts['bonus']).toBe(0);
  });

  it('pins a value the reader types', () => {
    const w = whatIf({ session, payee: 'ana', period: '2026-Q1', overrides: { rp: '25%', T: '200,000' } });
    // T = 200,000: margin 130,000 is in 60%..80% of T → 3% of 130,000 = 3,900; the bonus needs 240,000.
    expect(w.current).toEqual({ x: 130000, payout: 3900 + 7500, parts: { commission: 3900, bonus: 0, price_difference: 7500 } });
    expect(w.values.find((v) => v.name === 'rp')).toMatchObject({ value: '25%', overridden: true });
  });

  it('marks thresholds that are untyped constants, and charts negative lines', () => {
    const folder = join(import.meta.dirname, '../../examples/negative-incentive');
    const s: Session = { plan: readFileSync(join(folder, 'plan.payplan'), 'utf8'), tables: [{ name: 'sales', ...gridFromCsv(readFileSync(join(folder, 'sales.csv'), 'utf8')) }] };
    const w = whatIf({ session: s, payee: 'a', period: '2026-Q3' });
    expect(w.variable).toBe('revenue');
    expect(w.marks).toEqual([{ name: 'T1', x: 60000 }, { name: 'T2', x: 80000 }]);
    // Revenue 30,000: charged 2% of the 30,000 shortfall below T1.
    expect(w.current).toMatchObject({ x: 30000, payout: -600 });
    expect(Math.max(...w.points.map((p) => p.x))).toBeGreaterThanOrEqual(100000);
  });

  it('says why there is no chart for a broken plan', () => {
    expect(whatIf({ session: { plan: plan.replace('margin whole', 'margin whole +'), tables }, payee: 'ana', period: '2026-Q1' }).error).toMatch(/errors/);
  });
});

describe('compare', () => {
  it('gives the payout difference per payee', () => {
    const c = compare(session, plan.replace('pay 5% of T + 8% of excess', 'pay 5% of T + 10% of excess'));
    expect(c.rows.filter((r) => r.difference !== '0.00').map((r) => [r.payee, r.a, r.b, r.difference])).toEqual([
      ['ana', '15400.00', '16000.00', '600.00'],
      ['eve', '5900.60', '6100.60', '200.00'],
    ]);
    expect(c.difference).toBe('800.00');
  });

  it('says when version B does not check', () => {
    const c = compare(session, plan.replace('margin >= T3', 'margn >= T3'));
    expect(c.b).toMatchObject({ ok: false, errors: 1, firstError: expect.stringContaining('error[N001]') });
    expect(c.rows.every((r) => r.b === undefined)).toBe(true);
  });

  it('gives no difference when a version does not run, and marks its errors in its own text', () => {
    const other = plan.replace('margin >= T3', 'margn >= T3');
    const c = compare(session, other);
    // Not "B pays nothing": there is no B total and no difference, per row or overall.
    expect(c.difference).toBeUndefined();
    expect(c.b.total).toBeUndefined();
    expect(c.rows.map((r) => r.difference)).toEqual(c.rows.map(() => undefined));
    expect(c.rows.find((r) => r.payee === 'ana')?.a).toBe('15400.00');
    expect(c.a).toMatchObject({ ok: true, total: '27385.60', markers: [] });
    const line = other.slice(0, other.indexOf('margn')).split('\n').length;
    expect(c.b.markers.map((m) => [m.code, m.startLineNumber, m.endColumn - m.startColumn])).toEqual([['N001', line, 'margn'.length]]);
  });
});

describe('newer constructs', () => {
  const read = (path: string) => readFileSync(join(import.meta.dirname, '../../examples', path), 'utf8');

  it('knows teams and pools, and what they are', () => {
    const text = read('team-pool/plan.payplan');
    const a = analyze(text);
    expect(hover(a, text.indexOf('team members') + 5)!.contents[0]).toContain('**members** · team');
    expect(hover(a, text.indexOf('pool team_pool') + 5)!.contents[0]).toContain('**team_pool** · statement line · pool');
    expect(definition(a, text.lastIndexOf('members'))?.range.startLineNumber).toBe(text.slice(0, text.indexOf('team members')).split('\n').length);
  });

  it('completes the row\'s columns in a clawback condition', () => {
    const text = read('clawback/plan.payplan');
    const [t, offset] = cursor(`${text.slice(0, text.indexOf('clawback deal'))}clawback deal in deals when |`);
    const labels = complete(analyze(t), offset).items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['cancelled', 'closed', 'revenue']));
  });

  it('offers tables where a line names one: history, active dates, a team\'s hierarchy', () => {
    const text = read('migration/plan.payplan');
    const [t, offset] = cursor(text.replace('history from paid.amount', 'history from |'));
    expect(complete(analyze(t), offset).items.map((i) => i.label)).toEqual(['paid']);
    const team = read('dated-hierarchy/plan.payplan');
    const [t2, o2] = cursor(team.replace('team downline by hierarchy.manager all', 'team downline by |'));
    expect(complete(analyze(t2), o2).items.map((i) => i.label).sort()).toEqual(['hierarchy', 'results']);
    const [t3, o3] = cursor(`${read('clawback/plan.payplan').replace(/clawback deal.*\n/, '')}clawback deal in |`);
    expect(complete(analyze(t3), o3).items.map((i) => i.label)).toEqual(['deals']);
  });

    it('offers and explains the built-in names', () => {
    const [t, offset] = cursor(`${plan}bonus extra when |`);
    const a = analyze(t);
    expect(complete(a, offset).items.map((i) => i.label)).toEqual(expect.arrayContaining(['payee', 'quarter']));
    const text = `${plan}bonus extra when quarter = 4 pay 100\n`;
    expect(hover(analyze(text), text.lastIndexOf('quarter'))!.contents.join(' ')).toContain('the quarter (1–4) of the period being settled');
  });
});

describe('the session runner', () => {
  /** Every shipped example, as the playground loads it: each plan with its folder's CSV files. */
  const examplesDir = join(import.meta.dirname, '../../examples');
  const all = readdirSync(examplesDir).flatMap((folder) => {
    const files = readdirSync(join(examplesDir, folder));
    const grids = files.filter((f) => f.endsWith('.csv')).map((f) => ({ name: f.replace(/\.csv$/, ''), ...gridFromCsv(readFileSync(join(examplesDir, folder, f), 'utf8')) }));
    return files.filter((f) => f.endsWith('.payplan')).map((f): [string, Session] => [`${folder}/${f}`, { plan: readFileSync(join(examplesDir, folder, f), 'utf8'), tables: grids }]);
  });

  it.each(all)('%s: same statements and messages as core `run`, also when the data is reused', (_, s) => {
    const inputs = s.tables.filter((t) => new RegExp(`^\\s*table\\s+${t.name}\\b`, 'm').test(s.plan)).map((t) => ({ table: t.name, file: `${t.name}.csv`, bytes: writeCsv(t).text }));
    const cli = run(s.plan, 'plan.payplan', inputs);
    const runner = sessionRunner();
    for (const r of [runSession(s), runner(s), runner({ ...s, plan: `${s.plan}\n# an edit` })]) {
      expect(r.result).toEqual(cli.result);
      expect(r.failedAt).toEqual(cli.failedAt);
      expect(r.rendered).toBe(cli.diagnostics.length ? renderDiagnostics(cli.diagnostics, cli.sources) : '');
    }
  });

  it('reads the data again when it changes', () => {
    const runner = sessionRunner();
    expect(runner(session).result).toBeDefined();
    const deals = tables[0]!;
    const bad = runner({ plan, tables: [{ ...deals, rows: deals.rows.map((r, i) => (i === 0 ? r.map((c, j) => (j === 3 ? 'x' : c)) : r)) }, tables[1]!] });
    expect(bad.failedAt).toBe('load');
    expect(runner(session).result).toBeDefined();
  });
});
