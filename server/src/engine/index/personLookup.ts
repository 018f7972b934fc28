/**
 * Which corpus person a name stands for, in the in-memory people table: the
 * same name or an accepted variant, else a near spelling, else none.
 */
import { nameKey, nameTokens, reorderedKeys, soundKey } from '../extract/nameVariants';
import { editDistance, typoBudget } from '../text/editDistance';
import type { PeopleTable, PersonEntry } from './peopleTable';
import { useNearTermTable } from './nearTerms';

/**
 * How a draft name stands to a corpus person:
 * - `exact`: the same name or an accepted variant (hyphenation, diacritics,
 *   word order, a surname alone, a full name with a middle initial more or less);
 * - `near`: a likely misspelling of it (see {@link PersonEntryMatch.wide});
 * - `other-first-name`: a full name whose surname the sources give only with
 *   another first name ("Peter Lankov" where they know Andrei Lankov);
 * - `surname-only`: a full name whose surname the sources give with no first
 *   name at all ("Simon Ward" where they only say "Mr Ward").
 */
export type PersonMatchKind = 'exact' | 'near' | 'other-first-name' | 'surname-only';

/** A corpus person a name resolves to, and how. */
export interface PersonEntryMatch {
  entry: PersonEntry;
  kind: PersonMatchKind;
  /**
   * For `near`: the spelling is further off than a typo (two edits in a short
   * surname, "Ryoo" for "Ryu") while another word of the name is the same; it
   * is a misspelling only when the context agrees (the judge compares roles).
   */
  wide?: boolean;
  /** For `other-first-name`: the other corpus people of that surname (names, most mentioned first, a few). */
  others?: string[];
}

/** Most other people of one surname a look-up names. */
const MAX_OTHERS = 24;

/**
 * The corpus person a draft name stands for: the same name or an accepted
 * variant, else a near spelling, else (for a full name) a person of the same
 * surname with another first name, or a surname the sources give alone.
 * A one-word corpus name ("Peter", "Ward") never verifies a full name.
 */
export function lookUpPerson(people: PeopleTable, fullName: string): PersonEntryMatch | undefined {
  const { byKey } = people;
  const exact = byKey.get(nameKey(fullName)) ?? reorderedKeys(fullName).map((k) => byKey.get(k)).find((e) => e !== undefined);
  if (exact) return { entry: exact, kind: 'exact' };
  const tokens = nameTokens(fullName);
  if (tokens.length === 0) return undefined;
  const { full, part } = variantsOf(people, tokens);
  if (full) return { entry: full, kind: 'exact' };
  const near = nearSpelling(people, tokens, fullName);
  if (near && !near.wide) return near;
  if (tokens.length === 1) return part ? { entry: part, kind: 'exact' } : undefined;
  // Another first name before a wide spelling: "Charles Cook" is Robin Cook's surname, not a stretch of "Charles Coe".
  const [other, ...others] = sameSurname(people, tokens, fullName);
  if (other) return others.length > 0 ? { entry: other, kind: 'other-first-name', others: others.slice(0, MAX_OTHERS).map((e) => e.name) } : { entry: other, kind: 'other-first-name' };
  if (near) return near;
  const surname = byKey.get(tokens[tokens.length - 1]);
  if (surname && nameTokens(surname.name).length === 1) return { entry: surname, kind: 'surname-only' };
  return undefined;
}

/**
 * Accepted variants by words: a corpus name holding all the draft's words
 * ("Donald Trump" in "Donald J. Trump"; an initial stands for a word with
 * that letter), or a corpus name of two words or more whose words the draft
 * holds all of ("Jong Un" in "Kim Jong Un"). `part` is a one-word corpus
 * name inside a one-word draft name only.
 */
function variantsOf(people: PeopleTable, tokens: readonly string[]): { full?: PersonEntry; part?: PersonEntry } {
  const candidates = new Set<string>();
  for (const t of tokens) for (const key of people.byToken.get(t) ?? []) candidates.add(key);
  let full: PersonEntry | undefined;
  let part: PersonEntry | undefined;
  for (const key of candidates) {
    const entry = people.byKey.get(key)!;
    const entryTokens = new Set(entry.spellings.flatMap((s) => nameTokens(s)));
    const draftInEntry = tokens.every((t) => entryTokens.has(t) || (t.length === 1 && [...entryTokens].some((e) => e.startsWith(t))));
    const entryInDraft = [...entryTokens].every((t) => tokens.includes(t));
    if (!draftInEntry && !entryInDraft) continue;
    // A full name must keep the surname: "Donald Trump" is not "Donald Tusk".
    if (tokens.length > 1 && !draftInEntry && entryTokens.size < 2) continue;
    const isFull = entryTokens.size > 1 || tokens.length === 1;
    if (isFull && tokens.length > 1 && entryTokens.size > 1 && !sharesSurname(tokens, entry)) continue;
    const slot = isFull ? full : part;
    if (!slot || entry.occurrences.length > slot.occurrences.length) {
      if (isFull) full = entry;
      else part = entry;
    }
  }
  return { full, part };
}

