/**
 * What a text says of its people's gender, so "she" after a paragraph about
 * a woman does not go to the last man named. Only the text's own evidence
 * counts: an honorific ("Mr", "Ms"), a gendered role word in the person's
 * apposition or title ("spokeswoman", "chairman"), or a possessive or object
 * pronoun in the sentence that introduces the person when no one else is
 * named in it ("Leavitt told her staff"). No list of first names: a name
 * says nothing certain about a gender.
 */

import type { PersonMention, SentenceSpan } from '../types';
import { lastAtOrBefore } from '../text/sortedSearch';

/** A person's gender as the text tells it. */
export type Gender = 'male' | 'female';

const HONORIFIC_RE = /(?:^|[^\p{L}])(Mr|Mrs|Ms|Miss|Sir|Lady|Dame|Lord)\.?\s*$/u;
const FEMALE_HONORIFICS = new Set(['mrs', 'ms', 'miss', 'lady', 'dame']);
const FEMALE_ROLE_RE = /\b(?:\p{L}*woman|\p{L}*women|actress|wife|mother|daughter|sister|queen|princess|duchess|widow|girl|grandmother|aunt|niece|first lady)\b/iu;
const MALE_ROLE_RE = /\b(?:spokesman|chairman|congressman|businessman|councilman|alderman|\p{L}+man|actor|husband|father|son|brother|king|prince|duke|widower|boy|grandfather|uncle|nephew)\b/iu;
// Role words ending in "man" that say nothing of the wearer.
const NEUTRAL_MAN_RE = /\b(?:human|ottoman|german|roman|norman|shaman)\b/iu;

/** The gender a subject or object pronoun says ("she", "her" → female), if any. */
export function pronounGender(word: string): Gender | undefined {
  const w = word.toLowerCase();
  if (w === 'she' || w === 'her' || w === 'hers' || w === 'herself') return 'female';
  if (w === 'he' || w === 'him' || w === 'his' || w === 'himself') return 'male';
  return undefined;
}

/**
 * Each person's gender as the text tells it, by full name. A person the
 * text gives both genders (two people of one surname) is left out.
 * `people` must be sorted by start; linear in the text.
 */
export function genderEvidence(text: string, sentences: readonly SentenceSpan[], people: readonly PersonMention[]): Map<string, Gender> {
  // An honorific or a gendered role word is firm; a pronoun near the name is a reading, overruled by them.
  const firm = new Map<string, Gender | 'both'>();
  const read = new Map<string, Gender | 'both'>();
  const noteIn = (seen: Map<string, Gender | 'both'>, name: string, g: Gender | undefined): void => {
    if (!g) return;
    const had = seen.get(name);
    seen.set(name, had === undefined || had === g ? g : 'both');
  };
  const note = (name: string, g: Gender | undefined): void => noteIn(firm, name, g);
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    const h = HONORIFIC_RE.exec(text.slice(Math.max(0, p.span.start - 6), p.span.start));
    if (h) note(p.fullName, FEMALE_HONORIFICS.has(h[1].toLowerCase()) ? 'female' : 'male');
    if (p.role) note(p.fullName, roleGender(p.role.text));
    // The sentence naming only this person: a pronoun after the name refers to it.
    const k = lastAtOrBefore(sentences.length, p.span.start, (j) => sentences[j].start);
    if (k < 0) continue;
    const sentenceEnd = sentences[k].end;
    const nextPerson = people[i + 1];
    const prevPerson = people[i - 1];
    if (prevPerson && prevPerson.span.end > sentences[k].start && prevPerson.fullName !== p.fullName) continue;
    const end = nextPerson && nextPerson.span.start < sentenceEnd ? nextPerson.span.start : sentenceEnd;
    if (nextPerson && nextPerson.span.start < sentenceEnd && nextPerson.fullName !== p.fullName) continue;
    // Up to the first quotation mark: a pronoun inside a quotation is the speaker's, about anyone.
    const after = text.slice(p.span.end, Math.min(end, p.span.end + 300)).split(/["“”]/u)[0];
    const m = /(?<![\p{L}'’])(she|her|hers|herself|he|him|his|himself)(?![\p{L}'’])/iu.exec(after);
    if (m) noteIn(read, p.fullName, pronounGender(m[1]));
  }
  const out = new Map<string, Gender>();
  for (const [name, g] of read) if (g !== 'both' && !firm.has(name)) out.set(name, g);
  for (const [name, g] of firm) if (g !== 'both') out.set(name, g);
  return out;
}

function roleGender(role: string): Gender | undefined {
  if (FEMALE_ROLE_RE.test(role)) return 'female';
  if (MALE_ROLE_RE.test(role) && !NEUTRAL_MAN_RE.test(role)) return 'male';
  return undefined;
}
