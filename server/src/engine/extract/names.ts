/**
 * Finds the people a text mentions, with the roles it gives them.
 *
 * Capitalised words alone do not make a person (headlines, places and
 * organisations are capitalised too), so a name is taken only on a cue: a
 * title before it, an apposition after it, a speech verb beside it, the
 * caller's list of known people, or an earlier mention of the same person.
 */

import type { PersonMention, RoleMention, SentenceSpan, TextSpan } from '../types';
import { lastAtOrBefore } from '../text/sortedSearch';
import { STOPWORDS, tokenize } from '../text/tokens';
import {
  DESCRIPTOR_NOUNS,
  KNOWN_ORG_PHRASES,
  KNOWN_ORGS,
  KNOWN_PLACES,
  NATIONALITIES,
  PARTY_WORDS,
  NON_NAME_CAPITALS,
  ORG_CUES,
  ORG_HEADS,
  ROLE_MODIFIERS,
  SPEECH_ADVERBS,
  isCapitalisedTitle,
  isRoleNoun,
  isSpeechVerb,
} from './lexicon';
import { nameKey, nameTokens } from './nameVariants';
import { GIVEN_NAMES } from './givenNames';

export { nameKey, nameTokens, sameName } from './nameVariants';

/** Options for {@link extractPeople}. */
export interface ExtractPeopleOptions {
  /** Tells whether a capitalised word sequence is a person the corpus knows (exactly or nearly), so a draft's bare mention counts. */
  isKnownPerson?: (candidate: string) => boolean;
}

/** A word of the text with its raw spelling. */
export interface Word {
  raw: string;
  lower: string;
  start: number;
  end: number;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Index in the word array. */
  index: number;
}

/** A maximal sequence of capitalised words (with name particles) separated by single spaces or initials' periods. */
export interface Run {
  words: Word[];
  /** Index of the first word in the word array. */
  first: number;
  /** Index of the last word in the word array. */
  last: number;
}

/** A run read as a person's name on a cue. */
export interface Candidate {
  nameWords: Word[];
  cue: PersonMention['cue'];
  role?: RoleMention;
  /** True when the only evidence is a speech verb (a repeat of a known name then counts as a repeat). */
  speakerOnly: boolean;
}

