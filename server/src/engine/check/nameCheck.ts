/**
 * People: a name spelled as in the sources (verified), nearly so
 * (misspelled, with the sources' spelling), a full name whose surname the
 * sources give with another first name (mismatch, with theirs), or not in the
 * sources at all (unknown, once per name; also when the sources give the
 * surname with no first name); and the role the draft gives a person against
 * the roles the sources give them.
 *
 * A first name alone never verifies a full name: "Peter Lankov" is not
 * verified by a Peter Ward and an Andrei Lankov.
 */
import type { PersonMention } from '../types';
import { MAX_ROLES_LISTED, type CitationRef, type CorpusStore, type PersonMatch, type PersonRecord, type PostHolders } from '../corpusStore';
import { nameKey, nameTokens } from '../extract/names';
import { soundKey } from '../extract/nameVariants';
import { editDistance, typoBudget } from '../text/editDistance';
import { roleAgrees, roleSupported, sameExclusivePost, sharesOrganisation } from '../match/roles';
import { postKeys } from '../extract/rolePosts';
import { titleIsShared, titleVerdict } from '../match/titles';
import type { Check, JudgedFinding } from './check';
import { fromTo, quoted, quotedWording } from './findingText';

/**
 * A person's role is judged only when the store listed all the distinct roles
 * the sources give (fewer than it lists at most): a right role could be among
 * the ones left out.
 */
const MAX_ROLES_JUDGED = MAX_ROLES_LISTED - 1;

/** A person the draft names. */
export interface NameClaim {
  mention: PersonMention;
  /**
   * Whether a miss is reported here: an unknown person is reported once, at
   * the first mention of the name that was found by a cue of its own (a name
   * taken only because the corpus knows it cannot be unknown).
   */
  reportsUnknown: boolean;
  /**
   * The other people the draft names (full names, sorted, at most
   * {@link MAX_CONTEXT_NAMES}): a surname the sources give with another first
   * name is a mistake only in a story the sources tell (see {@link NameEvidence.sameStory}).
   */
  context: string[];
}

/** Most other draft names a claim keeps as its story's context. */
const MAX_CONTEXT_NAMES = 24;
/** Articles per person compared to tell whether two people share a story. */
const STORY_ARTICLES = 200;

/** What the corpus has for one draft name. */
export interface NameEvidence {
  match?: PersonMatch;
  /** For a near match: whether the draft's words stand verbatim in the corpus (then they are the corpus's own spelling). */
  spelledSoInCorpus: boolean;
  /**
   * For `other-first-name`: whether the sources' person shares an article
   * with another person the draft names (exactly): the draft tells a story the
   * sources tell, so "Peter Lankov" beside Kim Jong Un is Andrei Lankov
   * misnamed, while a Naomi Watts in a film review is not Mike Watts.
   */
  sameStory?: boolean;
  /**
   * For a mention with a role: another person the draft names to whom the
   * sources give that post (one person holds it at a time), when the sources
   * never give it to this person ("Alan Milburn, the Chancellor" where the
   * sources' Chancellor is Gordon Brown).
   */
  postHolder?: { name: string; role: string; ref: CitationRef };
  /** For a mention whose role names a post: who the sources give that title, and whether they give it to this person. */
  title?: PostHolders;
}

/** Holders of a title asked of the store: enough to tell one dominant holder from a title shared by several. */
const MAX_TITLE_HOLDERS = 8;

