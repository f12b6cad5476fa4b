/**
 * The payplan extension: a client of the payplan language server. By default it runs the server
 * bundled beside it (dist/server.cjs, built from @payplan/language-server); the `payplan.server.path`
 * setting points it at an installed `payplan` command instead (`payplan lsp`).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration('payplan').get<string>('server.path', '');
  const server: ServerOptions = command
    ? { command, args: ['lsp', '--stdio'], transport: TransportKind.stdio }
    : { module: context.asAbsolutePath('dist/server.cjs'), transport: TransportKind.stdio };
  const options: LanguageClientOptions = { documentSelector: [{ language: 'payplan' }] };
  client = new LanguageClient('payplan', 'payplan', server, options);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
