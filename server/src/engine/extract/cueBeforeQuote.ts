/**
 * Attribution cues before a quotation: a speech verb and its subject ("X
 * said, “…”", "according to X, “…”"), a quotation inside reported speech
 * ("X said the plan was “dead”"), and a colon introduction ("Cruz
 * continued:\n\n“…”").
 */

import type { SpeakerMention } from '../types';
import { ATTRIBUTING_RE_SOURCE, CONTEXT_CHARS, VERB_RE_SOURCE, verbMatches, type Attribution, type Context } from './attributionContext';
import { lineStartWithin, ownSentenceStart, trimmedEnd } from './attributionSegments';
import { NATIONALITIES, PARTY_WORDS, PERSON_PRONOUNS } from './lexicon';
import { leadingSubject, nameEndingAt, subjectAt, subjectBefore } from './speakerPhrases';
import { speakForBody } from './speakerReference';
import { agentVerbAfter } from './cueClauseSubject';

/**
 * The speaker of a quotation introduced by a colon, in the same paragraph or
 * at the end of the one before: a speech verb's subject, else the subject
 * opening the introducing sentence when it names a person or organisation.
 */
export function colonIntroduction(ctx: Context, segStart: number, open: number): Attribution | undefined {
  const { text } = ctx;
  let start = segStart;
  let end = open;
  if (/^\s*$/.test(text.slice(segStart, open))) {
    // The quotation opens a paragraph: look at the end of the previous one.
    const prevEnd = trimmedEnd(text, segStart);
    if (prevEnd === 0 || text[prevEnd - 1] !== ':' || !/\n\s*$/.test(text.slice(prevEnd, open))) return undefined;
    end = prevEnd;
    start = ownSentenceStart(text, lineStartWithin(text, end, CONTEXT_CHARS), end);
  } else if (!/:\s*$/.test(text.slice(segStart, open))) {
    return undefined;
  }
  const viaVerb = fromBefore(ctx, start, end, true);
  if (viaVerb) return viaVerb;
  const introduction = text.slice(start, end);
  let offset = start;
  for (const piece of introduction.split(',')) {
    const trimmed = piece.trimStart();
    const pStart = offset + piece.length - trimmed.length;
    offset += piece.length + 1;
    if (trimmed.length === 0 || /^\p{Ll}/u.test(trimmed) || /^(?:As|In|On|At|When|After|Before|With|For|But|And|So|Yet|Of)\b/u.test(trimmed)) continue;
    const sp = leadingSubject(ctx, pStart, offset - 1);
    if (sp && (sp.resolved || PERSON_PRONOUNS.has(sp.text.toLowerCase()))) return { speaker: sp, cue: ':' };
    break;
  }
  return signedIntroduction(ctx, start, end);
}

/**
 * A name alone before the colon, after a dash or "from" ("IOWA POLLS NOT WRONG - Mark Blumenthal: “…”", "More
 * from Jones: “…”"), or opening the line ("Chris Matthews: …"): the digest and transcript form of a byline.
 */