export const nameCheck: Check<NameClaim, NameEvidence> = {
  name: 'names',

  claims(draft) {
    const reported = new Set<string>();
    const names = new Map<string, string>();
    for (const p of draft.people) if (nameTokens(p.fullName).length >= 2) names.set(nameKey(p.fullName), p.fullName);
    // Every context is the draft's names in one order less the claim's own: sorted once, each key's context made once.
    const sorted = [...names].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
    const contexts = new Map<string, string[]>();
    const contextOf = (key: string): string[] => {
      let context = contexts.get(key);
      if (!context) {
        context = [];
        for (const [k, n] of sorted) {
          if (context.length >= MAX_CONTEXT_NAMES) break;
          if (k !== key) context.push(n);
        }
        contexts.set(key, context);
      }
      return [...context];
    };
    return draft.people.map((mention) => {
      const key = nameKey(mention.fullName);
      const reportsUnknown = mention.cue !== 'known' && !reported.has(key);
      if (reportsUnknown) reported.add(key);
      // Only a full name written out can be another first name's: the others need no context (and keep stable memo keys).
      // Needed by a full name written out (another first name?) and by a surname alone (a near spelling of whose?).
      // And by a role: is the post someone else's the draft names?
      const needsContext = nameTokens(mention.text).length >= 2 || nameTokens(mention.fullName).length === 1 || mention.role !== undefined;
      const context = needsContext ? contextOf(key) : [];
      return { mention, reportsUnknown, context };
    });
  },

  key({ mention: m, reportsUnknown, context }) {
    const role = m.role ? [m.role.text, m.role.span.start - m.span.start, m.role.span.end - m.span.start] : null;
    return JSON.stringify([m.text, m.span.end - m.span.start, m.fullName, m.cue, role, reportsUnknown, context]);
  },

  start: ({ mention }) => mention.span.start,

  async retrieve(claims, store, config) {
    // One batch: the draft's names, then the other people named beside a role (whose post might it be?).
    const own = claims.map((c) => c.mention.fullName);
    const ownSet = new Set(own);
    const beside = [...new Set(claims.filter((c) => c.mention.role !== undefined).flatMap((c) => c.context))].filter((n) => !ownSet.has(n));
    const all = await store.findPeople([...own, ...beside], { maxCitations: config.maxEvidence });
    const matches = all.slice(0, own.length);
    const people = new Map<string, PersonMatch | undefined>();
    own.forEach((n, k) => people.set(n, all[k]));
    beside.forEach((n, k) => people.set(n, all[own.length + k]));
    // Only a near match needs the second look-up: is the draft's spelling the corpus's own (perhaps another person's)?
    const near = claims.map((_, i) => (matches[i]?.kind === 'near' ? i : -1)).filter((i) => i >= 0);
    const spelled = near.length > 0 ? await store.hasPhrases(near.map((i) => claims[i].mention.text)) : [];
    const out: NameEvidence[] = matches.map((match) => ({ match, spelledSoInCorpus: false }));
    near.forEach((i, k) => (out[i].spelledSoInCorpus = spelled[k]));
    await markSameStory(claims, out, store);
    markPostHolders(claims, out, people);
    await markTitles(claims, out, store);
    return out;
  },

  judge({ mention, reportsUnknown, context }, { match, spelledSoInCorpus, sameStory, postHolder, title }, config) {
    // A spelling further off than a typo is a misspelling only when the role agrees ("same given name, same role").
    if (match?.kind === 'near' && match.wide && !(mention.role && roleSupported(mention.role.text, match.person.roles.map((r) => r.role)))) match = undefined;
    if (!match) {
      if (!reportsUnknown) return [];
      return [{ code: 'name-unknown', span: mention.span, message: `${mention.fullName} is not named in the sources.`, evidence: [] }];
    }
    const { person } = match;
    if (match.kind === 'surname-only') {
      if (!reportsUnknown) return [];
      const surname = quotedWording(person.name);
      return [{ code: 'name-unknown', span: mention.span, message: `The sources give no first name for ${surname}.`, evidence: person.mentions }];
    }
    if (match.kind === 'other-first-name') {
      // Only where the draft writes the first name (a later "Lankov" repeats the claim), and in a story the
      // sources tell; elsewhere it is another person of that surname, unknown to the sources.
      if (nameTokens(mention.text).length < 2) return [];
      if (!sameStory) return reportsUnknown ? [{ code: 'name-unknown', span: mention.span, message: `${mention.fullName} is not named in the sources.`, evidence: [] }] : [];
      const suggestion = withSourceFirstName(mention.text, person.name);
      return [{
        code: 'name-mismatch',
        span: mention.span,
        message: `The sources name ${quotedWording(person.name)}, with another first name.`,
        ...(suggestion ? { suggestion } : {}),
        evidence: person.mentions,
      }];
    }
    // The corpus itself has these words: calling them a misspelling would be wrong.
    if (match.kind === 'near' && spelledSoInCorpus) return [];
    // A surname alone near a corpus name is someone else's outside the sources' stories ("Bigley" / "Wigley").
    if (match.kind === 'near' && nameTokens(mention.fullName).length === 1 && !sameStory) {
      return reportsUnknown ? [{ code: 'name-unknown', span: mention.span, message: `${mention.fullName} is not named in the sources.`, evidence: [] }] : [];
    }
    const out: JudgedFinding[] = [];
    if (match.kind === 'near') {
      const suggestion = correctedMention(mention.text, person.name);
      // The words as written are already the sources' spelling (the full name differed elsewhere): nothing to correct.
      if (suggestion === mention.text) return [];
      out.push({
        code: 'name-misspelled',
        span: mention.span,
        message: `Name spelled differently in the sources: ${fromTo(mention.text, suggestion)}`,
        suggestion,
        evidence: person.mentions,
      });
    } else {
      out.push({ code: 'name-verified', span: mention.span, message: `${person.name} is named in the sources.`, evidence: person.mentions });
    }
    // Naming the post's holder says more than listing the person's own roles: it goes first. A title the
    // sources give several people at once ("England captain": rugby and football) is no one's in particular.
    const holder = title && mention.role && titleIsShared(mention.role.text, title) ? undefined : postHolder;
    const role = judgeTitle(mention, person, title, context, config.maxEvidence) ?? judgePostHolder(mention, person, holder, config.maxEvidence) ?? judgeRole(mention, person, config.maxEvidence);
    if (role) out.push(role);
    return out;
  },
};

