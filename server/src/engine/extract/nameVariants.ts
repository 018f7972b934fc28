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

/**
 * The same name with its words in the other order, for names written family
 * name first or last ("Ryu Hyun-woo" / "Hyunwoo Ryu"): the last word moved to
 * the front, and the first word moved to the end. Keys (see {@link nameKey}).
 * Only whole words move, so hyphenated syllables stay together.
 */
export function reorderedKeys(name: string): string[] {
  const words = name.trim().split(/\s+/u).filter((w) => nameTokens(w).length > 0);
  if (words.length < 2) return [];
  const lastFirst = [words[words.length - 1], ...words.slice(0, -1)];
  const firstLast = [...words.slice(1), words[0]];
  return [...new Set([nameKey(lastFirst.join(' ')), nameKey(firstLast.join(' '))])].filter((k) => k !== nameKey(name));
}

/**
 * A rough key of how a name word sounds in English spelling, so that
 * romanisations and transliterations of one name meet: "Ryoo" / "Ryu",
 * "Yousef" / "Yusef", "Tchaikovsky" / "Chaikovsky" (with "tch" → "ch"),
 * "Philips" / "Filips", "Mohammed" / "Muhammad" is too far (vowels differ in
 * two places) and stays a near spelling to judge. Not Soundex: vowels are
 * kept, because "Brown" and "Brian" must stay apart.
 */
export function soundKey(word: string): string {
  let w = normalizeWord(word).replace(/[^a-z]/g, '');
  w = w
    .replace(/tch/g, 'ch')
    .replace(/ph/g, 'f')
    .replace(/ck|q|c(?![eiyh])/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/kh|gh/g, (m) => m[0])
    .replace(/oo|ou/g, 'u')
    .replace(/ee|ea|ie/g, 'i')
    .replace(/(.)\1+/g, '$1');
  return w;
}
