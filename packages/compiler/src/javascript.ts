/**
 * A compiled module as JavaScript: takes the TypeScript text emit.ts produces; returns an ESM `.js`
 * file (types stripped by TypeScript's transpileModule) and its `.d.ts` (TypeScript's
 * transpileDeclaration: every export of a compiled module carries an explicit type, so declarations
 * need no type checking). TypeScript is loaded only when JavaScript is asked for, so embedding the
 * compiler in a browser (the playground) does not pull it in.
 */
export interface JavaScriptOutput {
  readonly js: string;
  readonly dts: string;
}

/** Named in a variable so bundlers (the playground's Vite) leave TypeScript out instead of packing it. */
const typescriptModule = 'typescript';

export async function toJavaScript(code: string, fileName = 'plan.ts'): Promise<JavaScriptOutput> {
  const loaded = (await import(/* @vite-ignore */ typescriptModule)) as typeof import('typescript') & { default?: typeof import('typescript') };
  const ts = loaded.default ?? loaded;
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    verbatimModuleSyntax: false,
    isolatedModules: true,
    declaration: true,
    removeComments: false,
  };
  const js = ts.transpileModule(code, { compilerOptions, fileName, reportDiagnostics: false }).outputText;
  const dts = ts.transpileDeclaration(code, { compilerOptions, fileName, reportDiagnostics: false }).outputText;
  return { js, dts };
}