/** Whether the draft's last word is the last (or, family name first, the first) word of one of the entry's spellings. */
function sharesSurname(tokens: readonly string[], entry: PersonEntry): boolean {
  const last = tokens[tokens.length - 1];
  return entry.spellings.some((s) => {
    const t = nameTokens(s);
    return t[t.length - 1] === last || t[0] === last || t.join('') === tokens.join('');
  });
}

/**
 * The best near spelling: every draft word matched to a distinct word of the
 * corpus name (in any order), at least one differing. Within the typo budget
 * it is `near`; beyond it (two edits in a short word, or sounding alike
 * — {@link soundKey}) it is `near` and `wide`, and only when another word of
 * the name is the same.
 */
function nearSpelling(people: PeopleTable, tokens: readonly string[], fullName: string): PersonEntryMatch | undefined {
  let best: { entry: PersonEntry; cost: number; wide: boolean } | undefined;
  const words = wordKeys(fullName);
  for (const id of nearCandidates(people, [...new Set([...tokens, ...words])])) {
    const entry = people.byKey.get(id);
    if (!entry) continue;
    // Words as written (hyphenated syllables together: "Hyun-woo" = "Hyunwoo"), else split at hyphens.
    const m = [misspellingCost(words, wordKeys(entry.name)), misspellingCost(tokens, nameTokens(entry.name))]
      .filter((x): x is { cost: number; wide: boolean } => x !== undefined)
      .sort((a, b) => Number(a.wide) - Number(b.wide) || a.cost - b.cost)[0];
    if (!m || m.cost === 0) continue;
    const score = m.cost + (m.wide ? 10 : 0);
    if (!best || score < best.cost + (best.wide ? 10 : 0)) best = { entry, cost: m.cost, wide: m.wide };
  }
  if (!best) return undefined;
  return best.wide ? { entry: best.entry, kind: 'near', wide: true } : { entry: best.entry, kind: 'near' };
}

/** The keys of a name's words as written, hyphenated syllables together ("Ryu Hyun-woo" → ["ryu", "hyunwoo"]). */
function wordKeys(name: string): string[] {
  return name.trim().split(/\s+/u).map(nameKey).filter((k) => k.length > 0);
}

/** Relative edit distance of the fuzzy name search (MiniSearch's `fuzzy`). */
export const NAME_FUZZY = 0.34;
/** Edits the surname alone is searched with: a transposition ("Rayn") or two edits are beyond {@link NAME_FUZZY} in a short word. */
export const SURNAME_FUZZY_EDITS = 2;
/** Hits kept from each fuzzy search. */
const MAX_NEAR_HITS = 20;

/**
 * Corpus people whose names may be near spellings of the draft's: the whole
 * name searched with {@link NAME_FUZZY} (a word right ranks first), and the
 * surname alone with {@link SURNAME_FUZZY_EDITS} edits (a common first name
 * would otherwise crowd its person out of the first hits).
 */
function nearCandidates(people: PeopleTable, tokens: readonly string[]): string[] {
  // The same terms as MiniSearch's own fuzzy walk, found by a scan of like lengths (see nearTerms.ts).
  useNearTermTable(people.fuzzy);
  const ids = new Set<string>();
  for (const hit of people.fuzzy.search(tokens.join(' '), { fuzzy: NAME_FUZZY, combineWith: 'OR' }).slice(0, MAX_NEAR_HITS)) ids.add(hit.id as string);
  const surname = tokens[tokens.length - 1];
  if (tokens.length > 1 && surname.length >= 4) {
    for (const hit of people.fuzzy.search(surname, { fuzzy: SURNAME_FUZZY_EDITS }).slice(0, MAX_NEAR_HITS)) ids.add(hit.id as string);
    // Every word near, none crowded out: "Paul Rayn" → Paul Ryan among the many Pauls and Ryans.
    const all = people.fuzzy.search(tokens.join(' '), { fuzzy: (term) => (term.length >= 4 ? SURNAME_FUZZY_EDITS : false), combineWith: 'AND' });
    for (const hit of all.slice(0, MAX_NEAR_HITS)) ids.add(hit.id as string);
  }
  return [...ids];
}

/**
 * The corpus people of two words or more with the draft's surname (its last
 * word, a double-barrelled one whole: "Betts-Green" is not "Aynsley-Green")
 * and another first name, most mentioned first.
 */
