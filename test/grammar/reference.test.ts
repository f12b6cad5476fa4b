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
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codes } from '@payplan/diagnostics';
import { keywords } from '@payplan/syntax';
import { documentTests, examples, fencedBlocks, runCli } from './doc-blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const read = (path: string): string => readFileSync(join(root, path), 'utf8');

const options = { lintsAllowed: true, updateCommand: 'UPDATE_GRAMMAR_DOCS=1 npx vitest run test/grammar' };
documentTests('grammar/README.md', options);
documentTests('grammar/diagnostics.md', options);

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
