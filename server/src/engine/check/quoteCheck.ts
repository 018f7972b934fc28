/**
 * Direct quotations: found verbatim (verified, or misattributed when every
 * source gives the words to someone else), found with words changed
 * (altered, with a word diff), or not found (unsourced).
 */
import type { QuoteMention } from '../types';
import type { QuotationHits, QuotedPassage } from '../corpusStore';
import { quoteSegments, segmentTokens, type QuoteSegment } from '../extract/quoteSegments';
import { isPronoun } from '../extract/lexicon';
import { formatWordDiff, wordDiff } from '../match/wordDiff';
import { sameSpeaker } from '../match/speakers';
import type { Check, JudgedFinding } from './check';
import { quotedList, quotedWording } from './findingText';

/** Quotations shorter than this many words are scare quotes: confirmed when found, never flagged when not. */
const MIN_CHECKED_WORDS = 4;

/** A quotation of the draft, split for lookup. */
export interface QuoteClaim {
  quote: QuoteMention;
  segments: QuoteSegment[];
  /** Words in all segments. */
  words: number;
}

export const quoteCheck: Check<QuoteClaim, QuotationHits> = {
  name: 'quotes',

  claims(draft) {
    const out: QuoteClaim[] = [];
    for (const quote of draft.facts.quotes) {
      const segments = quoteSegments(draft.text, quote.span);
      const words = segmentTokens(segments).length;
      if (words > 0) out.push({ quote, segments, words });
    }
    return out;
  },

  // The verdict reads the quoted words and the speaker (words as written and who they resolve to), nothing else.
  key: ({ quote }) => JSON.stringify([quote.text, quote.speaker?.text ?? null, quote.speaker?.resolved ?? null, quote.speaker?.isOrganisation ?? null]),

  start: ({ quote }) => quote.span.start,

  retrieve: (claims, store) => store.findQuotations(claims.map((c) => ({ segments: c.segments, closest: c.words >= MIN_CHECKED_WORDS }))),

  judge(claim, hits) {
    const { quote, words } = claim;
    // A scare quote of a word or three is a phrase, not a statement someone can be misquoted in.
    if (hits.exact.length > 0) return [verdictForExact(quote, hits.exact, words >= MIN_CHECKED_WORDS)];
    if (words < MIN_CHECKED_WORDS) return [];
    const closest = hits.closest;
    if (!closest) {
      return [{ code: 'quote-unsourced', span: quote.span, message: 'No source article contains these words.', evidence: [] }];
    }
    const draftWords = segmentTokens(claim.segments).map((t) => quote.text.slice(t.start - quote.span.start, t.end - quote.span.start));
    const diff = wordDiff(draftWords, closest.words, closest.pairs);
    const changed = diff.filter((d) => d.kind !== 'same');
    return [
      {
        code: 'quote-altered',
        span: quote.span,
        message:
          `Quotation differs from the source (${Math.round(closest.similarity * 100)}% alike): ${quotedWording(formatWordDiff(changed.length <= 6 ? diff : changed))}. ` +
          `Source: “${quotedWording(closest.wording)}”`,
        suggestion: suggestionFor(quote, closest.wording),
        evidence: [closest.ref],
        diff,
      },
    ];
  },
};

/**
 * The quote stands verbatim somewhere: verified, unless the draft names a
 * speaker and every source that puts these words in someone's mouth names
 * somebody else.
 */
function verdictForExact(quote: QuoteMention, exact: readonly QuotedPassage[], judgeSpeaker: boolean): JudgedFinding {
  const evidence: JudgedFinding['evidence'] = [];
  const seenArticles = new Set<string>();
  const sourceSpeakers: string[] = [];
  let pronounOnBothSides = false;
  let agreeingSpeaker: string | undefined;
  for (const m of exact) {
    if (!seenArticles.has(m.ref.articleId)) {
      seenArticles.add(m.ref.articleId);
      evidence.push(m.ref);
    }
    const speaker = m.speaker?.resolved;
    if (!m.speaker || !speaker) continue;
    // Two pronouns resolved by two readings are too weak to call a misattribution.
    if (isPronoun(m.speaker.text) && (!quote.speaker || isPronoun(quote.speaker.text))) {
      // A pronoun read on both sides proves nothing, and it means some source tells
      // this quote the way the draft does: no misattribution is claimed.
      pronounOnBothSides = true;
      continue;
    }
    if (!sourceSpeakers.includes(speaker)) sourceSpeakers.push(speaker);
    if (quote.speaker?.resolved && sameSpeaker(quote.speaker.resolved, speaker)) agreeingSpeaker = speaker;
  }
  const draftSpeaker = quote.speaker?.resolved;
  if (judgeSpeaker && draftSpeaker && sourceSpeakers.length > 0 && !agreeingSpeaker && !pronounOnBothSides) {
    return {
      code: 'quote-misattributed',
      span: quote.span,
      message: `The sources attribute these words to ${quotedList(sourceSpeakers, ' and ')}, not to ${quotedWording(draftSpeaker)}.`,
      suggestion: undefined,
      evidence,
    };
  }
  const who = agreeingSpeaker ? ` as words of ${agreeingSpeaker}` : '';
  return {
    code: 'quote-verified',
    span: quote.span,
    message: `Quotation found verbatim${who} in ${evidence.length} source${evidence.length === 1 ? '' : 's'}.`,
    evidence,
  };
}

/**
 * The replacement for the draft's quoted words: the source wording, keeping
 * the draft's final punctuation inside the quote ("…2019," stays "…2019,").
 */
function suggestionFor(quote: QuoteMention, sourceWording: string): string {
  const trailing = /[.,!?;:]+$/.exec(quote.text)?.[0] ?? '';
  const bare = sourceWording.replace(/[.,!?;:]+$/, '');
  return bare + trailing;
}
