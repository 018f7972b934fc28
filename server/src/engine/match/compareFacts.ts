/**
 * Comparing the facts of a draft sentence with those of the source sentence
 * it follows: whether two numbers state the same value, and which source
 * number stands in the draft number's slot.
 *
 * The rounding rule (written down in the README): two numbers of one kind
 * are equal when their values are equal; or when the DRAFT's value is the
 * source's rounded to the draft's significant figures (a reporter writes
 * "3,000" or "nearly 3,000" for 2,970, "£1.5m" for £1,480,000), except
 * that a whole count below 100 is never rounded ("30 banks" for 29 is
 * wrong, "nearly 30 banks" is not); or when
 * either side is hedged ("about", "nearly", "more than") and they differ by
 * at most 10 %. A draft more precise than its source ("31" for "30") is a
 * different number, as is a neighbouring round number ("4,000" for "3,000").
 */
import type { NumberMention } from '../extract/numbers';
import { partyKey } from './roles';

/** Most relative difference a hedged number ("about 3,000") absorbs. */
export const HEDGE_TOLERANCE = 0.1;

/** Whether a draft number and a source number state the same value (see the module's rounding rule). */
export function sameNumber(draft: NumberMention, source: NumberMention): boolean {
  if (!comparableKinds(draft, source)) return false;
  if (approxEqual(draft.value, source.value)) return true;
  if (!isExactCount(source) && approxEqual(roundTo(source.value, draft.significant), draft.value)) return true;
  // A hedge absorbs a difference only when one side hedges and the draft is no more precise than its source ("nearly 3,000" for 2,970).
  if (draft.hedged !== source.hedged && draft.significant <= source.significant && Math.abs(draft.value - source.value) <= HEDGE_TOLERANCE * Math.max(Math.abs(draft.value), Math.abs(source.value))) return true;
  return false;
}

/** Whole counts below this are exact: nobody rounds 29 banks to 30, a 21-year-old to 20, or 11 players to 10. */
export const LEAST_ROUNDED_COUNT = 100;

/** A whole count or ordinal below {@link LEAST_ROUNDED_COUNT}: a draft may hedge it ("nearly 30"), not round it. */
function isExactCount(n: NumberMention): boolean {
  return (n.kind === 'cardinal' || n.kind === 'ordinal') && Number.isInteger(n.value) && Math.abs(n.value) < LEAST_ROUNDED_COUNT;
}

/**
 * Whether two numbers can be compared at all: the same kind (a percentage
 * with a percentage, money with money in one currency or an unnamed one,
 * an ordinal with an ordinal).
 */
export function comparableKinds(a: NumberMention, b: NumberMention): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'money' && a.currency && b.currency && a.currency !== b.currency) return false;
  return true;
}

/** `value` rounded to `figures` significant figures. */
export function roundTo(value: number, figures: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value))) + 1 - figures;
  const factor = Math.pow(10, magnitude);
  return Math.round(value / factor) * factor;
}

function approxEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The source number that stands in the draft number's slot, when one is
 * clear: the one comparable number the draft does not state when the draft
 * has one number the source does not state; else the one comparable number that counts the same noun ("3,000 jobs" /
 * "4,000 jobs"), or, with no noun shared, the only comparable number of the
 * source when the draft too has only one comparable number. Undefined when
 * the slot is not clear: then nothing is reported.
 */
export function slotPartner(draft: NumberMention, draftSiblings: readonly NumberMention[], sources: readonly NumberMention[]): NumberMention | undefined {
  const comparable = sources.filter((s) => comparableKinds(draft, s));
  if (comparable.length === 0) return undefined;
  // The numbers each side states that the other does not: one left on each side stand in one slot ("39 a day" / "40 a day").
  const { draftLeft, sourceLeft } = unmatchedNumbers(draftSiblings.filter((d) => comparableKinds(draft, d)), comparable);
  if (draftLeft.length === 1 && sourceLeft.length === 1 && draftLeft[0] === draft) {
    const s = sourceLeft[0];
    return draft.unit === s.unit ? s : undefined;
  }
  if (draft.unit) {
    const sameUnit = comparable.filter((s) => s.unit === draft.unit);
    if (sameUnit.length === 1) return sameUnit[0];
    if (sameUnit.length > 1) return undefined;
  }
  const draftComparable = draftSiblings.filter((d) => comparableKinds(draft, d));
  if (comparable.length === 1 && draftComparable.length === 1 && draft.unit === comparable[0].unit) return comparable[0];
  return undefined;
}

