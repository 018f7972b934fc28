import type { SourcePosition } from '../types';
import { floorIndex } from './sortedSearch';

export { floorIndex };

/** Offsets at which each line of `source` starts (after `\n`, `\r\n` or a lone `\r`, as in LSP). */
export function computeLineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 /* \n */) starts.push(i + 1);
    else if (c === 13 /* \r */) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Converts an offset to a 0-based line and UTF-16 character, given the text's {@link computeLineStarts}. */
export function positionAt(lineStarts: readonly number[], offset: number): SourcePosition {
  const o = Math.max(0, offset);
  const line = floorIndex(lineStarts, o);
  return { line, character: o - lineStarts[line] };
}
