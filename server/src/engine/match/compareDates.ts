/**
 * Comparing a draft's date with a source's: first whether both speak of the
 * same event ({@link sameEvent}), then whether their values agree at the
 * precision both give ({@link compareDateValues}).
 */

import type { DateMention, DateValue } from '../types';
import { MONTH_NAMES } from '../text/calendar';
import { EVENT_LEMMAS, MEETING_LIKE, placeKeys } from '../extract/eventWords';

/** Score from {@link sameEvent} at and above which two dates are taken to be about the same event. */
export const SAME_EVENT_MIN_SCORE = 0.4;

// Weight of a place word: a place says more about which event is meant than any event noun.
const PLACE_WEIGHT = 3;
// Meeting-like events are often named one way in a draft and another in the
// source ("the summit" / "they met"): they match each other for half credit.
// Without a shared place, shared event nouns alone are weaker evidence...
const NO_PLACE_FACTOR = 0.6;
// ...and generic ones only ("met", "held") are hardly any.
const GENERIC_ONLY_CAP = 0.2;
// Event words at least this heavy are specific kinds of event (summit, briefing), not generic verbs.
const SPECIFIC_WEIGHT = 1.5;

interface SideWords {
  places: string[];
  events: string[];
}

function splitWords(words: readonly string[]): SideWords {
  const places: string[] = [];
  const events: string[] = [];
  for (const w of words) (EVENT_LEMMAS.has(w) ? events : places).push(w);
  return { places, events };
}

function eventWeight(lemma: string): number {
  return EVENT_LEMMAS.get(lemma)?.weight ?? 1;
}

/** How much of one side's words the other side's words account for, in [0, 1]. */
function coverage(
  side: SideWords,
  other: SideWords,
  otherPlaceKeys: ReadonlySet<string>,
): { covered: number; placeMatched: boolean; specificMatched: boolean } {
  let total = 0;
  let got = 0;
  let placeMatched = false;
  let specificMatched = false;
  for (const p of side.places) {
    total += PLACE_WEIGHT;
    if (placeKeys(p).some((k) => otherPlaceKeys.has(k))) {
      got += PLACE_WEIGHT;
      placeMatched = true;
    }
  }
  for (const e of side.events) {
    const w = eventWeight(e);
    total += w;
    if (other.events.includes(e)) {
      got += w;
      if (w >= SPECIFIC_WEIGHT) specificMatched = true;
    } else if (MEETING_LIKE.has(e) && other.events.some((o) => MEETING_LIKE.has(o))) {
      got += w / 2;
      if (w >= SPECIFIC_WEIGHT) specificMatched = true;
    }
  }
  return { covered: total > 0 ? got / total : 0, placeMatched, specificMatched };
}

/**
 * How surely two date mentions (typically one from a draft, one from the
 * corpus) speak of the same event, from their `eventWords`: 0 when unrelated,
 * up to 1. Places weigh more than event nouns, and specific nouns (summit,
 * election) more than generic ones (met, held). Two dates tied to different
 * places ("Panmunjom" vs "Singapore") score 0 however many event nouns they
 * share; a city matches its country ("Hanoi" ~ "Vietnam"). The score is the
 * better-covered side's share of matched weight, so a short draft phrase
 * ("the Vietnam summit") can match a long source sentence; without a shared
 * place it is scaled down, and with only generic words shared ("met") it stays
 * below {@link SAME_EVENT_MIN_SCORE}.
 *
 * Several source dates may pass the threshold for one draft date (a draft's
 * "the summit in 2019" fits both 2018 and 2019 summits); a check should call a
 * draft date wrong only when none of them agrees with it.
 *
 * @example
 * sameEvent({ eventWords: ['vietnam', 'summit'] } as DateMention, { eventWords: ['hanoi', 'summit', 'deal'] } as DateMention) // → 1
 */
