/**
 * The parts of a role as written ("the BBC's political editor", "UK
 * Independence Party leader"): its **post** (the head noun, grouped with its
 * synonyms), the **fields** that make one post several jobs ("political" /
 * "economics" editor) and the distinctive words of the **organisation** it
 * names. Pure text analysis, below the index and the matchers: the corpus
 * stores file roles under their post keys ({@link postKeys}), and
 * `match/roles.ts` judges two roles with the same parts.
 */
import { tokenize } from '../text/tokens';

// Words that say what kind of organisation, not which one: two roles "at X
// University" and "at Y University" disagree although they share "university".
const GENERIC_ORG_WORDS = new Set([
  'university', 'institute', 'embassy', 'department', 'ministry', 'house', 'office', 'news', 'agency', 'center',
  'centre', 'council', 'committee', 'foundation', 'school', 'college', 'party', 'group', 'company', 'bank',
  'association', 'government', 'times', 'post', 'daily', 'the', 'of', 'for', 'and', 'in', 'at', 'union', 'corporation',
  // Words most bodies' names may carry ("National Nurses United", "National Center for …"): not which body.
  'national', 'international',
]);

// Honorifics and modifiers that do not change who someone is ("Mr", "former", "senior").
export const NEUTRAL_WORDS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'former', 'senior', 'current', 'acting', 'deputy', 'chief', 'top', 'then', 'one', 'key', 'leading', 'new', 'sacked', 'outgoing', 'incoming', 'interim', 'veteran', 'longtime', 'retired', 'ex']);


/**
 * Parties and their short forms, to one spelling each: "Lib Dem" and
 * "Liberal Democrat" are one party, "Tory" and "Conservative" another.
 */
export const PARTIES: ReadonlyMap<string, string> = new Map([
  ['labour', 'labour'], ['tory', 'conservative'], ['tories', 'conservative'], ['conservative', 'conservative'], ['conservatives', 'conservative'],
  ['libdem', 'libdem'], ['libdems', 'libdem'], ['liberal democrat', 'libdem'], ['liberal democrats', 'libdem'], ['lib dem', 'libdem'], ['lib dems', 'libdem'],
  ['ukip', 'ukip'], ['snp', 'snp'], ['plaid', 'plaid'], ['green', 'green'], ['greens', 'green'], ['respect', 'respect'],
  ['democrat', 'democrat'], ['democrats', 'democrat'], ['democratic', 'democrat'], ['dem', 'democrat'], ['dems', 'democrat'],
  ['republican', 'republican'], ['republicans', 'republican'], ['gop', 'republican'],
]);


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
  'miss', 'sir', 'dame', 'lord', 'lady', 'founder', 'editor', 'author', 'mp', 'mep', 'msp', 'coach', 'manager',
  'boss', 'executive', 'correspondent', 'whip', 'home', 'interior', 'justice', 'finance', 'defence', 'defense',
  'health', 'education', 'trade', 'culture', 'environment', 'transport', 'sports', 'sport', 'economic', 'economics',
  'political', 'business', 'arts', 'science', 'legal', 'security', 'affairs', 'development', 'international',
  'treasury', 'work', 'pensions', 'majority', 'minority', 'shadow', 'opposition', 'industry', 'energy', 'employment',
  'immigration', 'agriculture', 'housing', 'communications', 'technology', 'financial', 'diplomatic', 'social', 'media',
]);

/**
 * Posts: the head nouns a role names one job by. Synonyms share a group
 * ("chairman" / "chair"; "spokesperson" / "press secretary": a press
 * secretary is the spokesperson of an office, and news copy calls one the
 * other, so they never contradict each other).
 */