/**
 * The numbers of each side left once they are paired one to one: equal
 * values first, then values equal by the rounding rule. One-to-one, so a
 * draft's "12,000" that restates the source's "12,000" does not also count
 * as the source's "11,900" rounded, and leaves that one to the slot of the
 * draft's "11,901".
 */
export function unmatchedNumbers(draft: readonly NumberMention[], source: readonly NumberMention[]): { draftLeft: NumberMention[]; sourceLeft: NumberMention[] } {
  const draftLeft = [...draft];
  const sourceLeft = [...source];
  for (const same of [(d: NumberMention, s: NumberMention) => comparableKinds(d, s) && approxEqual(d.value, s.value), sameNumber]) {
    for (let i = 0; i < draftLeft.length; ) {
      const j = sourceLeft.findIndex((s) => same(draftLeft[i], s));
      if (j < 0) {
        i++;
        continue;
      }
      draftLeft.splice(i, 1);
      sourceLeft.splice(j, 1);
    }
  }
  return { draftLeft, sourceLeft };
}

/** What a swapped name stands for, as the message says it. */
export type NameKind = 'place' | 'organisation' | 'person';

/**
 * Whether two name words are one name's: equal, or sharing their first four
 * letters when both are that long ("Korea"/"Korean", "China"/"Chinese"): a
 * demonym or a possessive is the same name, and a shared stem is never taken
 * for a swap (the rule leans quiet: "Austria"/"Australia" pass too); a
 * party and its nickname are one name ("Tory"/"Conservative").
 */
export function sameNameWord(a: string, b: string): boolean {
  if (a === b) return true;
  // Called for every word pair of two sentences: no allocation on the way.
  const x = a.endsWith("'s") ? a.slice(0, -2) : a;
  const y = b.endsWith("'s") ? b.slice(0, -2) : b;
  if (x === y) return true;
  if (x.length >= 4 && y.length >= 4 && x.charCodeAt(0) === y.charCodeAt(0) && x.charCodeAt(1) === y.charCodeAt(1) && x.charCodeAt(2) === y.charCodeAt(2) && x.charCodeAt(3) === y.charCodeAt(3)) return true;
  // A party and its nickname are one name ("Tory" / "Conservative", "GOP" / "Republican").
  const party = partyKey(x);
  return party !== undefined && party === partyKey(y);
}

/**
 * Whether a name is used among `words` (a text's words in order): its
 * initials are one of them ("United States" / "U.S."), or every significant
 * word of it has its like there, near one another — within a few words, in
 * any order ("Agriculture Department" / "Department of Agriculture"), not
 * gathered from different names across the sentence ("International Finance
 * Corp" is not used by "Overseas Private Investment Corp … International
 * Monetary Fund"). A company's legal suffix is no significant word ("Syntex
 * Corp" / "Syntex").
 */
export function nameFoundIn(nameWords: readonly string[], words: readonly string[]): boolean {
  const significant = nameWords.filter((w) => !NAME_FILLERS.has(w) && !LEGAL_SUFFIXES.has(w));
  if (significant.length === 0) return true;
  // "General Motors Corp" is GM, "Securities and Exchange Commission" SEC.
  for (const initials of [significant, nameWords.filter((w) => !NAME_FILLERS.has(w))].map((ws) => ws.map((w) => w[0]).join(''))) {
    if (initials.length >= 2 && words.includes(initials)) return true;
  }
  const reach = significant.length + NAME_SPREAD;
  for (let i = 0; i < words.length; i++) {
    if (!significant.some((w) => sameNameWord(w, words[i]))) continue;
    const end = Math.min(words.length, i + reach);
    if (significant.every((w) => hasLikeIn(w, words, i, end))) return true;
  }
  return false;
}

/** Whether `words[from..end)` holds a word like `w` ({@link sameNameWord}). */
function hasLikeIn(w: string, words: readonly string[], from: number, end: number): boolean {
  for (let k = from; k < end; k++) if (sameNameWord(w, words[k])) return true;
  return false;
}

/** Words inside names that say nothing of which one it is. */
const NAME_FILLERS = new Set(['of', 'de', 'la', 'for', 'and', 'the']);
/** A company's legal form: "Syntex Corp" is Syntex. */
const LEGAL_SUFFIXES = new Set(['inc', 'corp', 'corporation', 'co', 'ltd', 'plc', 'llc', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'spa']);
/** Other words a name's words may stand among ("the Department of Agriculture's", "Agriculture Department"). */
const NAME_SPREAD = 3;
