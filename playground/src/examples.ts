/**
 * The shipped examples, bundled at build time from examples/<folder>/: every `.payplan` file there is
 * an example, with every `.csv` file of its folder as its data (`deals.csv` is table `deals`). A new
 * example folder shows up in the picker with no change here.
 */
import { gridFromCsv } from '@payplan/language-service/csv';
import type { SessionTable } from '@payplan/language-service';

const plans = import.meta.glob('../../examples/*/*.payplan', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const csvs = import.meta.glob('../../examples/*/*.csv', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Example {
  /** `account-executive` or, in a folder with several plans, `brackets/marginal`. */
  readonly id: string;
  readonly label: string;
  readonly plan: string;
  readonly tables: readonly SessionTable[];
}

const parts = (path: string): [string, string] => {
  const m = /examples\/([^/]+)\/([^/]+)\.[a-z]+$/.exec(path);
  return [m?.[1] ?? path, m?.[2] ?? path];
};

export const examples: readonly Example[] = (() => {
  const byFolder = new Map<string, string[]>();
  for (const path of Object.keys(plans).sort()) {
    const [folder] = parts(path);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path]);
  }
  const out: Example[] = [];
  for (const [folder, paths] of byFolder) {
    const tables = Object.entries(csvs)
      .filter(([p]) => parts(p)[0] === folder)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([p, text]) => ({ name: parts(p)[1], ...gridFromCsv(text) }));
    for (const path of paths) {
      const name = parts(path)[1];
      const single = paths.length === 1;
      out.push({ id: single ? folder : `${folder}/${name}`, label: single ? folder : `${folder} — ${name}`, plan: plans[path]!, tables });
    }
  }
  // The seed example first: it is the one the README walks through.
  return out.sort((a, b) => (a.id === 'account-executive' ? -1 : b.id === 'account-executive' ? 1 : a.id < b.id ? -1 : 1));
})();
