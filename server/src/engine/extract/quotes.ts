/**
 * Finds direct quotations and who the text says spoke them.
 *
 * A speaker is attached only when a cue links it to the quotation: a speech
 * verb with its subject before the quote ("Lankov said, “…”"), after it
 * ("“…,” Lankov said" / "“…,” said Lankov"), "according to X", or a
 * continuation of the previous quotation in the same sentence ("“A,” he said,
 * “B.”", "…, adding, “B.”"). Scare quotes without such a cue get no speaker.
 */

import type { PersonMention, QuoteMention, SentenceSpan, SpeakerMention, TextSpan } from '../types';
import { ATTRIBUTING_VERB_RE_SOURCE, KNOWN_ORGS, KNOWN_PLACES, NON_NAME_CAPITALS, ORG_CUES, ORG_HEADS, OTHER_PRONOUNS, PERSON_PRONOUNS, ROLE_MODIFIERS, SPEECH_ADVERBS, SPEECH_VERB_RE_SOURCE, isCapitalisedTitle, isRoleNoun } from './lexicon';
import { findQuoteSpans, paragraphEnd, type RawQuote } from './quoteSpans';
import { organisationAnaphor, representedOrganisation } from './organisations';
import { genderEvidence, pronounGender, type Gender } from './pronouns';
import { lastAtOrBefore } from '../text/sortedSearch';

/** Where a speaker was found relative to the quotation, strongest first. */
type Attribution = { speaker: SpeakerMention; cue: string };

interface Context {
  text: string;
  sentences: SentenceSpan[];
  /** Sorted by start. */
  people: PersonMention[];
  /** Offsets where a person is the subject of a speech verb (for pronouns). */
  speakerEvents: SpeakerEvents;
  /** People opening a sentence (after title words only), ascending: whom a paragraph is about (for pronouns). */
  subjects: SpeakerEvent[];
  /** What the text says of each person's gender (full name → gender), for "he" and "she". */
  genders: Map<string, Gender>;
  /** The first full name of the text with each last word (lower case). */
  fullNameBySurname: Map<string, string>;
}

/** A person speaking at an offset. */
interface SpeakerEvent {
  at: number;
  fullName: string;
}

/**
 * Where people speak, for pronouns: those found by a speech verb after a
 * name (ascending), then those found as quotations are attributed (added in
 * text order). Kept as two sorted lists so "the last speaker before an
 * offset" is two binary searches: scanning every event for every pronoun made
 * a long article quadratic.
 */
interface SpeakerEvents {
  byVerb: SpeakerEvent[];
  byQuote: SpeakerEvent[];
}

// Sources only: global regexes carry `lastIndex`, so each use builds its own (no shared mutable state).
const VERB_RE_SOURCE = `(?<![\\p{L}\\p{N}'’-])${SPEECH_VERB_RE_SOURCE}(?![\\p{L}\\p{N}-])`;
// Verbs that put words in someone's mouth inside their own clause, beyond the lexicon's ("Trump blamed it on “sickos”").
const MORE_ATTRIBUTING_VERBS = 'blamed|blaming|likened|likening|decried|decrying|thanked|thanking|defended|defending|termed|terming|pronounced|declaring|insisting|arguing|claiming|complaining|predicting|tweeting|writing';
const ATTRIBUTING_RE_SOURCE = `(?<![\\p{L}\\p{N}'’-])(?:${SPEECH_VERB_RE_SOURCE}|${ATTRIBUTING_VERB_RE_SOURCE}|${MORE_ATTRIBUTING_VERBS})(?![\\p{L}\\p{N}-])`;
// How far before a quotation a pronoun may reach back to a named speaker.
const PRONOUN_SPEAKER_REACH = 1500;
// Attribution is looked for in at most this many characters around a quotation.
const CONTEXT_CHARS = 400;

/**
 * Finds the direct quotations in `text` and their speakers.
 *
 * `people` (from `extractPeople` on the same text) resolves speakers to full
 * names; pronouns resolve to the last named person speaker before the quote
 * (or the last person mentioned). Organisations and outlets ("The U.S. State
 * Department", "Politico", "Reuters") are speakers with `isOrganisation`.
 */
