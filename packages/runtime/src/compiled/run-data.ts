/**
 * The data of the engine run in progress, so a message about an empty amount can name the data file
 * of its row. A compiled module's engine entry sets it for one synchronous run and restores what was
 * there before, so runs of several modules (or nested ones) each see their own.
 */
import type { InputRow } from '../schema.js';

/** Rows as @payplan/data loads them, by table: the interpreter's DataSet, and what `evaluate` of a compiled module takes. */
export type LoadedData = ReadonlyMap<string, { readonly file: string; readonly rows: readonly InputRow[] }>;

let current: LoadedData | undefined;

/** Runs `run` with `data` as the run's data. */
export function withRunData<T>(data: LoadedData, run: () => T): T {
  const prior = current;
  current = data;
  try {
    return run();
  } finally {
    current = prior;
  }
}

/** The file a table of the run in progress was read from (its name when unknown). */
export function runDataFile(table: string): string {
  return current?.get(table)?.file ?? table;
}
