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
import { ATTRIBUTING_VERB_RE_SOURCE, KNOWN_ORGS, KNOWN_PLACES, NON_NAME_CAPITALS, ORG_CUES, ORG_HEADS, OTHER_PRONOUNS, PERSON_PRONOUNS, ROLE_MODIFIERS, SPEECH_ADVERBS, SPEECH_VERB_RE_SOURCE, isRoleNoun } from './lexicon';
import { findQuoteSpans, paragraphEnd, type RawQuote } from './quoteSpans';
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
const ATTRIBUTING_RE_SOURCE = `(?<![\\p{L}\\p{N}'’-])(?:${SPEECH_VERB_RE_SOURCE}|${ATTRIBUTING_VERB_RE_SOURCE})(?![\\p{L}\\p{N}-])`;
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
  const sortedPeople = [...people].sort((a, b) => a.span.start - b.span.start);
  const ctx: Context = { text, sentences, people: sortedPeople, speakerEvents: { byVerb: speakerEvents(text, sortedPeople), byQuote: [] } };
  const raw = findQuoteSpans(text);
  const out: QuoteMention[] = [];
  for (let i = 0; i < raw.length; i++) {
    const q = raw[i];
    const quote: QuoteMention = { span: q.span, outerSpan: q.outerSpan, text: text.slice(q.span.start, q.span.end) };
    const prev = i > 0 ? raw[i - 1] : undefined;
    const next = i + 1 < raw.length ? raw[i + 1] : undefined;
    const found = attribute(ctx, q, prev, out[i - 1], next);
    if (found) {
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
  const sp = subjectBefore(ctx, segStart, vStart, /ing$/.test(cueWord));
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
  if (!joined && !/^\s+$/u.test(after.slice(0, m.index))) return undefined;
  if (/^\p{Lu}/u.test(m[0])) return undefined;
  const vStart = closeEnd + m.index;
  const vEnd = vStart + m[0].length;
  const cueWord = m[0].toLowerCase();
  const pre = text.slice(closeEnd, vStart);
  if (/^[\s,\-—–]*$/u.test(pre)) {
    // Verb first: "said Lankov", "according to Reuters".
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
  if (person && (!whole || text.slice(from, person.span.start).trim() === '' || isTitleOnly(text.slice(from, person.span.start)))) return personSpeaker(person);
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
  const person = firstPersonIn(ctx.people, from, end, (p) => p.span.end <= end && isTitleOnly(text.slice(from, p.span.start)));
  if (person) return personSpeaker(person);
  const first = /^(\p{L}+)/u.exec(s);
  if (first && PERSON_PRONOUNS.has(first[1].toLowerCase())) return pronounSpeaker(ctx, first[1], from);
  const org = leadingOrg(text, from, end);
  // A dateline ("WASHINGTON, Dec. 8", "Washington (AFP) –") is no speaker.
  if (org && (KNOWN_PLACES.has(org.speaker.resolved!.toLowerCase()) || /^\p{Lu}{3,}$/u.test(org.speaker.resolved!))) return undefined;
  return org?.speaker;
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
  const m = /[,;.!?]\s|[,;!?]$|\.$/.exec(text.slice(start, limit));
  return m ? start + m.index : limit;
}

/** Text before a name that is only its title words ("White House spokesperson ", "President "). */
function isTitleOnly(s: string): boolean {
  const t = s.trim();
  if (t.length === 0) return true;
  const ws = t.split(/\s+/);
  return ws.length <= 6 && ws.every((w) => /^\p{Lu}/u.test(w) || isRoleNoun(w) || ROLE_MODIFIERS.has(w.toLowerCase()));
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
  return { text: p.text, span: { ...p.span }, resolved: p.fullName };
}

function spanOf(start: number, s: string): TextSpan {
  return { start, end: start + s.length };
}

/** "he"/"she": the last named person speaker shortly before, else the last person mentioned. */
function pronounSpeaker(ctx: Context, word: string, at: number): SpeakerMention {
  const sp: SpeakerMention = { text: word, span: spanOf(at, word) };
  const lastEvent = lastEventBefore(ctx.speakerEvents, at);
  if (lastEvent && at - lastEvent.at <= PRONOUN_SPEAKER_REACH) {
    sp.resolved = lastEvent.fullName;
    return sp;
  }
  const lastPerson = lastPersonEndingBy(ctx.people, at);
  const fallback = lastPerson?.fullName ?? lastEvent?.fullName;
  if (fallback) sp.resolved = fallback;
  return sp;
}

/**
 * The event with the greatest offset before `at`; of events at one offset,
 * the one recorded last (a quotation's after a verb's).
 */
function lastEventBefore(events: SpeakerEvents, at: number): SpeakerEvent | undefined {
  const a = lastBefore(events.byVerb, at);
  const b = lastBefore(events.byQuote, at);
  if (!a) return b;
  if (!b) return a;
  return b.at >= a.at ? b : a;
}

/** The last of the ascending `events` before `at` (of several at one offset, the last). */
function lastBefore(events: readonly SpeakerEvent[], at: number): SpeakerEvent | undefined {
  const i = lastAtOrBefore(events.length, at - 1, (k) => events[k].at);
  return i >= 0 ? events[i] : undefined;
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
function lastPersonEndingBy(people: readonly PersonMention[], at: number): PersonMention | undefined {
  for (let k = lastAtOrBefore(people.length, at - 1, (i) => people[i].span.start); k >= 0; k--) {
    if (people[k].span.end <= at) return people[k];
  }
  return undefined;
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
