/** Writes the TextMate grammar (grammar/textmate.ts) where the VS Code extension reads it. */
import { writeFileSync } from 'node:fs';
import { textMateGrammar } from '../grammar/textmate.js';

const out = new URL('../editors/vscode/syntaxes/payplan.tmLanguage.json', import.meta.url);
writeFileSync(out, JSON.stringify(textMateGrammar(), null, 2) + '\n');
console.log(`wrote ${out.pathname}`);
