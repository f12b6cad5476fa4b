/**
 * Keeps grammar/tools.md true, the way test/grammar keeps the reference true: every plan block
 * checks as its tag says (`payplan` with no diagnostic at all, `payplan-warning` with warnings and
 * no error, each `# warning: CODE` produced), every `output` block is exactly what the CLI prints,
 * and the text block after `<!-- diff: FILE -->` is exactly that golden diff output. Rewrite the
 * blocks with `UPDATE_GRAMMAR_DOCS=1 npx vitest run test/lint` and review `git diff grammar/`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { documentTests, fencedBlocks, normalize } from '../grammar/doc-blocks.js';
import { root } from '../support/plans.js';

const update = process.env['UPDATE_GRAMMAR_DOCS'] === '1';

documentTests('grammar/tools.md', {
  lintsAllowed: false,
  updateCommand: 'UPDATE_GRAMMAR_DOCS=1 npx vitest run test/lint',
  more(markdown, rewrites) {
    const blocks = fencedBlocks(markdown);
    for (const m of markdown.matchAll(/<!-- diff: (\S+) -->/g)) {
      const file = m[1]!;
      it(`shows ${file} as it is`, () => {
        const block = blocks.find((b) => b.start > m.index);
        expect(block?.info[0], `a text block must follow <!-- diff: ${file} -->`).toBe('text');
        const actual = normalize(readFileSync(join(root, file), 'utf8'));
        if (update) {
          if (actual !== normalize(block!.text)) rewrites.push({ block: block!, text: actual });
          return;
        }
        expect(normalize(block!.text)).toBe(actual);
      });
    }
  },
});