/**
 * Sets {@link NameEvidence.postHolder} for the claims with a role: another
 * person the draft names (looked up in the same batch as the draft's names)
 * whom the sources give the same one-holder post.
 */
function markPostHolders(claims: readonly NameClaim[], out: NameEvidence[], people: ReadonlyMap<string, PersonMatch | undefined>): void {
  const asking = claims.map((_, i) => i).filter((i) => claims[i].mention.role !== undefined && out[i].match !== undefined && out[i].match!.kind !== 'surname-only' && claims[i].context.length > 0);
  const byName = new Map<string, PersonRecord>();
  for (const [n, m] of people) if (m && m.kind === 'exact') byName.set(n, m.person);
  for (const i of asking) {
    const role = claims[i].mention.role!.text;
    const own = out[i].match!.person;
    // Their own post (now or once): not someone else's.
    if (own.roles.some((r) => sameExclusivePost(role, r.role))) continue;
    for (const n of claims[i].context) {
      const other = byName.get(n);
      if (!other || other.name === own.name) continue;
      const held = other.roles.find((r) => sameExclusivePost(role, r.role));
      // A post of an organisation the person also belongs to (a team's captaincy, a party's chair) may have
      // passed between them: the sources' holder at one time is no contradiction.
      if (held && !own.roles.some((r) => sharesOrganisation(r.role, held.role))) {
        out[i].postHolder = { name: other.name, role: held.role, ref: held.ref };
        break;
      }
    }
  }
}

/**
 * Sets {@link NameEvidence.title} for the claims whose role names a post: one
 * batch of title look-ups, each with the person the draft gives it to.
 */
async function markTitles(claims: readonly NameClaim[], out: NameEvidence[], store: CorpusStore): Promise<void> {
  const asking = claims
    .map((_, i) => i)
    .filter((i) => {
      const kind = out[i].match?.kind;
      const role = claims[i].mention.role;
      return role !== undefined && (kind === 'exact' || (kind === 'near' && !out[i].match!.wide)) && postKeys(role.text).length > 0;
    });
  if (asking.length === 0) return;
  const found = await store.findPostHolders(
    asking.map((i) => ({ role: claims[i].mention.role!.text, person: out[i].match!.person.name })),
    { maxHolders: MAX_TITLE_HOLDERS },
  );
  asking.forEach((i, k) => (out[i].title = found[k]));
}

