/**
 * Declared ranges (`T money > 0`) are input validation: a compiled module rejects a cell outside
 * its column's range with the same D015 message as the interpreter's pipeline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, run } from '@payplan/core';
import { importCompiled } from './support.js';
import { root } from '../support/plans.js';

const planPath = 'test/cli/bad-data-ranges/plan.payplan';
const text = readFileSync(join(root, planPath), 'utf8');
const row = { payee: 'bob', period: '2026-Q1', T: '0', revenue: '-10', weight: '120%' };

describe('declared ranges in both back ends', () => {
  it('the interpreter pipeline and the compiled module report the same out-of-range cells', async () => {
    const ir = check(text, planPath).ir!;
    const { module } = await importCompiled(ir, text, 'ranges');
    const interpreted = run(text, planPath, [{ table: 'quotas', file: 'quotas', rows: [row] }]);
    const messages = interpreted.diagnostics.filter((d) => d.code === 'D015').map((d) => d.message);
    expect(messages).toEqual([
      'quotas row 1, column T: 0 is not > 0, the range the plan declares for T',
      'quotas row 1, column revenue: -10 is not >= 0, the range the plan declares for revenue',
      'quotas row 1, column weight: 120% is not <= 100%, the range the plan declares for weight',
    ]);
    let thrown: unknown;
    try {
      module.computeStatements({ quotas: [row] });
    } catch (err) {
      thrown = err;
    }
    const compiled = (thrown as { diagnostics: { code: string; message: string }[] }).diagnostics.filter((d) => d.code === 'D015').map((d) => d.message);
    expect(compiled).toEqual(messages);
  });
});