function signedIntroduction(ctx: Context, start: number, end: number): Attribution | undefined {
  const intro = ctx.text.slice(start, end);
  const m = /(?:^\s*|\s[-–—]\s*|\bfrom\s+|\s(?:and|&)\s+)((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*)\s*:\s*$/u.exec(intro);
  if (!m) return undefined;
  const nameStart = start + m.index + m[0].indexOf(m[1]);
  const sp = nameEndingAt(ctx, nameStart, nameStart + m[1].length);
  return sp?.resolved && sp.span?.start === nameStart ? { speaker: sp, cue: ':' } : undefined;
}

/** The last speech verb in `s` (as written), if any: the cue a continued quotation carries ("…, adding, “B.”"). */
export function verbIn(s: string): string | undefined {
  return verbMatches(s, VERB_RE_SOURCE).pop()?.[0];
}

/**
 * A speaker from a speech verb before the quote, in `text[segStart, open)`.
 * `tight`: the verb must introduce the quote (only a short adjunct between
 * them); otherwise the quote may sit inside the reported clause.
 */
export function fromBefore(ctx: Context, segStart: number, open: number, tight: boolean): Attribution | undefined {
  const { text } = ctx;
  const seg = text.slice(segStart, open);
  const verbs = verbMatches(seg, tight ? VERB_RE_SOURCE : ATTRIBUTING_RE_SOURCE).filter((m) => !(/^\p{Lu}/u.test(m[0]) && !/^according/i.test(m[0])));
  if (verbs.length === 0) return undefined;
  if (tight) return fromVerb(ctx, segStart, open, verbs[verbs.length - 1], true);
  // In reported speech the nearest verb may have no subject of its own ("Trump explained the president's refusal to
  // call it “…”"): the nearest verb with a named subject speaks.
  for (let k = verbs.length - 1; k >= 0 && k >= verbs.length - 3; k--) {
    const found = fromVerb(ctx, segStart, open, verbs[k], false);
    if (found) return found;
  }
  return undefined;
}

function fromVerb(ctx: Context, segStart: number, open: number, verb: RegExpExecArray, tight: boolean): Attribution | undefined {
  const { text } = ctx;
  const vStart = segStart + verb.index;
  const vEnd = vStart + verb[0].length;
  const tail = text.slice(vEnd, open);
  if (tight && tail.length > (/:\s*$/.test(tail) ? 200 : 120)) return undefined;
  if (!tight && tail.length > 250) return undefined;
  const cueWord = verb[0].toLowerCase();
  if (isNounUse(text, segStart, vStart, cueWord)) return undefined;
  // A new clause with its own named subject between the verb and the quotation takes the words over: "When Trump
  // suggested that …, Rubio fired back: “…”", "After Brown criticized her, Hillary shot back, “…”".
  if (cueWord !== 'according to' && newClauseBetween(ctx, vEnd, open)) return undefined;

  if (cueWord === 'according to') {
    const sp = subjectAt(ctx, vEnd, open);
    return sp ? { speaker: sp, cue: 'according to' } : undefined;
  }
  // A parenthetical tag, inverted: "The paradox of Nancy, says Carl Anthony, historian at …, is that she was “…”" is
  // Carl Anthony's reading, not Nancy's words.
  if (/,\s*$/u.test(text.slice(Math.max(segStart, vStart - 3), vStart)) && /^(?:says|said|writes|wrote|adds|added|notes|noted|explains|explained)$/u.test(cueWord)) {
    const inverted = subjectAt(ctx, vEnd, open);
    if (inverted?.resolved && inverted.span && /^\s+(?:\p{Lu}[\p{L}.]*\s+){0,3}$/u.test(text.slice(vEnd, inverted.span.start)) && /^\s*,/u.test(text.slice(inverted.span.end, inverted.span.end + 3))) {
      return { speaker: inverted, cue: verb[0] };
    }
  }
  // "Trump called on her to resign and said, “…”": the subject of the coordinated clause.
  const coordinated = /\s(?:and|but)\s+$/u.test(text.slice(segStart, vStart)) && !/,\s*(?:and|but)\s+$/u.test(text.slice(segStart, vStart));
  // "…, with Sen. John McCain calling it a “Chinese menu.”", "Ryan saying he was “very encouraged” and Trump calling
  // it …": a participle's own subject right before it (an absolute phrase), not the main clause's.
  const absolute = /ing$/.test(cueWord) ? absoluteSubject(ctx, segStart, vStart) : undefined;
  const sp = absolute ?? (coordinated ? coordinatedSubject(ctx, segStart, vStart) : subjectBefore(ctx, segStart, vStart, /ing$/.test(cueWord)));
  if (!sp) return undefined;
  // In reported speech the subject must stand for someone: a description resolved as the final speaker would be
  // ("The department said it will “be adding …”" → the department last named).
  if (!tight && !sp.resolved) speakForBody(ctx, sp);
  if (!tight && !sp.resolved) return undefined;
  return { speaker: sp, cue: cueText(text, verb[0], vEnd) };
}

/**
 * The subject of a clause whose second verb is the cue ("Trump called on her
 * to resign and said, “…”"): the phrase opening the segment, or the one
 * after an opening phrase and its comma ("As the crowd began to chant,
 * Silverman was joined on stage by X and joked, “…”").
 */
function coordinatedSubject(ctx: Context, segStart: number, vStart: number): SpeakerMention | undefined {
  const { text } = ctx;
  const opening = leadingSubject(ctx, segStart + (text.slice(segStart, vStart).length - text.slice(segStart, vStart).trimStart().length), vStart);
  if (opening) return opening;
  const comma = /,\s+(?=\p{Lu})/u.exec(text.slice(segStart, vStart));
  if (!comma) return undefined;
  const lead = segStart + comma.index + comma[0].length;
  const sp = leadingSubject(ctx, lead, vStart);
  return sp?.resolved && !sp.isOrganisation && sp.span && sp.span.start - lead <= 40 ? sp : undefined;
}

/**
 * The subject of an absolute phrase ending at a participle: "with X calling", "– Ryan saying", "and Trump calling".
 * Only a named person or body directly before the participle, opened by "with", a dash, "and" or the segment start.
 */
function absoluteSubject(ctx: Context, segStart: number, vStart: number): SpeakerMention | undefined {
  const before = ctx.text.slice(Math.max(segStart, vStart - 120), vStart);
  const m = /(?:^|\bwith\s+|[–—]\s*|\band\s+)((?:[Tt]he\s+)?\p{Lu}[^,;:–—“”"]*?)\s+$/u.exec(before);
  if (!m) return undefined;
  const start = vStart - before.length + m.index + m[0].indexOf(m[1]);
  if (m.index === 0 && !/^\s*$/u.test(ctx.text.slice(segStart, start)) && !/\bwith\s/u.test(m[0])) return undefined;
  const sp = nameEndingAt(ctx, start, start + m[1].length);
  return sp?.resolved && sp.span && sp.span.start >= start ? sp : undefined;
}

/** Whether `text[from, to)` holds a comma followed by a named subject and its own finite verb. */
function newClauseBetween(ctx: Context, from: number, to: number): boolean {
  const { text } = ctx;
  const re = /,\s+(?=(?:[Tt]he\s+)?\p{Lu})/gu;
  const tail = text.slice(from, to);
  for (let m = re.exec(tail); m !== null; m = re.exec(tail)) {
    const start = from + m.index + m[0].length;
    const sp = leadingSubject(ctx, start, to);
    if (sp?.resolved && sp.span && sp.span.start - start <= 40 && agentVerbAfter(text, sp.span.end, to)) return true;
  }
  return false;
}

/** "told NK News" keeps its object; other verbs stand alone. */
export function cueText(text: string, verb: string, vEnd: number): string {
  if (/^told$/i.test(verb)) {
    const obj = /^ ((?:\p{Lu}[\p{L}.'’-]*)(?: \p{Lu}[\p{L}.'’-]*){0,3}|reporters|the \p{L}+)/u.exec(text.slice(vEnd, vEnd + 60));
    if (obj) return `${verb} ${obj[1]}`;
  }
  return verb;
}

/**
 * Whether a speech-verb form ending in "s" is used as a plural noun: after a
 * possessive, a determiner, or a party or nationality adjective ("Pyongyang's
 * claims", "their remarks", "Republican claims of “…”"). The words in such a
 * clause are whatever the claims say, not the possessor's own words.
 */
function isNounUse(text: string, segStart: number, vStart: number, cueWord: string): boolean {
  if (!/[^s]s$/u.test(cueWord)) return false;
  const m = /(?:(\S+)\s+)?(\S+)\s+$/u.exec(text.slice(Math.max(segStart, vStart - 60), vStart));
  if (!m) return false;
  const prev = m[2];
  const lower = prev.toLowerCase();
  if (/['’]s?$/u.test(prev) || /^(?:his|her|its|their|our|your|my|the|these|those|such|many|some|other|similar)$/u.test(lower)) return true;
  // A party or nationality word is an adjective when nothing names before it ("of Republican claims"); with a
  // determiner or a place before it, it is the head of a subject ("the Utah Republican asks").
  const before = m[1] ?? '';
  return /^\p{Lu}/u.test(prev) && (PARTY_WORDS.has(lower) || NATIONALITIES.has(lower)) && /^\p{Ll}+$/u.test(before) && !/^(?:the|a|an|this|that)$/u.test(before);
}
