/**
 * Typed schemas: each table's zod schema in a compiled module has the table's row interface as its
 * type, so `z.infer<typeof dealsSchema>` is `DealsRow`. The type-level assertions (`expectTypeOf`)
 * run through tsc over a freshly compiled module, with a control that must fail to type-check; the
 * runtime half checks that a schema passes a good row through unchanged and refuses a bad cell with
 * the message a run gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compileSource } from '@payplan/core';
import { root } from '../support/plans.js';
import { generatedDir } from './support.js';

const plan = `plan "Typed"
  currency EUR
  settle quarterly
  year 2026

table deals
  id         text key
  rep        payee
  closed     date
  qty        count
  price      money
  weight     decimal
  share      percent
  renewal    boolean
  cancelled  date optional
  note       text optional

table quotas per payee per period
  target  money

base sales = sum of qty * price over deals
commission on sales pay 5%
`;

const dir = join(generatedDir, 'typed-schemas');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Type-checks `files` (in `dir`) as the workspace does; the errors, or '' when there are none. */
function typecheck(name: string, body: string): string {
  writeFileSync(join(dir, `${name}.ts`), `import { expectTypeOf } from 'vitest';\nimport type { z } from 'zod';\nimport type * as M from './plan.js';\n${body}\n`);
  const base = relative(dir, join(root, 'tsconfig.base.json'));
  writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ extends: base, compilerOptions: { types: ['node'], noUnusedLocals: false, noUnusedParameters: false }, files: [`${name}.ts`] }));
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', join(dir, `tsconfig.${name}.json`)], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

/** The generated module's schemas, as this file sees them (tsc checks their real types above). */
interface Module {
  readonly dealsSchema: z.ZodType;
  readonly quotasSchema: z.ZodType;
}
let module: Module;

beforeAll(async () => {
  const compiled = compileSource(plan, 'typed.payplan');
  if (!compiled.code) throw new Error(JSON.stringify(compiled.diagnostics));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'plan.ts'), compiled.code);
  module = (await import(pathToFileURL(join(dir, 'plan.ts')).href)) as Module;
});

describe('each table has a zod schema typed as its row interface', () => {
  it('z.infer and z.input of each schema are the row interface (and the check can fail: the last line must not type-check)', () => {
    const errors = typecheck(
      'types',
      `expectTypeOf<z.infer<typeof M.dealsSchema>>().toEqualTypeOf<M.DealsRow>();
expectTypeOf<z.input<typeof M.dealsSchema>>().toEqualTypeOf<M.DealsRow>();
expectTypeOf<z.infer<typeof M.quotasSchema>>().toEqualTypeOf<M.QuotasRow>();
expectTypeOf<z.infer<(typeof M.schemas)['deals']>>().toEqualTypeOf<M.DealsRow>();
expectTypeOf<M.DealsRow['cancelled']>().toEqualTypeOf<string | null | undefined>();
expectTypeOf<M.DealsRow['renewal']>().toEqualTypeOf<boolean | string>();
expectTypeOf<z.infer<typeof M.dealsSchema>>().toEqualTypeOf<M.QuotasRow>();`,
    );
    // Lines 1-3 are imports; line 10 is the control, a deals row is not a quotas row.
    expect(errors.split('\n').filter((l) => / error TS/.test(l)).map((l) => /types\.ts\((\d+),/.exec(l)?.[1] ?? l)).toEqual(['10']);
  }, 120_000);

  it('passes a good row through unchanged, and refuses a bad cell, a missing cell or an unknown column', () => {
    const row = { id: 'd1', rep: 'ana', closed: '2026-02-10', qty: 3, price: '120.50', weight: 1.5, share: '20%', renewal: 'yes', cancelled: null };
    expect(module.dealsSchema.parse(row)).toEqual(row);
    const messages = (r: unknown) => {
      const parsed = module.dealsSchema.safeParse(r);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(messages({ ...row, closed: '2026-02-30' })).toEqual(['closed: expected a date written YYYY-MM-DD, found "2026-02-30"']);
    expect(messages({ ...row, qty: 1.5 })).toEqual(['qty: expected a whole number (a count), found a fraction']);
    expect(messages({ ...row, price: '' })).toEqual(['price: a value is required but the cell is empty']);
    expect(messages({ ...row, bonus: 1 })).toHaveLength(1);
    expect(module.quotasSchema.parse({ payee: 'ana', period: '2026-Q1', target: 1000 })).toEqual({ payee: 'ana', period: '2026-Q1', target: 1000 });
  });
});
