/**
 * Finds direct quotations and who the text says spoke them.
 *
 * A speaker is attached only when a cue links it to the quotation: a speech
 * verb with its subject before the quote ("Lankov said, “…”"), after it
 * ("“…,” Lankov said" / "“…,” said Lankov"), "according to X", or a
 * continuation of the previous quotation in the same sentence ("“A,” he said,
 * “B.”", "…, adding, “B.”"). Scare quotes without such a cue get no speaker.
 *
 * This file holds the order in which cue forms are tried (`attribute`); each
 * form lives in its own file: `cueBeforeQuote`, `cueAfterQuote`,
 * `cueClauseSubject`, `cueContinuation`. Speaker phrases are read by
 * `speakerPhrases` and `organisationSpeakers`; pronouns and descriptions are
 * resolved by `speakerReference` from what `passageSpeakers` records.
 */

import type { PersonMention, QuoteMention, SentenceSpan } from '../types';
import type { RawQuote } from './quoteSpans';
import { outsideQuotes, type Attribution, type Context } from './attributionContext';
import { afterSegmentEnd, beforeSegmentStart } from './attributionSegments';
import { fromAfter } from './cueAfterQuote';
import { colonIntroduction, fromBefore, verbIn } from './cueBeforeQuote';
import { fromClauseSubject } from './cueClauseSubject';
import { asPutIt, invertedSaid } from './cueInverted';
import { afterReportedSpeech, continuedFromPreviousSentence } from './cueContinuation';
import { sentenceSubjects, speakerEvents } from './passageSpeakers';
import { genderEvidence } from './pronouns';
import { findQuoteSpans } from './quoteSpans';
import { addEvent, speakForBody } from './speakerReference';

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
  // The attribution each quotation's clause carries, titles included: "X said on ABC's “This Week” that he would
  // “take a look”" — the title is nobody's words, but the next quotation continues X's clause.
  const chain: QuoteMention[] = [];
  for (let i = 0; i < raw.length; i++) {
    const q = raw[i];
    const quote: QuoteMention = { span: q.span, outerSpan: q.outerSpan, text: text.slice(q.span.start, q.span.end) };
    const prev = i > 0 ? raw[i - 1] : undefined;
    const next = i + 1 < raw.length ? raw[i + 1] : undefined;
    const found = attribute(ctx, q, prev, chain[i - 1], next) ?? continuedFromPreviousSentence(ctx, q, prev, chain[i - 1]);
    // A quoted title ("on NBC's “Meet the Press”", "in “The Art of the Deal”") is a name, nobody's words.
    if (found) {
      speakForBody(ctx, found.speaker);
      // Asked only when a speaker was found: for an unattributed quotation it decides nothing.
      if (!isQuotedTitle(text, q)) {
        quote.speaker = found.speaker;
        quote.cue = found.cue;
        if (found.speaker.resolved && !found.speaker.isOrganisation) addEvent(ctx.speakerEvents.byQuote, { at: q.outerSpan.start, fullName: found.speaker.resolved });
      }
    }
    chain.push(found ? { ...quote, speaker: found.speaker, cue: found.cue } : quote);
    out.push(quote);
  }
  return out;
}

// Small words a title keeps in lower case ("Meet the Press", "Women in Power").
const TITLE_SMALL_WORDS = new Set('a an the of and or in on at to for with from by as vs'.split(' '));

/**
 * Whether a quotation is the title of a show, book, film or campaign: every
 * word capitalised (small words aside), at most eight words, and led by a
 * preposition, a possessive or a naming word ("on NBC's “Meet the Press”",
 * "a book titled “…”", "in “The Art of the Deal”").
 */
