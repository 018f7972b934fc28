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
import { STOPWORDS } from '../text/tokens';
import { NEUTRAL_WORDS, PARTIES, organisationWords, postOf, roleProper, roleTokens } from '../extract/rolePosts';

/**
 * The party a single lower-case word names, in one spelling ("tory" and
 * "conservatives" → "conservative"), or undefined when it names none: the
 * facts check must not report "Tory" for "Conservative" as a swapped name.
 */
export function partyKey(word: string): string | undefined {
  return PARTIES.get(word);
}

/** Posts one person holds at a time in one organisation: two of them for one person contradict. */
const EXCLUSIVE_POSTS = new Set([
  'chancellor', 'pm', 'president', 'vp', 'governor', 'mayor', 'speaker', 'attorney general', 'secretary general',
  'director general', 'ceo', 'chair', 'coach', 'manager', 'captain', 'secretary', 'minister', 'editor', 'ambassador', 'commissioner',
]);

/** The content words of a role, lower-cased and normalised. */
function contentWords(role: string): string[] {
  return roleTokens(role)
    .map((t) => t.norm)
    .filter((w) => !STOPWORDS.has(w) && !NEUTRAL_WORDS.has(w));
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
    // The sources' fields say which of the post's jobs it is: "minister" beside "Finance Minister" is the
    // Finance Minister, not a Foreign Secretary. Only sources that never give a field leave it open.
    const fielded = same.filter((x) => x.p.fields.size > 0);
    if (fielded.length === 0) return true;
    return fielded.some((x) => [...draft.fields].some((f) => x.p.fields.has(f)));
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

/** Words that make a role another holder's than the post's current one: a former, deputy or future holder. */
const OTHER_HOLDER = /\b(?:former|ex|deputy|vice|assistant|shadow|acting|interim|junior|then|would-be|future|next|late)\b/iu;

/** Whether a role names a past, deputy or future holder of its post ("former Chancellor", "deputy leader"). */
export function namesOtherHolder(role: string): boolean {
  return OTHER_HOLDER.test(role);
}

/** Whether a role's post is one that one person holds at a time in one organisation (a chancellor, a captain, a leader). */
export function isExclusivePost(role: string): boolean {
  const p = postOf(roleProper(role));
  return p !== undefined && (EXCLUSIVE_POSTS.has(p.post) || p.post === 'leader');
}

/**
 * Whether a source role gives the draft's title: the same post, with the
 * same fields, in the organisation the draft names (any, when it names
 * none), and a past holder only for a draft that says "former".
 *
 * @example sameTitle('former CIA director', 'former director of the CIA') // true
 * @example sameTitle('the Chancellor', 'Lord Chancellor') // false
 */
export function sameTitle(draftRole: string, sourceRole: string): boolean {
  const draft = postOf(roleProper(draftRole));
  const source = postOf(roleProper(sourceRole));
  if (!draft || !source || draft.post !== source.post) return false;
  if (draft.fields.size !== source.fields.size || [...draft.fields].some((f) => !source.fields.has(f))) return false;
  // A current title is not given by a past or deputy holder's role; a "former" title is given by either.
  if (!namesOtherHolder(draftRole) && namesOtherHolder(sourceRole)) return false;
  if (/\b(?:deputy|vice|assistant|shadow)\b/iu.test(sourceRole) !== /\b(?:deputy|vice|assistant|shadow)\b/iu.test(draftRole)) return false;
  const draftOrgs = organisationWords(roleProper(draftRole));
  if (draftOrgs.length === 0) return true;
  const sourceOrgs = organisationWords(roleProper(sourceRole));
  return sourceOrgs.length > 0 && sameOrganisation(draftRole, draftOrgs, sourceRole, sourceOrgs);
}
