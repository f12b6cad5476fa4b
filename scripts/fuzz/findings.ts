/**
 * Findings: a crash (an exception), a wrong answer (a `PropertyFailure`), a hang (an input that
 * ran past its time limit) or a slow probe (time growing faster than its size), each with a signature that groups the inputs failing the same way, and
 * a reproducer folder holding the plan and data files and a `finding.txt`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CampaignName, FuzzInput } from './targets.js';

export type FindingKind = 'crash' | 'wrong' | 'hang' | 'slow';

export interface Finding {
  readonly kind: FindingKind;
  readonly signature: string;
  /** The error's message and stack, or what timed out. */
  readonly detail: string;
  readonly input: FuzzInput;
  /** The input's size before shrinking, in characters of its files. */
  readonly originalSize: number;
}

/** Numbers, quoted text and code spans replaced, so the same bug on different inputs reads alike. */
const generic = (s: string) =>
  s
    .replace(/`[^`]*`/g, '`…`')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+(\.\d+)?/g, '#')
    .slice(0, 120);

/** The first stack frame in our own code, without its column: where the exception came from. */
function origin(stack: string | undefined): string {
  const frame = stack?.split('\n').find((l) => /packages\/|scripts\/|test\//.test(l) && !/node_modules/.test(l));
  const m = frame && /((?:packages|scripts|test)\/[^:)]+):(\d+)/.exec(frame);
  return m ? ` @ ${m[1]}:${m[2]}` : '';
}

export function classify(err: unknown, campaign: CampaignName): { kind: FindingKind; signature: string; detail: string } {
  const e = err instanceof Error ? err : new Error(String(err));
  const kind: FindingKind = e.name === 'PropertyFailure' ? 'wrong' : 'crash';
  const first = e.message.split('\n')[0] ?? '';
  return { kind, signature: `${campaign} ${kind}: ${e.name}: ${generic(first)}${kind === 'crash' ? origin(e.stack) : ''}`, detail: e.stack ?? e.message };
}

export const inputSize = (input: FuzzInput): number => [input.plan, ...input.data].reduce((n, f) => n + f.content.length, 0);

/** Reproducers larger than this are described (replay them) rather than written. */
const largest = 2_000_000;

/** Writes `<out>/<campaign>-<kind>-<hash>/`: the files by base name, so `payplan run` finds the data beside the plan. */
export function writeReproducer(out: string, f: Finding, seed: number, count: number): string {
  const dir = join(out, `${f.input.campaign}-${f.kind}-${createHash('sha1').update(f.signature).digest('hex').slice(0, 8)}`);
  mkdirSync(dir, { recursive: true });
  const small = inputSize(f.input) <= largest;
  if (small) for (const file of [f.input.plan, ...f.input.data]) writeFileSync(join(dir, basename(file.path)), file.content);
  const command = f.input.command ?? (f.input.campaign === 'data' ? 'run' : f.input.data.length ? 'run' : 'check');
  writeFileSync(
    join(dir, 'finding.txt'),
    [
      `${f.kind}: ${f.signature}`,
      `seen ${count} time(s); first at ${f.input.campaign} input ${f.input.index} (seed ${seed}): ${f.input.label}`,
      `shrunk from ${f.originalSize} to ${inputSize(f.input)} characters`,
      `replay: pnpm fuzz --seed ${seed} --replay ${f.input.campaign}:${f.input.index}`,
      small ? `run:    pnpm payplan ${command} ${join(dir, basename(f.input.plan.path))}` : 'files:  too large to keep; replay regenerates them',
      '',
      f.detail,
      '',
    ].join('\n'),
  );
  return dir;
}
