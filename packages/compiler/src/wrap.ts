/**
 * A small code builder for the generated module: long lists of names wrapped to a width, so an
 * import reads as a person would write it.
 */

/** Items joined with ", " in lines of at most `width` characters, each line starting with `indent` and ending in a comma. */
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
