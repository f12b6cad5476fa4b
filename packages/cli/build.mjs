// Builds the published `payplan` command: one ES module, dist/payplan.js, bundling the CLI with every
// @payplan package and their dependencies (chevrotain, decimal.js, zod, csv-parse, commander,
// vscode-languageserver), so installing it fetches nothing else. TypeScript stays a dependency,
// loaded only by `compile --js`. Node 20 runs the bundle as is: no tsx, no loader.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(`${here}package.json`, 'utf8'));
const outfile = `${here}dist/payplan.js`;

await build({
  entryPoints: [`${here}src/entry.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['typescript'],
  // Bundled CommonJS (commander, vscode-languageserver) calls require for Node's own modules.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as $createRequire } from 'node:module';\nconst require = $createRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
