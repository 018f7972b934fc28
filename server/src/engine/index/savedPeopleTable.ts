/**
 * The people table as the index cache saves it (issue 13): strings and
 * integers, made back into the very table `buildPeopleTable` makes — the
 * same entries, spellings, occurrences (same fields, one shared string per
 * role text) and token lists, in the same orders. A warm start made the table
 * from every article's people (~250 ms in a fresh, JIT-cold corpus worker),
 * on the path to the first diagnostics; from the image it is a plain copy.
 */
import { peopleTableOf, type PeopleTable, type PersonEntry, type PersonOccurrence } from './peopleTable';

/** Integers per occurrence in {@link PeopleTableImage.occurrences}. */
export const OCCURRENCE_INTS = 6;

/** A {@link PeopleTable} as arrays (its fuzzy index is saved on its own: `savedNameIndex.ts`). */
export interface PeopleTableImage {
  /** Each role text once, in first-seen order. */
  roles: string[];
  /** For each person in table order: key, name, then its spellings. */
  entryStrings: string[];
  /** For each person: how many spellings. */
  spellingCounts: Uint32Array;
  /** For each person: how many occurrences. */
  occurrenceCounts: Uint32Array;
  /** {@link OCCURRENCE_INTS} per occurrence: article, start, end, role (index + 1, 0 for none), role start, role end (0 without a role). */
  occurrences: Uint32Array;
  /** The name tokens of `byToken`, in its order. */
  tokens: string[];
  /** For each token: how many people have it. */
  tokenKeyCounts: Uint32Array;
  /** For each token, its people as positions in table order. */
  tokenKeys: Uint32Array;
}

/** The image of `table` (its maps in their orders). */
export function peopleTableImage(table: PeopleTable): PeopleTableImage {
  const roles: string[] = [];
  const roleNumber = new Map<string, number>();
  const entryStrings: string[] = [];
  const spellingCounts = new Uint32Array(table.byKey.size);
  const occurrenceCounts = new Uint32Array(table.byKey.size);
  let occurrenceCount = 0;
  for (const entry of table.byKey.values()) occurrenceCount += entry.occurrences.length;
  const occurrences = new Uint32Array(occurrenceCount * OCCURRENCE_INTS);
  const position = new Map<string, number>();
  let i = 0;
  let at = 0;
  for (const [key, entry] of table.byKey) {
    position.set(key, i);
    entryStrings.push(key, entry.name, ...entry.spellings);
    spellingCounts[i] = entry.spellings.length;
    occurrenceCounts[i] = entry.occurrences.length;
    for (const o of entry.occurrences) {
      let role = 0;
      if (o.role !== undefined) {
        role = roleNumber.get(o.role) ?? 0;
        if (role === 0) {
          roles.push(o.role);
          roleNumber.set(o.role, (role = roles.length));
        }
      }
      occurrences.set([o.article, o.start, o.end, role, o.roleStart ?? 0, o.roleEnd ?? 0], at);
      at += OCCURRENCE_INTS;
    }
    i++;
  }
  const tokens: string[] = [];
  const tokenKeyCounts = new Uint32Array(table.byToken.size);
  const tokenKeys: number[] = [];
  let t = 0;
  for (const [token, keys] of table.byToken) {
    tokens.push(token);
    tokenKeyCounts[t++] = keys.length;
    for (const key of keys) tokenKeys.push(position.get(key)!);
  }
  return { roles, entryStrings, spellingCounts, occurrenceCounts, occurrences, tokens, tokenKeyCounts, tokenKeys: Uint32Array.from(tokenKeys) };
}

/**
 * What is wrong with `image` as a table's image (counts that do not add up,
 * a role or person that is not there, a span that ends before it starts, a
 * key twice), or undefined when it is well formed. Whether its articles and
 * spans fit a corpus is {@link peopleTableFromImage}'s question.
 */
