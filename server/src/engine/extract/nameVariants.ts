/**
 * Comparing names of people: which spellings count as the same name.
 *
 * Accepted variants differ only in case, diacritics, hyphenation and spacing
 * of syllables ("Kim Jong-un" = "Kim Jong Un" = "Kim Jongun", "Lee Jae-myung"
 * = "Lee Jaemyung"), periods and apostrophes ("O’Brien" = "OBrien"). A
 * misspelling ("Lankow" for "Lankov") is a different name: the checks, not
 * this module, decide whether it is a likely typo.
 */

import { normalizeWord } from '../text/tokens';

// Possessive endings are not part of a name ("Trump’s" names Trump).
const POSSESSIVE_RE = /['’]s$/iu;

/**
 * The normalised words of a name, split at spaces and hyphens, lower-cased,
 * without diacritics, periods or a possessive ending: "Kim Jong-un’s" →
 * ["kim", "jong", "un"]. Used to resolve a surname or given name said alone.
 */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  for (const part of name.trim().split(/[\s\-‐‑–]+/u)) {
    const w = normalizeWord(part.replace(POSSESSIVE_RE, '')).replace(/['’]/g, '');
    if (w.length > 0) out.push(w);
  }
  return out;
}

/**
 * A key that two spellings of one name share: the letters and digits of
 * {@link nameTokens}, joined without separators, so spacing and hyphenation
 * of syllables do not matter.
 */
export function nameKey(name: string): string {
  return nameTokens(name).join('');
}

/** True when `a` and `b` are accepted spellings of the same name (see the module comment). */
export function sameName(a: string, b: string): boolean {
  const ka = nameKey(a);
  return ka.length > 0 && ka === nameKey(b);
}
