/**
 * The examples in grammar/*.md, as tests see them. A markdown file is cut into fenced blocks; the
 * first word of a block's info string says what it is:
 *
 *   payplan            a plan that must check with no errors (and no warnings but lints)
 *   payplan-error      a plan that must have errors; each `# error: CODE` comment names one of them
 *   payplan-warning    a plan with no errors but warnings; `# warning: CODE` names one of them
 *   csv NAME, json NAME   a data file NAME.csv / NAME.json for the plan block above it
 *   output ARGS        what `payplan ARGS` prints on both streams, as a terminal shows them, for
 *                      the plan block above it, run in a folder holding `plan.payplan` and the
 *                      data blocks between the two (a later block for a file replaces an earlier one)
 *
 * A plan block that does not start with a `plan "…"` header is a fragment: it is checked after the
 * file's prelude (the block tagged `payplan prelude`), unless its info string says `complete`.
 * Other blocks (`text`, `ebnf`, untagged) are prose.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '@payplan/core';
import { renderDiagnostics, type Code } from '@payplan/diagnostics';
import { main } from '../../packages/cli/src/main.js';
import { root } from '../support/plans.js';

export interface Block {
  /** The info string's words: `['output', 'run', '--payee', 'ana']`. */
  readonly info: readonly string[];
  readonly text: string;
  /** One-based line of the opening fence, for messages. */
  readonly line: number;
  /** The `##` heading the block is under, if any. */
  readonly section: string | undefined;
  /** Offsets of the block's content in the markdown (for rewriting output blocks). */
  readonly start: number;
  readonly end: number;
}

