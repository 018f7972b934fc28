import type { DateMention, Citation, TextSpan } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import type { DateEntry } from '../index/dateTable';
import { compareDateValues, eventMatchKeys, firmlySameEvent, formatDateValue, SAME_EVENT_MIN_SCORE, sameEvent } from '../match/compareDates';
import type { DraftFinding } from './finding';
import { STOPWORDS, tokenize } from '../text/tokens';
import { findExactPassages } from '../match/findQuote';
import type { QuoteSegment } from '../match/quoteQuery';

/**
 * Corpus dates that speak of the same event as `mention`, best first. All of
 * them count: a draft date is wrong only when none of them agrees with it
 * (a source may give several dates that fit one description).
 */
function sameEventDates(index: CorpusIndex, mention: DateMention): Array<{ entry: DateEntry; score: number }> {
  const candidates = new Set<number>();
  for (const w of eventMatchKeys(mention.eventWords)) for (const i of index.dates.byEventWord.get(w) ?? []) candidates.add(i);
  const scored: Array<{ entry: DateEntry; score: number }> = [];
  for (const i of candidates) {
    const entry = index.dates.entries[i];
    const score = sameEvent(mention, entry.mention);
    if (score >= SAME_EVENT_MIN_SCORE) scored.push({ entry, score });
  }
  // Best event match first; among equals, the more precise date (it makes the better suggestion).
  return scored.sort((a, b) => b.score - a.score || precision(b.entry.mention) - precision(a.entry.mention));
}

function precision(m: DateMention): number {
  return (m.value?.year !== undefined ? 1 : 0) + (m.value?.month !== undefined ? 1 : 0) + (m.value?.day !== undefined ? 1 : 0);
}

function relativeVerdict(draft: DateMention, source: DateMention): 'same' | 'different' | 'unknown' {
  const a = draft.relative;
  const b = source.relative;
  if (!a || !b || a.direction !== b.direction) return 'unknown';
  return a.unit === b.unit && a.amount === b.amount ? 'same' : a.unit === b.unit ? 'different' : 'unknown';
}

/** Words of context taken on each side of a draft date for the verbatim match. */
const CONTEXT_BEFORE = 6;
const CONTEXT_AFTER = 4;
/** Most source passages compared for one date's context. */
const MAX_CONTEXT_PASSAGES = 10;
/** Least content words in that context for a match to identify the statement. */
const MIN_CONTEXT_CONTENT_WORDS = 3;

/** Corpus dates standing where the draft's date stands, in a passage with the same words around it. */
interface ContextMatch {
  entry: DateEntry;
  verdict: 'same' | 'different' | 'unknown';
}

/**
 * The dates the corpus gives in the same words as the draft's sentence: the
 * words before and after the draft's date are looked up verbatim, and the date
 * standing between them in the source is compared. This is how a copy edit
 * that changed "took office in 1981" to "took office in 1982" is caught
 * whatever the event is.
 */
function contextMatches(text: string, mention: DateMention, sentence: TextSpan | undefined, index: CorpusIndex): ContextMatch[] {
  const within = sentence ?? { start: Math.max(0, mention.span.start - 200), end: Math.min(text.length, mention.span.end + 200) };
  const before = tokenize(text, within.start, mention.span.start).slice(-CONTEXT_BEFORE);
  const after = tokenize(text, mention.span.end, within.end).slice(0, CONTEXT_AFTER);
  const content = [...before, ...after].filter((t) => !STOPWORDS.has(t.norm)).length;
  if (content < MIN_CONTEXT_CONTENT_WORDS) return [];
  const segments: QuoteSegment[] = before.length > 0 ? [{ tokens: before }] : [];
  if (after.length > 0) segments.push(segments.length > 0 ? { tokens: after, gapBefore: 'insertion' } : { tokens: after });
  const out: ContextMatch[] = [];
  // A handful of passages settles a date; more would only repeat them.
  for (const m of findExactPassages(index.tokens, segments, MAX_CONTEXT_PASSAGES)) {
    const art = index.articles[m.article];
    // The source's date must lie in the gap between the two context runs (or just beside the one run).
    const gapStart = before.length > 0 ? index.tokens.tokenEnd[m.firstToken + before.length - 1] : index.tokens.tokenStart[m.firstToken] - 40;
    const gapEnd = after.length > 0 ? index.tokens.tokenStart[m.endToken - after.length] : index.tokens.tokenEnd[m.endToken - 1] + 40;
    for (let i = 0; i < art.dates.length; i++) {
      const d = art.dates[i];
      if (d.span.start < gapStart || d.span.end > gapEnd) continue;
      const entry: DateEntry = { article: m.article, mention: d };
      out.push({ entry, verdict: datesAgree(mention, d) });
    }
  }
  return out;
}