const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'dos', 'das', 'del', 'ter']);
const DOTTED_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'adm', 'rev', 'st', 'jr', 'sr', 'mx']);
// Department words between a title and a name ("Secretary of State John Kerry").
const DEPARTMENT_WORDS = new Set(['state', 'defense', 'defence', 'treasury', 'justice', 'commerce', 'energy', 'labor', 'education', 'health', 'agriculture', 'interior', 'transportation', 'unification', 'foreign', 'affairs', 'homeland', 'security', 'house', 'senate', 'white', 'the']);
const POSSESSIVE_RE = /['’]s$/u;
const MAX_NAME_WORDS = 4;
/** Letters after a name that are no part of it ("Frank Field MP"); after a place they make a role ("the Salford MP"). */
const POSTNOMINALS = new Set(['mp', 'mep', 'msp', 'am', 'mla', 'qc', 'kc', 'obe', 'mbe', 'cbe', 'kbe', 'dbe', 'frs']);
/** Last words that make a capitalised run a place ("Rose Garden", "Dean Street"). */
const PLACE_HEADS = new Set(['street', 'road', 'avenue', 'square', 'park', 'bridge', 'hall', 'lane', 'garden', 'gardens', 'stadium', 'arena', 'island', 'islands', 'river', 'mountain', 'mountains', 'valley', 'county', 'airport', 'station', 'cathedral', 'abbey', 'palace', 'castle', 'prize', 'award', 'awards', 'cup', 'trophy', 'open', 'games', 'show', 'festival']);
/** Demonyms that, before a name, say a person follows ("Briton Kelly Holmes"). */
const DEMONYM_NOUNS = new Set(['briton', 'scot', 'dane', 'swede', 'spaniard', 'kiwi', 'aussie', 'frenchman', 'frenchwoman', 'englishman', 'englishwoman', 'irishman', 'irishwoman', 'scotsman', 'scotswoman', 'welshman', 'welshwoman', 'dutchman']);
/** Words after which a capitalised run is a place ("in Salford", "from Leeds"). */
const PLACE_PREPOSITIONS = new Set(['in', 'from', 'near', 'across', 'throughout', 'outside', 'inside', 'around', 'towards']);

/**
 * Finds mentions of people and their roles in `text`.
 *
 * A mention's `fullName` is the fullest name the text introduced the person
 * with before it (a surname or given name alone, or a Korean family name, as
 * in "Kim" for "Kim Jong Un", resolves to it). Title-case lines (headlines)
 * give no people of their own. Mentions are returned in text order and never
 * overlap.
 *
 * @example
 * extractPeople('Andrei Lankov, a professor at Kookmin University, said so. Lankov added more.', spans)
 * // → Andrei Lankov (apposition, role "professor at Kookmin University"), Lankov (repeat → "Andrei Lankov")
 */
export function extractPeople(text: string, sentences: SentenceSpan[], options: ExtractPeopleOptions = {}): PersonMention[] {
  const words = toWords(text);
  const headlines = titleCaseLines(text);
  const sentenceStarts = new Set(sentences.map((s) => s.start));
  const lowerSeen = new Set(words.filter((w) => !w.cap).map((w) => w.lower));
  const runs = findRuns(text, words).filter((r) => !insideAny(headlines, words[r.first].start));
  const context: TextContext = { sentenceStarts, lowerSeen, places: placesOf(text, words, runs) };

  const candidates = new Map<Run, Candidate>();
  for (const run of runs) {
    const c = cueCandidate(text, words, run, context, options);
    if (c) candidates.set(run, c);
  }
  return resolvePeople(text, runs, candidates);
}

/**
 * The people of `text` once its runs are read: each run with a cue is a
 * person, each other run a repeat when it resolves to a name introduced with
 * a cue (`peopleByParagraph.ts` reads the runs of an edited draft paragraph by
 * paragraph and resolves them here, as {@link extractPeople} does).
 */
export function resolvePeople(text: string, runs: readonly Run[], candidates: ReadonlyMap<Run, Candidate>): PersonMention[] {
  // Full names introduced with a cue, one entry per spelling with every place
  // it is introduced (ascending), to resolve later short forms. Grouping keeps
  // resolution linear in a long draft that names the same people again and again.
  const introduced = new IntroducedNames();
  for (const [, c] of [...candidates].sort((a, b) => a[1].nameWords[0].start - b[1].nameWords[0].start)) {
    introduced.add(nameText(text, c.nameWords), c.nameWords[0].start);
  }

  const out: PersonMention[] = [];
  for (const run of runs) {
    const c = candidates.get(run);
    if (c) {
      const name = nameText(text, c.nameWords);
      const earlier = resolveName(name, c.nameWords[0].start, introduced);
      const fullName = earlier ?? name;
      const cue = c.speakerOnly && earlier !== undefined ? 'repeat' : c.cue;
      out.push(mention(text, c.nameWords, fullName, cue, c.role));
      continue;
    }
    const nameWords = stripDescriptors(stripLeadingNonNames(withoutPostnominal(run.words)));
    if (nameWords.length === 0 || nameWords.length > MAX_NAME_WORDS) continue;
    const name = nameText(text, nameWords);
    const fullName = resolveName(name, nameWords[0].start, introduced);
    if (fullName !== undefined) out.push(mention(text, nameWords, fullName, 'repeat'));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

// ---------------------------------------------------------------------------
// Words and runs
// ---------------------------------------------------------------------------

export function toWords(text: string): Word[] {
  return tokenize(text).map((t, index) => {
    const raw = text.slice(t.start, t.end);
    return { raw, lower: raw.toLowerCase(), start: t.start, end: t.end, cap: /^\p{Lu}/u.test(raw), index };
  });
}

/** Lines whose words are all capitalised but for short function words: headlines and section titles. */
export function titleCaseLines(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  const minor = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'with', 'at', 'by', 'from', 'as', 'vs', 'is', 'be', 'but', 'over', 'into', 'than']);
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    // Long lines are paragraphs even when their words happen to be capitalised.
    if (lineEnd - lineStart < 200) {
      const ws = tokenize(text, lineStart, lineEnd).map((t) => text.slice(t.start, t.end));
      const letters = ws.filter((w) => /^\p{L}/u.test(w));
      if (letters.length >= 3 && letters.every((w) => /^\p{Lu}/u.test(w) || minor.has(w))) out.push({ start: lineStart, end: lineEnd });
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Whether `offset` falls in one of `spans` (ascending, disjoint): a binary search, as a long text has thousands of headlines. */
export function insideAny(spans: TextSpan[], offset: number): boolean {
  const i = lastAtOrBefore(spans.length, offset, (k) => spans[k].start);
  return i >= 0 && offset < spans[i].end;
}

function joinable(text: string, prev: Word, next: Word): boolean {
  const gap = text.slice(prev.end, next.start);
  if (gap === ' ' || gap === '\u00a0') return !POSSESSIVE_RE.test(prev.raw);
  // Initials and dotted titles: "Donald J. Trump", "Mr. Trump".
  if (/^\.[ \u00a0]$/.test(gap)) return /^\p{Lu}$/u.test(prev.raw) || DOTTED_ABBREVIATIONS.has(prev.lower);
  return false;
}

export function findRuns(text: string, words: Word[]): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < words.length) {
    if (!words[i].cap) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      const next = words[j + 1];
      if (!next || !joinable(text, words[j], next)) break;
      if (next.cap) {
        j++;
        continue;
      }
      // A particle joins only when a capitalised word follows it ("Ludwig van Beethoven").
      const after = words[j + 2];
      if (PARTICLES.has(next.raw) && after && after.cap && joinable(text, next, after)) {
        j += 2;
        continue;
      }
      break;
    }
    runs.push({ words: words.slice(i, j + 1), first: i, last: j });
    i = j + 1;
  }
  return runs;
}

