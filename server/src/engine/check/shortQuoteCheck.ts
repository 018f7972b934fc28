/**
 * Short quotations in a named person's mouth (issue 8, point 10): `Brown
 * said the party faced a "hard struggle" in the north` where the source
 * sentence has Brown's "hard slog". A quote of two or three words is too
 * short to look up by its own words (the quote check confirms it when found
 * verbatim and stays quiet otherwise: "one of the options" recurs
 * everywhere); what locates its source is the sentence around it. When no
 * source holds the words and the draft sentence, outside the quote, follows
 * a source sentence closely (most of its content words in one window), the
 * quotation standing at the same place in that source sentence is what the
 * speaker said: different words there are an altered quote.
 *
 * Quiet for unattributed phrases (scare quotes), organisation speakers and
 * pronouns the draft does not resolve to a name, and when the aligned
 * source holds no quotation where the draft has one.
 */
import type { TextSpan } from '../types';
import type { AlignedSource, AlignmentQuery, QuotationHits, QuotedPassage } from '../corpusStore';
import { sameSpeaker } from '../match/speakers';
import { quoteSegments, segmentTokens, type QuoteSegment } from '../extract/quoteSegments';
import { STOPWORDS, tokenize } from '../text/tokens';
import type { Check, JudgedFinding } from './check';
import { fromTo } from './findingText';

