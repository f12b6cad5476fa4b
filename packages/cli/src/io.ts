/** What a command may touch: its output streams and working directory (tests pass their own). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderDiagnostics, type Diagnostic, type SourceText } from '@payplan/diagnostics';

export interface Io {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly cwd: string;
}

/** A command's parsed arguments, as `node:util` parseArgs returns them. */
export interface Args {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Exit codes: 0 all well, 1 errors in a plan or data, 2 a usage mistake. */
export type ExitCode = 0 | 1 | 2;

export interface Command {
  readonly summary: string;
  readonly usage: string;
  run(args: Args, io: Io): Promise<ExitCode> | ExitCode;
}

/** Reads a text file strictly as UTF-8; returns an error message instead of throwing. */
export function readText(io: Io, path: string): { text: string } | { error: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(resolve(io.cwd, path))) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === undefined ? 'not valid UTF-8 text' : (err as Error).message}` };
  }
}

export function report(io: Io, ds: readonly Diagnostic[], sources: ReadonlyMap<string, SourceText>, color = false): void {
  if (ds.length) io.stderr.write(renderDiagnostics(ds, sources, { color }));
}

/** The one plan file a command takes, or a usage error. */
export function onePlan(args: Args, io: Io, command: string): string | undefined {
  if (args.positionals.length !== 1) {
    io.stderr.write(`payplan ${command}: give exactly one plan file\n`);
    return undefined;
  }
  return args.positionals[0];
}
