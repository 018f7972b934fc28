import { nameTokens, sameName } from '../extract/names';
import { editDistance, typoBudget } from '../text/editDistance';

// Words that name a kind of body rather than which one: "the State Department"
// and "the Defense Department" share "department" but are different speakers.
const GENERIC_WORDS = new Set([
  'us', 'the', 'department', 'ministry', 'office', 'house', 'news', 'agency', 'institute', 'university',
  'government', 'official', 'officials', 'spokesperson', 'spokesman', 'spokeswoman', 'president', 'chairman',
  'mr', 'mrs', 'ms', 'dr', 'of', 'and', 'state',
]);

/**
 * Whether two speaker names can be the same speaker: accepted variants of one
 * name, or a surname alone against the full name ("Lankov" / "Andrei Lankov"),
 * or two names of one organisation sharing a distinctive word; a word a
 * typo away counts as the same word.
 */
export function sameSpeaker(a: string, b: string): boolean {
  if (sameName(a, b)) return true;
  const ta = nameTokens(a).filter((t) => !GENERIC_WORDS.has(t));
  const tb = new Set(nameTokens(b).filter((t) => !GENERIC_WORDS.has(t)));
  if (ta.length === 0 || tb.size === 0) {
    // Nothing distinctive on one side ("the White House" vs "the State Department" both reduce to generic words).
    return nameTokens(a).join(' ') === nameTokens(b).join(' ');
  }
  // A typo of the name is the name check's business, not a different speaker.
  return ta.some((t) => tb.has(t) || [...tb].some((u) => editDistance(t, u, typoBudget(Math.max(t.length, u.length))) <= typoBudget(Math.max(t.length, u.length))));
}
