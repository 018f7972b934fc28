/**
 * Organisation speakers: which names stand for the same body, and which
 * unnamed speakers speak for a named one.
 *
 * "The State Department", "the U.S. State Department", "the Department of
 * State" and "a State Department spokesperson" are one speaker for a
 * quotation: a spokesperson speaks the body's words, and a country prefix
 * ("U.S.", "British") or an article adds nothing. "The department" after the
 * State Department was named is the State Department. Different bodies with
 * the same kind of head ("the Defense Department") stay different.
 */

import { nameTokens } from './nameVariants';
import { ORG_HEADS } from './lexicon';

/** Words for someone who speaks for a body: "a White House spokesperson", "State Department officials". */
const REPRESENTATIVES = new Set([
  'spokesperson', 'spokesman', 'spokeswoman', 'spokespeople', 'spokesmen', 'spokeswomen', 'official', 'officials',
  'representative', 'representatives', 'aide', 'aides', 'staffer', 'staffers', 'source', 'sources', 'statement',
  'secretary', 'press', 'deputy', 'senior', 'spokes', 'person', 'team', 'staff', 'briefing', 'release', 'email',
]);

/** Country words that a body's name may carry or drop ("the U.S. State Department" = "the State Department"). */
const COUNTRY_PREFIXES = new Set(['us', 'u', 's', 'usa', 'united', 'states', 'american', 'uk', 'british', 'federal', 'national']);

/** Words a body's key never keeps. */
const FILLER = new Set(['the', 'a', 'an', 'its', 'their', 'our', 'one', 'another']);

/**
 * The key of an organisation's name: lower-case words without articles,
 * country prefixes or representative words, with "Department of State"
 * turned into "state department". Two names of one body share their key.
 * Empty when nothing distinctive is left.
 */
export function organisationKey(name: string): string {
  let words = nameTokens(name.replace(/['’]s\b/gu, '')).filter((w) => !FILLER.has(w));
  // "U.S." is one token "us" after normalisation, or "u", "s": drop country words only before the body's name.
  while (words.length > 1 && COUNTRY_PREFIXES.has(words[0])) words = words.slice(1);
  words = words.filter((w) => !REPRESENTATIVES.has(w));
  // "Department of State" → "state department"; "Ministry of Defence" → "defence ministry".
  const of = words.indexOf('of');
  if (of === 1 && ORG_HEADS.has(words[0]) && words.length > 2) words = [...words.slice(2), words[0]];
  return words.join(' ');
}

/** True when `a` and `b` name the same body (see {@link organisationKey}). */
export function sameOrganisation(a: string, b: string): boolean {
  const ka = organisationKey(a);
  return ka.length > 0 && ka === organisationKey(b);
}

/**
 * The body an unnamed speaker speaks for: "a State Department spokesperson"
 * → "State Department", "White House officials" → "White House". The words
 * before the representative noun must be capitalised (a name), or the
 * phrase gives no body.
 */
export function representedOrganisation(phrase: string): string | undefined {
  const words = phrase.trim().split(/\s+/u);
  let end = words.length;
  while (end > 0 && REPRESENTATIVES.has(words[end - 1].toLowerCase().replace(/[^a-z]/g, ''))) end--;
  if (end === words.length || end === 0) return undefined;
  let start = 0;
  while (start < end && FILLER.has(words[start].toLowerCase())) start++;
  const body = words.slice(start, end);
  if (body.length === 0 || !body.every((w) => /^(?:\p{Lu}|of$|for$|and$)/u.test(w))) return undefined;
  const name = body.join(' ').replace(/['’]s$/u, '');
  return organisationKey(name).length > 0 ? name : undefined;
}

/** Head nouns a definite description may use to refer back to a named body: "the department", "the ministry". */
const ANAPHOR_RE = /^(?:the|The)\s+(\p{Ll}+)$/u;
/** How far back a description looks for the body it refers to. */
const ANAPHOR_REACH = 3000;

/**
 * The named body a description like "the department" refers to: the last
 * capitalised name ending (or starting, "Department of …") with that head
 * noun in the `ANAPHOR_REACH` characters before `at`. Only heads of
 * organisations count ("the company", "the agency"); "the man" is no body.
 */
export function organisationAnaphor(text: string, phrase: string, at: number): string | undefined {
  const m = ANAPHOR_RE.exec(phrase.trim());
  if (!m || !ORG_HEADS.has(m[1])) return undefined;
  const head = m[1];
  const Head = head[0].toUpperCase() + head.slice(1);
  const window = text.slice(Math.max(0, at - ANAPHOR_REACH), at);
  const re = new RegExp(String.raw`(?:(?:U\.S\.|US|UK)\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}${Head}\b|${Head}\s+of\s+(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3}`, 'gu');
  let last: string | undefined;
  for (let r = re.exec(window); r !== null; r = re.exec(window)) {
    const name = r[0].replace(/^(?:The|A|An)\s+/u, '');
    if (organisationKey(name) !== head) last = name;
  }
  return last;
}
