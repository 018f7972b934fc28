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
  'captain', 'capt', 'lieutenant', 'lt', 'colonel', 'col', 'sergeant', 'sgt', 'major', 'maj', 'private', 'pvt',
  'admiral', 'adm', 'commander', 'cmdr', 'officer', 'judge', 'justice', 'mayor', 'king', 'queen', 'prince',
  'princess', 'pope', 'bishop', 'rabbi', 'reverend', 'rev', 'father', 'sister', 'brother', 'chancellor',
  'congressman', 'congresswoman', 'councilman', 'councilwoman', 'attorney', 'sheriff', 'detective', 'speaker',
  'mr', 'mrs', 'ms', 'miss', 'sir', 'dame', 'lord', 'lady', 'chairwoman', 'spokesman', 'founder', 'editor', 'author',
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
 * Whether the draft's role for a person agrees with the roles the sources
 * give. Only affiliations can disagree: when the draft's role names an
 * organisation ("a professor at the Sejong Institute", "State Department
 * spokesperson") and the sources name one for the person, the two must share
 * a distinctive word or the roles most of their content words. Roles without
 * an organisation ("son", "candidate", "Captain") are descriptions that
 * sources vary freely; they never count as contradictions.
 *
 * @example roleAgrees('a professor at the Sejong Institute', ['a former acting ambassador at the North Korean Embassy in Kuwait']) // false
 */
export function roleAgrees(draftRole: string, sourceRoles: readonly string[]): boolean {
  const draftOrgs = organisationWords(draftRole);
  if (draftOrgs.length === 0) return true;
  const draftWords = contentWords(draftRole);
  let sourcesNameOrgs = false;
  for (const source of sourceRoles) {
    const sourceOrgs = organisationWords(source);
    const sourceWords = new Set(contentWords(source));
    const shared = draftWords.filter((w) => sourceWords.has(w)).length;
    if (shared > 0 && shared * 2 > draftWords.length && (sourceOrgs.length === 0 || draftOrgs.some((w) => sourceOrgs.includes(w)))) return true;
    if (sourceOrgs.length === 0) continue;
    sourcesNameOrgs = true;
    if (draftOrgs.some((w) => sourceOrgs.includes(w))) return true;
  }
  return !sourcesNameOrgs;
}
