/**
 * The team's people list (`.factcheck/config.json` `people`) in the names
 * check. The sources are not the only authority on a name: a newsroom knows
 * its own interviewees (never in the corpus) and keeps preferred spellings
 * that override a source's typo ("Karoline Leavitt" where a wire story wrote
 * "Caroline"). So, for a person the draft names:
 * - a name (or an alias) on the list is verified, "confirmed by the team's
 *   people list", whatever the corpus says of its spelling; a role the team
 *   lists for the person is never a mismatch;
 * - a name nearly spelled like one on the list (word for word within the
 *   typo budget) is misspelled, with the list's spelling as the suggestion —
 *   also when a source uses the draft's spelling (the team overrides the
 *   source's typo).
 *
 * Applied by wrapping the names check's judge ({@link withTeamPeople}), so
 * the corpus look-ups and the check itself stay as they are; the list is part
 * of the configuration, and a checker is made anew when the configuration
 * changes, so memoised findings never outlive a change of the list.
 */
import type { Finding, PersonMention, TeamPerson } from '../types';
import { nameKey, nameTokens } from '../extract/nameVariants';
import { editDistance, typoBudget } from '../text/editDistance';
import { roleAgrees } from '../match/roles';
import type { Check, JudgedFinding, ResolvedCheckConfig } from './check';

/** Most people a list may hold; more are dropped (a list is typed by hand; a huge one would only cost time). */
export const MAX_TEAM_PEOPLE = 10_000;

/** A person of the list, with the keys of its name and aliases. */
interface TeamEntry {
  person: TeamPerson;
  /** The preferred spelling's name tokens. */
  tokens: string[];
}

/** The list as the checks read it: entries by the key of each name and alias. */
export interface TeamPeople {
  readonly size: number;
  /** The entry of a name or alias key ({@link nameKey}), and whether it was an alias. */
  readonly byKey: ReadonlyMap<string, { entry: TeamEntry; alias: boolean }>;
  /** Entries by word count, for near spellings. */
  readonly byLength: ReadonlyMap<number, readonly TeamEntry[]>;
}

/** An empty list. */
export const NO_TEAM_PEOPLE: TeamPeople = { size: 0, byKey: new Map(), byLength: new Map() };

/** Indexes a people list; names without letters are left out. The first entry of a name wins. */
export function resolveTeamPeople(list: readonly TeamPerson[] | undefined): TeamPeople {
  if (!list || list.length === 0) return NO_TEAM_PEOPLE;
  const byKey = new Map<string, { entry: TeamEntry; alias: boolean }>();
  const byLength = new Map<number, TeamEntry[]>();
  let size = 0;
  for (const person of list.slice(0, MAX_TEAM_PEOPLE)) {
    const tokens = nameTokens(person.name);
    const key = tokens.join('');
    if (key.length === 0 || byKey.has(key)) continue;
    const entry: TeamEntry = { person, tokens };
    size++;
    byKey.set(key, { entry, alias: false });
    for (const alias of person.aliases ?? []) {
      const k = nameKey(alias);
      if (k.length > 0 && !byKey.has(k)) byKey.set(k, { entry, alias: true });
    }
    const same = byLength.get(tokens.length) ?? [];
    same.push(entry);
    byLength.set(tokens.length, same);
  }
  return { size, byKey, byLength };
}

/** The list's person a mention names exactly (its full name, or its words as written, as a name or an alias). */
export function confirmedPerson(people: TeamPeople, mention: Pick<PersonMention, 'fullName' | 'text'>): { person: TeamPerson; alias: boolean } | undefined {
  const hit = people.byKey.get(nameKey(mention.fullName)) ?? people.byKey.get(nameKey(mention.text));
  return hit && { person: hit.entry.person, alias: hit.alias };
}

/**
 * The list's person whose name a full name nearly spells: the same number of
 * words, each the same or within the typo budget of its length (the budget
 * the corpus's near matches use), at least one different, and a surname that
 * does not differ in its first letter (a different family, not a typo).
 * Undefined when none, or when two people are equally near.
 */