export const POST_GROUPS: ReadonlyMap<string, string> = new Map([
  ['chairman', 'chair'], ['chairwoman', 'chair'], ['chair', 'chair'], ['chairperson', 'chair'],
  ['spokesman', 'spokes'], ['spokeswoman', 'spokes'], ['spokesperson', 'spokes'], ['press secretary', 'spokes'], ['spokesmen', 'spokes'],
  ['chief executive', 'ceo'], ['ceo', 'ceo'], ['boss', 'ceo'], ['managing director', 'ceo'],
  ['prime minister', 'pm'], ['premier', 'pm'], ['pm', 'pm'],
  ['vice president', 'vp'], ['vice-president', 'vp'], ['president', 'president'],
  // A secretary of state is a minister ("International Development Secretary" / "Aid minister"): one group, told apart by field.
  ['secretary', 'minister'], ['minister', 'minister'], ['chancellor', 'chancellor'], ['governor', 'governor'], ['gov', 'governor'],
  ['pres', 'president'], ['sen', 'senator'], ['prof', 'professor'],
  ['mayor', 'mayor'], ['speaker', 'speaker'], ['editor', 'editor'], ['correspondent', 'correspondent'],
  ['coach', 'coach'], ['manager', 'manager'], ['captain', 'captain'], ['skipper', 'captain'], ['director', 'director'],
  ['ambassador', 'ambassador'], ['envoy', 'envoy'], ['whip', 'whip'], ['commissioner', 'commissioner'],
  ['professor', 'professor'], ['senator', 'senator'], ['governor-elect', 'governor'], ['president-elect', 'president'],
  ['attorney general', 'attorney general'], ['secretary general', 'secretary general'], ['secretary-general', 'secretary general'],
  ['director general', 'director general'], ['director-general', 'director general'],
  ['leader', 'leader'], ['rep', 'representative'], ['representative', 'representative'], ['congressman', 'representative'],
  ['congresswoman', 'representative'], ['reporter', 'reporter'], ['adviser', 'adviser'], ['advisor', 'adviser'],
]);


/** Lower-case fields that make two posts of one name different jobs ("political editor" / "economics editor"). */
const FIELDS = new Set([
  'political', 'politics', 'economics', 'economic', 'business', 'health', 'foreign', 'home', 'defence', 'defense',
  'sports', 'sport', 'arts', 'science', 'education', 'environment', 'transport', 'technology', 'legal', 'security',
  'finance', 'financial', 'treasury', 'justice', 'interior', 'culture', 'trade', 'energy', 'work', 'pensions',
  'development', 'europe', 'european', 'world', 'diplomatic', 'royal', 'social', 'affairs', 'media', 'music',
  'entertainment', 'industry', 'employment', 'immigration', 'agriculture', 'housing', 'communications', 'national',
  // A party's leader in a chamber, or its leader in opposition, is another job than its leader; a Lord Chancellor than the Chancellor.
  'minority', 'majority', 'opposition', 'lord',
]);

/** A role's words, normalised, possessives off ("Bafta's" → "bafta"). */
export function roleTokens(role: string): Array<{ norm: string; cap: boolean }> {
  return tokenize(role).map((t) => ({ norm: t.norm.replace(/'s$/, '').replace(/'/g, ''), cap: /^\p{Lu}/u.test(role.slice(t.start, t.start + 1)) }));
}


/** The role up to a clause that is no part of it ("chancellor of the exchequer under Mr Blair"). */
export function roleProper(role: string): string {
  const cut = /\s(?:under|since|until|when|after|before|during|who|which|said|says)\s/iu.exec(role);
  return cut ? role.slice(0, cut.index) : role;
}


/** Whether a word is a party's name (part of one), so it belongs to the party dimension, not the organisation. */
export function isPartyWord(w: string): boolean {
  return PARTIES.has(w) || w === 'lib' || w === 'liberal';
}

/**
 * Distinctive words of the organisations a role names: the capitalised words
 * after "at", "of", "with", "from", "in" or "for" when there are such phrases
 * ("a professor at Kookmin University"), else every capitalised word that is
 * not a title ("Kookmin University professor", "White House spokesperson").
 * Parties are apart; a capitalised word in -ed ("Sacked MP") opens a sentence.
 */
