/** @payplan/language-server: the Language Server Protocol over @payplan/language-service (`payplan lsp`). */
export { startServer } from './server.js';
export { occurrences, rename, symbolAt } from './references.js';
export { semanticTokens, tokenTypes, tokenModifiers } from './semantic-tokens.js';
export { snippets, type Snippet } from './snippets.js';
