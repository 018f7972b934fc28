/**
 * Whether the role a draft gives a person agrees with the roles the sources
 * give them. A role has three parts that can disagree:
 *
 * - the **organisation** it names ("professor at Kookmin University" /
 *   "at the Sejong Institute"; acronyms match their words: "BoE" = "Bank of
 *   England", "PCS" = "Public and Commercial Services");
 * - the **party** ("Lib Dem" = "Liberal Democrat", "Tory" = "Conservative"),
 *   compared only with the sources' parties, so a party never contradicts a
 *   portfolio ("Lib Dem spokesman" / "Treasury spokesman");
 * - the **post** (the head noun) and its **field** ("political editor" /
 *   "economics editor" are two jobs; "spokesperson" and "press secretary" one).
 *
 * Words that say what kind of organisation (not which), honorifics and
 * modifiers ("former", "senior") never disagree.
 */
import { STOPWORDS, tokenize } from '../text/tokens';

// Words that say what kind of organisation, not which one: two roles "at X
// University" and "at Y University" disagree although they share "university".
const GENERIC_ORG_WORDS = new Set([
  'university', 'institute', 'embassy', 'department', 'ministry', 'house', 'office', 'news', 'agency', 'center',
  'centre', 'council', 'committee', 'foundation', 'school', 'college', 'party', 'group', 'company', 'bank',
  'association', 'government', 'times', 'post', 'daily', 'the', 'of', 'for', 'and', 'in', 'at', 'union', 'corporation',
]);

// Honorifics and modifiers that do not change who someone is ("Mr", "former", "senior").
const NEUTRAL_WORDS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'former', 'senior', 'current', 'acting', 'deputy', 'chief', 'top', 'then', 'one', 'key', 'leading', 'new', 'sacked', 'outgoing', 'incoming', 'interim', 'veteran', 'longtime', 'retired', 'ex']);

/**
 * Parties and their short forms, to one spelling each: "Lib Dem" and
 * "Liberal Democrat" are one party, "Tory" and "Conservative" another.
 */
const PARTIES: ReadonlyMap<string, string> = new Map([
  ['labour', 'labour'], ['tory', 'conservative'], ['tories', 'conservative'], ['conservative', 'conservative'], ['conservatives', 'conservative'],
  ['libdem', 'libdem'], ['libdems', 'libdem'], ['liberal democrat', 'libdem'], ['liberal democrats', 'libdem'], ['lib dem', 'libdem'], ['lib dems', 'libdem'],
  ['ukip', 'ukip'], ['snp', 'snp'], ['plaid', 'plaid'], ['green', 'green'], ['greens', 'green'], ['respect', 'respect'],
  ['democrat', 'democrat'], ['democrats', 'democrat'], ['democratic', 'democrat'], ['dem', 'democrat'], ['dems', 'democrat'],
  ['republican', 'republican'], ['republicans', 'republican'], ['gop', 'republican'],
]);

/**
 * The party a single lower-case word names, in one spelling ("tory" and
 * "conservatives" → "conservative"), or undefined when it names none: the
 * facts check must not report "Tory" for "Conservative" as a swapped name.
 */
