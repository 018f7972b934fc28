import type { WordDiffPart } from '../types';

/**
 * Builds a word-level difference from an alignment of draft words to source
 * words. `pairs` holds (draft index, source index) pairs of equal words, in
 * order; words outside the pairs are `added` (draft only) or `removed`
 * (source only). Runs of one kind are joined with spaces.
 */
export function wordDiff(draftWords: readonly string[], sourceWords: readonly string[], pairs: ReadonlyArray<readonly [number, number]>): WordDiffPart[] {
  const parts: WordDiffPart[] = [];
  const push = (kind: WordDiffPart['kind'], word: string): void => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += ` ${word}`;
    else parts.push({ kind, text: word });
  };
  let d = 0;
  let s = 0;
  for (const [pd, ps] of [...pairs, [draftWords.length, sourceWords.length] as const]) {
    // Source words dropped come before draft words added, as a reader expects "was → is".
    while (s < ps) push('removed', sourceWords[s++]);
    while (d < pd) push('added', draftWords[d++]);
    if (pd < draftWords.length && ps < sourceWords.length) {
      push('same', draftWords[pd]);
      d = pd + 1;
      s = ps + 1;
    }
  }
  return parts;
}

/** A one-line rendering of a diff: `same [-removed-] {+added+}`, as in `git diff --word-diff`. */
export function formatWordDiff(parts: readonly WordDiffPart[]): string {
  return parts
    .map((p) => (p.kind === 'same' ? p.text : p.kind === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join(' ');
}