/** Quotations of this many words (inclusive) are judged here; longer ones are the quote check's. */
const MIN_WORDS = 2;
const MAX_WORDS = 3;
/** Content words the sentence outside the quote needs to locate a source sentence. */
const MIN_CONTEXT_WORDS = 5;
/** Share of those words the source window must hold. */
const MIN_COVERAGE = 0.8;
/** Quote marks around a source's quotation. */
const SOURCE_QUOTE = /["“”]([^"“”]{1,80})["“”]|''([^']{1,80})''|‘([^’]{1,80})’/gu;

/** A short quotation with a named person speaker, and the sentence that locates it. */
export interface ShortQuoteClaim {
  span: TextSpan;
  text: string;
  segments: QuoteSegment[];
  /** The sentence's distinct content words outside the quotation. */
  context: string[];
  /** The content word just before the quotation in the sentence (where the quote stands), if any. */
  before?: string;
}

export interface ShortQuoteEvidence {
  hits: QuotationHits;
  aligned: AlignedSource[];
}

function contentWords(text: string, from: number, to: number): string[] {
  return tokenize(text, from, to)
    .map((t) => t.norm)
    .filter((w) => !STOPWORDS.has(w) && !/^\d/.test(w));
}

/** The normalised words of a quotation. */
function normWords(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}

export const shortQuoteCheck: Check<ShortQuoteClaim, ShortQuoteEvidence> = {
  name: 'short-quotes',

  claims(draft) {
    const out: ShortQuoteClaim[] = [];
    // The draft's own sentences (extraction split them, remembered paragraph by paragraph while typing):
    // splitting the whole draft again here cost every one-word edit.
    const sentences = draft.facts.sentences;
    for (const quote of draft.facts.quotes) {
      const speaker = quote.speaker;
      // A named person: not an organisation, and resolved to a name (a pronoun the draft does not resolve names no one).
      if (!speaker || speaker.isOrganisation || !speaker.resolved || !/\p{Lu}/u.test(speaker.resolved)) continue;
      const segments = quoteSegments(draft.text, quote.span);
      const words = segmentTokens(segments).length;
      if (words < MIN_WORDS || words > MAX_WORDS) continue;
      const sentence = sentences.find((s) => s.start <= quote.outerSpan.start && quote.outerSpan.end <= s.end);
      if (!sentence) continue;
      const context = [...new Set([...contentWords(draft.text, sentence.start, quote.outerSpan.start), ...contentWords(draft.text, quote.outerSpan.end, sentence.end)])];
      if (context.length < MIN_CONTEXT_WORDS) continue;
      const before = tokenize(draft.text, sentence.start, quote.outerSpan.start).at(-1)?.norm;
      out.push({ span: quote.span, text: quote.text, segments, context, ...(before !== undefined ? { before } : {}) });
    }
    return out;
  },

  key: (c) => JSON.stringify([c.text, c.context, c.before ?? null]),

  start: (c) => c.span.start,

  async retrieve(claims, store) {
    const hits = await store.findQuotations(claims.map((c) => ({ segments: c.segments, closest: false })));
    // Only a quote no source holds needs its sentence aligned (most short quotes stand verbatim).
    const missing = claims.map((_, i) => i).filter((i) => hits[i].exact.length === 0);
    const queries: AlignmentQuery[] = missing.map((i) => ({ words: claims[i].context, names: [] }));
    const aligned = queries.length > 0 ? await store.findAlignedSentences(queries) : [];
    const out: ShortQuoteEvidence[] = hits.map((h) => ({ hits: h, aligned: [] }));
    missing.forEach((i, k) => (out[i].aligned = aligned[k]));
    return out;
  },

  judge(claim, { hits, aligned }) {
    // Found verbatim: the quote check's to confirm (and to check its speaker).
    if (hits.exact.length > 0) return [];
    const mine = normWords(claim.text);
    for (const source of aligned) {
      if (source.coverage < MIN_COVERAGE) continue;
      const theirs = quotationAtSamePlace(source, claim.before);
      if (!theirs) continue;
      const words = normWords(theirs.text);
      if (words.length === 0 || words.join(' ') === mine.join(' ')) return [];
      // The source's quote must be the same phrase put otherwise (a word in common, or as short), not another statement.
      if (words.length > MAX_WORDS + 2) continue;
      const finding: JudgedFinding = {
        code: 'quote-altered',
        span: claim.span,
        message: `Quote differs from the source: ${fromTo(claim.text, theirs.text)}`,
        suggestion: theirs.text,
        evidence: [{ articleId: source.ref.articleId, span: { start: source.ref.span.start + theirs.start, end: source.ref.span.start + theirs.end } }],
      };
      return [finding];
    }
    return [];
  },
};

/**
 * The quotation in an aligned source window that stands where the draft's
 * does: right after the same word, or the window's only quotation.
 */
function quotationAtSamePlace(source: AlignedSource, before: string | undefined): { text: string; start: number; end: number } | undefined {
  const found: Array<{ text: string; start: number; end: number; before?: string }> = [];
  SOURCE_QUOTE.lastIndex = 0;
  for (let m = SOURCE_QUOTE.exec(source.text); m !== null; m = SOURCE_QUOTE.exec(source.text)) {
    const inner = m[1] ?? m[2] ?? m[3];
    const start = m.index + m[0].indexOf(inner);
    found.push({ text: inner, start, end: start + inner.length, before: tokenize(source.text, 0, m.index).at(-1)?.norm });
  }
  if (found.length === 1 && (before === undefined || found[0].before === before)) return found[0];
  return found.find((q) => before !== undefined && q.before === before);
}

/**
 * The occurrences of a short quotation found verbatim that tell the draft's
 * story: those whose source names the draft's speaker near the words. A
 * quoted occurrence given to nobody, in an article that gives the same words
 * to someone elsewhere, is that article echoing its own quotation ("Comey
 * called it “extremely careless” … the “extremely careless” finding"), not
 * a scare quote, and is left out. The quote check judges a short quotation's
 * speaker by these.
 */
export function storyOccurrences(exact: readonly QuotedPassage[], draftSpeaker: string): QuotedPassage[] {
  const story = exact.filter((m) => m.people?.some((p) => sameSpeaker(draftSpeaker, p)));
  const attributedIn = new Set(story.filter((m) => m.speaker?.resolved).map((m) => m.ref.articleId));
  return story.filter((m) => m.speaker?.resolved || !m.inQuotation || !attributedIn.has(m.ref.articleId));
}
