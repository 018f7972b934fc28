/**
 * Cues carried from one quotation to the next: the same sentence going on
 * ("… “A” and “B”", "…, adding that …"), the next sentence or paragraph after
 * an attributed quotation, and a quotation right after a sentence of reported
 * speech. Each stops when someone else is named between.
 */

import type { PersonMention, QuoteMention, SpeakerMention, TextSpan } from '../types';
import type { RawQuote } from './quoteSpans';
import { lastAtOrBefore } from '../text/sortedSearch';
import { VERB_RE_SOURCE, firstPersonIndexFrom, isPossessive, verbMatches, type Attribution, type Context } from './attributionContext';
import { agentVerbAfter } from './cueClauseSubject';
import { KNOWN_PLACES, NATIONALITIES, PARTY_WORDS } from './lexicon';
import { ownSentenceStart } from './attributionSegments';

/**
 * A quotation opening its sentence right after a sentence of reported speech
 * ("Carter said that for decades critics had predicted a withdrawal. “That
 * has not happened.”"), or a sentence opened by a named person ("Clinton
 * touted her record. “We need …”"): that speaker, when no one else is
 * named between and that sentence holds no quotation of its own (a quotation
 * there is followed by the continuation rules instead).
 */
export function afterReportedSpeech(ctx: Context, q: RawQuote, segStart: number, prevRaw: RawQuote | undefined): Attribution | undefined {
  const { text, sentences } = ctx;
  const open = q.outerSpan.start;
  if (!/^\s*$/u.test(text.slice(segStart, open))) return undefined;
  // A quotation with an attribution of its own ("“…,” said undecided voter X of Derry") is that speaker's, even when
  // the speaker phrase was not read.
  if (/^\s*[,—–-]?\s*(?:\p{Ll}+\s+){0,2}(?:said|says|added|adds|told|tells|asked|wrote|writes)\b/u.test(text.slice(q.outerSpan.end, q.outerSpan.end + 40)) && /[,?!—–-]\s*$/u.test(text.slice(q.span.start, q.span.end).replace(/['’"”]+$/u, ''))) return undefined;
  const k = lastAtOrBefore(sentences.length, open, (i) => sentences[i].start);
  if (k < 1) return undefined;
  const prevSentence = sentences[k - 1];
  if (prevRaw && prevRaw.outerSpan.end > prevSentence.start) return undefined;
  // The quotation may open the next paragraph after a paragraph ending in reported speech ("Carter said that … would
  // not happen.\n\n“That's because …”"): news goes on with the words it just reported.
  const between = text.slice(prevSentence.end, open);
  const nextParagraph = /^\s*\n\s*\n\s*$/u.test(between) && !/\n\s*\n/u.test(text.slice(prevSentence.start, prevSentence.end));
  if (!nextParagraph && (open - prevSentence.end > 4 || /\n\s*\n/u.test(text.slice(prevSentence.start, open)))) return undefined;
  const events = ctx.speakerEvents.byVerb;
  const e = lastAtOrBefore(events.length, open - 1, (i) => events[i].at);
  let event = e >= 0 && events[e].at >= prevSentence.start ? events[e] : undefined;
  if (nextParagraph && !event) return undefined;
  // Else the person opening that sentence, whatever its verb ("Clinton touted her credentials. “We need …”"): the
  // quotation goes on about what the sentence said of them (PolNeAR train/dev: 4 of 5 such quotations are theirs).
  if (!event) {
    const s = lastAtOrBefore(ctx.subjects.length, open - 1, (i) => ctx.subjects[i].at);
    // Nor any other capitalised name after them (one the people extractor missed may be the one speaking).
    if (s >= 0 && ctx.subjects[s].at >= prevSentence.start && !namesAnotherAgent(ctx, ctx.subjects[s].at, open, ctx.subjects[s].fullName)) event = ctx.subjects[s];
  }
  if (!event) return undefined;
  const speaker = event.fullName;
  for (let p = firstPersonIndexFrom(ctx.people, event.at + 1); p < ctx.people.length && ctx.people[p].span.start < open; p++) {
    const other = ctx.people[p];
    // Someone named only as an object after a preposition ("announced the lawsuit against Gov. Pat McCrory") does not
    // take the words over; anyone acting, or named otherwise, does.
    if (other.fullName !== speaker && !possessorInApposition(text, other) && (agentVerbAfter(text, other.span.end, open) || !namedAfterPreposition(text, other.span.start))) return undefined;
  }
  return { speaker: { text: speaker, resolved: speaker }, cue: 'said' };
}

/**
 * A quotation opening a sentence right after another speaker's quotation and
 * its attribution ("“A,” Lankov said. “B.”"), or opening the next paragraph
 * after it, with no one else named between: the same speaker goes on.
 */
export function continuedFromPreviousSentence(ctx: Context, q: RawQuote, prevRaw: RawQuote | undefined, prevQuote: QuoteMention | undefined): Attribution | undefined {
  const speaker = prevQuote?.speaker;
  if (!prevRaw || !speaker?.resolved) return undefined;
  const { text } = ctx;
  const from = prevRaw.outerSpan.end;
  const to = q.outerSpan.start;
  if (to - from > 200) return undefined;
  const between = text.slice(from, to);
  // In the same sentence, with no one else named and no other cue between: "Trump called it a “disaster” and “a joke”".
  if (between.length <= 150 && !/[.!?\n]/u.test(between) && verbMatches(between, VERB_RE_SOURCE, true).length === 0 && !namesAnotherAgent(ctx, from, to, speaker.resolved)) {
    const { span: _span, ...carried } = speaker;
    return { speaker: carried, cue: prevQuote!.cue ?? 'said' };
  }
  // The same sentence going on with a participle of speech: "X called it a “…,” adding that the person who “…”".
  if (between.length <= 150 && !/[.!?\n]/u.test(between) && /^[\s,;—–-]*(?:and\s+)?(?:adding|saying|noting|arguing|insisting|warning|explaining|calling|declaring|claiming|stating|asserting|contending|maintaining|remarking|observing)\b/u.test(between) && !namesAnotherAgent(ctx, from, to, speaker.resolved)) {
    const { span: _span, ...carried } = speaker;
    return { speaker: carried, cue: prevQuote!.cue ?? 'said' };
  }
  // The same sentence going on after the attribution, its subject understood: a participle ("“A,” said X at the time,
  // adding that “B”", "…, urging them to “B”") or a second speech verb joined by "and" ("X said that … “A,” and said
  // that Trump “B”"). Reported content names whom it likes; only another speech verb, or someone else acting as an
  // agent, hands the words over.
  const goingOn = sameSentenceGoingOn(ctx, from, to, speaker);
  if (goingOn) return { speaker: goingOn, cue: prevQuote!.cue ?? 'said' };
  // The next sentence going on in the speaker's line with a partial quotation and nobody else in it ("“…,” Hennessey
  // added. But that's not the same thing as “properly chargeable.”"): the attribution sentence, then a sentence
  // with no capitalised word but its first, no pronoun subject and no speech verb of its own.
  const nextSentence = /^([^.!?\n]{0,160}?[.!?]["”’]?)\s+((?:But|And|Yet|Still|That|This|It|So)\b[^.!?\n“”"]{0,120})$/u.exec(between);
  if (nextSentence && !/\p{Lu}/u.test(nextSentence[2].slice(1)) && !/\b(?:he|she|they|we|i)\b/iu.test(nextSentence[2]) && verbMatches(nextSentence[2], VERB_RE_SOURCE, true).length === 0 && !namesAnotherAgent(ctx, from, from + nextSentence[1].length, speaker.resolved)) {
    const { span: _span, ...carried } = speaker;
    return { speaker: carried, cue: prevQuote!.cue ?? 'said' };
  }
  // The quotation opens its sentence, and at most one sentence (the attribution) stands between.
  if (!/(?:^|[.!?]["”’]?)\s+$/u.test(between) || /\n\s*\n[\s\S]*\n/u.test(between)) return undefined;
  // A second sentence starts with a capital (or an opening mark): "… Sept. 16 debate" ends none.
  if (/[.!?]["”’]?\s+["“‘(]?\p{Lu}[\s\S]*[.!?]["”’]?\s+$/u.test(between.replace(/\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr)\./g, ''))) return undefined;
  // Someone else named in the attribution takes the words over only as an agent ("“A,” Obama said, and Kerry agreed.
  // “B.”"); one named as an object or an adjunct ("… after playing golf with Jim Yong Kim. “B.”") does not.
  for (let k = firstPersonIndexFrom(ctx.people, from); k < ctx.people.length && ctx.people[k].span.start < to; k++) {
    const p = ctx.people[k];
    if (titlesSpeaker(text, p, speaker.span)) continue;
    // The subject of a clause hung on the attribution ("“A,” Chaffetz said after Pagliano failed to show up. “B.”")
    // only sets the scene, unless it speaks there itself.
    if (SUBORDINATE_BEFORE_RE.test(text.slice(Math.max(from, p.span.start - 40), p.span.start)) && !holdsSpeechVerb(text.slice(p.span.end, to))) continue;
    if (p.fullName !== speaker.resolved && (agentVerbAfter(text, p.span.end, to) || /^\s*(?:\p{Ll}+ly\s+)?\p{Ll}+(?:ed|s)\b/u.test(text.slice(p.span.end, to)) || !namedAfterPreposition(text, p.span.start))) return undefined;
  }
  const { span: _span, ...carried } = speaker;
  return { speaker: carried, cue: prevQuote!.cue ?? 'said' };
}

/**
 * Whether `text[from, to)` names someone other than `speaker` who may speak
 * there: another person followed by a verb, or a capitalised run the
 * extractor did not take for a person (an organisation, an unknown name).
 * A person merely named as an object ("ranked Fiorina as one of the worst")
 * does not take the words over.
 */
function namesAnotherAgent(ctx: Context, from: number, to: number, speaker: string | undefined): boolean {
  const { text } = ctx;
  let rest = text.slice(from, to);
  for (let k = firstPersonIndexFrom(ctx.people, from); k < ctx.people.length && ctx.people[k].span.start < to; k++) {
    const p = ctx.people[k];
    if (p.fullName !== speaker && agentVerbAfter(text, p.span.end, to)) return true;
    rest = rest.slice(0, p.span.start - from) + ' '.repeat(p.span.end - p.span.start) + rest.slice(p.span.end - from);
  }
  // A day, a month, a place, a people or an acronym's plural named as an object ("told reporters in Scotland on
  // Friday", "urged Americans to …", "one of the worst CEOs") takes nothing over; acting ("Americans voted"), it does.
  const capital = /\p{Lu}[\p{L}'’-]*/gu;
  for (let m = capital.exec(rest); m !== null; m = capital.exec(rest)) {
    const lower = m[0].toLowerCase();
    const scenery = CALENDAR_WORDS.has(lower) || KNOWN_PLACES.has(lower) || NATIONALITIES.has(lower) || PARTY_WORDS.has(lower) || /^\p{Lu}{2,}s$/u.test(m[0]);
    if (!scenery || agentVerbAfter(text, from + m.index + m[0].length, to)) return true;
  }
  return false;
}

const CALENDAR_WORDS = new Set('monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '));

/**
 * Whether person `p` is the possessor in an apposition describing someone
 * else: "Coan, Santilli's attorney, argues …" — Santilli is named, not acting.
 */
function possessorInApposition(text: string, p: PersonMention): boolean {
  return /,\s*$/u.test(text.slice(Math.max(0, p.span.start - 3), p.span.start)) && /^['’]s?\s+(?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Ll}[\p{L}-]*,/u.test(text.slice(p.span.end, p.span.end + 60));
}

/** Whether the name at `start` stands after a preposition or a speech verb (an object, not a subject): "with Jim Yong Kim", "told Putin". */
function namedAfterPreposition(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 120), start);
  // Also further along a list the preposition governs: "at an event with Gates, French President François Hollande
  // and Indian Prime Minister Narendra Modi".
  return /\b(?:with|to|of|about|for|from|by|at|on|against|told|tells|telling|thanked|praised|criticized|criticised|attacked|met|joined)\s+(?:[\p{L}.'’-]+,?\s+){0,12}$/u.test(before) && !/(?<!\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Rev|Capt|Sgt|Prof))[.!?]\s*(?:\p{Lu}[\p{L}.'’-]*\s+){0,5}$/u.test(before);
}

// A subordinating conjunction right before a subject, after at most a title or given names ("after Pagliano").
const SUBORDINATE_BEFORE_RE = /(?:^|\s)(?:after|before|when|because|since|while|although|until)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}$/u;

// A determiner or possessive before a word, with at most one modifier between: it is a noun ("his remarks", "the
// claims", "his anti-Muslim remarks").
const NOUN_DETERMINER_RE = /(?:^|[^\p{L}])(?:the|his|her|its|their|these|those|such|many|other|our|your|my|[\p{L}]+['’]s?)\s+(?:[\p{Ll}-]+\s+)?$/iu;

/** Whether `s` holds a speech verb used as a verb: a form after a determiner or a possessive is a noun ("his remarks were …"). */
function holdsSpeechVerb(s: string): boolean {
  const first = verbMatches(s, VERB_RE_SOURCE, true)[0];
  if (!first) return false;
  const isNoun = (v: RegExpExecArray) => /s$/u.test(v[0]) && NOUN_DETERMINER_RE.test(s.slice(Math.max(0, v.index - 30), v.index));
  return !isNoun(first) || verbMatches(s, VERB_RE_SOURCE).some((v) => !isNoun(v));
}

// Participles whose understood subject is the speaker of the clause they hang on: speech acts and stances, after a
// comma or "while"/"before" ("… “premature” to back her campaign while adding, “…”").
const SPEAKER_PARTICIPLE_RE = /(?:,\s*(?:and\s+)?|\s+(?:while|before)\s+)(?:(?:then|later|also|again|even)\s+)?(?:adding|saying|noting|arguing|insisting|warning|explaining|calling|declaring|claiming|urging|referring|describing|telling|asking|accusing|vowing|promising|predicting|pledging|praising|blasting|slamming|mocking|dismissing|joking|quipping|writing|tweeting|suggesting|stressing|acknowledging|admitting|conceding|boasting|complaining|lamenting|recalling|repeating|reiterating|touting|pointing|labeling|labelling|branding|deriding|ridiculing|attacking|criticizing|criticising|hailing|stating|asserting|contending|maintaining|remarking|observing)\b(?![\p{L}-])/u;

// A speech verb joined to the previous predicate, its subject understood: ", and said that …", "and also told …".
const JOINED_VERB_RE = /^\s*,?\s*(?:and|but)\s+(?:(?:then|later|also|again|even)\s+)?(?=\p{Ll})/u;

/**
 * The speaker still talking later in the same sentence (`text[from, to)`
 * lies between the attributed quotation and this one): after a participle
 * hung on the attribution ("“A,” said Rep. X (D-Va.) at the time, adding
 * that “B”") or a speech verb joined by "and"/"but" with no subject of its
 * own ("… a “decent man,” and said that Trump “melted down”"). Not when the
 * stretch ends a sentence, names another person before the participle (other
 * than in the speaker's own title), holds a further speech verb after it, or
 * has someone else acting in it.
 */
function sameSentenceGoingOn(ctx: Context, from: number, to: number, speaker: SpeakerMention): SpeakerMention | undefined {
  const { text } = ctx;
  if (to - from > 220) return undefined;
  const between = text.slice(from, to);
  if (/[\n“”"]/u.test(between)) return undefined;
  const joined = JOINED_VERB_RE.exec(between);
  const participle = joined ? null : SPEAKER_PARTICIPLE_RE.exec(between);
  if ((!joined && !participle) || ownSentenceStart(text, from, to) !== from) return undefined;
  let rest: number;
  if (joined) {
    const verb = verbMatches(between.slice(joined[0].length), VERB_RE_SOURCE, true)[0];
    if (!verb || verb.index !== 0) return undefined;
    rest = from + joined[0].length + verb[0].length;
  } else if (participle) {
    // Between the quotation and the participle: the attribution itself, naming nobody else and only one speech verb.
    const head = between.slice(0, participle.index);
    if (verbMatches(head, VERB_RE_SOURCE).length > 1) return undefined;
    for (let k = firstPersonIndexFrom(ctx.people, from); k < ctx.people.length && ctx.people[k].span.start < from + participle.index; k++) {
      const p = ctx.people[k];
      // A possessor is named, not acting ("…“premature” to back Clinton’s campaign while adding …").
      if (p.fullName !== speaker.resolved && !titlesSpeaker(text, p, speaker.span) && !isPossessive(text, p.span.end)) return undefined;
    }
    rest = from + participle.index + participle[0].length;
  } else return undefined;
  if (holdsSpeechVerb(text.slice(rest, to))) return undefined;
  for (let k = firstPersonIndexFrom(ctx.people, rest); k < ctx.people.length && ctx.people[k].span.start < to; k++) {
    const p = ctx.people[k];
    if (p.fullName !== speaker.resolved && agentVerbAfter(text, p.span.end, to)) return undefined;
  }
  const { span: _span, ...carried } = speaker;
  return carried;
}

/**
 * Whether person `p` only modifies the speaker's title, right before the
 * speaker's name: "Sanders campaign manager Jeff Weaver", "Trump's
 * spokeswoman Hope Hicks" — no other speaker.
 */
function titlesSpeaker(text: string, p: PersonMention, speakerSpan: TextSpan | undefined): boolean {
  if (!speakerSpan || p.span.end > speakerSpan.start) return false;
  return /^(?:['’]s?)?\s+(?:\p{Ll}[\p{L}-]*\s+){1,4}$/u.test(text.slice(p.span.end, speakerSpan.start));
}
