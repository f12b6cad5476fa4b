/**
 * Keeps grammar/tools.md true, the way test/grammar keeps the reference true: every plan block
 * checks as its tag says (`payplan` with no diagnostic at all, `payplan-warning` with warnings and
 * no error, each `# warning: CODE` produced), every `output` block is exactly what the CLI prints,
 * and the text block after `<!-- diff: FILE -->` is exactly that golden diff output. Rewrite the
 * blocks with `UPDATE_GRAMMAR_DOCS=1 npx vitest run test/lint` and review `git diff grammar/`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '@payplan/core';
import { renderDiagnostics } from '@payplan/diagnostics';
import { examples, fencedBlocks, normalize, rewriteBlocks, runCli, type Block } from '../grammar/doc-blocks.js';
import { root } from '../support/plans.js';

const path = 'grammar/tools.md';
const update = process.env['UPDATE_GRAMMAR_DOCS'] === '1';
const markdown = readFileSync(join(root, path), 'utf8');
const rewrites: { block: Block; text: string }[] = [];

describe(path, () => {
  const all = examples(markdown);
  it('has examples', () => expect(all.length).toBeGreaterThan(0));

  for (const ex of all) {
    it(`line ${ex.block.line}: the plan checks as its tag says`, () => {
      const checked = check(ex.plan, 'plan.payplan');
      const shown = renderDiagnostics(checked.diagnostics, new Map([['plan.payplan', checked.source]]));
      const errors = checked.diagnostics.filter((d) => d.severity === 'error');
      if (ex.kind === 'ok') expect(checked.diagnostics, shown).toEqual([]);
      if (ex.kind === 'warning') {
        expect(errors, shown).toEqual([]);
        expect(checked.diagnostics.length, shown).toBeGreaterThan(0);
      }
      if (ex.kind === 'error') expect(errors.length, shown).toBeGreaterThan(0);
      for (const code of ex.codes) expect(checked.diagnostics.map((d) => d.code), shown).toContain(code);
    });
    for (const out of ex.outputs) {
      it(`line ${out.line}: payplan ${out.info.slice(1).join(' ')} prints what is shown`, async () => {
        const actual = await runCli(ex, out);
        if (update) {
          if (actual !== normalize(out.text)) rewrites.push({ block: out, text: actual });
          return;
        }
        expect(actual, `${path} line ${out.line}: run UPDATE_GRAMMAR_DOCS=1 npx vitest run test/lint and review git diff grammar/`).toBe(normalize(out.text));
      });
    }
  }

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

  afterAll(() => {
    if (update && rewrites.length) writeFileSync(join(root, path), rewriteBlocks(markdown, rewrites));
  });
});