function sameSurname(people: PeopleTable, tokens: readonly string[], fullName: string): PersonEntry[] {
  const words = fullName.trim().split(/\s+/u);
  const surnameKey = nameKey(words[words.length - 1]);
  const surname = tokens[tokens.length - 1];
  if (words.length < 2 || surnameKey.length < 2) return [];
  // The first name only: a middle name may be shared ("Javier Garcia Velasco" / "Bernardo Garcia Velasco").
  const given = new Set(nameTokens(words[0]));
  const found: PersonEntry[] = [];
  for (const key of people.byToken.get(surname) ?? []) {
    const entry = people.byKey.get(key)!;
    const entryWords = entry.name.trim().split(/\s+/u);
    if (entryWords.length < 2 || nameKey(entryWords[entryWords.length - 1]) !== surnameKey) continue;
    if (nameTokens(entry.name).some((t) => given.has(t))) continue;
    found.push(entry);
  }
  // Stable: ties keep corpus order, as every store builds its table in it.
  return found.sort((a, b) => b.occurrences.length - a.occurrences.length);
}

/**
 * Whether a capitalised word sequence found without a cue is a person the
 * corpus knows (or nearly: "Bernie Samders of Vermont"). A near spelling
 * keeps at least one word right, so without a word any corpus name has, the
 * fuzzy lookup is skipped. Only the same person counts: a surname known with
 * another first name, or alone, does not make a sequence a person.
 */
export function isKnownPerson(people: PeopleTable, candidate: string, lookUp: (name: string) => PersonEntryMatch | undefined): boolean {
  const tokens = nameTokens(candidate);
  if (tokens.length < 2 || !tokens.some((t) => people.byToken.has(t))) return false;
  const match = lookUp(candidate);
  return match !== undefined && (match.kind === 'exact' || (match.kind === 'near' && !match.wide));
}

/** Most edits a word may take, beside a word that is the same, to still be a misspelling. */
const STRETCH_BUDGET = 2;
/** Words this long on both sides take {@link STRETCH_BUDGET} edits without needing the role to agree. */
const LONG_WORD = 6;

/** How a draft word stands to a corpus word, when it may be a misspelling of it. */
interface WordCost {
  d: number;
  /** Beyond the typo budget: another word of the name must be the same. */
  stretch: boolean;
  /** And short and not sounding alike: the role must agree too (see {@link PersonEntryMatch.wide}). */
  wide: boolean;
}

/**
 * A draft word against a corpus word: within the typo budget; else, beyond
 * it, within {@link STRETCH_BUDGET} edits (at least three letters each) or
 * sounding alike ({@link soundKey}: "Ryoo"/"Ryu", "Troomp"/"Trump"), a
 * stretch, wide unless both words are long or sound alike.
 */
function wordCost(w: string, s: string): WordCost | undefined {
  const max = typoBudget(Math.max(w.length, s.length));
  const d = editDistance(w, s, STRETCH_BUDGET);
  if (d <= max) return { d, stretch: false, wide: false };
  const sounds = soundKey(w) === soundKey(s);
  if (!sounds && (d > STRETCH_BUDGET || Math.min(w.length, s.length) < 3)) return undefined;
  return { d: Math.min(d, STRETCH_BUDGET + 1), stretch: true, wide: !sounds && Math.min(w.length, s.length) < LONG_WORD };
}

/**
 * Total edits that turn the draft's name words into the corpus name's words
 * (each draft word matched to a distinct corpus word, in any order), or
 * undefined when some word is too far off, or stretched with no word the same.
 */
function misspellingCost(draft: readonly string[], source: readonly string[]): { cost: number; wide: boolean } | undefined {
  if (draft.length > source.length || draft.length > 4) return undefined;
  const costs = draft.map((w) => source.map((s) => wordCost(w, s)));
  let best: { cost: number; wide: boolean } | undefined;
  const used = new Array<boolean>(source.length).fill(false);
  const walk = (i: number, cost: number, stretch: boolean, wide: boolean, same: number): void => {
    if (i === draft.length) {
      if (stretch && same === 0) return;
      if (!best || Number(wide) < Number(best.wide) || (wide === best.wide && cost < best.cost)) best = { cost, wide };
      return;
    }
    for (let j = 0; j < source.length; j++) {
      const c = costs[i][j];
      if (used[j] || !c) continue;
      used[j] = true;
      walk(i + 1, cost + c.d, stretch || c.stretch, wide || c.wide, same + (c.d === 0 ? 1 : 0));
      used[j] = false;
    }
  };
  walk(0, 0, false, false, 0);
  return best;
}

/** Most name lookups remembered per index. */
const MAX_REMEMBERED = 20_000;

/**
 * Name lookups remembered for one index (which never changes): a writer's
 * draft asks for the same names on every keystroke, and a one-shot check of
 * the next draft asks for many of the same. Bounded; it never changes an answer.
 */
export class PersonLookupMemo {
  private readonly answers = new Map<string, PersonEntryMatch | undefined>();

  constructor(private readonly people: PeopleTable) {
    // Built with the index, not at the first unknown name of the first check.
    useNearTermTable(people.fuzzy);
  }

  lookUp(fullName: string): PersonEntryMatch | undefined {
    if (this.answers.has(fullName)) return this.answers.get(fullName);
    const match = lookUpPerson(this.people, fullName);
    if (this.answers.size >= MAX_REMEMBERED) this.answers.clear();
    this.answers.set(fullName, match);
    return match;
  }
}
