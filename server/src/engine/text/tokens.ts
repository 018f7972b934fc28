/**
 * Word tokens with offsets, and the normalisation every comparison uses.
 *
 * Matching a quotation "allowing for case, punctuation and quote styles"
 * reduces to comparing normalised word sequences, so every module that
 * compares words goes through {@link normalizeWord}.
 */

/** A word of a text: its normalised form and where it stands. */
export interface WordToken {
  /** Normalised form (see {@link normalizeWord}). */
  norm: string;
  start: number;
  end: number;
}

// Letters, digits and marks, with inner apostrophes, hyphens, periods and
// commas kept inside one word ("don't", "Jong-un", "U.S.", "3,000", "2.5").
const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['’.,\-‐‑][\p{L}\p{N}\p{M}]+)*/gu;

/**
 * Normalises one word for comparison: lower case, typographic apostrophes and
 * hyphens folded, diacritics removed, and inner periods/hyphens dropped, so that
 * "U.S." = "us", "Jong-un" = "jongun" and "don’t" = "don't".
 */
export function normalizeWord(word: string): string {
  const w = word.toLowerCase();
  // Called for every word read (drafts and corpus alike): one pass over the characters decides what is to do.
  let strip = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c > 0x7f) return w.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[’‘`´]/g, "'").replace(/[.\-‐‑]/g, '');
    if (c === 46 /* . */ || c === 45 /* - */) strip = true;
  }
  // ASCII only: the Unicode hyphens cannot occur.
  return strip ? w.replace(/[.-]/g, '') : w;
}

/** Splits `text` (or `text.slice(start, end)`) into word tokens with absolute offsets. */
export function tokenize(text: string, start = 0, end = text.length): WordToken[] {
  const out: WordToken[] = [];
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(slice); m !== null; m = WORD_RE.exec(slice)) {
    // A trailing comma group like "2018,2019" is rare; numbers keep their commas.
    const norm = normalizeWord(m[0]);
    if (norm.length === 0) continue;
    out.push({ norm, start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}

/** English function words that carry no content; used to weigh and skip words, never to change verdicts alone. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we you i his her their our your my me him them us not no do does did has have had will would can could ' +
    'should may might must shall so than then there here what which who whom whose when where why how all any some such ' +
    'into over after before about up down out off also very much more most less just only even still').split(' '),
);
