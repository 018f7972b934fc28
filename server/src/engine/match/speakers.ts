import { nameTokens, sameName } from '../extract/names';
import { organisationKey, sameOrganisation } from '../extract/organisations';
import type { SpeakerMention } from '../types';
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
 * or two names of one organisation ("U.S. State Department" / "Department of
 * State"), or two names sharing a distinctive word; a word a typo away counts
 * as the same word.
 */
export function sameSpeaker(a: string, b: string): boolean {
  if (sameName(a, b) || sameOrganisation(a, b)) return true;
  const ta = nameTokens(a).filter((t) => !GENERIC_WORDS.has(t));
  const tb = new Set(nameTokens(b).filter((t) => !GENERIC_WORDS.has(t)));
  if (ta.length === 0 || tb.size === 0) {
    // Nothing distinctive on one side ("the White House" vs "the State Department" both reduce to generic words).
    return organisationKey(a) === organisationKey(b) && organisationKey(a).length > 0;
  }
  // A typo of the name is the name check's business, not a different speaker.
  return ta.some((t) => tb.has(t) || [...tb].some((u) => editDistance(t, u, typoBudget(Math.max(t.length, u.length))) <= typoBudget(Math.max(t.length, u.length))));
}

/**
 * Whether the draft's speaker and a source's speaker can be the same: the
 * same name (see {@link sameSpeaker}), or a body and someone the text says
 * speaks for it ("the White House" / "White House press secretary Karoline
 * Leavitt"), either way round.
 */
export function compatibleSpeakers(draft: SpeakerMention, source: SpeakerMention): boolean {
  const d = draft.resolved;
  const s = source.resolved;
  if (d && s && sameSpeaker(d, s)) return true;
  if (d && source.affiliation && sameOrganisation(d, source.affiliation)) return true;
  // Two people of one body are two speakers; an unnamed one ("a spokesperson") is the body.
  return s !== undefined && draft.affiliation !== undefined && sameOrganisation(s, draft.affiliation);
}
