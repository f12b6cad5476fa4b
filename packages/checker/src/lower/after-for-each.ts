/**
 * The `for each` trap: indentation means nothing, so a `commission` or `let` written under a
 * `for each` block, indented like its rules, is a plan-level declaration of its own. When such a
 * declaration (the one right after the block) reads a column of the block's table, that is what
 * happened: S022 says so and says what to write, instead of N001 saying the column is usable
 * "only inside `for each`", where it seems to be.
 */
import type { DiagnosticBag, Span } from '@payplan/diagnostics';
import type { Ast } from '@payplan/syntax';
import type { TableInfo } from '../tables.js';

export function afterForEachCheck(plan: Ast.Plan, tables: ReadonlyMap<string, TableInfo>, bag: DiagnosticBag): (e: Ast.NameRef, name: string) => boolean {
  const reported = new Set<Ast.Decl>();
  const within = (s: Span, outer: Span) => s.start >= outer.start && s.end <= outer.end;
  return (e, name) => {
    const i = plan.decls.findIndex((d) => within(e.span, d.span));
    const decl = plan.decls[i];
    const block = plan.decls[i - 1];
    if (!decl || block?.kind !== 'ForEach' || !tables.get(block.table.name)?.schema.columns.some((c) => c.name === name)) return false;
    if (reported.has(decl)) return true;
    reported.add(decl);
    const row = block.row.name;
    const what = decl.kind === 'Commission' ? '`commission`' : decl.kind === 'Let' ? '`let NAME`' : 'this declaration';
    const hint =
      decl.kind === 'Commission'
        ? `to apply bands to each ${row}, make them a rule of the block with a name of its own: \`${decl.name?.name ?? `${row}_commission`} on ${name} ${decl.mode?.value ?? 'whole'}\`${decl.mode ? '' : ' (or `marginal`)'}, its bands below it`
        : decl.kind === 'Let'
          ? `for a value of each ${row}, write \`let ${row}.${decl.name.name} = …\` inside the block, and use it as \`${decl.name.name}\` or \`${row}.${decl.name.name}\``
          : `inside the block, a rule that pays for each ${row} is written \`NAME [when …] pay …\``;
    bag.error('S022', e.span, `${what} is not part of the \`for each ${row} in ${block.table.name}\` block above it, whatever its indentation, so \`${name}\`, a column of \`${block.table.name}\`, is not available here`, {
      labels: [{ span: { start: block.span.start, end: block.span.start + 8 }, message: 'the block ends before this declaration' }],
      hint,
    });
    return true;
  };
}