function isQuotedTitle(text: string, q: RawQuote): boolean {
  const inner = text.slice(q.span.start, q.span.end).replace(/[.,!?;:]+$/u, '').trim();
  if (!/^\p{Lu}/u.test(inner)) return false;
  // Word by word, stopping at the first that rules a title out: most quotations are long sentences.
  const wordRe = /\S+/gu;
  let k = 0;
  for (let m = wordRe.exec(inner); m; m = wordRe.exec(inner), k++) {
    if (k >= 8) return false;
    if (!(/^[\p{Lu}\d]/u.test(m[0]) || (k > 0 && TITLE_SMALL_WORDS.has(m[0])))) return false;
  }
  const before = text.slice(Math.max(0, q.outerSpan.start - 40), q.outerSpan.start);
  // Not "called" or "dubbed": "what Trump called “Lyin' Ted”" gives the epithet to its speaker.
  // Nor a person's possessive: "Trump's “Make America Great Again”" is his; "on NBC's “Meet the Press”" is a show.
  return /\b(?:(?:on|in)(?:\s+(?:the\s+)?(?:\p{Lu}[\p{L}.&-]*\s+){0,3}\p{Lu}[\p{L}.&-]*['’]s)?|titled|entitled|show|program|programme|book|film|movie|song|album|series|newspaper|column)\s*$/u.test(before);
}

// A sentence opening with a subordinate clause: "After …", "When …".
const SUBORDINATE_OPENING_RE = /^\s*(?:After|When|Before|While|Since|Although|Though|Because|Once|Until|Whereas)\s/u;

/**
 * The first cue that attributes quotation `q`, tried strongest first: a verb
 * introducing it, a colon introduction, a cue after it, reported speech, a
 * continued quotation, then the subject of the clause it stands in.
 */
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
  // 1c. A speaker framed before the quotation: "As X put it, “…”", "Said X, “…”".
  const framed = asPutIt(ctx, segStart, q.outerSpan.start) ?? invertedSaid(ctx, segStart, q.outerSpan.start);
  if (framed) return framed;
  // 1d. A quotation closing a fronted subordinate clause with its own speech verb is that clause's subject's, not the
  // main clause's: "After Scalia said that minority students might do better at “less advanced schools,” Trump said: …".
  if (SUBORDINATE_OPENING_RE.test(before) && /,\s*['’"”]+$/u.test(text.slice(q.outerSpan.start, q.outerSpan.end))) {
    const sub = fromBefore(ctx, segStart, q.outerSpan.start, false);
    if (sub?.speaker.resolved) return sub;
  }
  // 2. "“…,” X said" / "“…,” said X".
  const a = fromAfter(ctx, q, afterEnd, segStart);
  if (a) return a;
  // 3. A quotation inside reported speech: "X said the plan was “dead”" (also after a possessive: PolNeAR's train and
  // dev splits give "X said Y's “…”" to X more often than not).
  const loose = fromBefore(ctx, segStart, q.outerSpan.start, false);
  if (loose?.speaker.resolved) return loose;
  // 4. A quotation continued after an attribution break or into the next paragraph.
  if (continuesPrev && /^\s*[,;]?\s*(?:(?:and|but)\s+)?$/u.test(before)) {
    return { speaker: { text: prevQuote!.speaker!.text, resolved: prevQuote!.speaker!.resolved, ...(prevQuote!.speaker!.isOrganisation ? { isOrganisation: true } : {}) }, cue: prevQuote!.cue ?? 'said' };
  }
  if (prevRaw && !prevRaw.closed && prevQuote?.speaker && /^\s*$/.test(before) && text.slice(prevRaw.outerSpan.end, q.outerSpan.start).includes('\n')) {
    return { speaker: { text: prevQuote.speaker.text, resolved: prevQuote.speaker.resolved }, cue: prevQuote.cue ?? 'said' };
  }
  // 5. The quotation in the predicate of a clause whose subject is named: "Cruz knocked Rubio and called him a “moderate”".
  return fromClauseSubject(ctx, segStart, q.outerSpan.start) ?? afterReportedSpeech(ctx, q, segStart, prevRaw);
}
