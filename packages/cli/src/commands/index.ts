/** Every `payplan` command, by name. A new command is one module and one line here. */
import type { Command } from '../io.js';
import { testCommand } from './test.js';
import { checkCommand } from './check.js';
import { compileCommand } from './compile.js';
import { explainCommand, runCommand } from './run.js';
import { fmtCommand } from './fmt.js';
import { diffCommand } from './diff.js';
import { initCommand } from './init.js';
import { lspCommand } from './lsp.js';

export const commands: Record<string, Command> = {
  check: checkCommand,
  compile: compileCommand,
  run: runCommand,
  explain: explainCommand,
  test: testCommand,
  fmt: fmtCommand,
  diff: diffCommand,
  init: initCommand,
  lsp: lspCommand,
};
