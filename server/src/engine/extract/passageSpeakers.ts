/**
 * Whom a passage is about, for pronouns: where each person is the subject of
 * a speech verb, and the people opening sentences. Built once per text, in
 * text order, before quotations are attributed.
 */

import type { PersonMention } from '../types';
import type { RawQuote } from './quoteSpans';
import { isDescriptorOnly, isPossessive, type Context, type SpeakerEvent } from './attributionContext';
import { SPEECH_VERB_RE_SOURCE } from './lexicon';
import { LEADING_NAME_RE, nameRunSpeaker } from './speakerPhrases';

/**
 * People opening their sentence (only title words before them), ascending:
 * the people found by the extractor, and capitalised names opening a
 * sentence outside quotations and followed by a verb or an apposition
 * ("Andrei Lankov is a professor …").
 */
export function sentenceSubjects(ctx: Context, quotes: readonly RawQuote[]): SpeakerEvent[] {
  const { text, sentences, people } = ctx;
  const out: SpeakerEvent[] = [];
  let p = 0;
  let q = 0;
  for (const sentence of sentences) {
    while (q < quotes.length && quotes[q].outerSpan.end <= sentence.start) q++;
    if (q < quotes.length && quotes[q].outerSpan.start <= sentence.start) continue;
    while (p < people.length && people[p].span.start < sentence.start) p++;
    const person = people[p];
    if (person && person.span.start - sentence.start <= 80 && isDescriptorOnly(text.slice(sentence.start, person.span.start))) {
      // "Mr Brown's Budget was …": a possessor opens the sentence, but the sentence is not about him.
      if (!isPossessive(text, person.span.end)) out.push({ at: person.span.start, fullName: person.fullName });
      continue;
    }
    const head = text.slice(sentence.start, Math.min(sentence.end, sentence.start + 80));
    const m = LEADING_NAME_RE.exec(head);
    if (!m || !/^(?:,|\s+\p{Ll})/u.test(head.slice(m[1].length)) || isPossessive(text, sentence.start + m[1].length)) continue;
    const sp = nameRunSpeaker(ctx, sentence.start, m[1]);
    if (sp?.resolved) out.push({ at: sentence.start, fullName: sp.resolved });
  }
  return out;
}

/**
 * Where each person is the subject of a speech verb ("Peter Ward, a North
 * Korea expert at the Sejong Institute, said that …"), so a later "He said"
 * goes to the last speaker rather than to a person merely mentioned.
 */
export function speakerEvents(text: string, people: PersonMention[]): { at: number; fullName: string }[] {
  const out: { at: number; fullName: string }[] = [];
  // The apposition's closing comma may be missing before the verb after a name ending it ("Sam Lau, the
  // communications director for the Iowa Democratic Party said"), when it opens in lower case (not a list of names:
  // "Clinton, Sanders said"). Tried only where a capitalised word ends, so the verbs are not tried at every character.
  const re = new RegExp(String.raw`^(?:['’]s)?(?:,[^.“”"\n]{0,200}?,|,\s+\p{Ll}[^.,“”"\n]{0,120}?\s\p{Lu}[\p{L}.'’-]*(?=\s))?\s+(?:(?:also|later|then|further|previously|once|has|had|\p{L}+ly)\s+)?${SPEECH_VERB_RE_SOURCE}(?![\p{L}])(?! to\b)`, 'u');
  for (const p of people) {
    if (re.test(text.slice(p.span.end, p.span.end + 260))) out.push({ at: p.span.start, fullName: p.fullName });
  }
  return out;
}