export function organisationWords(role: string): string[] {
  // A capitalised word in -ed opens a sentence ("Sacked MP") only as the role's first word, and not as a
  // possessive ("United's chief executive": a name).
  const participle = /^\p{Lu}\p{L}*ed\b(?!['’])/u.test(role.trim());
  const distinctive = (phrase: string): string[] =>
    roleTokens(phrase)
      .filter((t, i) => t.cap && !(participle && i === 0 && phrase === role))
      .map((t) => t.norm)
      .filter((w) => w.length > 0 && !GENERIC_ORG_WORDS.has(w) && !TITLE_WORDS.has(w) && !NEUTRAL_WORDS.has(w) && !isPartyWord(w))
      .map((w) => TEAM_NICKNAMES.get(w) ?? w);
  const out: string[] = [];
  const re = /\b(?:at|of|with|from|in|for)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’.&-]*\s*(?:(?:and|of|&)\s+)?)+)/gu;
  for (let m = re.exec(role); m !== null; m = re.exec(role)) out.push(...distinctive(m[1]));
  return out.length > 0 ? out : distinctive(role);
}


/**
 * National sides' nicknames, to the country's word: "Wallabies coach" and
 * "Australia coach" name one team (equivalents are no contradiction). Only
 * nicknames that stand for one side and are no common word.
 */
const TEAM_NICKNAMES: ReadonlyMap<string, string> = new Map([
  ['wallabies', 'australia'], ['socceroos', 'australia'], ['springboks', 'africa'], ['boks', 'africa'], ['bafana', 'africa'], ['blacks', 'zealand'],
  ['azzurri', 'italy'], ['pumas', 'argentina'], ['samurai', 'japan'],
]);

/** The post a role names (its last post noun before a preposition), grouped, with the fields before it. */
export function postOf(role: string): { post: string; fields: Set<string> } | undefined {
  const words = roleTokens(role).map((t) => t.norm);
  const head: string[] = [];
  for (const w of words) {
    if (/^(?:at|of|for|in|with|from|on|to|who|which|based|under)$/.test(w) && head.length > 0) break;
    head.push(w);
  }
  for (let i = head.length - 1; i >= 0; i--) {
    const two = i > 0 ? POST_GROUPS.get(`${head[i - 1]} ${head[i]}`) : undefined;
    const one = POST_GROUPS.get(head[i]);
    const post = two ?? one;
    if (!post) continue;
    const before = head.slice(0, two ? i - 1 : i);
    return { post, fields: new Set(before.filter((w) => FIELDS.has(w))) };
  }
  return undefined;
}

/** A post's parts, as {@link postOf} reads them. */
export type RolePost = NonNullable<ReturnType<typeof postOf>>;

/**
 * The keys a role is filed under for the title look-up: its post alone
 * ("editor"), and the post with each field and each organisation word
 * ("editor political", "editor bbc"). Empty when the role names no post.
 *
 * @example postKeys("the BBC's political editor") // ['editor', 'editor political', 'editor bbc']
 */
export function postKeys(role: string): string[] {
  const proper = roleProper(role);
  const post = postOf(proper);
  if (!post) return [];
  const out = [post.post];
  for (const f of post.fields) out.push(`${post.post} ${f}`);
  for (const w of organisationWords(proper)) out.push(`${post.post} ${w}`);
  return [...new Set(out)];
}

/**
 * The keys to look a draft's title up by: the most specific ones (post with
 * a field or an organisation word) when it has any, else the post alone.
 */
export function postQueryKeys(role: string): string[] {
  const keys = postKeys(role);
  return keys.length > 1 ? keys.slice(1) : keys;
}

/**
 * The words any role of a title's post is written with (every spelling of
 * the post's group, split into words): a store that cannot file roles by
 * key finds the candidates by these, then files them with {@link postKeys}.
 *
 * @example postSurfaceWords('the Prime Minister') // ['prime', 'minister', 'premier', 'pm']
 */
export function postSurfaceWords(role: string): string[] {
  const post = postOf(roleProper(role))?.post;
  if (post === undefined) return [];
  const out = new Set<string>();
  for (const [surface, group] of POST_GROUPS) if (group === post) for (const w of surface.split(/[\s-]+/)) out.add(w);
  return [...out];
}
