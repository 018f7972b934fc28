/**
 * Comparing the facts of a draft sentence with those of the source sentence
 * it follows: whether two numbers state the same value, and which source
 * number stands in the draft number's slot.
 *
 * The rounding rule (written down in the README): two numbers of one kind
 * are equal when their values are equal; or when the DRAFT's value is the
 * source's rounded to the draft's significant figures (a reporter writes
 * "3,000" or "nearly 3,000" for 2,970, "£1.5m" for £1,480,000); or when
 * either side is hedged ("about", "nearly", "more than") and they differ by
 * at most 10 %. A draft more precise than its source ("31" for "30") is a
 * different number, as is a neighbouring round number ("4,000" for "3,000").
 */
import type { NumberMention } from '../extract/numbers';

/** Most relative difference a hedged number ("about 3,000") absorbs. */
export const HEDGE_TOLERANCE = 0.1;

/** Whether a draft number and a source number state the same value (see the module's rounding rule). */
export function sameNumber(draft: NumberMention, source: NumberMention): boolean {
  if (!comparableKinds(draft, source)) return false;
  if (approxEqual(draft.value, source.value)) return true;
  if (approxEqual(roundTo(source.value, draft.significant), draft.value)) return true;
  // A hedge absorbs a difference only when one side hedges and the draft is no more precise than its source ("nearly 3,000" for 2,970).
  if (draft.hedged !== source.hedged && draft.significant <= source.significant && Math.abs(draft.value - source.value) <= HEDGE_TOLERANCE * Math.max(Math.abs(draft.value), Math.abs(source.value))) return true;
  return false;
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
  const draftLeft = draftSiblings.filter((d) => comparableKinds(draft, d) && !comparable.some((s) => sameNumber(d, s)));
  const sourceLeft = comparable.filter((s) => !draftSiblings.some((d) => sameNumber(d, s)));
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

/** What a swapped name stands for, as the message says it. */
export type NameKind = 'place' | 'organisation' | 'person';

/**
 * Whether two name words are one name's: equal, or sharing their first four
 * letters when both are that long ("Korea"/"Korean", "China"/"Chinese"): a
 * demonym or a possessive is the same name, and a shared stem is never taken
 * for a swap (the rule leans quiet: "Austria"/"Australia" pass too).
 */
export function sameNameWord(a: string, b: string): boolean {
  const x = a.replace(/'s$/, '');
  const y = b.replace(/'s$/, '');
  if (x === y) return true;
  return x.length >= 4 && y.length >= 4 && x.slice(0, 4) === y.slice(0, 4);
}

/** Whether every word of a name has its like among `words` (or the name's initials are one of them: "United States" / "U.S."). */
export function nameFoundIn(nameWords: readonly string[], words: readonly string[]): boolean {
  const significant = nameWords.filter((w) => !NAME_FILLERS.has(w));
  if (significant.length === 0) return true;
  if (significant.every((w) => words.some((v) => sameNameWord(w, v)))) return true;
  const initials = significant.map((w) => w[0]).join('');
  return initials.length >= 2 && words.includes(initials);
}

/** Words inside names that say nothing of which one it is. */
const NAME_FILLERS = new Set(['of', 'de', 'la', 'for', 'and', 'the']);