function nameText(text: string, ws: Word[]): string {
  const last = ws[ws.length - 1];
  return text.slice(ws[0].start, last.end).replace(POSSESSIVE_RE, '').replace(/\s+/g, ' ');
}

function mention(text: string, ws: Word[], fullName: string, cue: PersonMention['cue'], role?: RoleMention): PersonMention {
  const last = ws[ws.length - 1];
  const end = POSSESSIVE_RE.test(last.raw) ? last.end - 2 : last.end;
  const m: PersonMention = { text: text.slice(ws[0].start, end), span: { start: ws[0].start, end }, fullName, cue };
  if (role) m.role = role;
  return m;
}

function stripLeadingNonNames(ws: Word[]): Word[] {
  let k = 0;
  while (k < ws.length && NON_NAME_CAPITALS.has(ws[k].lower)) k++;
  return ws.slice(k);
}

/** Whether a capitalised word describes the person named after it: a nationality, a party, a trade ("American", "Tory", "Actress"). */
function isDescriptor(w: Word): boolean {
  return NATIONALITIES.has(w.lower) || PARTY_WORDS.has(w.lower) || DESCRIPTOR_NOUNS.has(w.lower);
}

/** The name without leading descriptors, when two words or more stay ("American Bershawn Jackson" → "Bershawn Jackson"). */
function stripDescriptors(ws: Word[]): Word[] {
  let k = 0;
  while (k < ws.length - 2 && isDescriptor(ws[k])) k++;
  return ws.slice(k);
}

/** A run without a post-nominal ("Frank Field MP" → "Frank Field"). */
function withoutPostnominal(ws: Word[]): Word[] {
  return ws.length > 1 && POSTNOMINALS.has(ws[ws.length - 1].lower) ? ws.slice(0, -1) : ws;
}

/** What validating a name reads of the whole text. */
export interface TextContext {
  sentenceStarts: Set<number>;
  /** Words the text also writes in lower case. */
  lowerSeen: Set<string>;
  /** Capitalised runs (lower-cased) the text puts after "in", "from"… — places, by the text's own evidence. */
  places: Set<string>;
}

