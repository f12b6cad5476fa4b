/** The language server the extension bundles: @payplan/language-server over stdio (what `payplan lsp` runs). */
import { startServer } from '@payplan/language-server';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';

startServer(createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout)));
