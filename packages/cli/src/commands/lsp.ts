/**
 * `payplan lsp`: the language server over standard input and output, for editors (the VS Code
 * extension in editors/vscode starts it this way). Runs until the client says exit.
 */
import { startServer } from '@payplan/language-server';
import lsp from 'vscode-languageserver/node';
import type { Command } from '../io.js';

export const lspCommand: Command = {
  summary: 'run the language server for editors (over stdio)',
  usage: 'payplan lsp [--stdio]',
  run(args, io) {
    if (args.positionals.length) return (io.stderr.write(`payplan lsp: takes no files (the editor sends them)\nusage: ${lspCommand.usage}\n`), 2);
    const connection = lsp.createConnection(new lsp.StreamMessageReader(process.stdin), new lsp.StreamMessageWriter(process.stdout));
    startServer(connection);
    // The connection exits the process when the client sends `exit`.
    return new Promise<never>(() => {});
  },
};
