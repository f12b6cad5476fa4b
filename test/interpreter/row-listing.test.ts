/**
 * Explanations list their input rows when first read: one context at a time for a rule's first
 * sixteen, then every group's at once, in one pass in input order (row-rules.ts). Example data is
 * too small to get that far, so each plan's data is copied for twenty teams of payees here, and every
 * row listing the interpreter gives must equal the one the compiled module builds eagerly, on the
 * same rows. internal-transfer (credited rows) and ytd-true-up (several periods per statement)
 * reach the pass over every group; the others have requirements or clawbacks, so they list context by
 * context throughout. The benchmark plan's whole rows are covered in test/compiler/api.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { IrPlan } from '@payplan/checker';
import { evaluate, type DataSet } from '@payplan/interpreter';
import { importCompiled, planWithData } from '../compiler/support.js';

const COPIES = 20;

/** The data again for `COPIES` disjoint sets of payees (`ana` → `ana_3`), keys made unique the same way. */
function copiedForMorePayees(ir: IrPlan, data: DataSet): DataSet {
  const out = new Map<string, DataSet extends ReadonlyMap<string, infer T> ? T : never>();
  for (const t of ir.tables) {
    const table = data.get(t.name);
    if (!table) continue;
    const renamed = new Set(['payee', ...t.columns.filter((c) => c.type === 'payee' || (c.key && c.type === 'text')).map((c) => c.name)]);
    const rows = [];
    for (let i = 0; i < COPIES; i++) {
      for (const r of table.rows) {
        const cells = Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, renamed.has(k) && typeof v === 'string' ? `${v}_${i}` : v]));
        rows.push({ row: r.row + i * table.rows.length, cells });
      }
    }
    out.set(t.name, { file: table.file, rows });
  }
  return out;
}

describe('rows listed in explanations, context by context and then for every group at once', () => {
  for (const example of ['account-executive', 'internal-transfer', 'sales-year', 'ytd-true-up', 'manufacturer']) {
    it(example, async () => {
      const plan = `examples/${example}/plan.payplan`;
      const { ir, text, data } = planWithData(plan);
      const { module: m } = await importCompiled(ir, text, plan);
      const grown = copiedForMorePayees(ir, data);
      const interpreted = evaluate(ir, grown);
      const compiled = m.evaluate(grown, { fast: false });
      expect(interpreted.diagnostics).toEqual([]);
      const statements = interpreted.value!.statements;
      expect(statements.length).toBeGreaterThan(16 * 2);
      const listed = statements.flatMap((s) => s.lines.map((l) => l.explanation.rows));
      expect(listed.some((rows) => rows.length > 0)).toBe(true);
      expect(interpreted).toEqual(compiled);
    });
  }
});