/** Compares two date mentions by value, or by their words when one has no value. */
function datesAgree(draft: DateMention, source: DateMention): 'same' | 'different' | 'unknown' {
  if (draft.relative || source.relative) return relativeVerdict(draft, source);
  if (draft.value && source.value) return compareDateValues(draft.value, source.value);
  return 'unknown';
}

/**
 * Checks each date of the draft against the corpus: first the dates standing
 * in the same words in a source (see {@link contextMatches}), then the dates
 * the sources tie to the same event.
 */
export function checkDates(
  text: string,
  dates: readonly DateMention[],
  sentences: readonly TextSpan[],
  index: CorpusIndex,
  quotes: readonly TextSpan[] = [],
  maxEvidence = 5,
): DraftFinding[] {
  const out: DraftFinding[] = [];
  const evidenceOf = (entries: DateEntry[]): Citation[] =>
    entries.slice(0, maxEvidence).map((e) => index.evidenceForSpan(e.article, e.mention.span));
  for (const mention of dates) {
    if (!mention.value && !mention.relative) continue;
    // A date inside a quotation is the speaker's wording; the quotation check judges it.
    if (quotes.some((q) => q.start <= mention.span.start && mention.span.end <= q.end)) continue;
    const sentence = sentenceContaining(sentences, mention.span);
    const inContext = contextMatches(text, mention, sentence, index);
    const contextSame = inContext.filter((c) => c.verdict === 'same').map((c) => c.entry);
    const contextDifferent = inContext.filter((c) => c.verdict === 'different').map((c) => c.entry);
    if (contextSame.length > 0) {
      out.push({ code: 'date-verified', span: mention.span, message: 'A source gives this date in the same words.', evidence: evidenceOf(contextSame) });
      continue;
    }
    if (contextDifferent.length > 0) {
      const source = contextDifferent[0].mention;
      out.push({
        code: 'date-mismatch',
        span: mention.span,
        message: `A source says ${source.text} in the same words, not ${mention.text}.`,
        suggestion: source.text,
        evidence: evidenceOf(contextDifferent),
      });
      continue;
    }
    if (mention.eventWords.length === 0) continue;
    const same: DateEntry[] = [];
    const different: DateEntry[] = [];
    for (const { entry } of sameEventDates(index, mention)) {
      const verdict = datesAgree(mention, entry.mention);
      if (verdict === 'same') same.push(entry);
      else if (verdict === 'different' && firmlySameEvent(mention, entry.mention)) different.push(entry);
    }
    if (same.length > 0) {
      out.push({ code: 'date-verified', span: mention.span, message: `The sources give this date for ${eventLabel(mention)}.`, evidence: evidenceOf(same) });
    } else if (different.length > 0) {
      // Suggest a date as precise as the draft's, from the best-matching source that has one.
      const source = (different.find((e) => precision(e.mention) >= precision(mention)) ?? different[0]).mention;
      const suggestion = mention.relative || !source.value ? source.text : formatDateValue(source.value);
      out.push({
        code: 'date-mismatch',
        span: mention.span,
        message: `The sources give ${suggestion} for ${eventLabel(mention)}, not ${mention.text}.`,
        suggestion,
        evidence: evidenceOf(different),
      });
    }
  }
  return out;
}

/** The sentence (of sorted, disjoint sentences) that holds `span`, by binary search. */
export function sentenceContaining(sentences: readonly TextSpan[], span: TextSpan): TextSpan | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end < span.end) lo = mid + 1;
    else if (sentences[mid].start > span.start) hi = mid - 1;
    else return sentences[mid];
  }
  return undefined;
}

function eventLabel(mention: DateMention): string {
  return `this event (${mention.eventWords.slice(0, 4).join(', ')})`;
}
