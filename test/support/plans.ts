/**
 * Test support: find plans on disk and run them with the data beside them, exactly as the CLI
 * does (`<table>.csv` next to the plan), so golden files describe what a user sees.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, run, type Run } from '@payplan/core';
import { gatherInputs } from '../../packages/cli/src/inputs.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every `*.payplan` under a folder of the repository, as paths relative to the root. */
export function plansUnder(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.payplan')) out.push(relative(root, p));
    }
  };
  if (existsSync(join(root, folder))) walk(join(root, folder));
  return out;
}

/** Runs a plan (path relative to the root) with the data files beside it. */
export function runPlanFile(planPath: string): Run {
  const text = readFileSync(join(root, planPath), 'utf8');
  const checked = check(text, planPath);
  if (!checked.ir) return { checked, sources: new Map([[planPath, checked.source]]), diagnostics: checked.diagnostics, failedAt: 'check' };
  const { inputs, errors } = gatherInputs(checked.ir, planPath, [], root);
  if (errors.length) throw new Error(errors.join('\n'));
  return run(text, planPath, inputs);
}

/**
 * Compares `actual` with the golden file; with UPDATE_GOLDEN=1 rewrites it instead. Returns the
 * expected text so the caller asserts with a readable diff.
 */
export function golden(path: string, actual: string): string {
  const full = join(root, path);
  // In CI a missing golden file is a failure: it must be reviewed and checked in.
  if (!existsSync(full) && process.env['CI']) throw new Error(`missing golden file ${path}: run UPDATE_GOLDEN=1 pnpm test and review it`);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(full)) {
    writeFileSync(full, actual);
    return actual;
  }
  return readFileSync(full, 'utf8');
}
