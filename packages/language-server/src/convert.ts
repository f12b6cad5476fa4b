/** The language service speaks one-based lines and columns (Monaco's shape); LSP speaks zero-based. Both count UTF-16 units. */
import type { Range as ServiceRange } from '@payplan/language-service';
import type { Position, Range } from 'vscode-languageserver';

export const toLsp = (r: ServiceRange): Range => ({
  start: { line: r.startLineNumber - 1, character: r.startColumn - 1 },
  end: { line: r.endLineNumber - 1, character: r.endColumn - 1 },
});

/** The UTF-16 offset of an LSP position in a text, clamped to its line. */
export function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  return Math.min(offset + position.character, end < 0 ? text.length : end);
}