export function extractQuotes(text: string, sentences: SentenceSpan[], people: PersonMention[]): QuoteMention[] {
  const raw = findQuoteSpans(text);
  // A name inside a quotation is never the quotation's speaker, nor whom a later "he" stands for.
  const sortedPeople = outsideQuotes([...people].sort((a, b) => a.span.start - b.span.start), raw);
  const ctx: Context = {
    text,
    sentences,
    people: sortedPeople,
    speakerEvents: { byVerb: speakerEvents(text, sortedPeople), byQuote: [] },
    subjects: [],
    genders: genderEvidence(text, sentences, sortedPeople),
    fullNameBySurname: new Map(),
  };
  for (const p of sortedPeople) {
    const surname = p.fullName.toLowerCase().split(/\s+/u).pop()!;
    if (!ctx.fullNameBySurname.has(surname)) ctx.fullNameBySurname.set(surname, p.fullName);
  }
  ctx.subjects = sentenceSubjects(ctx, raw);
  const out: QuoteMention[] = [];
  for (let i = 0; i < raw.length; i++) {
    const q = raw[i];
    const quote: QuoteMention = { span: q.span, outerSpan: q.outerSpan, text: text.slice(q.span.start, q.span.end) };
    const prev = i > 0 ? raw[i - 1] : undefined;
    const next = i + 1 < raw.length ? raw[i + 1] : undefined;
    const found = attribute(ctx, q, prev, out[i - 1], next) ?? continuedFromPreviousSentence(ctx, q, prev, out[i - 1]);
    if (found) {
      speakForBody(ctx, found.speaker);
      quote.speaker = found.speaker;
      quote.cue = found.cue;
      if (found.speaker.resolved && !found.speaker.isOrganisation) addEvent(ctx.speakerEvents.byQuote, { at: q.outerSpan.start, fullName: found.speaker.resolved });
    }
    out.push(quote);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Attribution
// ---------------------------------------------------------------------------

function attribute(ctx: Context, q: RawQuote, prevRaw: RawQuote | undefined, prevQuote: QuoteMention | undefined, nextRaw: RawQuote | undefined): Attribution | undefined {
  const { text } = ctx;
  const segStart = beforeSegmentStart(ctx, q, prevRaw);
  const before = text.slice(segStart, q.outerSpan.start);
  const afterEnd = afterSegmentEnd(ctx, q, nextRaw);

  const continuesPrev = prevRaw !== undefined && prevQuote?.speaker !== undefined && segStart === prevRaw.outerSpan.end;
  const beforeTight = /[,:]\s*$/.test(before) || /\b(?:said|says|wrote|writes|added|adds|told)\s*$/iu.test(before);

  // 1. "X said, “…”": the verb introduces the quote.
  if (beforeTight) {
    const b = fromBefore(ctx, segStart, q.outerSpan.start, true);
    if (b) return b;
    if (continuesPrev && /^\s*,?\s*(?:(?:and|but)\s+)?(?:also\s+)?(?:adding|added|adds|saying|noting|continuing|continued|explaining|before adding)?\s*[,:]?\s*$/iu.test(before)) {
      return { speaker: { text: prevQuote!.speaker!.text, resolved: prevQuote!.speaker!.resolved, ...(prevQuote!.speaker!.isOrganisation ? { isOrganisation: true } : {}) }, cue: verbIn(before) ?? prevQuote!.cue ?? 'said' };
    }
  }
  // 1b. A block quotation after a colon: "Cruz continued:\n\n“…”", "Politico reveals a few facts: “…”".
  const colon = colonIntroduction(ctx, segStart, q.outerSpan.start);
  if (colon) return colon;
  // 2. "“…,” X said" / "“…,” said X".
  const a = fromAfter(ctx, q, afterEnd);
  if (a) return a;
  // 3. A quotation inside reported speech: "X said the plan was “dead”".
  const loose = fromBefore(ctx, segStart, q.outerSpan.start, false);
  if (loose?.speaker.resolved) return loose;
  // 4. A quotation continued after an attribution break or into the next paragraph.
  if (continuesPrev && /^\s*[,;]?\s*(?:(?:and|but)\s+)?$/u.test(before)) {
    return { speaker: { text: prevQuote!.speaker!.text, resolved: prevQuote!.speaker!.resolved, ...(prevQuote!.speaker!.isOrganisation ? { isOrganisation: true } : {}) }, cue: prevQuote!.cue ?? 'said' };
  }
  if (prevRaw && !prevRaw.closed && prevQuote?.speaker && /^\s*$/.test(before) && text.slice(prevRaw.outerSpan.end, q.outerSpan.start).includes('\n')) {
    return { speaker: { text: prevQuote.speaker.text, resolved: prevQuote.speaker.resolved }, cue: prevQuote.cue ?? 'said' };
  }
  return undefined;
}

/**
 * The speaker of a quotation introduced by a colon, in the same paragraph or
 * at the end of the one before: a speech verb's subject, else the subject
 * opening the introducing sentence when it names a person or organisation.
 */
function colonIntroduction(ctx: Context, segStart: number, open: number): Attribution | undefined {
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
  return undefined;
}

function verbIn(s: string): string | undefined {
  const re = new RegExp(VERB_RE_SOURCE, 'giu');
  let last: string | undefined;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) last = m[0];
  return last;
}

/** Start of the text before a quotation that may hold its attribution: the sentence (or clause after the previous quote). */
function beforeSegmentStart(ctx: Context, q: RawQuote, prevRaw: RawQuote | undefined): number {
  const { text, sentences } = ctx;
  const open = q.outerSpan.start;
  const floor = lineStartWithin(text, open, CONTEXT_CHARS);
  let start = floor;
  // The latest sentence start in (floor, open] whose sentence runs past `open`: found from the
  // sentence at `open` backwards (sentences are in text order), never by a scan from the start.
  for (let k = lastAtOrBefore(sentences.length, open, (i) => sentences[i].start); k >= 0 && sentences[k].start > floor; k--) {
    if (sentences[k].end > open) {
      start = sentences[k].start;
      break;
    }
  }
  if (prevRaw && prevRaw.outerSpan.end > start && prevRaw.outerSpan.end <= open) start = prevRaw.outerSpan.end;
  return ownSentenceStart(text, start, open);
}

/**
 * The start of the line holding the character before `at`, but no further
 * back than `reach` characters (nor before 0): a look-back bounded whatever
 * the length of the line.
 */
function lineStartWithin(text: string, at: number, reach: number): number {
  const floor = Math.max(0, at - reach);
  for (let i = at - 1; i >= floor; i--) if (text.charCodeAt(i) === 10) return Math.max(floor, i + 1);
  return floor;
}

/** `text.slice(0, end).trimEnd().length`, without copying a prefix of the text. */
function trimmedEnd(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** The last sentence start in `[from, to)` found by punctuation, skipping abbreviations. */
function ownSentenceStart(text: string, from: number, to: number): number {
  // Matched in a window ending just past `to` (a match starting before `to` reads up to two marks, its white
  // space and up to three more units: a quote mark and an astral capital), so a text without punctuation is
  // not searched to its end for every quotation.
  let windowEnd = Math.min(text.length, to + 2);
  while (windowEnd < text.length && /\s/.test(text[windowEnd])) windowEnd++;
  windowEnd = Math.min(text.length, windowEnd + 4);
  const window = text.slice(0, windowEnd);
  const re = /[.!?]["”’)]?\s+(?=["“‘(]?\p{Lu})/gu;
  re.lastIndex = from;
  let start = from;
  for (let m = re.exec(window); m !== null && m.index < to; m = re.exec(window)) {
    const wordBefore = /[\p{L}.]+$/u.exec(text.slice(Math.max(from, m.index - 10), m.index))?.[0] ?? '';
    if (m[0][0] === '.' && (/^(?:\p{L}\.)*\p{L}$/u.test(wordBefore) || /^(?:mr|mrs|ms|dr|prof|sen|rep|gov|gen|lt|col|st|jr|sr|rev|no|vs|u\.s)$/i.test(wordBefore))) continue;
    start = m.index + m[0].length;
  }
  return start;
}

/** End of the text after a quotation that may hold its attribution. */
function afterSegmentEnd(ctx: Context, q: RawQuote, nextRaw: RawQuote | undefined): number {
  const { text } = ctx;
  const reach = Math.min(text.length, q.outerSpan.end + CONTEXT_CHARS);
  let end = Math.min(reach, paragraphEnd(text, q.outerSpan.end, reach));
  if (nextRaw && nextRaw.outerSpan.start < end) end = nextRaw.outerSpan.start;
  // Matched in a window ending one past `end` (the look-ahead reads one character): bounded look-ahead.
  const window = text.slice(0, Math.min(text.length, end + 1));
  const re = /[.!?](?=\s|$)/g;
  re.lastIndex = q.outerSpan.end;
  for (let m = re.exec(window); m !== null && m.index < end; m = re.exec(window)) {
    const wordBefore = /[\p{L}.]+$/u.exec(text.slice(Math.max(q.outerSpan.end, m.index - 10), m.index))?.[0] ?? '';
    if (/^(?:\p{L}\.)*\p{L}$/u.test(wordBefore) || /^(?:mr|mrs|ms|dr|prof|sen|rep|gov|gen|lt|col|st|jr|sr|rev)$/i.test(wordBefore)) continue;
    return m.index;
  }
  return end;
}

/**
 * A speaker from a speech verb before the quote, in `text[segStart, open)`.
 * `tight`: the verb must introduce the quote (only a short adjunct between
 * them); otherwise the quote may sit inside the reported clause.
 */
function fromBefore(ctx: Context, segStart: number, open: number, tight: boolean): Attribution | undefined {
  const { text } = ctx;
  const seg = text.slice(segStart, open);
  const re = new RegExp(tight ? VERB_RE_SOURCE : ATTRIBUTING_RE_SOURCE, 'giu');
  let verb: RegExpExecArray | undefined;
  for (let m = re.exec(seg); m !== null; m = re.exec(seg)) {
    if (/^\p{Lu}/u.test(m[0]) && !/^according/i.test(m[0])) continue;
    verb = m;
  }
  if (!verb) return undefined;
  const vStart = segStart + verb.index;
  const vEnd = vStart + verb[0].length;
  const tail = text.slice(vEnd, open);
  if (tight && tail.length > (/:\s*$/.test(tail) ? 200 : 120)) return undefined;
  if (!tight && tail.length > 250) return undefined;
  const cueWord = verb[0].toLowerCase();

  if (cueWord === 'according to') {
    const sp = subjectAt(ctx, vEnd, open);
    return sp ? { speaker: sp, cue: 'according to' } : undefined;
  }
  // "Trump called on her to resign and said, “…”": the subject of the coordinated clause.
  const coordinated = /\s(?:and|but)\s+$/u.test(text.slice(segStart, vStart)) && !/,\s*(?:and|but)\s+$/u.test(text.slice(segStart, vStart));
  const sp = coordinated ? leadingSubject(ctx, segStart + (text.slice(segStart, vStart).length - text.slice(segStart, vStart).trimStart().length), vStart) : subjectBefore(ctx, segStart, vStart, /ing$/.test(cueWord));
  if (!sp) return undefined;
  if (!tight && !sp.resolved) return undefined;
  return { speaker: sp, cue: cueText(text, verb[0], vEnd) };
}

/** "told NK News" keeps its object; other verbs stand alone. */
function cueText(text: string, verb: string, vEnd: number): string {
  if (/^told$/i.test(verb)) {
    const obj = /^ ((?:\p{Lu}[\p{L}.'’-]*)(?: \p{Lu}[\p{L}.'’-]*){0,3}|reporters|the \p{L}+)/u.exec(text.slice(vEnd, vEnd + 60));
    if (obj) return `${verb} ${obj[1]}`;
  }
  return verb;
}

/** A speaker after a closing mark: "“…,” Lankov said", "“…,” said Lankov", "“…,” according to Reuters". */
function fromAfter(ctx: Context, q: RawQuote, afterEnd: number): Attribution | undefined {
  const { text } = ctx;
  const closeEnd = q.outerSpan.end;
  const after = text.slice(closeEnd, afterEnd);
  const lastInside = text.slice(q.span.start, q.span.end).trimEnd().slice(-1);
  // A quote that ended its sentence ("…done.”) is not attributed by the next sentence.
  const joined = /^\s*[,\-—–]/u.test(after) || /[,?!—–-]/u.test(lastInside);
  if (!q.closed) return undefined;
  const m = new RegExp(VERB_RE_SOURCE, 'iu').exec(after);
  if (!m || m.index > 160) return undefined;
  // Without punctuation tying them, only a verb right after the quote attributes it ("“…” said Lankov").
  // Or a short clause ending the quoted sentence, then the attribution ("“…” for the victory, Sanders said").
  if (!joined && !/^\s+$/u.test(after.slice(0, m.index)) && !/^\s+[\p{Ll}][^.!?"“”,]{0,60},\s*[^,.!?"“”]{1,60}$/u.test(after.slice(0, m.index))) return undefined;
  if (/^\p{Lu}/u.test(m[0])) return undefined;
  const vStart = closeEnd + m.index;
  const vEnd = vStart + m[0].length;
  const cueWord = m[0].toLowerCase();
  const pre = text.slice(closeEnd, vStart);
  if (/^[\s,\-—–]*$/u.test(pre) || /^\s+\p{Ll}[^.!?"“”,]{0,60},\s*$/u.test(pre)) {
    // Verb first: "said Lankov", "according to Reuters", also after the end of the quoted sentence ("“…” for Clinton, said Kunin").
    const sp = subjectAt(ctx, vEnd, afterEnd);
    return sp ? { speaker: sp, cue: cueWord === 'according to' ? 'according to' : m[0] } : undefined;
  }
  if (cueWord === 'according to') return undefined;
  const sp = subjectBefore(ctx, closeEnd, vStart, false, true);
  return sp ? { speaker: sp, cue: cueText(text, m[0], vEnd) } : undefined;
}

// ---------------------------------------------------------------------------
// Subjects
// ---------------------------------------------------------------------------

/**
 * The subject of a speech verb at `vStart`, looking back to `from`. Skips
 * adverbs ("also") and appositions between commas ("Lankov, a professor at
 * Kookmin University, told"). With `leading`, a clause before a participle
 * ("Trump attacked Clinton, saying") gives its first noun phrase.
 * With `whole`, the text from `from` to the verb must be the subject alone.
 */
function subjectBefore(ctx: Context, from: number, vStart: number, leading: boolean, whole = false): SpeakerMention | undefined {
  const { text } = ctx;
  let end = vStart;
  // Drop adverbs and auxiliaries between subject and verb.
  for (;;) {
    const m = /(?:^|\s)([\p{L}]+)\s*$/u.exec(text.slice(from, end));
    if (!m) break;
    const w = m[1].toLowerCase();
    if (!(SPEECH_ADVERBS.has(w) || /ly$/.test(w) && w !== 'only' && !/^\p{Lu}/u.test(m[1]))) break;
    end = from + m.index;
  }
  const piece = text.slice(from, end);
  // The clause right before the verb, after the last comma.
  const lastComma = piece.lastIndexOf(',');
  const verbPiece = piece.slice(lastComma + 1);
  if (verbPiece.trim().length > 0 && !leading) {
    const pieceStart = from + lastComma + 1;
    const sp = trailingSubject(ctx, pieceStart, end, whole);
    if (sp) return sp;
    if (whole) return undefined;
    if (lastComma < 0) return undefined;
  }
  if (whole && lastComma < 0) return undefined;
  // Walk back over appositions and adjuncts to the clause's subject.
  const pieces = piece.split(',');
  let offset = from;
  const starts = pieces.map((p) => {
    const s = offset;
    offset += p.length + 1;
    return s;
  });
  for (let k = pieces.length - (leading ? 1 : 2); k >= 0; k--) {
    const p = pieces[k];
    const trimmed = p.trimStart();
    if (trimmed.length === 0) continue;
    const pStart = starts[k] + (p.length - trimmed.length);
    // Appositions and adjuncts open with a lower-case word ("a professor", "when asked"), or are an age ("Clinton, 35,").
    if ((/^\p{Ll}/u.test(trimmed) && !PERSON_PRONOUNS.has(trimmed.split(/\s/)[0])) || /^\d{1,3}\s*$/.test(trimmed)) {
      if (leading || k > 0) continue;
      return undefined;
    }
    const sp = leadingSubject(ctx, pStart, starts[k] + p.length);
    if (sp) return sp;
    if (!leading && k < pieces.length - 2) return undefined;
  }
  return undefined;
}

/** The noun phrase ending at `end` (a person, pronoun or organisation), looking back to `from`. */
function trailingSubject(ctx: Context, from: number, end: number, whole: boolean): SpeakerMention | undefined {
  const { text } = ctx;
  const s = text.slice(from, end);
  const trimmedEnd = from + s.trimEnd().length;
  const person = firstPersonIn(ctx.people, from, trimmedEnd, (p) => p.span.end === trimmedEnd);
  if (person && (!whole || isDescriptorOnly(text.slice(from, person.span.start)))) return personSpeaker(person);
  const run = trailingNameRun(ctx, from, trimmedEnd);
  if (run && (!whole || isDescriptorOnly(text.slice(from, run.span!.start)))) return run;
  const pron = /(?:^|\s)(\p{L}+)\s*$/u.exec(s);
  if (pron && (!whole || s.trim().toLowerCase() === pron[1].toLowerCase())) {
    const w = pron[1].toLowerCase();
    if (PERSON_PRONOUNS.has(w)) return pronounSpeaker(ctx, pron[1], from + pron.index + pron[0].indexOf(pron[1]));
    if (OTHER_PRONOUNS.has(w)) return { text: pron[1], span: spanOf(from + pron.index + pron[0].indexOf(pron[1]), pron[1]) };
  }
  const org = trailingOrg(text, from, trimmedEnd);
  if (org && (!whole || text.slice(from, org.start).trim() === '' || /^\s*(?:the|The)\s*$/.test(text.slice(from, org.start)))) return org.speaker;
  // An unnamed speaker: "a senior official", "the outlet".
  const np = /(?:^|\s)((?:a|an|the|one|another|his|her|their)\s+(?:[\p{L}.'’-]+\s+){0,4}[\p{L}'’-]+)\s*$/iu.exec(s);
  if (np && (!whole || s.trim() === np[1])) {
    const start = from + np.index + np[0].indexOf(np[1]);
    return { text: np[1], span: spanOf(start, np[1]) };
  }
  return undefined;
}

/** The noun phrase starting at `from` (a person, pronoun or organisation). */
function leadingSubject(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const { text } = ctx;
  const s = text.slice(from, end);
  // A possessor is no subject: "Sanders's hometown paper wrote" is the paper speaking.
  const person = firstPersonIn(ctx.people, from, end, (p) => p.span.end <= end && isDescriptorOnly(text.slice(from, p.span.start)) && !isPossessive(text, p.span.end));
  if (person) return personSpeaker(person);
  const run = leadingNameRun(ctx, from, end);
  if (run && !isPossessive(text, run.span!.end)) return run;
  const first = /^(\p{L}+)/u.exec(s);
  if (first && PERSON_PRONOUNS.has(first[1].toLowerCase())) return pronounSpeaker(ctx, first[1], from);
  const org = leadingOrg(text, from, end);
  // A dateline ("WASHINGTON, Dec. 8", "Washington (AFP) –") is no speaker.
  if (org && (KNOWN_PLACES.has(org.speaker.resolved!.toLowerCase()) || /^\p{Lu}{3,}$/u.test(org.speaker.resolved!))) return undefined;
  return org?.speaker;
}

// Two to four capitalised words, or initials: a name the people extractor did not take for one.
const NAME_RUN = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?(?:\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?){1,3}`;
const TRAILING_NAME_RE = new RegExp(String.raw`(?:^|[^\p{L}.])(${NAME_RUN})\s*$`, 'u');
const LEADING_NAME_SKIP_RE = /^(?:(?:the|a|an)\s+)?(?:[\p{Ll}\d][\p{Ll}\d-]*\s+){0,5}/u;
const LEADING_NAME_RE = new RegExp(String.raw`^(${NAME_RUN})(?![\p{L}])`, 'u');

/**
 * A person's name as a capitalised run the people extractor missed, in a
 * speaker's place: resolved to the full name of a person of the text with
 * the same surname, else to the run itself. An organisation or a place is
 * no person.
 */
function nameRunSpeaker(ctx: Context, start: number, run: string): SpeakerMention | undefined {
  const words = run.split(/\s+/u);
  const lowers = words.map((w) => w.toLowerCase());
  if (NON_NAME_CAPITALS.has(lowers[0]) || lowers.some((w) => ORG_HEADS.has(w) || KNOWN_ORGS.has(w)) || KNOWN_PLACES.has(lowers.join(' '))) return undefined;
  if (words.some((w) => isCapitalisedTitle(w) || isRoleNoun(w))) return undefined;
  const surname = lowers[lowers.length - 1];
  const known = ctx.fullNameBySurname.get(surname);
  return { text: run, span: spanOf(start, run), resolved: known && known.split(/\s+/u).length >= words.length ? known : run };
}

function trailingNameRun(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const m = TRAILING_NAME_RE.exec(ctx.text.slice(from, end));
  if (!m) return undefined;
  return nameRunSpeaker(ctx, from + m.index + m[0].length - m[1].length - (m[0].length - m[0].trimEnd().length), m[1]);
}

function leadingNameRun(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const s = ctx.text.slice(from, end);
  const skip = LEADING_NAME_SKIP_RE.exec(s)![0];
  if (skip.length > 0 && !isDescriptorOnly(skip)) return undefined;
  const m = LEADING_NAME_RE.exec(s.slice(skip.length));
  return m ? nameRunSpeaker(ctx, from + skip.length, m[1]) : undefined;
}

/** The speaker right after a verb: "said Lankov", "according to NK News", "said the spokesman". */
function subjectAt(ctx: Context, from: number, limit: number): SpeakerMention | undefined {
  const { text } = ctx;
  const lead = /^[\s,]*/.exec(text.slice(from, limit))![0].length;
  const start = from + lead;
  const clauseEnd = Math.min(limit, clauseEndAfter(text, start, limit));
  return leadingSubject(ctx, start, clauseEnd) ?? unnamedAt(text, start, clauseEnd);
}

function unnamedAt(text: string, start: number, end: number): SpeakerMention | undefined {
  const m = /^(?:a|an|the|one)\s+(?:[\p{L}.'’-]+\s+){0,4}?(?:[\p{L}'’-]+)(?=\s*(?:[,.;]|$| who| in | at ))/iu.exec(text.slice(start, end));
  return m ? { text: m[0], span: spanOf(start, m[0]) } : undefined;
}

function clauseEndAfter(text: string, start: number, limit: number): number {
  const s = text.slice(start, limit);
  const re = /[,;.!?]\s|[,;!?]$|\.$/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    // A title's or an initial's period ("said Rep. Jerry Nadler", "said Mr. Clyburn", "George W. Bush") ends no clause.
    if (m[0][0] === '.' && /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr|\p{Lu})$/u.test(s.slice(Math.max(0, m.index - 6), m.index))) continue;
    return start + m.index;
  }
  return limit;
}

// Words that open a clause or join two: text holding one is no description of a name.
const CLAUSE_WORDS = new Set('that which who whom whose when where while because if and but or to with from by as than then said says told after before since during is was are were has have had be been will would could should not'.split(' '));

/**
 * Text before a name that only describes it: title words, or a short
 * lower-case description ("former presidential candidate ", "retired
 * neurosurgeon ", "81-year-old ").
 */
function isDescriptorOnly(s: string): boolean {
  const t = s.trim().replace(/^["“”‘’]+/u, '');
  if (t.length === 0) return true;
  const ws = t.split(/\s+/);
  return ws.length <= 6 && ws.every((w) => /^\p{Lu}/u.test(w) || isRoleNoun(w) || ROLE_MODIFIERS.has(w.toLowerCase()) || (/^[\p{Ll}\d][\p{Ll}\d-]*$/u.test(w) && !CLAUSE_WORDS.has(w)));
}

/**
 * The first of `people` (sorted by start) starting in `[from, to)` that
 * passes `test`: a binary search to `from`, then a scan bounded by `to`.
 */
function firstPersonIn(people: readonly PersonMention[], from: number, to: number, test: (p: PersonMention) => boolean): PersonMention | undefined {
  for (let k = lastAtOrBefore(people.length, from - 1, (i) => people[i].span.start) + 1; k < people.length && people[k].span.start < to; k++) {
    if (test(people[k])) return people[k];
  }
  return undefined;
}

function personSpeaker(p: PersonMention): SpeakerMention {
  const sp: SpeakerMention = { text: p.text, span: { ...p.span }, resolved: p.fullName };
  // "White House press secretary Karoline Leavitt": her words are also the White House's.
  const body = p.role ? representedOrganisation(p.role.text) : undefined;
  if (body) sp.affiliation = body;
  return sp;
}

/**
 * An unnamed speaker who speaks for a named body becomes that body: "a State
 * Department spokesperson" → State Department; "the department" → the
 * department last named.
 */
function speakForBody(ctx: Context, sp: SpeakerMention): void {
  if (sp.resolved || !sp.span) return;
  const body = representedOrganisation(sp.text) ?? organisationAnaphor(ctx.text, sp.text, sp.span.start);
  if (!body) return;
  sp.resolved = body;
  sp.isOrganisation = true;
  sp.affiliation = body;
}

/**
 * A quotation opening a sentence right after another speaker's quotation and
 * its attribution ("“A,” Lankov said. “B.”"), or opening the next paragraph
 * after it, with no one else named between: the same speaker goes on.
 */
function continuedFromPreviousSentence(ctx: Context, q: RawQuote, prevRaw: RawQuote | undefined, prevQuote: QuoteMention | undefined): Attribution | undefined {
  const speaker = prevQuote?.speaker;
  if (!prevRaw || !speaker?.resolved) return undefined;
  const { text } = ctx;
  const from = prevRaw.outerSpan.end;
  const to = q.outerSpan.start;
  if (to - from > 200) return undefined;
  const between = text.slice(from, to);
  // In the same sentence, with no one else named and no other cue between: "Trump called it a “disaster” and “a joke”".
  if (between.length <= 150 && !/[.!?\n]/u.test(between) && !/\p{Lu}/u.test(between) && !new RegExp(VERB_RE_SOURCE, 'iu').test(between)) {
    const { span: _span, ...carried } = speaker;
    return { speaker: carried, cue: prevQuote!.cue ?? 'said' };
  }
  // The quotation opens its sentence, and at most one sentence (the attribution) stands between.
  if (!/(?:^|[.!?]["”’]?)\s+$/u.test(between) || /\n\s*\n[\s\S]*\n/u.test(between)) return undefined;
  if (/[.!?]["”’]?\s+\S[\s\S]*[.!?]["”’]?\s+$/u.test(between.replace(/\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr)\./g, ''))) return undefined;
  // The previous quotation must itself end at an attribution or its sentence, not in the middle of a clause.
  for (let k = firstPersonIndexFrom(ctx.people, from); k < ctx.people.length && ctx.people[k].span.start < to; k++) {
    if (ctx.people[k].fullName !== speaker.resolved) return undefined;
  }
  const { span: _span, ...carried } = speaker;
  return { speaker: carried, cue: prevQuote!.cue ?? 'said' };
}

function firstPersonIndexFrom(people: readonly PersonMention[], from: number): number {
  return lastAtOrBefore(people.length, from - 1, (i) => people[i].span.start) + 1;
}

function spanOf(start: number, s: string): TextSpan {
  return { start, end: start + s.length };
}

/**
 * "he"/"she": the person the passage is about — the later of the last named
 * speaker shortly before and the last person opening a sentence — else the
 * last person mentioned; never someone named inside a quotation, and never
 * someone the text gives the other gender.
 */
function pronounSpeaker(ctx: Context, word: string, at: number): SpeakerMention {
  const sp: SpeakerMention = { text: word, span: spanOf(at, word) };
  const gender = pronounGender(word);
  const fits = (name: string): boolean => gender === undefined || (ctx.genders.get(name) ?? gender) === gender;
  const lastEvent = lastFitting(ctx.speakerEvents, at, fits);
  const lastSubject = lastFittingIn(ctx.subjects, at, fits);
  const recentEvent = lastEvent && at - lastEvent.at <= PRONOUN_SPEAKER_REACH ? lastEvent : undefined;
  const recentSubject = lastSubject && at - lastSubject.at <= PRONOUN_SPEAKER_REACH ? lastSubject : undefined;
  // A subject introduced after the last speaker ("Lankov is a professor. “…,” he said.") is whom the passage is about now.
  const best = recentSubject && (!recentEvent || recentSubject.at > recentEvent.at && !sameEventSentence(ctx, recentEvent, recentSubject)) ? recentSubject : recentEvent;
  if (best) {
    sp.resolved = best.fullName;
    return sp;
  }
  const lastPerson = lastPersonEndingBy(ctx.people, at, fits);
  const fallback = lastPerson?.fullName ?? lastEvent?.fullName;
  if (fallback) sp.resolved = fallback;
  return sp;
}

/** True when a subject stands in the sentence of a speaker event (then the speaker, not the subject, speaks on). */
function sameEventSentence(ctx: Context, event: SpeakerEvent, subject: SpeakerEvent): boolean {
  const k = lastAtOrBefore(ctx.sentences.length, subject.at, (i) => ctx.sentences[i].start);
  return k >= 0 && ctx.sentences[k].start <= event.at && event.at < ctx.sentences[k].end;
}

/** The last speaker event before `at` whose person `fits`, looking back over at most a few events. */
function lastFitting(events: SpeakerEvents, at: number, fits: (name: string) => boolean): SpeakerEvent | undefined {
  const a = lastFittingIn(events.byVerb, at, fits);
  const b = lastFittingIn(events.byQuote, at, fits);
  if (!a) return b;
  if (!b) return a;
  return b.at >= a.at ? b : a;
}

function lastFittingIn(events: readonly SpeakerEvent[], at: number, fits: (name: string) => boolean): SpeakerEvent | undefined {
  // A bounded walk back: the pronoun's person is among the last few named.
  for (let i = lastAtOrBefore(events.length, at - 1, (k) => events[k].at), n = 0; i >= 0 && n < 8; i--, n++) {
    if (fits(events[i].fullName)) return events[i];
  }
  return undefined;
}

/** Records an event, keeping the list ascending (and later events after equal ones). */
function addEvent(events: SpeakerEvent[], e: SpeakerEvent): void {
  let i = events.length;
  while (i > 0 && events[i - 1].at > e.at) i--;
  events.splice(i, 0, e);
}

/**
 * The last of `people` (sorted by start) that ends at or before `at`:
 * mentions starting at or after `at` cannot, and of those before, the
 * latest that ends in time is found walking back (mentions do not overlap,
 * so the walk is a step or two).
 */
function lastPersonEndingBy(people: readonly PersonMention[], at: number, fits: (name: string) => boolean = () => true): PersonMention | undefined {
  for (let k = lastAtOrBefore(people.length, at - 1, (i) => people[i].span.start), n = 0; k >= 0 && n < 12; k--) {
    if (people[k].span.end > at) continue;
    n++;
    if (fits(people[k].fullName)) return people[k];
  }
  return undefined;
}

/** Whether a possessive ending ("'s", "’", "s'") follows a name ending at `end`. */
function isPossessive(text: string, end: number): boolean {
  return /^['’](?:s\b|\s)/u.test(text.slice(end, end + 3));
}

/** The people not inside any quotation (`quotes` in text order, `people` sorted): one merge walk. */
function outsideQuotes(people: PersonMention[], quotes: readonly RawQuote[]): PersonMention[] {
  const out: PersonMention[] = [];
  let k = 0;
  for (const p of people) {
    while (k < quotes.length && quotes[k].outerSpan.end <= p.span.start) k++;
    const q = quotes[k];
    if (q && q.outerSpan.start <= p.span.start && p.span.end <= q.outerSpan.end) continue;
    out.push(p);
  }
  return out;
}

/**
 * People opening their sentence (only title words before them), ascending:
 * the people found by the extractor, and capitalised names opening a
 * sentence outside quotations and followed by a verb or an apposition
 * ("Andrei Lankov is a professor …").
 */
function sentenceSubjects(ctx: Context, quotes: readonly RawQuote[]): SpeakerEvent[] {
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

// ---------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------

// Dotted acronyms first: the regex engine does not come back to try them after "U" matched.
const CAP_WORD = String.raw`(?:(?:\p{Lu}\.)+\p{Lu}?\.?|\p{Lu}[\p{L}\p{M}'’&-]*)`;
const ORG_RUN_RE = new RegExp(String.raw`((?:[Tt]he\s+)?${CAP_WORD}(?:\s+(?:of|for|and|on|the|de)?\s*${CAP_WORD}){0,6})`, 'u');
const TRAILING_ORG_RE = new RegExp(ORG_RUN_RE.source + String.raw`\s*$`, 'u');
const LEADING_ORG_RE = new RegExp('^' + ORG_RUN_RE.source, 'u');

function orgSpeaker(start: number, phrase: string, cueBefore: string): { speaker: SpeakerMention; start: number } | undefined {
  // A sentence adverb opening the run ("Then the Burlington Free Press") is not part of the name.
  const adverb = /^(?:Then|Now|Also|Meanwhile|Later|But|And|So|Yet|Still|Earlier)\s+/u.exec(phrase);
  if (adverb) {
    start += adverb[0].length;
    phrase = phrase.slice(adverb[0].length);
  }
  const name = phrase.replace(/^[Tt]he\s+/u, '');
  const words = name.split(/\s+/);
  const lowers = words.map((w) => w.toLowerCase().replace(/['’]s$/, ''));
  const last = lowers[lowers.length - 1].replace(/\./g, '');
  const isOrg =
    ORG_HEADS.has(last) ||
    KNOWN_ORGS.has(lowers.join('').replace(/\./g, '')) ||
    KNOWN_ORGS.has(last) ||
    KNOWN_PLACES.has(lowers.join(' ').replace(/\./g, '')) ||
    ORG_CUES.has(cueBefore.toLowerCase()) ||
    (words.length === 1 && /^\p{Lu}{2,}$/u.test(name));
  if (!isOrg || NON_NAME_CAPITALS.has(lowers[0]) && words.length === 1) return undefined;
  return { speaker: { text: phrase, span: spanOf(start, phrase), resolved: name, isOrganisation: true }, start };
}

function trailingOrg(text: string, from: number, end: number): { speaker: SpeakerMention; start: number } | undefined {
  const s = text.slice(from, end);
  const m = TRAILING_ORG_RE.exec(s);
  if (!m) return undefined;
  const start = from + m.index;
  const cueBefore = /(\p{L}+)\s*$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1] ?? '';
  return orgSpeaker(start, m[1], cueBefore);
}

function leadingOrg(text: string, from: number, end: number): { speaker: SpeakerMention; start: number } | undefined {
  const m = LEADING_ORG_RE.exec(text.slice(from, end));
  if (!m) return undefined;
  return orgSpeaker(from, m[1], '');
}

// ---------------------------------------------------------------------------
// Speaker events (for pronouns)
// ---------------------------------------------------------------------------

/**
 * Where each person is the subject of a speech verb ("Peter Ward, a North
 * Korea expert at the Sejong Institute, said that …"), so a later "He said"
 * goes to the last speaker rather than to a person merely mentioned.
 */
function speakerEvents(text: string, people: PersonMention[]): { at: number; fullName: string }[] {
  const out: { at: number; fullName: string }[] = [];
  const re = new RegExp(String.raw`^(?:['’]s)?(?:,[^.“”"\n]{0,200}?,)?\s+(?:(?:also|later|then|further|previously|once|has|had|\p{L}+ly)\s+)?${SPEECH_VERB_RE_SOURCE}(?![\p{L}])(?! to\b)`, 'u');
  for (const p of people) {
    if (re.test(text.slice(p.span.end, p.span.end + 260))) out.push({ at: p.span.start, fullName: p.fullName });
  }
  return out;
}
