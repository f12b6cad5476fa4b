/**
 * The seeds the campaigns mutate: every plan shipped in the repository (the examples, the fmt
 * cases, the lint and diagnostics plans), each with the data files beside it when it has them,
 * read as text exactly as the CLI finds them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '@payplan/core';
import { gatherInputs } from '../../packages/cli/src/inputs.js';
import { plansUnder, root } from '../../test/support/plans.js';

export interface DataFile {
  readonly table: string;
  readonly file: string;
  readonly text: string;
}

export interface SeedPlan {
  readonly file: string;
  readonly text: string;
  /** The data beside the plan, when the plan checks and every table has its file. */
  readonly data?: readonly DataFile[];
}

const folders = ['examples', 'test/fmt/cases', 'test/lint', 'test/diagnostics/plans'];

function dataBeside(file: string, text: string): DataFile[] | undefined {
  const ir = check(text, file).ir;
  if (!ir) return undefined;
  const { inputs, errors } = gatherInputs(ir, file, [], root);
  if (errors.length || !inputs.length) return undefined;
  return inputs.map((i) => ({ table: i.table, file: i.file, text: 'bytes' in i && typeof i.bytes !== 'string' ? new TextDecoder().decode(i.bytes) : '' }));
}

/** Every shipped plan, in a fixed order (so input `i` of a campaign is the same everywhere). */
export function loadCorpus(): SeedPlan[] {
  return folders.flatMap(plansUnder).map((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const data = file.startsWith('examples/') ? dataBeside(file, text) : undefined;
    return { file, text, ...(data && { data }) };
  });
}

/** The plans that come with their data: the seeds of the data campaign. */
export const withData = (corpus: readonly SeedPlan[]): (SeedPlan & { readonly data: readonly DataFile[] })[] =>
  corpus.filter((s): s is SeedPlan & { readonly data: readonly DataFile[] } => s.data !== undefined);