export function peopleTableImageProblem(image: PeopleTableImage): string | undefined {
  const people = image.spellingCounts.length;
  if (image.occurrenceCounts.length !== people) return 'people: counts of spellings and occurrences differ';
  let strings = 0;
  let occurrences = 0;
  for (let i = 0; i < people; i++) {
    strings += 2 + image.spellingCounts[i];
    occurrences += image.occurrenceCounts[i];
  }
  if (strings !== image.entryStrings.length) return 'people: names do not match their counts';
  if (occurrences * OCCURRENCE_INTS !== image.occurrences.length) return 'people: occurrences do not match their counts';
  const keys = new Set<string>();
  for (let i = 0, at = 0; i < people; i++) {
    keys.add(image.entryStrings[at]);
    at += 2 + image.spellingCounts[i];
  }
  if (keys.size !== people) return 'people: a key appears twice';
  const o = image.occurrences;
  for (let at = 0; at < o.length; at += OCCURRENCE_INTS) {
    if (o[at + 1] > o[at + 2]) return 'people: a mention ends before it starts';
    if (o[at + 3] > image.roles.length) return 'people: a role that is not there';
    if (o[at + 3] === 0 ? o[at + 4] !== 0 || o[at + 5] !== 0 : o[at + 4] > o[at + 5]) return 'people: a role span out of order';
  }
  if (image.tokenKeyCounts.length !== image.tokens.length) return 'people: tokens do not match their counts';
  let tokenKeys = 0;
  for (const n of image.tokenKeyCounts) tokenKeys += n;
  if (tokenKeys !== image.tokenKeys.length) return 'people: token lists do not match their counts';
  if (new Set(image.tokens).size !== image.tokens.length) return 'people: a token appears twice';
  for (const k of image.tokenKeys) if (k >= people) return 'people: a token names a person who is not there';
  return undefined;
}

/**
 * The table `image` holds, for a corpus whose article texts have these
 * lengths; undefined when it does not fit them (an article or span out of
 * range). `image` must be well formed ({@link peopleTableImageProblem}).
 */
export function peopleTableFromImage(image: PeopleTableImage, textLengths: readonly number[]): PeopleTable | undefined {
  const o = image.occurrences;
  for (let at = 0; at < o.length; at += OCCURRENCE_INTS) {
    const length = textLengths[o[at]];
    if (length === undefined || o[at + 2] > length || o[at + 5] > length) return undefined;
  }
  const byKey = new Map<string, PersonEntry>();
  const keyAt: string[] = [];
  let s = 0;
  let at = 0;
  for (let i = 0; i < image.spellingCounts.length; i++) {
    const key = image.entryStrings[s];
    const name = image.entryStrings[s + 1];
    const spellings = image.entryStrings.slice(s + 2, s + 2 + image.spellingCounts[i]);
    s += 2 + image.spellingCounts[i];
    const occurrences: PersonOccurrence[] = new Array(image.occurrenceCounts[i]);
    for (let k = 0; k < occurrences.length; k++, at += OCCURRENCE_INTS) {
      // The fields, and their order, of `buildPeopleTable`'s occurrences (role fields undefined without a role).
      const role = o[at + 3];
      occurrences[k] =
        role === 0
          ? { article: o[at], start: o[at + 1], end: o[at + 2], role: undefined, roleStart: undefined, roleEnd: undefined }
          : { article: o[at], start: o[at + 1], end: o[at + 2], role: image.roles[role - 1], roleStart: o[at + 4], roleEnd: o[at + 5] };
    }
    byKey.set(key, { name, key, spellings, occurrences });
    keyAt.push(key);
  }
  const byToken = new Map<string, string[]>();
  let k = 0;
  image.tokens.forEach((token, t) => {
    const keys: string[] = new Array(image.tokenKeyCounts[t]);
    for (let j = 0; j < keys.length; j++) keys[j] = keyAt[image.tokenKeys[k++]];
    byToken.set(token, keys);
  });
  return peopleTableOf(byKey, byToken);
}
