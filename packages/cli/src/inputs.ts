/**
 * Which data file feeds which table: `--data deals=deals.csv` pairs, and for any table not named,
 * `<table>.csv` or `<table>.json` beside the plan, so a plan folder with its data runs as is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { IrPlan } from '@payplan/checker';
import type { Input } from '@payplan/core';

export interface InputSpec {
  readonly table: string;
  readonly path: string;
}

export function parseDataArgs(values: readonly string[]): { specs: InputSpec[]; errors: string[] } {
  const specs: InputSpec[] = [];
  const errors: string[] = [];
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) errors.push(`--data takes table=file, such as --data deals=deals.csv (got "${v}")`);
    else specs.push({ table: v.slice(0, eq), path: v.slice(eq + 1) });
  }
  return { specs, errors };
}

/** Reads the named files and finds the rest beside the plan. Unreadable files become errors. */
export function gatherInputs(ir: IrPlan, planPath: string, specs: readonly InputSpec[], cwd: string): { inputs: Input[]; errors: string[] } {
  const inputs: Input[] = [];
  const errors: string[] = [];
  const named = new Set(specs.map((s) => s.table));
  const read = (table: string, path: string) => {
    try {
      inputs.push({ table, file: displayPath(path, cwd), bytes: readFileSync(resolve(cwd, path)) });
    } catch (err) {
      errors.push(`cannot read ${path} for table ${table}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  };
  for (const s of specs) read(s.table, s.path);
  for (const t of ir.tables) {
    if (named.has(t.name)) continue;
    for (const ext of ['.csv', '.json']) {
      const beside = join(dirname(planPath), t.name + ext);
      if (existsSync(resolve(cwd, beside))) {
        read(t.name, beside);
        break;
      }
    }
  }
  return { inputs, errors };
}

const displayPath = (path: string, cwd: string): string => {
  const rel = relative(cwd, resolve(cwd, path));
  return rel.startsWith('..') ? path : rel;
};