export function partyKey(word: string): string | undefined {
  return PARTIES.get(word);
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
const POST_GROUPS: ReadonlyMap<string, string> = new Map([
  ['chairman', 'chair'], ['chairwoman', 'chair'], ['chair', 'chair'], ['chairperson', 'chair'],
  ['spokesman', 'spokes'], ['spokeswoman', 'spokes'], ['spokesperson', 'spokes'], ['press secretary', 'spokes'], ['spokesmen', 'spokes'],
  ['chief executive', 'ceo'], ['ceo', 'ceo'], ['boss', 'ceo'], ['managing director', 'ceo'],
  ['prime minister', 'pm'], ['premier', 'pm'], ['pm', 'pm'],
  ['vice president', 'vp'], ['vice-president', 'vp'], ['president', 'president'],
  ['secretary', 'secretary'], ['minister', 'minister'], ['chancellor', 'chancellor'], ['governor', 'governor'], ['gov', 'governor'],
  ['pres', 'president'], ['sen', 'senator'], ['prof', 'professor'],
  ['mayor', 'mayor'], ['speaker', 'speaker'], ['editor', 'editor'], ['correspondent', 'correspondent'],
  ['coach', 'coach'], ['manager', 'manager'], ['captain', 'captain'], ['skipper', 'captain'], ['director', 'director'],
  ['ambassador', 'ambassador'], ['envoy', 'envoy'], ['whip', 'whip'], ['commissioner', 'commissioner'],
  ['professor', 'professor'], ['senator', 'senator'], ['governor-elect', 'governor'], ['president-elect', 'president'],
  ['attorney general', 'attorney general'], ['secretary general', 'secretary general'], ['secretary-general', 'secretary general'],
  ['director general', 'director general'], ['director-general', 'director general'],
]);

/** Posts one person holds at a time in one organisation: two of them for one person contradict. */
const EXCLUSIVE_POSTS = new Set([
  'chancellor', 'pm', 'president', 'vp', 'governor', 'mayor', 'speaker', 'attorney general', 'secretary general',
  'director general', 'ceo', 'chair', 'coach', 'manager', 'captain', 'secretary', 'minister', 'editor', 'ambassador', 'commissioner',
]);

/** Lower-case fields that make two posts of one name different jobs ("political editor" / "economics editor"). */
const FIELDS = new Set([
  'political', 'politics', 'economics', 'economic', 'business', 'health', 'foreign', 'home', 'defence', 'defense',
  'sports', 'sport', 'arts', 'science', 'education', 'environment', 'transport', 'technology', 'legal', 'security',
  'finance', 'financial', 'treasury', 'justice', 'interior', 'culture', 'trade', 'energy', 'work', 'pensions',
  'development', 'europe', 'european', 'world', 'diplomatic', 'royal', 'social', 'affairs', 'media', 'music',
  'entertainment', 'industry', 'employment', 'immigration', 'agriculture', 'housing', 'communications', 'national',
]);

/** A role's words, normalised, possessives off ("Bafta's" → "bafta"). */
function roleTokens(role: string): Array<{ norm: string; cap: boolean }> {
  return tokenize(role).map((t) => ({ norm: t.norm.replace(/'s$/, '').replace(/'/g, ''), cap: /^\p{Lu}/u.test(role.slice(t.start, t.start + 1)) }));
}

/** The content words of a role, lower-cased and normalised. */
function contentWords(role: string): string[] {
  return roleTokens(role)
    .map((t) => t.norm)
    .filter((w) => !STOPWORDS.has(w) && !NEUTRAL_WORDS.has(w));
}

/** The role up to a clause that is no part of it ("chancellor of the exchequer under Mr Blair"). */
function roleProper(role: string): string {
  const cut = /\s(?:under|since|until|when|after|before|during|who|which|said|says)\s/iu.exec(role);
  return cut ? role.slice(0, cut.index) : role;
}

/** The parties a role names, canonical. */
function partiesOf(role: string): Set<string> {
  const words = roleTokens(role).map((t) => t.norm);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const two = PARTIES.get(`${words[i]} ${words[i + 1] ?? ''}`);
    if (two) {
      out.add(two);
      i++;
      continue;
    }
    const one = PARTIES.get(words[i]);
    // "green" and "respect" are words before they are parties: only capitalised.
    if (one && !(one === 'green' || one === 'respect')) out.add(one);
  }
  return out;
}

/** Whether a word is a party's name (part of one), so it belongs to the party dimension, not the organisation. */
function isPartyWord(w: string): boolean {
  return PARTIES.has(w) || w === 'lib' || w === 'liberal';
}

/**
 * Distinctive words of the organisations a role names: the capitalised words
 * after "at", "of", "with", "from", "in" or "for" when there are such phrases
 * ("a professor at Kookmin University"), else every capitalised word that is
 * not a title ("Kookmin University professor", "White House spokesperson").
 * Parties are apart; a capitalised word in -ed ("Sacked MP") opens a sentence.
 */
function organisationWords(role: string): string[] {
  const distinctive = (phrase: string): string[] =>
    roleTokens(phrase)
      .filter((t) => t.cap)
      .map((t) => t.norm)
      .filter((w) => w.length > 0 && !GENERIC_ORG_WORDS.has(w) && !TITLE_WORDS.has(w) && !NEUTRAL_WORDS.has(w) && !isPartyWord(w) && !/ed$/.test(w));
  const out: string[] = [];
  const re = /\b(?:at|of|with|from|in|for)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’.&-]*\s*(?:(?:and|of|&)\s+)?)+)/gu;
  for (let m = re.exec(role); m !== null; m = re.exec(role)) out.push(...distinctive(m[1]));
  return out.length > 0 ? out : distinctive(role);
}

