import type { Citation, QuoteMention, SpeakerMention } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import type { ArticleRecord } from '../index/articleRecord';
import { quoteSegments, segmentTokens } from '../match/quoteQuery';
import { findClosestPassage, findExactPassages, type PassageMatch } from '../match/findQuote';
import { wordDiff, formatWordDiff } from '../match/wordDiff';
import { sameSpeaker } from '../match/speakers';
import type { DraftFinding } from './finding';

/** Quotations shorter than this many words are scare quotes: confirmed when found, never flagged when not. */
const MIN_CHECKED_WORDS = 4;

/** Checks each quotation of the draft against the corpus. */
export function checkQuotes(text: string, quotes: readonly QuoteMention[], index: CorpusIndex): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const quote of quotes) {
    const finding = checkQuote(text, quote, index);
    if (finding) out.push(finding);
  }
  return out;
}

function checkQuote(text: string, quote: QuoteMention, index: CorpusIndex): DraftFinding | undefined {
  const segments = quoteSegments(text, quote.span);
  const tokens = segmentTokens(segments);
  if (tokens.length === 0) return undefined;
  const exact = findExactPassages(index.tokens, segments);
  // A scare quote of a word or three is a phrase, not a statement someone can be misquoted in.
  if (exact.length > 0) return verdictForExact(quote, exact, index, tokens.length >= MIN_CHECKED_WORDS);
  if (tokens.length < MIN_CHECKED_WORDS) return undefined;
  const closest = findClosestPassage(index.tokens, tokens);
  if (closest) {
    const art = index.articles[closest.article];
    const draftWords = tokens.map((t) => text.slice(t.start, t.end));
    const sourceWords: string[] = [];
    for (let p = closest.firstToken; p < closest.endToken; p++) {
      sourceWords.push(art.text.slice(index.tokens.tokenStart[p], index.tokens.tokenEnd[p]));
    }
    const pairs = closest.pairs.map(([q, p]) => [q, p - closest.firstToken] as const);
    const diff = wordDiff(draftWords, sourceWords, pairs);
    const span = passageSpan(index, closest);
    const changed = diff.filter((d) => d.kind !== 'same');
    const sourceWording = art.text.slice(span.start, span.end);
    return {
      code: 'quote-altered',
      span: quote.span,
      message:
        `Quotation differs from the source (${Math.round(closest.similarity * 100)}% alike): ${formatWordDiff(changed.length <= 6 ? diff : changed)}. ` +
        `Source: “${sourceWording}”`,
      suggestion: suggestionFor(text, quote, sourceWording),
      evidence: [index.evidenceForSpan(closest.article, span)],
      diff,
    };
  }
  return {
    code: 'quote-unsourced',
    span: quote.span,
    message: 'No source article contains these words.',
    evidence: [],
  };
}

/**
 * The quote stands verbatim somewhere: verified, unless the draft names a
 * speaker and every source that puts these words in someone's mouth names
 * somebody else.
 */
function verdictForExact(quote: QuoteMention, exact: PassageMatch[], index: CorpusIndex, judgeSpeaker: boolean): DraftFinding {
  const evidence: Citation[] = [];
  const seenArticles = new Set<number>();
  const sourceSpeakers: string[] = [];
  let pronounOnBothSides = false;
  let agreeingSpeaker: string | undefined;
  for (const m of exact) {
    const span = passageSpan(index, m);
    if (!seenArticles.has(m.article)) {
      seenArticles.add(m.article);
      evidence.push(index.evidenceForSpan(m.article, span));
    }
    const sourceSpeaker = sourceSpeakerAt(index.articles[m.article], span.start, span.end);
    const speaker = sourceSpeaker?.resolved;
    if (!speaker) continue;
    // Two pronouns resolved by two readings are too weak to call a misattribution.
    if (isPronoun(sourceSpeaker.text) && (!quote.speaker || isPronoun(quote.speaker.text))) {
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
      message: `The sources attribute these words to ${sourceSpeakers.join(' and ')}, not to ${draftSpeaker}.`,
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

/** The speaker of the corpus quotation containing `[start, end)`, if any. */
function sourceSpeakerAt(article: ArticleRecord, start: number, end: number): SpeakerMention | undefined {
  for (const q of article.quotes) {
    if (q.span.start > start) break;
    if (q.span.start <= start && end <= q.span.end) return q.speaker;
  }
  return undefined;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);

function isPronoun(words: string): boolean {
  return PRONOUNS.has(words.trim().toLowerCase());
}

/** Character span in the article of a token range. */
function passageSpan(index: CorpusIndex, m: PassageMatch): { start: number; end: number } {
  return { start: index.tokens.tokenStart[m.firstToken], end: index.tokens.tokenEnd[m.endToken - 1] };
}

/**
 * The replacement for the draft's quoted words: the source wording, keeping
 * the draft's final punctuation inside the quote ("…2019," stays "…2019,").
 */
function suggestionFor(text: string, quote: QuoteMention, sourceWording: string): string {
  const trailing = /[.,!?;:]+$/.exec(text.slice(quote.span.start, quote.span.end))?.[0] ?? '';
  const bare = sourceWording.replace(/[.,!?;:]+$/, '');
  return bare + trailing;
}
