/**
 * A small code builder for the generated module: lines joined with the pieces left out that are
 * absent (`false`, `undefined`, `''`), and long lists of names wrapped to a width, so a section reads
 * as the code it writes rather than as nested template strings.
 */

/** The given lines, one per line, leaving out absent ones. */
export function lines(...parts: readonly (string | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}

/** Items joined with ", " in lines of at most `width` characters, each line starting with `indent`. */
export function wrapList(items: readonly string[], indent: string, width = 120): string {
  const out: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? indent + item : `${line}, ${item}`;
    if (next.length + 1 > width && line !== '') {
      out.push(`${line},`);
      line = indent + item;
    } else line = next;
  }
  if (line !== '') out.push(`${line},`);
  return out.join('\n');
}