/** A title the sources give someone else and never this person (see `match/titles.ts`). */
function judgeTitle(mention: PersonMention, person: PersonRecord, title: PostHolders | undefined, context: readonly string[], maxEvidence: number): JudgedFinding | undefined {
  if (!mention.role || !title) return undefined;
  // A surname alone ("Lord Browne") may be anyone of that name: the role then tells people apart.
  if (nameTokens(mention.fullName).length < 2 && nameTokens(person.name).length >= 2) return undefined;
  const own = person.roles.map((r) => r.role);
  const verdict = titleVerdict(mention.role.text, title, own, new Set(context));
  if (!verdict) return undefined;
  const theirs = own.length > 0 ? `; they call ${quotedWording(person.name)} ${own.slice(0, 2).map((r) => quoted(r)).join(' or ')}` : '';
  const message = verdict.kind === 'held'
    ? `The sources give ${quoted(verdict.role)} to ${quotedWording(verdict.holder.name)}, not to ${quotedWording(person.name)}${theirs}.`
    : `The sources never call ${quotedWording(person.name)} ${quoted(mention.role.text)}: they give ${quoted(verdict.role)} to ${quotedWording(verdict.holder.name)}${theirs}.`;
  return {
    code: 'role-mismatch',
    span: mention.role.span,
    message,
    ...(own.length > 0 && own.length <= MAX_ROLES_JUDGED ? { suggestion: own[0] } : {}),
    evidence: [verdict.ref, ...person.roles.slice(0, Math.max(0, maxEvidence - 1)).map((r) => r.ref)],
  };
}

/** "Alan Milburn, the Chancellor" where the sources give that post to another person the draft names. */
function judgePostHolder(mention: PersonMention, person: PersonRecord, holder: NameEvidence['postHolder'], maxEvidence: number): JudgedFinding | undefined {
  if (!mention.role || !holder) return undefined;
  const own = person.roles.map((r) => r.role);
  return {
    code: 'role-mismatch',
    span: mention.role.span,
    message: `The sources give ${quoted(holder.role)} to ${quotedWording(holder.name)}, not to ${quotedWording(person.name)}${own.length > 0 ? `; they call ${quotedWording(person.name)} ${own.slice(0, 2).map((r) => quoted(r)).join(' or ')}` : ''}.`,
    ...(own.length > 0 && own.length <= MAX_ROLES_JUDGED ? { suggestion: own[0] } : {}),
    evidence: [holder.ref, ...person.roles.slice(0, Math.max(0, maxEvidence - 1)).map((r) => r.ref)],
  };
}

/**
 * Whether a verdict rests on the story: a surname the sources give with
 * another first name, or a surname alone near the spelling of one the sources
 * know ("Baume" / "Blume"): a lone surname can be anyone's, so it is a
 * misspelling only in a story the sources tell.
 */
function needsStory(claim: NameClaim, evidence: NameEvidence): boolean {
  const kind = evidence.match?.kind;
  return kind === 'other-first-name' || (kind === 'near' && nameTokens(claim.mention.fullName).length === 1);
}

/**
 * Sets {@link NameEvidence.sameStory} for the claims whose surname the sources
 * give with another first name: one more batch of person look-ups (the
 * sources' person and the draft's other people, with up to
 * {@link STORY_ARTICLES} articles each), then a shared article.
 */
