/**
 * Text as PostgreSQL accepts it. Corpus text is untrusted and JavaScript
 * strings may hold what a `text` column refuses (NUL, lone surrogates): such
 * characters are replaced one for one (offsets stay right) in the columns SQL
 * searches, while the exact text travels in a `json` column. Draft text only
 * ever reaches SQL as a bound parameter; the one value built here, a tsquery,
 * is data too (a quoted lexeme list), never SQL.
 */

// NUL, and surrogates not part of a pair.
const UNSAFE_RE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** True when `text` holds a character a PostgreSQL `text` value cannot. */
export function hasSqlUnsafe(text: string): boolean {
  UNSAFE_RE.lastIndex = 0;
  return UNSAFE_RE.test(text);
}

/** `text` with NUL and lone surrogates replaced by U+FFFD, one UTF-16 unit for one. */
export function sqlSafe(text: string): string {
  return hasSqlUnsafe(text) ? text.replace(UNSAFE_RE, '\ufffd') : text;
}

/** Longest lexeme, in UTF-8 bytes, PostgreSQL keeps in a tsvector (its limit is 2,047). */
export const MAX_LEXEME_BYTES = 2_000;

/** Whether a normalised word can stand as a lexeme (a longer one is left out of vectors and queries alike). */
export function isLexeme(word: string): boolean {
  if (word.length === 0) return false;
  // A UTF-16 unit is at most 3 UTF-8 bytes: most words need no counting.
  return word.length * 3 <= MAX_LEXEME_BYTES || Buffer.byteLength(word) <= MAX_LEXEME_BYTES;
}

/** A tsquery (as text, bound as a parameter) requiring every word: `'a' & 'b'`, each lexeme quoted. */
export function allOfQuery(words: readonly string[]): string {
  return words.map(quoteLexeme).join(' & ');
}

/** A tsquery (as text) matching any of the words. */
export function anyOfQuery(words: readonly string[]): string {
  return words.map(quoteLexeme).join(' | ');
}

/** One lexeme quoted for tsquery input: backslashes and quotes escaped, so the word is taken as it is. */
function quoteLexeme(word: string): string {
  return `'${sqlSafe(word).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