/**
 * Initials of the capitalised word runs of a role, with and without the small
 * words ("Bank of England" → "boe" and "be"), so an acronym in the other role
 * can be found in them.
 */
function initials(role: string): string[] {
  const out: string[] = [];
  const words = role.split(/[\s/]+/u).map((w) => w.replace(/['’]s$/u, '').replace(/[^\p{L}&-]/gu, ''));
  let withSmall = '';
  let withoutSmall = '';
  const flush = (): void => {
    if (withoutSmall.length >= 2) out.push(withSmall, withoutSmall);
    withSmall = '';
    withoutSmall = '';
  };
  for (const w of words) {
    if (/^\p{Lu}/u.test(w)) {
      for (const part of w.split('-')) if (part) {
        withSmall += part[0].toLowerCase();
        withoutSmall += part[0].toLowerCase();
      }
    } else if (/^(?:of|and|&|for|the)$/.test(w) && withoutSmall.length > 0) withSmall += w === '&' ? 'a' : w[0];
    else flush();
  }
  flush();
  return out;
}

/** Whether some acronym among `a`'s organisation words stands for capitalised words of `b` ("BoE" / "Bank of England"). */
function acronymMatch(aWords: readonly string[], bRole: string): boolean {
  const inits = initials(bRole);
  return aWords.some((w) => w.length >= 2 && w.length <= 6 && inits.some((i) => i.includes(w)));
}

/** Whether two roles name a common organisation: a shared distinctive word, or an acronym of the other's words. */
function sameOrganisation(draftRole: string, draftOrgs: readonly string[], sourceRole: string, sourceOrgs: readonly string[]): boolean {
  return draftOrgs.some((w) => sourceOrgs.includes(w)) || acronymMatch(draftOrgs, sourceRole) || acronymMatch(sourceOrgs, draftRole);
}

/** The post a role names (its last post noun before a preposition), grouped, with the fields before it. */
function postOf(role: string): { post: string; fields: Set<string> } | undefined {
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

/**
 * Whether the draft's role for a person agrees with the roles the sources
 * give (see the module comment). A role that names nothing the sources name
 * (no organisation, party or post they speak of) is a description they leave
 * open: it agrees.
 *
 * @example roleAgrees('a professor at the Sejong Institute', ['a former acting ambassador at the North Korean Embassy in Kuwait']) // false
 * @example roleAgrees("the BBC's economics editor", ["the BBC's political editor"]) // false
 * @example roleAgrees('Lib Dem spokesman', ['Liberal Democrat treasury spokesman']) // true
 */
export function roleAgrees(draftRole: string, sourceRoles: readonly string[]): boolean {
  const draft = roleProper(draftRole);
  const sources = sourceRoles.map(roleProper);
  return organisationAgrees(draft, sources) && partyAgrees(draft, sources) && postAgrees(draft, sources);
}

/** The organisation part: when both sides name one, they must share it (or most words). */
function organisationAgrees(draftRole: string, sourceRoles: readonly string[]): boolean {
  const draftOrgs = organisationWords(draftRole);
  if (draftOrgs.length === 0) return true;
  const draftWords = contentWords(draftRole);
  let sourcesNameOrgs = false;
  for (const source of sourceRoles) {
    const sourceOrgs = organisationWords(source);
    const sourceWords = new Set(contentWords(source));
    const shared = draftWords.filter((w) => sourceWords.has(w)).length;
    if (shared > 0 && shared * 2 > draftWords.length && (sourceOrgs.length === 0 || sameOrganisation(draftRole, draftOrgs, source, sourceOrgs))) return true;
    if (sourceOrgs.length === 0) continue;
    sourcesNameOrgs = true;
    if (sameOrganisation(draftRole, draftOrgs, source, sourceOrgs)) return true;
  }
  return !sourcesNameOrgs;
}

/** The party part: a party the sources give the person, when the draft names one. */
function partyAgrees(draftRole: string, sourceRoles: readonly string[]): boolean {
  const draft = partiesOf(draftRole);
  if (draft.size === 0) return true;
  const sources = new Set(sourceRoles.flatMap((r) => [...partiesOf(r)]));
  return sources.size === 0 || [...draft].some((p) => sources.has(p));
}

/**
 * The post part: when the sources name the draft's post, some source's field
 * must be the draft's (or either has none); when they name only other posts
 * of the same organisation, the draft's post is another job.
 */
function postAgrees(draftRole: string, sourceRoles: readonly string[]): boolean {
  const draft = postOf(draftRole);
  if (!draft) return true;
  const posts = sourceRoles.map((r) => ({ role: r, p: postOf(r) })).filter((x): x is { role: string; p: NonNullable<ReturnType<typeof postOf>> } => x.p !== undefined);
  if (posts.length === 0) return true;
  const same = posts.filter((x) => x.p.post === draft.post);
  if (same.length > 0) {
    if (draft.fields.size === 0) return true;
    return same.some((x) => x.p.fields.size === 0 || [...draft.fields].some((f) => x.p.fields.has(f)));
  }
  // Another post: a contradiction where the draft names no organisation ("the Chancellor" / "Home
  // Secretary"), or the same one as the source; posts in two organisations are left to the organisation part.
  if (!EXCLUSIVE_POSTS.has(draft.post)) return true;
  const draftOrgs = organisationWords(draftRole);
  return !posts.some((x) => {
    if (!EXCLUSIVE_POSTS.has(x.p.post)) return false;
    const orgs = organisationWords(x.role);
    return draftOrgs.length === 0 || (orgs.length > 0 && sameOrganisation(draftRole, draftOrgs, x.role, orgs));
  });
}

/**
 * Whether some source role shares a content word with the draft's role
 * ("former acting ambassador in Kuwait" / "ambassador at the North Korean
 * Embassy in Kuwait"): the context that lets a spelling further off than a
 * typo still be the same person.
 */
export function roleSupported(draftRole: string, sourceRoles: readonly string[]): boolean {
  const draft = new Set(contentWords(draftRole));
  return sourceRoles.some((r) => contentWords(r).some((w) => draft.has(w)));
}

/** Posts that name one job without an organisation: a country has one Chancellor, one Prime Minister at a time. */
const POSTS_NAMED_ALONE = new Set(['chancellor', 'pm']);

/**
 * Whether two roles name the same post that one person holds at a time — the
 * same exclusive post, in the same field and the same organisation ("the
 * Chancellor" / "Chancellor of the Exchequer"; "the BBC's political editor" /
 * "political editor"). A post that needs an organisation or a field to be one
 * job ("a minister", "the editor", "coach") is the same job only when the
 * draft names one and the source agrees; "Prime Minister" and "Chancellor"
 * stand alone. Used to tell that the sources give the draft's title to
 * someone else.
 *
 * @example sameExclusivePost('the Chancellor', ['Chancellor of the Exchequer']) // true
 * @example sameExclusivePost('a minister', ['Home Office minister']) // false
 */
export function sameExclusivePost(draftRole: string, sourceRole: string): boolean {
  const draft = postOf(roleProper(draftRole));
  const source = postOf(roleProper(sourceRole));
  if (!draft || !source || draft.post !== source.post || !EXCLUSIVE_POSTS.has(draft.post)) return false;
  // Modifiers that make it another holder of the post: a former or deputy holder, one in waiting, a shadow.
  if (/\b(?:former|ex|deputy|vice|assistant|shadow|acting|interim|junior|then|would-be|future|next|late)\b/iu.test(`${draftRole} ${sourceRole}`)) return false;
  const draftOrgs = organisationWords(roleProper(draftRole));
  const sourceOrgs = organisationWords(roleProper(sourceRole));
  if (draft.fields.size > 0 || source.fields.size > 0) {
    if (![...draft.fields].some((f) => source.fields.has(f)) || draft.fields.size !== source.fields.size) return false;
  }
  if (draftOrgs.length > 0 && sourceOrgs.length > 0) return sameOrganisation(draftRole, draftOrgs, sourceRole, sourceOrgs);
  // "the Chancellor" / "Chancellor of the Exchequer": one of the two naming no organisation is the same post.
  if (POSTS_NAMED_ALONE.has(draft.post)) return true;
  // Other posts are one job only within a named organisation or field that both give.
  return draftOrgs.length > 0 && sourceOrgs.length > 0;
}

/**
 * Whether two roles name a common organisation ("England fly-half" /
 * "England captain"): then a post of that organisation may have passed from
 * one to the other over time, and who holds it "now" is not the sources' to
 * settle.
 */
export function sharesOrganisation(a: string, b: string): boolean {
  const aOrgs = organisationWords(roleProper(a));
  const bOrgs = organisationWords(roleProper(b));
  return aOrgs.length > 0 && bOrgs.length > 0 && sameOrganisation(a, aOrgs, b, bOrgs);
}
