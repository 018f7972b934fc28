/**
 * Offsets → source positions.
 *
 * An article's `text` is not always a plain slice of its file: HTML drops tags
 * and decodes entities, JSON decodes string escapes. Parsers therefore record a
 * piecewise {@link OffsetMap} from text offsets to source offsets while they
 * build the text, and {@link createLocator} turns a text offset into a 0-based
 * line and UTF-16 character of the source file with two binary searches.
 */

import type { SourcePosition } from '../types';
import { positionAt } from '../text/lineIndex';
import { floorIndex } from '../text/sortedSearch';

/**
 * A piecewise map from offsets in a derived text to offsets in its source.
 *
 * Piece `i` covers text offsets `[textStarts[i], textStarts[i + 1])`. When
 * `linear[i]` is true the piece is a verbatim copy and offsets move in step;
 * otherwise (a decoded entity or escape, an inserted paragraph break) every
 * offset of the piece maps to `sourceStarts[i]`, the start of what produced it.
 */
export interface OffsetMap {
  textStarts: number[];
  sourceStarts: number[];
  linear: boolean[];
  /** Length of the derived text. */
  textLength: number;
  /** Source offset the end of the text maps to. */
  sourceEnd: number;
}

/**
 * Builds an {@link OffsetMap} while a parser appends text. Verbatim runs that
 * continue the previous run are merged, so a text without escapes is one piece.
 */
export class OffsetMapBuilder {
  private readonly textStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly linear: boolean[] = [];
  private textLength = 0;
  private sourceEnd = 0;

  /** Records that `length` characters were copied verbatim from `sourceStart`. */
  copy(sourceStart: number, length: number): void {
    if (length <= 0) return;
    const n = this.linear.length;
    const continues =
      n > 0 && this.linear[n - 1] && this.sourceStarts[n - 1] + (this.textLength - this.textStarts[n - 1]) === sourceStart;
    if (!continues) this.push(sourceStart, true);
    this.textLength += length;
    this.sourceEnd = sourceStart + length;
  }

  /**
   * Records that `textLength` characters were produced by the source range
   * `[sourceStart, sourceEnd)` without a character-for-character relation.
   */
  replace(sourceStart: number, sourceEnd: number, textLength: number): void {
    if (textLength <= 0) return;
    this.push(sourceStart, false);
    this.textLength += textLength;
    this.sourceEnd = sourceEnd;
  }

  /** Moves the source position the end of the text maps to (e.g. past a closing tag). */
  setSourceEnd(sourceEnd: number): void {
    this.sourceEnd = sourceEnd;
  }

  /** Current length of the derived text. */
  get length(): number {
    return this.textLength;
  }

  /** The finished map. */
  build(): OffsetMap {
    return {
      textStarts: this.textStarts.slice(),
      sourceStarts: this.sourceStarts.slice(),
      linear: this.linear.slice(),
      textLength: this.textLength,
      sourceEnd: this.sourceEnd,
    };
  }

  private push(sourceStart: number, linear: boolean): void {
    this.textStarts.push(this.textLength);
    this.sourceStarts.push(sourceStart);
    this.linear.push(linear);
  }
}




/** Maps an offset of a derived text to an offset of its source through `map`. */
export function mapToSource(map: OffsetMap, offset: number): number {
  if (offset >= map.textLength) return map.sourceEnd;
  if (map.textStarts.length === 0) return map.sourceEnd;
  const i = floorIndex(map.textStarts, Math.max(0, offset));
  return map.linear[i] ? map.sourceStarts[i] + (Math.max(0, offset) - map.textStarts[i]) : map.sourceStarts[i];
}

/**
 * Makes an article's `locate` function: offset `o` of the article text is
 * offset `base + o` of the derived text, which `map` (identity when absent)
 * sends to a source offset, which the line starts turn into a position.
 */
export function createLocator(
  lineStarts: readonly number[],
  base: number,
  map?: OffsetMap,
): (offset: number) => SourcePosition {
  if (map === undefined) return (offset) => positionAt(lineStarts, base + offset);
  return (offset) => positionAt(lineStarts, mapToSource(map, base + offset));
}
