/**
 * Lists the longest functions under `packages/<name>/src`, by the TypeScript compiler API: every
 * function declaration, method, constructor, accessor, function expression and arrow function,
 * measured in lines from its first line to its last (a function's nested functions count in its
 * length, and are listed on their own too). `pnpm longest [N]` prints the N longest (default 20) as
 * `lines  file:line  name`; test/house-style-functions.test.ts keeps every one within 200 lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export interface FunctionLength {
  /** The function's name: declared, or the variable, property or method it is assigned to. */
  readonly name: string;
  /** The file, relative to the repository root, with `/` separators. */
  readonly file: string;
  /** The 1-based line the function starts on. */
  readonly line: number;
  readonly lines: number;
}

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Every function under `packages/<name>/src` of `root`, longest first. */
export function functionLengths(root = repositoryRoot): FunctionLength[] {
  const out: FunctionLength[] = [];
  for (const file of sourceFiles(join(root, 'packages'))) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const rel = relative(root, file).split('\\').join('/');
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        out.push({ name: nameOf(node), file: rel, line: start + 1, lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
}

/** The `.ts`/`.tsx` files (declarations and tests aside) under each `packages/<name>/src`. */
function sourceFiles(packages: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.d\.ts$|\.test\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  for (const entry of readdirSync(packages, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const src = join(packages, entry.name, 'src');
    if (readdirSync(join(packages, entry.name)).includes('src')) walk(src);
  }
  return files.sort();
}

function nameOf(node: ts.SignatureDeclaration): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name))) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '<anonymous>';
}

function main(): void {
  const count = Number(process.argv[2] ?? 20);
  for (const f of functionLengths().slice(0, count)) console.log(`${String(f.lines).padStart(5)}  ${f.file}:${f.line}  ${f.name}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
