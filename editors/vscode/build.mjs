// Builds the extension: the client (dist/extension.cjs, `vscode` left to the editor) and the language
// server (dist/server.cjs), each one bundled CommonJS file, so the .vsix needs no node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none' };
await build({ ...common, entryPoints: [`${here}src/extension.ts`], outfile: `${here}dist/extension.cjs`, external: ['vscode'] });
await build({ ...common, entryPoints: [`${here}src/server.ts`], outfile: `${here}dist/server.cjs`, external: ['typescript'] });
