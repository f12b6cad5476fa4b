/**
 * The lints stay linear in the size of a plan (issue 11): unused constants in the shape
 * `../shared/bad-inputs/make-large.py` writes as `unused-consts/plan.payplan` (8,000 there; twice as
 * many here), and as many constants each read only by the next, in chains of 200 (a longer chain is
 * S017, definitions chained too deeply, and is not linted). The quadratic L001 took 65 s and
 * 111 s on these (5 s and 23 s at 8,000), so it fails on the test's time limit; the linear one takes
 * about 2 s. The assertions are on the warnings themselves.
 */
import { describe, expect, it } from 'vitest';
import { check } from '@payplan/core';

const COUNT = 16_000;
const head = 'plan "many consts"\n  currency CNY\n  settle monthly\n  year 2026\n\ntable sales per payee per period\n  revenue money\n\n';
const plan = (consts: (i: number) => string) => `${head}${Array.from({ length: COUNT }, (_, i) => `const c${i} = ${consts(i)}\n`).join('')}\ncommission on revenue pay 1%\n`;

describe('L001 on 16,000 constants', () => {
  it('warns once for each unused constant, in plan order', () => {
    const checked = check(plan((i) => String(i)));
    expect(checked.ir).toBeDefined();
    const warnings = checked.diagnostics;
    expect(warnings).toHaveLength(COUNT);
    expect(new Set(warnings.map((d) => d.code))).toEqual(new Set(['L001']));
    expect(warnings[0]!.message).toBe('`c0` is never used by any rule');
    expect(warnings[COUNT - 1]!.message).toBe(`\`c${COUNT - 1}\` is never used by any rule`);
    expect(checked.source.lineCol(warnings[COUNT - 1]!.span.start)).toEqual({ line: 9 + COUNT - 1, column: 7 });
    expect(warnings.every((d) => d.notes === undefined)).toBe(true);
  });

  it('names the one unused constant that reads each one, in chains', () => {
    const CHAIN = 200;
    const checked = check(plan((i) => (i % CHAIN === 0 ? '0' : `c${i - 1} + 1`)));
    const warnings = checked.diagnostics;
    expect(warnings).toHaveLength(COUNT);
    expect(new Set(warnings.map((d) => d.code))).toEqual(new Set(['L001']));
    expect(warnings[0]!.notes).toEqual(['only `c1` uses it, and no rule uses that']);
    expect(warnings[CHAIN - 1]!.notes).toBeUndefined();
    expect(warnings[COUNT - 2]!.notes).toEqual([`only \`c${COUNT - 1}\` uses it, and no rule uses that`]);
    expect(warnings[COUNT - 1]!.notes).toBeUndefined();
  });
});
