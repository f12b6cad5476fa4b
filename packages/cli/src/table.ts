/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */

export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...cells): spreading a million statements' cells overflows the stack.
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, width(r[i] ?? '')), width(h)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^-?[\d,]+(\.\d+…?)?$|^$/.test(r[i] ?? '')));
  const fmt = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? pad(c, widths[i]!, 'left') : pad(c, widths[i]!, 'right')))
      .join('  ')
      .trimEnd();
  return [fmt(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number, side: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return side === 'left' ? fill + s : s + fill;
}
