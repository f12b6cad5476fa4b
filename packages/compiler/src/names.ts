/**
 * Plan names and strings → safe TypeScript text. Takes any plan identifier (Unicode letters, reserved
 * words, `__proto__`) or string; returns an identifier or a literal that cannot break out of its
 * place in the generated module. Guarantees: every emitted identifier is a valid ECMAScript
 * IdentifierName that shadows nothing the module uses; the mapping from plan names is injective;
 * every string is a JSON string literal with U+2028/U+2029 escaped (and so contains no `${` that a
 * template could read, since it is never placed in a template); comments cannot be closed early.
 *
 * The rule a reader can rely on: plan names keep their spelling; a name containing `$` is the
 * compiler's own (plan names never contain `$`). A plan name that would clash with JavaScript or with
 * the module's own names gets a trailing `$` (`delete` → `delete$`); characters JavaScript does not
 * allow in identifiers are spelled `$u<hex>$` (`x²` → `x$ub2$`), and so is every letter outside
 * ASCII and the long-established scripts in `keptRanges` (`𞗐` → `$u1e5d0$`): the Node running the
 * checker may know a newer Unicode than the TypeScript and esbuild that read the module, and a letter
 * they do not know is a syntax error there. Strings and comments keep every character.
 */

/** ECMAScript reserved words, strict-mode restrictions and names with special meaning on objects. */
const reservedWords = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return',
  'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'arguments', 'eval', 'undefined', 'NaN',
  'Infinity', 'as', 'async', 'from', 'get', 'set', 'of', 'type', 'declare', 'namespace', 'module', 'abstract', 'readonly',
  'keyof', 'infer', 'is', 'unique', 'never', 'unknown', 'any', 'number', 'string', 'boolean', 'symbol', 'object', 'bigint',
  'satisfies', 'accessor', 'override', 'out', 'asserts', 'global', 'require',
  // Special on objects and prototypes: never used bare, even as property names.
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString',
  'toLocaleString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

/** Globals and runtime imports the generated module refers to by name. */
const moduleWords = new Set([
  'Object', 'Array', 'Map', 'Set', 'Math', 'Number', 'String', 'Boolean', 'Error', 'JSON', 'Symbol', 'BigInt', 'Date',
  'RegExp', 'Promise', 'Reflect', 'Proxy', 'globalThis', 'console', 'Function', 'Record', 'ReadonlyMap', 'Readonly',
  'Partial', 'ReturnType', 'Dec', 'ZERO', 'ONE',
]);

const idStart = /[\p{ID_Start}_]/u;
const idPart = /[\p{ID_Continue}\u200c\u200d]/u;

/**
 * Code point ranges (inclusive) outside ASCII whose identifier characters keep their spelling: blocks
 * whose letters date from Unicode 1 to 7, so every TypeScript and esbuild knows them (a test checks each
 * against the workspace's TypeScript and esbuild). Other scripts are spelled `$u<hex>$`.
 */
const keptRanges: readonly (readonly [number, number])[] = [
  [0x00c0, 0x024f], // Latin-1 letters, Latin Extended-A and -B
  [0x0370, 0x03ff], // Greek
  [0x0400, 0x04ff], // Cyrillic
  [0x05d0, 0x05ea], // Hebrew letters
  [0x0620, 0x064a], // Arabic letters
  [0x0900, 0x097f], // Devanagari
  [0x0e01, 0x0e4e], // Thai
  [0x3041, 0x30ff], // Hiragana, Katakana
  [0x4e00, 0x9fa5], // CJK Unified Ideographs of Unicode 1.1
  [0xac00, 0xd7a3], // Hangul syllables
];

/** Whether a character may appear as itself in an emitted identifier (at the start when `first`). */
function keeps(ch: string, first: boolean): boolean {
  if (ch === '$' || !(first ? idStart : idPart).test(ch)) return false;
  const c = ch.codePointAt(0)!;
  return c < 0x80 || keptRanges.some(([lo, hi]) => lo <= c && c <= hi);
}

/** A plan name as a JavaScript identifier, following the rule in the file comment. */
export function jsName(name: string): string {
  let out = '';
  let i = 0;
  for (const ch of name) {
    out += keeps(ch, i === 0) ? ch : `$u${ch.codePointAt(0)!.toString(16)}$`;
    i++;
  }
  if (out === '') return '$empty$';
  return reservedWords.has(out) || moduleWords.has(out) ? `${out}$` : out;
}

/** PascalCase of a plan name for type names: `deals` → `Deals`, `交易` stays `交易`. */
export function typeName(name: string): string {
  const id = jsName(name).replace(/\$$/, '');
  const first = id.charAt(0);
  const upper = first.toUpperCase();
  // A first character whose upper case is several characters (ß → SS) or not one jsName keeps stays.
  return upper.length === 1 && keeps(upper, true) ? upper + id.slice(1) : id;
}

/** Hands out module-level identifiers, each at most once: a second request for a taken name gets a suffix. */
export class NameTable {
  private readonly taken = new Set<string>();

  /** `reserved`: names already in use; `pattern`: a family of them (such as numbered locals). */
  constructor(
    reserved: Iterable<string> = [],
    private readonly pattern?: RegExp,
  ) {
    for (const r of reserved) this.taken.add(r);
  }

  /** `preferred` when free, else `preferred$2`, `preferred$3`, … */
  claim(preferred: string): string {
    let name = preferred;
    for (let n = 2; this.taken.has(name) || this.pattern?.test(name); n++) name = `${preferred}$${n}`;
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name) || (this.pattern?.test(name) ?? false);
  }
}

/**
 * Any string as a JavaScript string literal: JSON.stringify escapes quotes, backslashes, newlines and
 * control characters; U+2028/U+2029 are escaped too (older engines read them as line breaks). Such a
 * literal is never placed inside a template, so a `${` in it is plain text.
 */
export function jsString(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Text for inside a `/* … *\/` or `//` comment: one line, no comment terminator, no line breaks. */
export function commentText(s: string): string {
  return s.replace(/\*\//g, '*\\/').replace(/[\r\n\u2028\u2029\u0085]+/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '?');
}

const plainKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A key for an object literal the module exports (keyed by plan names): bare when plain, else computed
 * (`["__proto__"]`), since a quoted `"__proto__":` key would set the prototype instead.
 */
export function literalKey(name: string): string {
  return plainKey.test(name) && !reservedWords.has(name) ? name : `[${jsString(name)}]`;
}

/** A key in an interface or type literal: bare when plain, else quoted. */
export function typeKey(name: string): string {
  return plainKey.test(name) && !reservedWords.has(name) ? name : jsString(name);
}

/** Reads a plan-named property of an object the caller passes in: `o.deals` or `o["交易"]`. */
export function keyRead(object: string, name: string): string {
  return plainKey.test(name) && !reservedWords.has(name) ? `${object}.${name}` : `${object}[${jsString(name)}]`;
}
