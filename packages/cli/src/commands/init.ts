/**
 * `payplan init [dir]`: writes a starter plan with sample data into a folder (default the current
 * one; created if missing). Never overwrites: if any starter file is already there, nothing is
 * written and the exit code is 1.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { starterFiles } from '../starter.js';
import type { Command } from '../io.js';

export const initCommand: Command = {
  summary: 'start a plan: a starter plan, sample data and passing examples',
  usage: 'payplan init [dir]',
  run(args, io) {
    if (args.positionals.length > 1) return (io.stderr.write(`payplan init: give at most one folder\nusage: ${initCommand.usage}\n`), 2);
    const dir = args.positionals[0] ?? '.';
    const full = resolve(io.cwd, dir);
    const taken = Object.keys(starterFiles).filter((name) => existsSync(join(full, name)));
    if (taken.length) return (io.stderr.write(`payplan init: ${taken.map((n) => join(dir, n)).join(', ')} already ${taken.length === 1 ? 'exists' : 'exist'}; nothing was written\n`), 1);
    try {
      mkdirSync(full, { recursive: true });
      for (const [name, text] of Object.entries(starterFiles)) writeFileSync(join(full, name), text, { flag: 'wx' });
    } catch (err) {
      return (io.stderr.write(`error: cannot write into ${dir}: ${(err as Error).message}\n`), 1);
    }
    const plan = join(dir, 'plan.payplan');
    io.stdout.write(`wrote ${Object.keys(starterFiles).map((n) => join(dir, n)).join(', ')}
next: \`payplan run ${plan}\` for statements, \`payplan test ${dir}\` for its examples, \`payplan check ${plan} --strict\` as CI would
`);
    return 0;
  },
};
