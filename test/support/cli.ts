/** Runs the `payplan` command in-process with captured output, as the tests of each command do. */
import { main } from '../../packages/cli/src/main.js';
import { root } from './plans.js';

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], cwd = root): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd });
  return { code, stdout, stderr };
}
