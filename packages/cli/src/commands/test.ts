/**
 * `payplan test [path ...]`: runs the examples of every plan found (a plan file, or every
 * `*.payplan` under a folder; default the current folder), including `<plan>.examples` files beside
 * each plan. Prints pass/fail per example, the difference and the actual line's explanation on
 * failure, and rule coverage. Exit 1 when an example fails or a plan has errors.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { testPlan, type ExampleFile, type TestReport } from '@payplan/core';
import { grouped } from '@payplan/runtime';
import { readText, report, type Command, type Io } from '../io.js';

/** Plans under the given paths, relative to the working folder, in a stable order. */
function findPlans(io: Io, paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const full = resolve(io.cwd, p);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) if (name !== 'node_modules' && !name.startsWith('.')) walk(join(p, name));
    } else if (p.endsWith('.payplan')) out.push(relative(io.cwd, full) || p);
  };
  paths.forEach(walk);
  return out;
}

export const testCommand: Command = {
  summary: "run plans' examples and report rule coverage",
  usage: 'payplan test [plan or folder ...]',
  run(args, io) {
    const paths = args.positionals.length ? args.positionals : ['.'];
    const missing = paths.filter((p) => !existsSync(resolve(io.cwd, p)));
    if (missing.length) return (io.stderr.write(`payplan test: no such file or folder: ${missing.join(', ')}\n`), 2);
    const plans = findPlans(io, paths);
    let failed = 0;
    let passed = 0;
    let broken = false;
    for (const plan of plans) {
      const read = readText(io, plan);
      if ('error' in read) {
        io.stderr.write(`error: ${read.error}\n`);
        broken = true;
        continue;
      }
      const beside = plan.replace(/\.payplan$/, '.examples');
      const files: ExampleFile[] = [];
      if (existsSync(resolve(io.cwd, beside))) {
        const extra = readText(io, beside);
        if ('error' in extra) return (io.stderr.write(`error: ${extra.error}\n`), 1);
        files.push({ file: beside, text: extra.text });
      }
      const r = testPlan(read.text, plan, files);
      if (r.diagnostics.some((d) => d.severity === 'error')) {
        report(io, r.diagnostics, r.sources);
        broken = true;
        continue;
      }
      if (!r.examples.length) continue;
      io.stdout.write(printReport(r));
      passed += r.examples.filter((e) => e.passed).length;
      failed += r.examples.filter((e) => !e.passed).length;
    }
    io.stdout.write(`${passed + failed} example${passed + failed === 1 ? '' : 's'}: ${passed} passed, ${failed} failed\n`);
    return failed || broken ? 1 : 0;
  },
};

function printReport(r: TestReport): string {
  const out = [r.plan];
  for (const e of r.examples) {
    out.push(`  ${e.passed ? '✓' : '✗'} ${e.name}  (${e.file}:${e.line})`);
    for (const d of e.diagnostics) out.push(`      error[${d.code}]: ${d.message}`);
    for (const x of e.expectations) {
      if (x.passed) continue;
      const what = `${x.payee} ${x.period} ${x.line}`;
      if (x.actual === undefined) {
        out.push(`      ${what}: expected ${grouped(x.expected)}, but there is no such ${x.line === 'payout' ? 'statement' : 'line'}  (${x.file}:${x.line_})`);
        continue;
      }
      out.push(`      ${what}: expected ${grouped(x.expected)}, got ${grouped(x.actual)}  (${x.file}:${x.line_})`);
      if (x.explanation) out.push(`        ${x.explanation.rule}: ${x.explanation.detail}`);
    }
  }
  const c = r.coverage;
  if (c) {
    const rules = c.rules.filter((x) => x.exercised).length;
    const idle = c.rules.filter((x) => !x.exercised).map((x) => x.name);
    const bands = c.bands.filter((b) => !b.reached).map((b) => `${b.rule} \`${b.band}\``);
    out.push(`  coverage: ${rules} of ${c.rules.length} rules paid in some example${idle.length ? `; never: ${idle.join(', ')}` : ''}`);
    if (c.bands.length) out.push(`            ${c.bands.length - bands.length} of ${c.bands.length} bands and steps reached${bands.length ? `; never: ${bands.join(', ')}` : ''}`);
  }
  return out.join('\n') + '\n';
}
