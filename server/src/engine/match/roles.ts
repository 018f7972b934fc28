import { STOPWORDS, tokenize } from '../text/tokens';

// Words that say what kind of organisation, not which one: two roles "at X
// University" and "at Y University" disagree although they share "university".
const GENERIC_ORG_WORDS = new Set([
  'university', 'institute', 'embassy', 'department', 'ministry', 'house', 'office', 'news', 'agency', 'center',
  'centre', 'council', 'committee', 'foundation', 'school', 'college', 'party', 'group', 'company', 'bank',
  'association', 'government', 'times', 'post', 'daily', 'the', 'of', 'for', 'and', 'in', 'at',
]);

// Honorifics and modifiers that do not change who someone is ("Mr", "former", "senior").
const NEUTRAL_WORDS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'former', 'senior', 'current', 'acting', 'deputy', 'chief', 'top', 'then', 'one', 'key', 'leading']);

/** The content words of a role, lower-cased and normalised. */
function contentWords(role: string): string[] {
  return tokenize(role)
    .map((t) => t.norm)
    .filter((w) => !STOPWORDS.has(w) && !NEUTRAL_WORDS.has(w));
}

// Capitalised words that are titles, not names of organisations.
const TITLE_WORDS = new Set([
  'president', 'chairman', 'chairwoman', 'professor', 'prof', 'dr', 'mr', 'ms', 'mrs', 'secretary', 'minister',
  'ambassador', 'spokesperson', 'spokesman', 'spokeswoman', 'senator', 'sen', 'rep', 'gov', 'governor', 'general',
  'gen', 'former', 'chief', 'director', 'leader', 'premier', 'prime', 'vice', 'deputy', 'acting', 'senior', 'analyst',
  'expert', 'researcher', 'fellow', 'envoy', 'special', 'representative', 'press', 'chair', 'ceo', 'head', 'foreign',
]);

/**
 * Distinctive words of the organisations a role names: the capitalised words
 * after "at", "of", "with", "from", "in" or "for" when there are such phrases
 * ("a professor at Kookmin University"), else every capitalised word that is
 * not a title ("Kookmin University professor", "White House spokesperson").
 */
function organisationWords(role: string): string[] {
  const distinctive = (phrase: string): string[] =>
    tokenize(phrase)
      .filter((t) => /^\p{Lu}/u.test(phrase.slice(t.start, t.start + 1)))
      .map((t) => t.norm)
      .filter((w) => !GENERIC_ORG_WORDS.has(w) && !TITLE_WORDS.has(w));
  const out: string[] = [];
  const re = /\b(?:at|of|with|from|in|for)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’.-]*\s*)+)/gu;
  for (let m = re.exec(role); m !== null; m = re.exec(role)) out.push(...distinctive(m[1]));
  return out.length > 0 ? out : distinctive(role);
}

/**
 * Whether the draft's role for a person agrees with at least one role the
 * sources give: the affiliations must share a distinctive word when both
 * name one, and the roles must share content words otherwise.
 *
 * @example roleAgrees('a professor at the Sejong Institute', ['a former acting ambassador at the North Korean Embassy in Kuwait']) // false
 */
export function roleAgrees(draftRole: string, sourceRoles: readonly string[]): boolean {
  const draftWords = contentWords(draftRole);
  if (draftWords.length === 0) return true;
  const draftOrgs = organisationWords(draftRole);
  for (const source of sourceRoles) {
    const sourceWords = new Set(contentWords(source));
    const sourceOrgs = organisationWords(source);
    if (draftOrgs.length > 0 && sourceOrgs.length > 0) {
      if (draftOrgs.some((w) => sourceOrgs.includes(w))) return true;
      continue;
    }
    const shared = draftWords.filter((w) => sourceWords.has(w)).length;
    if (shared > 0 && shared * 2 >= draftWords.length) return true;
    // A bare title ("President") the source role contains.
    if (draftWords.every((w) => sourceWords.has(w))) return true;
  }
  return false;
}
