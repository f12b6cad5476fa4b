/**
 * `payplan compile <plan> [-o out.ts] [--js]`: the plan as a module that imports only
 * @payplan/runtime. Without -o the TypeScript goes to standard output; with --js the module is
 * written as ESM JavaScript (-o, default beside the plan) with its declarations in a .d.ts next to it.
 */
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { compileSource, toJavaScript } from '@payplan/core';
import { hasErrors, SourceText } from '@payplan/diagnostics';
import { onePlan, readText, report, type Command } from '../io.js';

/** plan.js → plan.d.ts, plan.mjs → plan.d.mts; anything else gets .d.ts appended. */
const declarationsPath = (js: string): string => (/\.m?js$/.test(js) ? js.replace(/\.(m?)js$/, '.d.$1ts') : `${js}.d.ts`);

export const compileCommand: Command = {
  summary: 'compile a plan to a TypeScript (or JavaScript) module',
  usage: 'payplan compile <plan> [-o out.ts] [--js]',
  async run(args, io) {
    const planPath = onePlan(args, io, 'compile');
    if (!planPath) return 2;
    const read = readText(io, planPath);
    if ('error' in read) return (io.stderr.write(`error: ${read.error}\n`), 1);
    const compiled = compileSource(read.text, planPath);
    report(io, compiled.diagnostics, new Map([[planPath, new SourceText(planPath, read.text)]]), args.values['color'] === true);
    if (!compiled.code || hasErrors(compiled.diagnostics)) return 1;
    const js = args.values['js'] === true;
    const out = (args.values['out'] as string | undefined) ?? (js ? planPath.replace(/\.[^./\\]*$/, '') + '.js' : undefined);
    const fast = compiled.fastPath;
    const note = fast?.statements ? `fast path: statements${fast.payouts ? ' and payouts' : ''}` : `decimals only${fast?.reason ? ` (${fast.reason})` : ''}`;
    try {
      if (!js) {
        if (!out) return (io.stdout.write(compiled.code), 0);
        writeFileSync(resolve(io.cwd, out), compiled.code);
        io.stderr.write(`wrote ${out} (${note})\n`);
        return 0;
      }
      const output = await toJavaScript(compiled.code, basename(out!).replace(/\.m?js$/, '.ts'));
      writeFileSync(resolve(io.cwd, out!), output.js);
      writeFileSync(resolve(io.cwd, declarationsPath(out!)), output.dts);
      io.stderr.write(`wrote ${out} and ${declarationsPath(out!)} (${note})\n`);
      return 0;
    } catch (err) {
      io.stderr.write(`error: cannot write ${out}: ${(err as Error).message}\n`);
      return 1;
    }
  },
};