export function nearTeamPerson(people: TeamPeople, fullName: string): TeamPerson | undefined {
  const words = nameTokens(fullName);
  if (words.length < 2) return undefined; // one word is too little to call a typo of a person
  let best: TeamPerson | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const entry of people.byLength.get(words.length) ?? []) {
    const d = spellingDistance(words, entry.tokens);
    if (d === undefined || d === 0) continue;
    if (d < bestDistance) {
      best = entry.person;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

/** Summed edit distance of two names word by word, or undefined when a word is beyond its typo budget. */
function spellingDistance(words: readonly string[], target: readonly string[]): number | undefined {
  const lastA = words[words.length - 1];
  const lastB = target[target.length - 1];
  if (lastA[0] !== lastB[0]) return undefined;
  let total = 0;
  for (let i = 0; i < words.length; i++) {
    const budget = typoBudget(Math.max(words[i].length, target[i].length));
    const d = editDistance(words[i], target[i], budget + 1);
    if (d > budget) return undefined;
    total += d;
  }
  return total;
}

/** The words of `mentionText` with each word near one of `preferred`'s words replaced by it. */
export function preferredSpelling(mentionText: string, preferred: string): string {
  const target = preferred.split(/\s+/).filter(Boolean);
  const words = mentionText.split(/\s+/).filter(Boolean);
  if (words.length === target.length) return preferred;
  return words
    .map((w) => {
      const norm = nameTokens(w).join('');
      let best = w;
      let bestD = Infinity;
      for (const t of target) {
        const d = editDistance(norm, nameTokens(t).join(''), 3);
        if (d < bestD) {
          bestD = d;
          best = t;
        }
      }
      return bestD <= typoBudget(norm.length) ? best : w;
    })
    .join(' ');
}

/** The codes of the names check that say something about a name's spelling or existence. */
const NAME_CODES: ReadonlySet<Finding['code']> = new Set(['name-verified', 'name-misspelled', 'name-unknown']);

/**
 * The names check's findings for one mention, as the team's list amends them
 * (see the module comment). `found` are the check's own findings.
 */
export function amendWithTeamPeople(mention: PersonMention, found: readonly JudgedFinding[], people: TeamPeople): JudgedFinding[] {
  if (people.size === 0) return [...found];
  const confirmed = confirmedPerson(people, mention);
  if (confirmed) {
    const { person, alias } = confirmed;
    // A role the team confirms for the person is no mismatch, whatever the sources say.
    const kept = found.filter((f) => f.code === 'role-mismatch' && !(mention.role && person.roles && roleAgrees(mention.role.text, person.roles)));
    const corpusVerified = found.find((f) => f.code === 'name-verified');
    const as = alias ? ` (as ${quoteName(mention.text)})` : '';
    const verified: JudgedFinding = {
      code: 'name-verified',
      span: mention.span,
      message: `${person.name} is confirmed by the team's people list${as}.`,
      evidence: corpusVerified?.evidence ?? [],
    };
    return [verified, ...kept];
  }
  const near = nearTeamPerson(people, mention.fullName);
  if (!near) return [...found];
  const suggestion = preferredSpelling(mention.text, near.name);
  // The words as written are the list's spelling (the full name differed elsewhere): nothing to correct here.
  if (nameKey(suggestion) === nameKey(mention.text)) return found.filter((f) => !NAME_CODES.has(f.code) || f.code === 'name-verified');
  const evidence = found.find((f) => f.code === 'name-verified' || f.code === 'name-misspelled')?.evidence ?? [];
  return [
    {
      code: 'name-misspelled',
      span: mention.span,
      message: `Name spelled differently in the team's people list: '${quoteName(mention.text)}' → '${quoteName(suggestion)}'`,
      suggestion,
      evidence,
    },
    ...found.filter((f) => !NAME_CODES.has(f.code)),
  ];
}

/** A name as quoted in a message: one line, bounded. */
function quoteName(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}

/** What the names check's claims carry that the list needs: the mention. */
interface ClaimWithMention {
  mention: PersonMention;
}

/**
 * The names check with the team's people list applied to its verdicts. The
 * claims, keys and look-ups are the check's own: the list lives in the
 * configuration, fixed for a checker's life.
 */
export function withTeamPeople<C extends ClaimWithMention, R>(check: Check<C, R>): Check<C, R> {
  return {
    ...check,
    judge(claim: C, retrieved: R, config: ResolvedCheckConfig): JudgedFinding[] {
      const found = check.judge(claim, retrieved, config);
      return config.people.size === 0 ? found : amendWithTeamPeople(claim.mention, found, config.people);
    },
  };
}