/** Runs that stand after a place preposition somewhere in the text ("in Salford"), possessives aside. */
export function placesOf(text: string, words: Word[], runs: Run[]): Set<string> {
  const out = new Set<string>();
  for (const r of runs) {
    const before = words[r.first - 1];
    const last = r.words[r.words.length - 1];
    if (!before || before.cap || !PLACE_PREPOSITIONS.has(before.lower) || text.slice(before.end, r.words[0].start) !== ' ') continue;
    if (POSSESSIVE_RE.test(last.raw) || r.words.some((w) => isCapitalisedTitle(w.raw))) continue;
    out.add(r.words.map((w) => w.lower).join(' '));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Cues
// ---------------------------------------------------------------------------

export function cueCandidate(text: string, words: Word[], run: Run, context: TextContext, options: ExtractPeopleOptions): Candidate | undefined {
  // "the Salford MP" is a role, not a name; "Frank Field MP" is Frank Field.
  if (run.words.length === 2 && POSTNOMINALS.has(run.words[1].lower)) return undefined;
  const rw = withoutPostnominal(run.words);
  const lastLower = rw[rw.length - 1].lower.replace(POSSESSIVE_RE, '');
  if (ORG_HEADS.has(lastLower)) return undefined;
  const before = words[run.first - 1];
  if (before && ORG_CUES.has(before.lower) && !before.cap) return undefined;

  // A capitalised title inside the run: "President Trump", "Chairman Kim Jong Un", "Mr. Lankov".
  let titleEnd = -1;
  for (let k = rw.length - 2; k >= 0; k--) {
    if (isCapitalisedTitle(rw[k].raw)) {
      titleEnd = k;
      break;
    }
  }
  if (titleEnd >= 0) {
    let nameWords = rw.slice(titleEnd + 1);
    while (nameWords.length > 2 && DEPARTMENT_WORDS.has(nameWords[0].lower)) nameWords = nameWords.slice(1);
    // The run without words that only open the sentence ("As President Trump").
    let lead = rw;
    while (lead.length > 0 && NON_NAME_CAPITALS.has(lead[0].lower) && !isCapitalisedTitle(lead[0].raw)) lead = lead.slice(1);
    if (validName(text, nameWords, context) && lead.length > nameWords.length) {
      const roleStart = lead.length === rw.length ? extendRoleBack(text, words, rw[0].index) : lead[0].start;
      // An honorific ("Mr.", "Mrs.") says who is meant, not what they do: no role.
      const role = HONORIFICS.has(rw[titleEnd].lower.replace(/\.$/, '')) ? undefined : roleOf(text, roleStart, rw[titleEnd].end);
      return { nameWords, cue: 'title', role, speakerOnly: false };
    }
  }

  let nameWords = stripLeadingNonNames(rw);
  // "Actress Sandra Dee", "Tory Graham Brady": a description before the name is no part of it; a trade is a cue.
  const described = stripDescriptors(nameWords);
  const tradeCue = described.length < nameWords.length && nameWords.slice(0, nameWords.length - described.length).some((w) => DESCRIPTOR_NOUNS.has(w.lower) || DEMONYM_NOUNS.has(w.lower));
  nameWords = described;
  // "Secretary of State John Kerry": the department word opens the run.
  const titleOf = before && before.lower === 'of' && words[run.first - 2] && isCapitalisedTitle(words[run.first - 2].raw);
  if (titleOf) {
    while (nameWords.length > 2 && DEPARTMENT_WORDS.has(nameWords[0].lower)) nameWords = nameWords.slice(1);
  }
  if (!validName(text, nameWords, context)) return undefined;
  if (tradeCue) return { nameWords, cue: 'title', speakerOnly: false };
  if (titleOf && nameWords.length < rw.length) {
    const roleStart = extendRoleBack(text, words, run.first - 2);
    return { nameWords, cue: 'title', role: roleOf(text, roleStart, words[nameWords[0].index - 1].end), speakerOnly: false };
  }

  // A lower-case title or role noun just before: "White House spokesperson Caroline Leavitt".
  if (before && nameWords[0] === rw[0] && text.slice(before.end, rw[0].start) === ' ' && !before.cap && isRoleNoun(before.raw)) {
    const roleStart = extendRoleBack(text, words, before.index);
    return { nameWords, cue: 'title', role: roleOf(text, roleStart, before.end), speakerOnly: false };
  }

  const apposition = appositionRole(text, run.words[run.words.length - 1].end);
  if (apposition) return { nameWords, cue: 'apposition', role: apposition, speakerOnly: false };

  if (speechVerbAfter(text, words, run.last) || speechCueBefore(text, words, run.first)) {
    return { nameWords, cue: 'speaker', speakerOnly: true };
  }

  // "Peter Ward: …", a speaker tag at the start of a line.
  if (nameWords.length >= 2 && nameWords[0] === rw[0] && lineTag(text, run)) return { nameWords, cue: 'speaker', speakerOnly: true };

  // Without a cue, words the text also writes in lower case ("Time Warner") are more likely words than names.
  const plainWords = nameWords.some((w) => context.lowerSeen.has(w.lower));
  // A common given name and a surname that is no word of the text: "Kevin Keegan resigned on Monday".
  if (nameWords.length >= 2 && nameWords.length <= 3 && GIVEN_NAMES.has(nameWords[0].lower) && !plainWords && !PLACE_HEADS.has(nameWords[nameWords.length - 1].lower)) {
    return { nameWords, cue: 'given-name', speakerOnly: false };
  }
  if (options.isKnownPerson && nameWords.length >= 2 && !plainWords && options.isKnownPerson(nameText(text, nameWords))) {
    return { nameWords, cue: 'known', speakerOnly: false };
  }
  return undefined;
}

/** Whether `ws` can be a person's name: 1–4 capitalised words, not a place, organisation or common word. */
function validName(text: string, ws: Word[], context: TextContext): boolean {
  const { sentenceStarts, lowerSeen } = context;
  if (ws.length === 0 || ws.length > MAX_NAME_WORDS) return false;
  const lowers = ws.map((w) => w.lower.replace(POSSESSIVE_RE, ''));
  if (lowers.some((w) => /\d/.test(w))) return false;
  if (NON_NAME_CAPITALS.has(lowers[0])) return false;
  if (ORG_HEADS.has(lowers[lowers.length - 1])) return false;
  const joined = lowers.join(' ').replace(/\./g, '');
  if (KNOWN_PLACES.has(joined) || context.places.has(lowers.join(' '))) return false;
  if (KNOWN_ORG_PHRASES.has(joined) || (lowers.length > 1 && KNOWN_ORG_PHRASES.has(lowers.slice(0, 2).join(' ')))) return false;
  if (containsMultiWordPlace(lowers)) return false;
  if (ws.length === 1) {
    const w = ws[0];
    if (KNOWN_ORGS.has(lowers[0]) || KNOWN_ORGS.has(lowers[0].replace(/\./g, ''))) return false;
    if (NATIONALITIES.has(lowers[0]) || PARTY_WORDS.has(lowers[0]) || POSTNOMINALS.has(lowers[0])) return false;
    // Acronyms ("NK", "U.S") are organisations or places, not people.
    if (w.raw.length > 1 && w.raw === w.raw.toUpperCase()) return false;
    // Sentence adverbs ("Recently, ...") look like one-word names before a comma.
    if (/ly$/.test(lowers[0]) && sentenceInitial(text, w)) return false;
    // A capitalised common word opening a sentence ("Experts said").
    if (lowerSeen.has(lowers[0]) && (sentenceStarts.has(w.start) || sentenceInitial(text, w))) return false;
  }
  return true;
}

/** "North Korea-US", "South Korean": a name holding a place of two words or more is no person's. */
function containsMultiWordPlace(lowers: string[]): boolean {
  const parts = lowers.flatMap((w) => w.replace(/\./g, '').split(/[-‐‑]/));
  for (let i = 0; i + 1 < parts.length; i++) {
    if (KNOWN_PLACES.has(`${parts[i]} ${parts[i + 1]}`) || KNOWN_PLACES.has(`${parts[i]} ${parts[i + 1]}`.replace(/n$/, ''))) return true;
  }
  return false;
}

/** True when nothing but quote marks, brackets or space stands between `w` and the previous sentence end. */
function sentenceInitial(text: string, w: Word): boolean {
  const before = text.slice(Math.max(0, w.start - 6), w.start).replace(/[\s"“”'‘’(\[]+$/u, '');
  return before.length === 0 || /[.!?:]$/.test(before);
}

/** Honorifics: titles that give no role. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'madam', 'mme', 'm', 'herr', 'frau']);

/** Walks back from the title word at `index` over role modifiers and capitalised words ("former White House press"). */
function extendRoleBack(text: string, words: Word[], index: number): number {
  let k = index;
  while (k > 0) {
    const prev = words[k - 1];
    if (text.slice(prev.end, words[k].start) !== ' ') break;
    // "Bank of England governor", "Work and Pensions Secretary": small words inside an organisation's name.
    const beyond = words[k - 2];
    // Not across two people's titles: "Italian Prime Minister Silvio Berlusconi and German Chancellor".
    // Where the sentence starts, looked for in a bounded window (a long text must stay linear).
    const from = Math.max(0, prev.start - 120);
    const window = text.slice(from, prev.start);
    const sentenceStart = from + Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'));
    const titleBefore = words.slice(Math.max(0, k - 5), k - 1).some((w) => w.start > sentenceStart && w.cap && isCapitalisedTitle(w.raw));
    const joinsOrg = prev.lower === 'of' || (prev.lower === 'and' && !NATIONALITIES.has(words[k].lower) && !titleBefore);
    if (joinsOrg && words[k].cap && beyond?.cap && text.slice(beyond.end, prev.start) === ' ' && !NON_NAME_CAPITALS.has(beyond.lower)) {
      k -= 2;
      continue;
    }
    const ok = ROLE_MODIFIERS.has(prev.lower) || (isRoleNoun(prev.raw) && !prev.cap) || (prev.cap && !NON_NAME_CAPITALS.has(prev.lower) && !isSpeechVerb(prev.raw));
    if (!ok) break;
    k--;
  }
  return words[k].start;
}

function roleOf(text: string, start: number, end: number): RoleMention {
  // Keep an abbreviation's period: "Sen." rather than "Sen".
  if (text[end] === '.' && /(?:^|\s)\p{Lu}\p{Ll}{1,4}$/u.test(text.slice(start, end)) && DOTTED_ABBREVIATIONS.has(text.slice(start, end).split(/\s/).pop()!.toLowerCase())) end++;
  return { text: text.slice(start, end), span: { start, end } };
}

/**
 * The role in an apposition right after a name: ", a professor at Kookmin
 * University," → "professor at Kookmin University". The role runs to the
 * first clause boundary and must contain a role noun.
 */
function appositionRole(text: string, nameEnd: number): RoleMention | undefined {
  const m = /^,\s+(?:(?:a|an|the)\s+)?/iu.exec(text.slice(nameEnd, nameEnd + 8));
  if (!m) return undefined;
  const start = nameEnd + m[0].length;
  const hadArticle = /\b(?:a|an|the)\s+$/iu.test(m[0]);
  const end = clauseBoundary(text, start, Math.min(text.length, start + 300));
  const role = text.slice(start, end).trim();
  if (role.length === 0) return undefined;
  const roleWords = tokenize(role).map((t) => role.slice(t.start, t.end));
  if (roleWords.length === 0 || roleWords.length > 30) return undefined;
  // An apposition is a noun phrase: a finite verb in it means a clause ("Wilkinson, coach Andy Robinson has given…").
  if (roleWords.some((w) => APPOSITION_VERBS.has(w.toLowerCase()) || isSpeechVerb(w))) return undefined;
  // Without an article the apposition must open with a role word ("former acting ambassador").
  // A possessive proper noun stands for the article: "Labour's election co-ordinator".
  const possessiveLead = /^\p{Lu}\p{L}*['’]s$/u.test(roleWords[0]);
  // Or be a short lower-case noun phrase ending in a role noun: "insurance analyst at AG Edwards", "pediatrician and …".
  const lowerHead = roleWords.slice(0, 3).findIndex((w) => /^(?:at|of|for|in|with|from|and)$/i.test(w));
  // Plain lower-case words only ("you're my director" is speech, not an apposition).
  const plainRole = /^\p{Ll}/u.test(roleWords[0]) && roleWords.slice(0, lowerHead < 0 ? Math.min(3, roleWords.length) : lowerHead).every((w) => /^\p{Ll}[\p{Ll}-]*$/u.test(w) && !STOPWORDS.has(w)) &&
    ((w) => isRoleNoun(w) || /(?:ist|ian)$/.test(w))(roleWords[(lowerHead < 0 ? Math.min(3, roleWords.length) : lowerHead) - 1] ?? '');
  if (!hadArticle && !possessiveLead && !plainRole && !(ROLE_MODIFIERS.has(roleWords[0].toLowerCase()) || isRoleNoun(roleWords[0]))) return undefined;
  // The head noun is before the first preposition: "North Korea expert" in "North Korea expert at the Sejong Institute".
  const head: string[] = [];
  for (let i = 0; i < roleWords.length; i++) {
    const w = roleWords[i];
    // "the Bank of England governor": "of" inside an organisation's name does not end the head.
    const inName = /^(?:of|and)$/i.test(w) && /^\p{Lu}/u.test(roleWords[i - 1] ?? '') && /^\p{Lu}/u.test(roleWords[i + 1] ?? '');
    if (!inName && /^(?:at|of|for|in|with|from|on|to|who|which|and|based)$/i.test(w)) break;
    head.push(w.toLowerCase());
  }
  if (head.some((w) => ORG_CUES.has(w) && !isRoleNoun(w))) return undefined;
  if (!head.some((w) => isRoleNoun(w) || /(?:ist|ian|man|woman|person)$/.test(w))) return undefined;
  if (namesAnotherPerson(roleWords.slice(0, head.length))) return undefined;
  return { text: text.slice(start, start + role.length), span: { start, end: start + role.length } };
}

/**
 * Whether an apposition's head is a title followed by someone's name: in
 * "DiCaprio, director Martin Scorsese, Mr Mann and Mr King" the words after
 * the comma name another person of a list, not DiCaprio's role. The head ends
 * in capitalised words right after its last lower-case role noun ("director
 * Martin Scorsese"); a role whose capitalised words come first ("North Korea
 * expert", "Labour's election co-ordinator") or after a preposition ("professor
 * at Kookmin University": not in the head) is still a role.
 */
function namesAnotherPerson(head: readonly string[]): boolean {
  let lastRole = -1;
  head.forEach((w, i) => {
    if (/^\p{Ll}/u.test(w) && (isRoleNoun(w.toLowerCase()) || /(?:ist|ian|man|woman|person)$/.test(w))) lastRole = i;
  });
  if (lastRole < 0 || lastRole === head.length - 1) return false;
  return head.slice(lastRole + 1).every((w) => /^\p{Lu}\p{Ll}/u.test(w));
}

/** Finite verbs that end an apposition's noun phrase. */
const APPOSITION_VERBS = new Set(['has', 'have', 'had', 'is', 'are', 'was', 'were', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'does', 'did']);

/** End of a clause starting at `start`: a comma, semicolon, dash, bracket, sentence end, or "and one of" / "who". */
export function clauseBoundary(text: string, start: number, limit: number): number {
  const re = /[,;:—–()\n]|\.(?=\s|$)|\s(?:and|but)\s+(?=(?:one|a|an|the|who|is|was|has|had|also)\b)|\s(?=(?:who|which|whose)\b)/gu;
  re.lastIndex = start;
  for (let m = re.exec(text); m !== null && m.index < limit; m = re.exec(text)) {
    if (m[0] === '.') {
      // "U.S. Embassy", "Mr. Kim": a period after an abbreviation does not end the clause.
      const wordBefore = /[\p{L}.]+$/u.exec(text.slice(Math.max(start, m.index - 12), m.index))?.[0] ?? '';
      if (/^(?:\p{L}\.)*\p{L}$/u.test(wordBefore) || DOTTED_ABBREVIATIONS.has(wordBefore.toLowerCase())) continue;
    }
    return m.index;
  }
  return limit;
}

/** A run opening its line and followed by a colon ("Peter Ward: …"). Bylines need no cue: a title-case line gives no people. */
function lineTag(text: string, run: Run): boolean {
  const first = run.words[0];
  const last = run.words[run.words.length - 1];
  return /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, first.start - 20), first.start)) && text[last.end] === ':';
}

/** "Lankov said", "Politico also noted", "Leavitt went on to say". */
function speechVerbAfter(text: string, words: Word[], last: number): boolean {
  let k = last + 1;
  let skipped = 0;
  while (k < words.length && skipped <= 2) {
    const w = words[k];
    if (text.slice(words[k - 1].end, w.start).trim() !== '') return false;
    if (isSpeechVerb(w.raw) || (w.lower === 'went' && words[k + 2]?.lower === 'to')) return !w.cap;
    if (!SPEECH_ADVERBS.has(w.lower)) return false;
    k++;
    skipped++;
  }
  return false;
}

/** "said Andrei Lankov", "according to Lankov". */
function speechCueBefore(text: string, words: Word[], first: number): boolean {
  const prev = words[first - 1];
  if (!prev || text.slice(prev.end, words[first].start) !== ' ') return false;
  if (/^(?:said|says|added|adds|wrote|writes|asked|noted|explained|continued|argued|insisted|warned|tweeted)$/.test(prev.raw)) return true;
  return prev.lower === 'to' && words[first - 2]?.lower === 'according';
}

// ---------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------

/**
 * The full name `name` refers to among the names introduced with a cue
 * elsewhere in the text: the fullest one before `at` (ties go to the
 * nearest), else one after it (a headline or lead may name a person before
 * the sentence that introduces them).
 */
function resolveName(name: string, at: number, introduced: IntroducedNames): string | undefined {
  const key = nameKey(name);
  const tokens = nameTokens(name);
  if (tokens.length === 0) return undefined;
  // Best introduced before `at`: the fullest name, ties to the nearest; else the
  // fullest introduced after it, ties to the first.
  let bestBefore: { p: IntroducedName; nearest: number } | undefined;
  let bestAfter: { p: IntroducedName; first: number } | undefined;
  for (const p of introduced.candidates(tokens, key)) {
    if (p.tokens.length < tokens.length || !refersTo(tokens, key, p)) continue;
    const nearest = lastStartBefore(p.starts, at);
    if (nearest !== undefined) {
      if (!bestBefore || p.tokens.length > bestBefore.p.tokens.length || (p.tokens.length === bestBefore.p.tokens.length && nearest > bestBefore.nearest)) {
        bestBefore = { p, nearest };
      }
      continue;
    }
    const first = p.starts.find((s) => s !== at);
    if (first === undefined) continue;
    if (!bestAfter || p.tokens.length > bestAfter.p.tokens.length || (p.tokens.length === bestAfter.p.tokens.length && first < bestAfter.first)) {
      bestAfter = { p, first };
    }
  }
  return (bestBefore?.p ?? bestAfter?.p)?.fullName;
}

/** One spelling of a full name introduced with a cue, and where. */
interface IntroducedName {
  key: string;
  tokens: string[];
  fullName: string;
  /** Ascending offsets of the introductions. */
  starts: number[];
  /** Order of introduction (the order names are tried in). */
  order: number;
}

/**
 * The full names introduced with a cue, indexed by what {@link refersTo}
 * needs to hold (the same key, the same first word or the same last word),
 * so resolving a mention tries only the names it could refer to: scanning
 * every name for every mention made a long article quadratic.
 */
class IntroducedNames {
  private readonly byName = new Map<string, IntroducedName>();
  private readonly byKey = new Map<string, IntroducedName[]>();
  private readonly byFirst = new Map<string, IntroducedName[]>();
  private readonly byLast = new Map<string, IntroducedName[]>();

  /** Records that `name` is introduced at `start` (starts added in ascending order). */
  add(name: string, start: number): void {
    const known = this.byName.get(name);
    if (known) {
      known.starts.push(start);
      return;
    }
    const p: IntroducedName = { key: nameKey(name), tokens: nameTokens(name), fullName: name, starts: [start], order: this.byName.size };
    this.byName.set(name, p);
    push(this.byKey, p.key, p);
    if (p.tokens.length > 0) {
      push(this.byFirst, p.tokens[0], p);
      push(this.byLast, p.tokens[p.tokens.length - 1], p);
    }
  }

  /** Every name that may refer to `tokens` (a superset of those {@link refersTo} accepts), in order of introduction. */
  candidates(tokens: readonly string[], key: string): IntroducedName[] {
    const found = new Set<IntroducedName>();
    for (const list of [this.byKey.get(key), this.byFirst.get(tokens[0]), this.byLast.get(tokens[0]), this.byLast.get(tokens[tokens.length - 1])]) {
      if (list) for (const p of list) found.add(p);
    }
    return [...found].sort((a, b) => a.order - b.order);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The largest of the ascending `starts` below `at`, if any. */
function lastStartBefore(starts: readonly number[], at: number): number | undefined {
  // The last start at or before `at - 1` is the last one strictly before `at` (offsets are integers).
  const i = lastAtOrBefore(starts.length, at - 1, (k) => starts[k]);
  return i >= 0 ? starts[i] : undefined;
}

function refersTo(tokens: string[], key: string, p: { key: string; tokens: string[] }): boolean {
  if (p.key === key) return true;
  if (tokens.length === 1) return p.tokens[0] === tokens[0] || p.tokens[p.tokens.length - 1] === tokens[0] || p.tokens.join('') === tokens[0];
  // An ordered subsequence keeping the first and last word: "Donald Trump" → "Donald J. Trump".
  if (p.tokens[0] !== tokens[0] && p.tokens[p.tokens.length - 1] !== tokens[tokens.length - 1]) return false;
  let i = 0;
  for (const t of p.tokens) if (t === tokens[i]) i++;
  return i === tokens.length;
}
