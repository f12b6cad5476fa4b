/**
 * Keeps the language reference true. Every example in grammar/README.md and grammar/diagnostics.md
 * is checked (see doc-blocks.ts for how blocks are tagged): `payplan` blocks check with no error
 * and no warning other than a lint, `payplan-error` blocks fail with the codes their `# error:` comments name, and every
 * `output` block is exactly what the CLI prints for its plan and data. diagnostics.md must document
 * every code of the catalogue, with an example that really produces it unless it is reserved.
 *
 * When the CLI's output changes on purpose, rewrite the output blocks with
 * `UPDATE_GRAMMAR_DOCS=1 npx vitest run test/grammar` and review them with `git diff grammar/`.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '@payplan/core';
import { codes, renderDiagnostics, type Code } from '@payplan/diagnostics';
import { keywords } from '@payplan/syntax';
import { examples, fencedBlocks, normalize, rewriteBlocks, runCli, type Block, type Example } from './doc-blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const update = process.env['UPDATE_GRAMMAR_DOCS'] === '1';
const howToUpdate = 'if the change is intended, run `UPDATE_GRAMMAR_DOCS=1 npx vitest run test/grammar` and review `git diff grammar/`';

const read = (path: string): string => readFileSync(join(root, path), 'utf8');

function checkExample(ex: Example): void {
  const checked = check(ex.plan, 'plan.payplan');
  const shown = renderDiagnostics(checked.diagnostics, new Map([['plan.payplan', checked.source]]));
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  const warnings = checked.diagnostics.filter((d) => d.severity === 'warning');
  const found = new Set(checked.diagnostics.map((d) => d.code));
  switch (ex.kind) {
    case 'ok':
      // Lints (L codes) may speak: a fragment often declares a value only to show it.
      expect(checked.diagnostics.filter((d) => !d.code.startsWith('L')), `this example must check cleanly, but:\n${shown}`).toEqual([]);
      break;
    case 'error':
      expect(errors.length, 'this `payplan-error` example must have at least one error').toBeGreaterThan(0);
      break;
    case 'warning':
      expect(errors, `this \`payplan-warning\` example must have no errors, but:\n${shown}`).toEqual([]);
      expect(warnings.length, 'this `payplan-warning` example must have at least one warning').toBeGreaterThan(0);
      break;
  }
  for (const code of ex.codes) expect(found.has(code as Code), `the example names ${code}, but checking it gives:\n${shown}`).toBe(true);
}

function documentTests(path: string): void {
  describe(path, () => {
    const markdown = read(path);
    const all = examples(markdown);
    const rewrites: { block: Block; text: string }[] = [];

    it('has examples', () => expect(all.length).toBeGreaterThan(0));

    for (const ex of all) {
      const what = ex.kind === 'ok' ? 'checks cleanly' : `fails${ex.codes.length ? ` with ${ex.codes.join(', ')}` : ''}`;
      it(`line ${ex.block.line}: the plan ${ex.kind === 'warning' ? 'has warnings' : what}`, () => checkExample(ex));
      for (const out of ex.outputs) {
        it(`line ${out.line}: payplan ${out.info.slice(1).join(' ')} prints what is shown`, async () => {
          const actual = await runCli(ex, out);
          if (update) {
            if (actual !== normalize(out.text)) rewrites.push({ block: out, text: actual });
            return;
          }
          expect(actual, `${path} line ${out.line}: the CLI prints something else; ${howToUpdate}`).toBe(normalize(out.text));
        });
      }
    }

    afterAll(() => {
      if (update && rewrites.length) writeFileSync(join(root, path), rewriteBlocks(markdown, rewrites));
    });
  });
}

documentTests('grammar/README.md');
documentTests('grammar/diagnostics.md');

describe('grammar/README.md', () => {
  it('lists exactly the reserved keywords of the lexer', () => {
    const m = /<!-- keywords[^>]*-->([\s\S]*?)<!-- \/keywords -->/.exec(read('grammar/README.md'));
    expect(m, 'the keyword list must sit between <!-- keywords … --> and <!-- /keywords -->').not.toBeNull();
    const listed = [...m![1]!.matchAll(/`([^`]+)`/g)].map((k) => k[1]!);
    const missing = keywords.filter((k) => !listed.includes(k));
    const extra = listed.filter((k) => !keywords.includes(k));
    expect({ missing, extra }, 'the README keyword list must equal the lexer\'s keywords (and a new keyword needs its construct documented)').toEqual({ missing: [], extra: [] });
    expect(listed, 'keep the list in alphabetical order').toEqual([...listed].sort());
  });

  it('shows every block tag it uses correctly', () => {
    // A typo in a tag (`payplan-eror`) would silently turn an example into prose.
    const known = /^(payplan|payplan-error|payplan-warning|csv|json|output|text|ebnf)$/;
    for (const b of fencedBlocks(read('grammar/README.md'))) expect(b.info[0] ?? '', `line ${b.line}`).toMatch(known);
  });
});

// ─── diagnostics.md ─────────────────────────────────────────────────────────────────────────────

/** Codes that some package reports: a quoted code outside the catalogue, in packages/<name>/src. */
function emittedCodes(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ts$/.test(name) && !p.endsWith(join('diagnostics', 'src', 'codes.ts'))) {
        for (const m of readFileSync(p, 'utf8').matchAll(/['"`]([A-Z]\d{3})['"`]/g)) found.add(m[1]!);
      }
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'))) {
    const src = join(root, 'packages', pkg, 'src');
    try {
      if (statSync(src).isDirectory()) walk(src);
    } catch {
      // a package without sources yet
    }
  }
  return found;
}

interface Section {
  readonly code: string;
  readonly title: string;
  readonly text: string;
}

function sections(markdown: string): Section[] {
  const out: Section[] = [];
  const parts = markdown.split(/^## /m).slice(1);
  for (const part of parts) {
    const m = /^([A-Z]\d{3}) — (.*)$/m.exec(part.split('\n')[0] ?? '');
    if (m) out.push({ code: m[1]!, title: m[2]!.trim(), text: part });
  }
  return out;
}

describe('grammar/diagnostics.md', () => {
  const markdown = read('grammar/diagnostics.md');
  const documented = sections(markdown);
  const emitted = emittedCodes();
  const all = examples(markdown);

  it('has a `## CODE — title` heading for every code in codes.ts, with the catalogue title', () => {
    for (const [code, title] of Object.entries(codes)) {
      const s = documented.find((d) => d.code === code);
      expect(s, `diagnostics.md has no heading "## ${code} — ${title}"`).toBeDefined();
      expect(s!.title, `the heading of ${code} must repeat its title in codes.ts`).toBe(title);
    }
  });

  it('documents no code that is not in codes.ts, and each only once', () => {
    const seen = documented.map((d) => d.code);
    expect(seen.filter((c) => !(c in codes))).toEqual([]);
    expect(seen.filter((c, i) => seen.indexOf(c) !== i)).toEqual([]);
  });

  for (const s of documented) {
    const reserved = /^\*\*Reserved\.\*\*/m.test(s.text);
    if (reserved) {
      it(`${s.code} is reserved: no stage reports it yet`, () => {
        expect(emitted.has(s.code), `${s.code} is now reported by some stage: replace "Reserved" with its real example`).toBe(false);
      });
      continue;
    }
    it(`${s.code} is reported by some stage and has an example that produces it`, async () => {
      expect(emitted.has(s.code), `no package reports ${s.code}: mark its entry **Reserved.**`).toBe(true);
      const mine = all.filter((ex) => ex.block.section?.startsWith(s.code));
      const named = mine.some((ex) => ex.codes.includes(s.code));
      let shown = false;
      for (const ex of mine) {
        for (const out of ex.outputs) if ((await runCli(ex, out)).includes(`[${s.code}]`)) shown = true;
      }
      expect(named || shown, `the ${s.code} entry needs an example whose \`# error:\` comment names it, or whose output shows it`).toBe(true);
    });
  }
});
