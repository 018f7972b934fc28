/**
 * Which corpus person a name stands for, in the in-memory people table: the
 * same name or an accepted variant, else a near spelling, else none.
 */
import { nameKey, nameTokens } from '../extract/nameVariants';
import { editDistance, typoBudget } from '../text/editDistance';
import type { PeopleTable, PersonEntry } from './peopleTable';

/** A corpus person a name resolves to, and how. */
export interface PersonEntryMatch {
  entry: PersonEntry;
  /** `exact`: same name or an accepted variant; `near`: a misspelling of it. */
  kind: 'exact' | 'near';
}

/**
 * The corpus person a draft name stands for: the same name (or an accepted
 * variant: hyphenation, a surname alone, a full name where the corpus has
 * the surname), else a near spelling of one, else none.
 */
export function lookUpPerson(people: PeopleTable, fullName: string): PersonEntryMatch | undefined {
  const { byKey, byToken, fuzzy } = people;
  const exact = byKey.get(nameKey(fullName));
  if (exact) return { entry: exact, kind: 'exact' };
  const tokens = nameTokens(fullName);
  if (tokens.length === 0) return undefined;
  // Accepted variants: one name's words all within the other's ("Lankov" / "Andrei Lankov").
  const variants = new Set<string>();
  for (const t of tokens) for (const key of byToken.get(t) ?? []) variants.add(key);
  let fullVariant: PersonEntry | undefined;
  let partVariant: PersonEntry | undefined;
  for (const key of variants) {
    const entry = byKey.get(key)!;
    const entryTokens = new Set(entry.spellings.flatMap((s) => nameTokens(s)));
    const draftInEntry = tokens.every((t) => entryTokens.has(t));
    const entryInDraft = [...entryTokens].every((t) => tokens.includes(t));
    if (!draftInEntry && !entryInDraft) continue;
    // A corpus entry of one word ("Bernie", "Donald") is a weaker match than a full name.
    const isFull = entryTokens.size > 1 || tokens.length === 1;
    const slot = isFull ? fullVariant : partVariant;
    if (!slot || entry.occurrences.length > slot.occurrences.length) {
      if (isFull) fullVariant = entry;
      else partVariant = entry;
    }
  }
  if (fullVariant) return { entry: fullVariant, kind: 'exact' };
  // Near spellings: every draft word within a small edit distance of a word of the same person, at least one differing.
  let best: { entry: PersonEntry; cost: number } | undefined;
  for (const hit of fuzzy.search(tokens.join(' '), { fuzzy: 0.34, combineWith: 'OR' }).slice(0, 20)) {
    const entry = byKey.get(hit.id as string);
    if (!entry) continue;
    const cost = misspellingCost(tokens, nameTokens(entry.name));
    if (cost !== undefined && cost > 0 && (!best || cost < best.cost)) best = { entry, cost };
  }
  if (best) return { entry: best.entry, kind: 'near' };
  if (partVariant) return { entry: partVariant, kind: 'exact' };
  return undefined;
}

/**
 * Whether a capitalised word sequence found without a cue is a person the
 * corpus knows (or nearly: "Bernie Samders of Vermont"). A near spelling
 * keeps at least one word right, so without a word any corpus name has, the
 * fuzzy lookup is skipped.
 */
export function isKnownPerson(people: PeopleTable, candidate: string, lookUp: (name: string) => PersonEntryMatch | undefined): boolean {
  const tokens = nameTokens(candidate);
  return tokens.length > 1 && tokens.some((t) => people.byToken.has(t)) && lookUp(candidate) !== undefined;
}

/**
 * Total edits that turn the draft's name words into the corpus name's words
 * (each draft word matched to a distinct corpus word, in order), or undefined
 * when some word is too far off to be a misspelling.
 */
function misspellingCost(draft: readonly string[], source: readonly string[]): number | undefined {
  if (draft.length > source.length) return undefined;
  let total = 0;
  let from = 0;
  for (const w of draft) {
    let found = -1;
    let cost = Infinity;
    for (let j = from; j < source.length; j++) {
      const max = typoBudget(Math.max(w.length, source[j].length));
      const d = editDistance(w, source[j], max);
      if (d <= max && d < cost) {
        cost = d;
        found = j;
      }
    }
    if (found < 0) return undefined;
    total += cost;
    from = found + 1;
  }
  return total;
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

  constructor(private readonly people: PeopleTable) {}

  lookUp(fullName: string): PersonEntryMatch | undefined {
    if (this.answers.has(fullName)) return this.answers.get(fullName);
    const match = lookUpPerson(this.people, fullName);
    if (this.answers.size >= MAX_REMEMBERED) this.answers.clear();
    this.answers.set(fullName, match);
    return match;
  }
}