async function markSameStory(claims: readonly NameClaim[], out: NameEvidence[], store: CorpusStore): Promise<void> {
  const asking = claims.map((_, i) => i).filter((i) => needsStory(claims[i], out[i]) && claims[i].context.length > 0);
  if (asking.length === 0) return;
  const candidatesOf = (i: number): string[] => [out[i].match!.person.name, ...(out[i].match!.others ?? [])];
  const names = [...new Set(asking.flatMap((i) => [...candidatesOf(i), ...claims[i].context]))];
  const found = await store.findPeople(names, { maxCitations: STORY_ARTICLES });
  const articles = new Map<string, { ids: Set<string>; match: PersonMatch }>();
  names.forEach((n, k) => {
    const m = found[k];
    // Only people the sources name as the draft does tell the story apart.
    if (m && m.kind === 'exact') articles.set(n, { ids: new Set(m.person.mentions.map((r) => r.articleId)), match: m });
  });
  for (const i of asking) {
    // The first person of that surname (most mentioned first) who shares an article with someone else the draft names.
    for (const candidate of candidatesOf(i)) {
      const own = articles.get(candidate);
      if (!own) continue;
      const shared = claims[i].context.some((n) => {
        const theirs = articles.get(n);
        return theirs !== undefined && theirs.match.person.name !== own.match.person.name && [...theirs.ids].some((a) => own.ids.has(a));
      });
      if (!shared) continue;
      out[i].sameStory = true;
      if (candidate !== out[i].match!.person.name) out[i].match = { kind: out[i].match!.kind, person: own.match.person };
      break;
    }
  }
}

/**
 * The draft's words with the first name(s) replaced by the sources' person's:
 * "Peter Lankov" → "Andrei Lankov", "Mr Peter Lankov's" is left to the
 * sources' full name when the shapes differ.
 */
function withSourceFirstName(mentionText: string, sourceName: string): string | undefined {
  const words = mentionText.split(/\s+/);
  const source = sourceName.split(/\s+/);
  if (words.length < 2 || source.length < 2) return undefined;
  // The surname (and anything after it) stays as the draft wrote it.
  return [...source.slice(0, -1), words[words.length - 1]].join(' ');
}

/** A role the sources contradict: judged on affiliations, and only for people the sources describe in few ways. */
function judgeRole(mention: PersonMention, person: PersonRecord, maxEvidence: number): JudgedFinding | undefined {
  if (!mention.role || person.roles.length === 0) return undefined;
  // A surname alone ("Lord Browne") may be anyone of that name: the role then tells people apart, it does not contradict.
  if (nameTokens(mention.fullName).length < 2 && nameTokens(person.name).length >= 2) return undefined;
  const roles = person.roles.map((r) => r.role);
  // Someone the sources describe in many ways (a candidate, a mogul, a host) can
  // take one more description without contradiction: only judge the few-role people.
  if (roles.length > MAX_ROLES_JUDGED || roleAgrees(mention.role.text, roles)) return undefined;
  return {
    code: 'role-mismatch',
    span: mention.role.span,
    message: `Role differs from the sources: ${quoted(mention.role.text)} → ${roles.slice(0, 3).map((r) => quoted(r)).join(' or ')}`,
    suggestion: roles[0],
    evidence: person.roles.slice(0, maxEvidence).map((r) => r.ref),
  };
}

/** The words of `mention` with each misspelled word replaced by the sources' spelling. */
function correctedMention(mentionText: string, entryName: string): string {
  const entryWords = entryName.split(/\s+/);
  const words = mentionText.split(/\s+/);
  // The sources' words in the draft's order ("Hyunwoo Ryoo" → "Hyun-woo Ryu"), each word put right where it is off.
  return words
    .map((w) => {
      const norm = nameTokens(w).join('');
      let best = w;
      let bestD = Infinity;
      for (const e of entryWords) {
        const d = editDistance(norm, nameTokens(e).join(''), 3);
        if (d < bestD) {
          bestD = d;
          best = e;
        }
      }
      // The look-up already judged the name a near spelling: a word up to two edits (or sounding the same) is the one meant.
      return bestD <= Math.max(2, typoBudget(norm.length)) || soundKey(norm) === soundKey(best) ? best : w;
    })
    .join(' ');
}
