/**
 * Checks `example` blocks against a plan: rows must name declared tables and columns, expectations
 * must name a line the plan produces (or `payout`) and give a number. Used by the checker for a
 * plan's own examples and by the test runner for examples kept in a separate file.
 */
import { DiagnosticBag, type Diagnostic } from '@payplan/diagnostics';
import type { TableSchema } from '@payplan/runtime';
import type { Ast } from '@payplan/syntax';
import { didYouMean } from './suggest.js';

/** Lines every plan can expect besides its rules' own. */
const builtInLines = ['payout', 'previously_paid', 'payout_cap', 'payout_floor'];

export function checkExamples(examples: readonly Ast.ExampleDecl[], tables: readonly TableSchema[], lineNames: readonly string[], file: string): Diagnostic[] {
  const bag = new DiagnosticBag(file);
  const lines = [...lineNames, ...builtInLines];
  for (const d of examples) {
    for (const row of d.rows) {
      const t = tables.find((x) => x.name === row.table.name);
      if (!t) {
        bag.error('N004', row.table.span, `unknown table \`${row.table.name}\` in example "${d.name.value}"`, didYouMean(row.table.name, tables.map((x) => x.name)));
        continue;
      }
      const known = [...(t.kind === 'payee' || t.kind === 'payeePeriod' ? ['payee'] : []), ...(t.kind === 'payeePeriod' ? ['period'] : []), ...t.columns.map((c) => c.name)];
      for (const cell of row.cells) {
        if (!known.includes(cell.column.name)) bag.error('N005', cell.column.span, `table \`${t.name}\` has no column \`${cell.column.name}\``, didYouMean(cell.column.name, known));
      }
    }
    for (const e of d.expects) {
      if (!lines.includes(e.line.name) && !e.line.name.startsWith('clawback_')) {
        bag.error('N001', e.line.span, `no rule makes a line \`${e.line.name}\`; expect \`payout\` or the name of a rule`, didYouMean(e.line.name, lines));
      }
      if (!/^-?[\d,]+(\.\d+)?$/.test(e.amount.text)) bag.error('T003', e.amount.span, `an expected amount is a number such as 15,400.00, not \`${e.amount.raw}\``);
    }
  }
  return bag.items;
}
