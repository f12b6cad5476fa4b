/**
 * `pnpm bench:parse`: where parse + check of the ~2,000-line plan of big-plan.ts spends its time.
 * Runs the stages of `check` (@payplan/core) the way it does — lex; then, chunk by chunk, parse (the
 * CST) and CST → AST; check (AST → IR); lints — timing each: the first run cold (after building the
 * parser, timed on its own), then the median of warm runs. Last, `check` as a whole: cold in a
 * fresh process, then the median of warm runs. Prints figures; not a test.
 *
 *   npx tsx bench/parse-check.ts [lines] [--runs N]
 *
 * Profile with `node --cpu-prof --import tsx bench/parse-check.ts`. Keep each CST only as long as
 * parsePlan does: holding them all makes V8 allocate CST nodes in the old generation (pretenuring),
 * and every later parse gets slower.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { check } from '@payplan/core';
import { checkPlan, lintPlan } from '@payplan/checker';
import { SourceText } from '@payplan/diagnostics';
import { K, normalizeNewlines, planLexer, planParser, type Ast } from '@payplan/syntax';
import { declarationToAst, headerToAst, tokenSpan } from '../packages/syntax/src/cst-to-ast.js';
import { chunks } from '../packages/syntax/src/parse.js';
import { bigPlan } from './big-plan.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const lines = Number(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? 2_000);
const runs = Number(option('--runs') ?? 20);
const text = bigPlan(lines);
const file = 'big.payplan';

/** `--cold-check`: the child process that times one `check` with nothing warmed up before it. */
if (args.includes('--cold-check')) {
  const t = performance.now();
  check(text, file);
  console.log(performance.now() - t);
  process.exit(0);
}

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const value = f();
  return [value, performance.now() - t];
};

/** One run through the stages, as parsePlan and check run them, with each stage's time. */
function stages(): Record<string, number> {
  const [{ tokens, comments }, lex] = time(() => {
    const lexed = planLexer.tokenize(text);
    const comments = (lexed.groups['comments'] ?? []).map((t) => ({ text: t.image.replace(/\s+$/, ''), span: tokenSpan(t) }));
    return { tokens: normalizeNewlines(lexed.tokens), comments };
  });
  const parser = planParser();
  const [split, chunking] = time(() => chunks(tokens));
  let parse = chunking;
  let toAst = 0;
  let header: Ast.PlanHeader | undefined;
  const decls: Ast.Decl[] = [];
  for (const chunk of split) {
    const isHeader = chunk[0]!.tokenType === K.plan;
    const [cst, p] = time(() => {
      parser.input = chunk;
      return isHeader ? parser.planHeader() : parser.declaration();
    });
    parse += p;
    if (isHeader) {
      const [h, a] = time(() => headerToAst(cst));
      header ??= h;
      toAst += a;
    } else {
      const [d, a] = time(() => declarationToAst(cst));
      if (d) decls.push(d);
      toAst += a;
    }
  }
  const plan: Ast.Plan = { kind: 'Plan', ...(header && { header }), decls, comments, span: { start: 0, end: text.length } };
  const source = new SourceText(file, text);
  const [ir, checking] = time(() => checkPlan(plan, source).value.ir);
  if (!ir) throw new Error('the generated plan does not check');
  const [, lints] = time(() => lintPlan(ir, plan, source));
  return { lex, parse, 'CST → AST': toAst, check: checking, lints };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10);

const [, setUp] = time(planParser);
const cold = stages();
const warm = Array.from({ length: runs }, stages);
console.log(`parse + check of a ${text.split('\n').length - 1}-line plan, ${runs} warm runs (node ${process.version})\n`);
console.log(`${'stage'.padEnd(14)}${'cold'.padStart(10)}${'warm'.padStart(10)}`);
console.log(`${'build parser'.padEnd(14)}${ms(setUp)}${'—'.padStart(10)}`);
for (const stage of Object.keys(cold)) console.log(`${stage.padEnd(14)}${ms(cold[stage]!)}${ms(median(warm.map((w) => w[stage]!)))}`);

const child = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(lines), '--cold-check'], { encoding: 'utf8' });
const whole = Array.from({ length: runs }, () => time(() => check(text, file))[1]);
console.log(`\ncheck(), whole: first ${Number(child.trim()).toFixed(1)} ms (fresh process), then median ${median(whole).toFixed(1)} ms`);