export function sameEvent(a: DateMention, b: DateMention): number {
  const sa = splitWords(a.eventWords);
  const sb = splitWords(b.eventWords);
  const keysA = new Set(sa.places.flatMap(placeKeys));
  const keysB = new Set(sb.places.flatMap(placeKeys));
  const ca = coverage(sa, sb, keysB);
  const cb = coverage(sb, sa, keysA);
  // Different places: different events, whatever else they share.
  if (sa.places.length > 0 && sb.places.length > 0 && !ca.placeMatched) return 0;
  const score = Math.max(ca.covered, cb.covered);
  if (ca.placeMatched) return score;
  if (!ca.specificMatched && !cb.specificMatched) return Math.min(score * NO_PLACE_FACTOR, GENERIC_ONLY_CAP);
  return score * NO_PLACE_FACTOR;
}

/**
 * Whether two dates are linked firmly enough to call one of them wrong: they
 * share a place (or a city and its country) AND an event (the same event noun,
 * or two meeting-like ones). A shared place alone ("Seaforth", a company's
 * plant) or shared generic words alone tie too many different dates of one
 * story together; {@link sameEvent} is enough to confirm a date, not to contradict it.
 */
export function firmlySameEvent(a: DateMention, b: DateMention): boolean {
  const sa = splitWords(a.eventWords);
  const sb = splitWords(b.eventWords);
  const keysB = new Set(sb.places.flatMap(placeKeys));
  const place = sa.places.some((p) => placeKeys(p).some((k) => keysB.has(k)));
  if (!place) return false;
  return sa.events.some(
    (e) => sb.events.includes(e) || (MEETING_LIKE.has(e) && sb.events.some((o) => MEETING_LIKE.has(o))),
  );
}

/**
 * Compares a draft's date with a source's at the precision both give: years
 * when both have one, months when both have one, days when both have a month
 * and a day. "2019" vs "February 2019" is `same`; "February 2020" vs "February
 * 2019" is `different`; with nothing in common to compare, `unknown`.
 */
export function compareDateValues(draft: DateValue, source: DateValue): 'same' | 'different' | 'unknown' {
  let compared = 0;
  const check = (a: number | undefined, b: number | undefined): boolean => {
    if (a === undefined || b === undefined) return true;
    compared++;
    return a === b;
  };
  if (!check(draft.year, source.year)) return 'different';
  if (!check(draft.month, source.month)) return 'different';
  // A day alone ("the 11th" without a month) is not comparable: the 11th of which month?
  const bothHaveMonth = draft.month !== undefined && source.month !== undefined;
  if (bothHaveMonth && !check(draft.day, source.day)) return 'different';
  return compared > 0 ? 'same' : 'unknown';
}


function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/**
 * Writes a date value as news copy does: "June 11, 2018", "February 2019",
 * "2018", "June 11", "June"; a lone day is "the 11th". Empty for an empty value.
 */
export function formatDateValue(v: DateValue): string {
  const month = v.month !== undefined && v.month >= 1 && v.month <= 12 ? MONTH_NAMES[v.month - 1] : undefined;
  if (month) {
    const monthDay = v.day !== undefined ? `${month} ${v.day}` : month;
    if (v.year === undefined) return monthDay;
    return v.day !== undefined ? `${monthDay}, ${v.year}` : `${month} ${v.year}`;
  }
  if (v.year !== undefined) return String(v.year);
  if (v.day !== undefined) return `the ${ordinal(v.day)}`;
  return '';
}

/**
 * Like {@link compareDateValues}, but `same` only when the source gives every
 * part the draft gives: a verified date cites a source that states *that*
 * date, so "June 12" is not verified by "June 2019" (the day counts when the
 * draft gives one), and "June 2019" is not verified by "June" alone. A
 * contradiction stays a contradiction at the precision both give.
 */
export function compareWholeDates(draft: DateValue, source: DateValue): 'same' | 'different' | 'unknown' {
  const verdict = compareDateValues(draft, source);
  if (verdict !== 'same') return verdict;
  const missing = (['year', 'month', 'day'] as const).some((part) => draft[part] !== undefined && source[part] === undefined);
  return missing ? 'unknown' : 'same';
}