export function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let offset = 0;
  let section: string | undefined;
  let open: { fence: string; info: string[]; line: number; start: number; section: string | undefined } | undefined;
  lines.forEach((line, i) => {
    const lineStart = offset;
    offset += line.length + 1;
    if (open) {
      const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
        const text = markdown.slice(open.start, lineStart);
        blocks.push({ info: open.info, text, line: open.line, section: open.section, start: open.start, end: lineStart });
        open = undefined;
      }
      return;
    }
    const m = /^\s{0,3}(`{3,}|~{3,})\s*(.*)$/.exec(line);
    if (m) {
      open = { fence: m[1]!, info: m[2]!.trim().split(/\s+/).filter(Boolean), line: i + 1, start: offset, section };
      return;
    }
    const h = /^##\s+(.*)$/.exec(line);
    if (h) section = h[1]!.trim();
  });
  if (open) throw new Error(`line ${open.line}: a fenced block is never closed`);
  return blocks;
}

export type ExampleKind = 'ok' | 'error' | 'warning';

export interface Example {
  readonly block: Block;
  readonly kind: ExampleKind;
  /** The text that is checked: the block, after the prelude when it is a fragment. */
  readonly plan: string;
  /** Codes named by `# error: CODE` / `# warning: CODE` comments. */
  readonly codes: readonly string[];
  readonly data: Block[];
  readonly outputs: Block[];
}

const planKinds: Record<string, ExampleKind> = { payplan: 'ok', 'payplan-error': 'error', 'payplan-warning': 'warning' };

/** Groups a file's blocks into examples: each plan block with the data and output blocks after it. */
export function examples(markdown: string): Example[] {
  const blocks = fencedBlocks(markdown);
  const prelude = blocks.find((b) => b.info[0] === 'payplan' && b.info.includes('prelude'));
  const out: Example[] = [];
  for (const b of blocks) {
    const lang = b.info[0] ?? '';
    const kind = planKinds[lang];
    if (kind) {
      const fragment = !/^(\s*(#.*)?\n)*\s*plan\s+"/.test(b.text) && !b.info.includes('complete') && b !== prelude;
      if (fragment && !prelude) throw new Error(`line ${b.line}: a fragment needs a \`payplan prelude\` block in the same file`);
      const codes = [...b.text.matchAll(/#\s*(?:error|warning):\s*([A-Z]\d{3})/g)].map((m) => m[1]!);
      out.push({ block: b, kind, plan: fragment ? `${prelude!.text}\n${b.text}` : b.text, codes, data: [], outputs: [] });
      continue;
    }
    if (lang === 'csv' || lang === 'json' || lang === 'output') {
      const current = out[out.length - 1];
      if (!current) throw new Error(`line ${b.line}: a \`${lang}\` block needs a plan block before it`);
      if (lang === 'output') current.outputs.push(b);
      else {
        if (!b.info[1]) throw new Error(`line ${b.line}: name the data file's table, as in \`${lang} deals\``);
        current.data.push(b);
      }
    }
  }
  return out;
}

/**
 * Runs the CLI as a user would, in a fresh folder holding `plan.payplan` and the example's data
 * files, and returns what it printed on both streams.
 */
export async function runCli(example: Example, output: Block): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'payplan-doc-'));
  try {
    writeFileSync(join(dir, 'plan.payplan'), example.plan);
    // The data blocks above the output block; a later block for the same file replaces an earlier one.
    for (const d of example.data.filter((b) => b.start < output.start)) writeFileSync(join(dir, `${d.info[1]}.${d.info[0]}`), d.text);
    const [command = 'check', ...args] = output.info.slice(1);
    // Both streams into one, in the order they are written: what a terminal shows.
    let printed = '';
    const write = (s: string) => (printed += s);
    await main([command, 'plan.payplan', ...args], { stdout: { write }, stderr: { write }, cwd: dir });
    return normalize(printed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Output as compared: no trailing spaces, one final newline. */
export const normalize = (s: string): string => s.replace(/[ \t]+$/gm, '').replace(/\n*$/, '\n');

/** Replaces the contents of blocks (end to start, so offsets stay valid). */
export function rewriteBlocks(markdown: string, replacements: readonly { block: Block; text: string }[]): string {
  let out = markdown;
  for (const r of [...replacements].sort((a, b) => b.block.start - a.block.start)) {
    out = out.slice(0, r.block.start) + r.text + out.slice(r.block.end);
  }
  return out;
}

export type Rewrite = { block: Block; text: string };

export interface DocumentOptions {
  /** Whether lints (L codes) may speak in a `payplan` block: a reference fragment often declares a value only to show it. */
  readonly lintsAllowed: boolean;
  /** The command that rewrites the output blocks, named in failure messages. */
  readonly updateCommand: string;
  /** More tests on the same document, whose rewrites are written back with the rest. */
  readonly more?: (markdown: string, rewrites: Rewrite[]) => void;
}

/** Checks an example plan as its tag says: clean, with warnings and no error, or failing; and with every code it names. */
function checkExample(ex: Example, lintsAllowed: boolean): void {
  const checked = check(ex.plan, 'plan.payplan');
  const shown = renderDiagnostics(checked.diagnostics, new Map([['plan.payplan', checked.source]]));
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  const warnings = checked.diagnostics.filter((d) => d.severity === 'warning');
  const found = new Set(checked.diagnostics.map((d) => d.code));
  switch (ex.kind) {
    case 'ok':
      expect(checked.diagnostics.filter((d) => !lintsAllowed || !d.code.startsWith('L')), `this example must check cleanly, but:\n${shown}`).toEqual([]);
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

/**
 * The tests that keep one document true: every example plan checks as its tag says, and every
 * `output` block is exactly what the CLI prints. With UPDATE_GRAMMAR_DOCS=1 the output blocks are
 * rewritten instead, for review with `git diff grammar/`.
 */
export function documentTests(path: string, options: DocumentOptions): void {
  const update = process.env['UPDATE_GRAMMAR_DOCS'] === '1';
  describe(path, () => {
    const markdown = readFileSync(join(root, path), 'utf8');
    const all = examples(markdown);
    const rewrites: Rewrite[] = [];

    it('has examples', () => expect(all.length).toBeGreaterThan(0));

    for (const ex of all) {
      const what = ex.kind === 'ok' ? 'checks cleanly' : `fails${ex.codes.length ? ` with ${ex.codes.join(', ')}` : ''}`;
      it(`line ${ex.block.line}: the plan ${ex.kind === 'warning' ? 'has warnings' : what}`, () => checkExample(ex, options.lintsAllowed));
      for (const out of ex.outputs) {
        it(`line ${out.line}: payplan ${out.info.slice(1).join(' ')} prints what is shown`, async () => {
          const actual = await runCli(ex, out);
          if (update) {
            if (actual !== normalize(out.text)) rewrites.push({ block: out, text: actual });
            return;
          }
          expect(actual, `${path} line ${out.line}: the CLI prints something else; if the change is intended, run \`${options.updateCommand}\` and review \`git diff grammar/\``).toBe(normalize(out.text));
        });
      }
    }
    options.more?.(markdown, rewrites);

    afterAll(() => {
      if (update && rewrites.length) writeFileSync(join(root, path), rewriteBlocks(markdown, rewrites));
    });
  });
}
