import type { TextSpan } from '../types';
import { tokenize, type WordToken } from '../text/tokens';
import { BoundedMemo } from '../text/recentMemo';

/** How a quotation's next segment may follow the previous one in a source. */
export type SegmentGap = 'elision' | 'insertion';

/** A run of quoted words that must stand together in a source. */
export interface QuoteSegment {
  tokens: WordToken[];
  /** How this segment relates to the previous one (absent for the first). */
  gapBefore?: SegmentGap;
}

// "...", "…", ". . .", "[…]", "[...]" mark an elision; any other [bracketed] text
// is an editorial insertion that stands for (or adds to) the speaker's words.
const ELISION_OR_BRACKET_RE = /\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.|\[[^\]\n]{0,200}\]/g;

/**
 * Splits a quotation into segments at elisions and editorial brackets, so
 * that "Kim Jong Un does not need [the U.S. president] ... in 2019" can be
 * matched piece by piece.
 */
export function quoteSegments(text: string, span: TextSpan): QuoteSegment[] {
  const inner = text.slice(span.start, span.end);
  // The segments are the quotation's own (its words, offsets relative to it): two checks ask for each quotation of
  // a draft on every edit, so they are read once and shifted to where the quotation stands.
  let relative = segmentMemo.get(inner);
  if (!relative) {
    relative = segmentsOf(inner);
    segmentMemo.set(inner, relative);
  }
  return relative.map((s) => {
    const tokens = s.tokens.map((t) => ({ norm: t.norm, start: t.start + span.start, end: t.end + span.start }));
    return s.gapBefore === undefined ? { tokens } : { tokens, gapBefore: s.gapBefore };
  });
}

/** Writes to {@link quoteSegments}'s memo before its older generation is dropped. */
const SEGMENT_MEMO_GENERATION = 2048;
const segmentMemo = new BoundedMemo<QuoteSegment[]>(SEGMENT_MEMO_GENERATION);

/** The segments of a quotation's inner text, offsets relative to it. */
function segmentsOf(inner: string): QuoteSegment[] {
  const segments: QuoteSegment[] = [];
  let pos = 0;
  let pendingGap: SegmentGap | undefined;
  ELISION_OR_BRACKET_RE.lastIndex = 0;
  const push = (from: number, to: number): void => {
    const tokens = tokenize(inner, from, to);
    if (tokens.length > 0) {
      segments.push(segments.length === 0 ? { tokens } : { tokens, gapBefore: pendingGap ?? 'elision' });
      pendingGap = undefined;
    }
  };
  for (let m = ELISION_OR_BRACKET_RE.exec(inner); m !== null; m = ELISION_OR_BRACKET_RE.exec(inner)) {
    push(pos, m.index);
    const isElision = !m[0].startsWith('[') || /…|\.\s?\.\s?\./.test(m[0]);
    // An elision anywhere between two segments wins over an insertion.
    pendingGap = isElision || pendingGap === 'elision' ? 'elision' : 'insertion';
    pos = m.index + m[0].length;
  }
  push(pos, inner.length);
  return segments;
}

/** All tokens of all segments, in order. */
export function segmentTokens(segments: readonly QuoteSegment[]): WordToken[] {
  return segments.flatMap((s) => s.tokens);
}
