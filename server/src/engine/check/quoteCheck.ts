/**
 * Direct quotations: found verbatim (verified when a source gives the words
 * to the draft's speaker, or to nobody and the draft names nobody;
 * misattributed when the sources give them to someone else or never mention
 * the draft's speaker; speaker unconfirmed when the sources mention the
 * speaker without tying the words to them), found with words changed
 * (altered, with a word diff; a spelling difference when only spellings
 * differ), or not found (unsourced).
 */
import type { QuoteMention, WordDiffPart } from '../types';
import type { QuotationHits, QuotedPassage } from '../corpusStore';
import { quoteSegments, segmentTokens, type QuoteSegment } from '../extract/quoteSegments';
import { isPronoun } from '../extract/lexicon';
import { wordDiff } from '../match/wordDiff';
import { compatibleSpeakers, sameSpeaker } from '../match/speakers';
import { editDistance, typoBudget } from '../text/editDistance';
import type { Check, JudgedFinding } from './check';
import { storyOccurrences } from './shortQuoteCheck';
import { describeChanges, quoted, quotedList, quotedWording } from './findingText';

/** Quotations shorter than this many words are scare quotes: confirmed when found, never flagged when not. */
const MIN_CHECKED_WORDS = 4;

/**
 * Quotations of at least this many words found in a source's own quotation
 * are statements: a person that source never mentions did not say them there.
 * Shorter runs ("one of the options") recur in unrelated articles.
 */
const MIN_STATEMENT_WORDS = 6;
/** A short phrase in more source articles than this, and in their running text, is common wording, nobody's statement. */
const STORY_PHRASE_MAX_ARTICLES = 3;
/** Words the sources give to this many different speakers are common wording, not one person's statement. */
const COMMON_WORDING_SPEAKERS = 3;

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
  key: ({ quote }) => JSON.stringify([quote.text, quote.speaker?.text ?? null, quote.speaker?.resolved ?? null, quote.speaker?.isOrganisation ?? null, quote.speaker?.affiliation ?? null]),

  start: ({ quote }) => quote.span.start,

  retrieve: (claims, store) => store.findQuotations(claims.map((c) => ({ segments: c.segments, closest: c.words >= MIN_CHECKED_WORDS }))),

  judge(claim, hits) {
    const { quote, words } = claim;
    // A quote of a word or three is a phrase, not a statement, unless the draft puts it in a named speaker's mouth.
    if (hits.exact.length > 0) return [words >= MIN_CHECKED_WORDS ? verdictForExact(quote, hits.exact, words) : verdictForShort(quote, hits.exact, words)];
    if (words < MIN_CHECKED_WORDS) return [];
    const closest = hits.closest;
    if (!closest) {
      return [{ code: 'quote-unsourced', span: quote.span, message: 'No source contains this quote.', evidence: [] }];
    }
    const draftWords = segmentTokens(claim.segments).map((t) => quote.text.slice(t.start - quote.span.start, t.end - quote.span.start));
    const diff = wordDiff(draftWords, closest.words, closest.pairs);
    const spellings = spellingOnly(diff);
    if (spellings) {
      // No suggestion: the source's spelling may be the typo ("emmissions"), and copying it over a correct word is worse.
      return [
        {
          code: 'quote-spelling',
          span: quote.span,
          message: `Only the spelling differs from the source: ${spellings.map(([d, s]) => `${quoted(d)} is spelled ${quoted(s)} there`).join(', ')}.`,
          evidence: [closest.ref],
          diff,
        },
      ];
    }
    return [
      {
        code: 'quote-altered',
        span: quote.span,
        message: `Quote differs from the source: ${describeChanges(diff)}`,
        suggestion: suggestionFor(quote, closest.wording),
        evidence: [closest.ref],
        diff,
      },
    ];
  },
};

/** What the sources say of who spoke a quotation found verbatim. */
interface SpeakerEvidence {
  /** Every cited article, once. */
  evidence: JudgedFinding['evidence'];
  /** The speakers (full names) the sources give the words to, other than by a pronoun read on both sides. */
  sourceSpeakers: string[];
  /** A source speaker who can be the draft's. */
  agreeingSpeaker?: string;
  /** A source gives the words to a pronoun and so does the draft, read as the same person (or the draft's unresolved). */
  pronounOnBothSides: boolean;
  /** Occurrences the sources give to nobody. */
  unattributed: number;
  /** Of {@link unattributed}, those inside a source's own quotation (a scare quote, a quote without a cue). */
  unattributedQuoted: number;
}

function speakerEvidence(quote: QuoteMention, exact: readonly QuotedPassage[]): SpeakerEvidence {
  const out: SpeakerEvidence = { evidence: [], sourceSpeakers: [], pronounOnBothSides: false, unattributed: 0, unattributedQuoted: 0 };
  const seenArticles = new Set<string>();
  for (const m of exact) {
    if (!seenArticles.has(m.ref.articleId)) {
      seenArticles.add(m.ref.articleId);
      out.evidence.push(m.ref);
    }
    const speaker = m.speaker?.resolved;
    if (!m.speaker || !speaker) {
      out.unattributed++;
      if (m.inQuotation) out.unattributedQuoted++;
      continue;
    }
    // Two pronouns read as the same person agree; read as two people, they disagree like names
    // (unless the source names the draft's person nearer, below).
    if (isPronoun(m.speaker.text) && (!quote.speaker || isPronoun(quote.speaker.text))) {
      if (!quote.speaker?.resolved || sameSpeaker(quote.speaker.resolved, speaker)) {
        out.pronounOnBothSides = true;
        continue;
      }
    }
    if (quote.speaker?.resolved && compatibleSpeakers(quote.speaker, m.speaker)) {
      out.agreeingSpeaker = speaker;
    } else if (isPronoun(m.speaker.text) && quote.speaker?.resolved && draftSpeakerNearer(quote.speaker.resolved, speaker, m.people)) {
      // The source's "he" read as someone else, where the source names the draft's speaker at least as
      // near the words: a reading, not proof.
      out.unattributed++;
      continue;
    }
    if (!out.sourceSpeakers.includes(speaker)) out.sourceSpeakers.push(speaker);
  }
  return out;
}

/**
 * Whether the source names the draft's speaker at least as near the passage
 * as the person its pronoun was read as (`people` nearest first; unknown
 * counts as nearer, the cautious answer).
 */
function draftSpeakerNearer(draftSpeaker: string, sourceSpeaker: string, people: readonly string[] | undefined): boolean {
  if (!people) return true;
  const d = people.findIndex((p) => sameSpeaker(draftSpeaker, p));
  if (d < 0) return false;
  const s = people.findIndex((p) => sameSpeaker(sourceSpeaker, p));
  return s < 0 || d <= s;
}

/**
 * The quote stands verbatim somewhere: verified when a source gives it to
 * the draft's speaker (or the draft names none); misattributed when the
 * sources give it to somebody else, or give it to nobody and never mention
 * the draft's speaker; otherwise verified words with an unconfirmed speaker.
 */
function verdictForExact(quote: QuoteMention, exact: readonly QuotedPassage[], words: number): JudgedFinding {
  const found = speakerEvidence(quote, exact);
  const { evidence, sourceSpeakers, agreeingSpeaker, pronounOnBothSides } = found;
  const draftSpeaker = quote.speaker?.resolved;
  // Words the sources give to three or more people are common wording ("a lot of people"), nobody's statement;
  // the draft's own article may not even be among the occurrences listed.
  if (!draftSpeaker || agreeingSpeaker || pronounOnBothSides || sourceSpeakers.length >= COMMON_WORDING_SPEAKERS) return verified(quote, evidence, agreeingSpeaker);
  if (sourceSpeakers.length > 0) return misattributed(quote, draftSpeaker, sourceSpeakers, evidence);
  // No source ties the words to anyone: the draft's speaker is not confirmed. A person the
  // articles holding the words never mention at all did not say them there — when the words are a
  // statement (long enough not to be common wording, and quoted by the source too).
  const named = !quote.speaker!.isOrganisation && words >= MIN_STATEMENT_WORDS && exact.some((m) => m.inQuotation);
  const mentioned = exact.some((m) => m.people === undefined || m.people.some((p) => sameSpeaker(draftSpeaker, p)));
  if (named && !mentioned) {
    const nearest = exact.map((m) => m.people?.[0]).find((p): p is string => p !== undefined);
    return {
      code: 'quote-misattributed',
      span: quote.span,
      message: nearest
        ? `The source never mentions ${quotedWording(draftSpeaker)}; the person it names nearest this quote is ${quotedWording(nearest)}.`
        : `The source never mentions ${quotedWording(draftSpeaker)}.`,
      evidence,
      attribution: { draftSpeaker: quote.speaker?.text ?? draftSpeaker, sourceSpeakers: nearest ? [nearest] : [] },
    };
  }
  return {
    code: 'quote-speaker-unconfirmed',
    span: quote.span,
    message: `Quote found word for word, but no source says ${quotedWording(draftSpeaker)} said it.`,
    evidence,
  };
}

/**
 * A quote of two or three words found verbatim: a phrase, verified, unless
 * the draft gives it to a named speaker and every source that quotes it
 * gives it to someone else (a phrase some source quotes without a speaker is
 * a scare quote, not anyone's statement).
 */
function verdictForShort(quote: QuoteMention, exact: readonly QuotedPassage[], words: number): JudgedFinding {
  const found = speakerEvidence(quote, exact);
  const draftSpeaker = quote.speaker?.resolved;
  const named = draftSpeaker !== undefined && !isPronoun(quote.speaker!.text);
  // The same words in a source's running text (not quoted) are its own wording, not anyone's statement;
  // words the sources give to two different speakers are a phrase anybody says ("hundreds of millions").
  // Wording many articles also use in their own running text ("hundreds of millions", "not good enough") is
  // nobody's statement; a phrase the sources mostly quote ("tough, tough fight") is someone's.
  const inRunningText = exact.filter((m) => !m.inQuotation).length;
  const rare = found.evidence.length <= STORY_PHRASE_MAX_ARTICLES || inRunningText <= 1;
  if (named && rare && words >= 2 && !found.agreeingSpeaker && !found.pronounOnBothSides && found.unattributedQuoted === 0 && found.sourceSpeakers.length === 1) {
    return misattributed(quote, draftSpeaker, found.sourceSpeakers, found.evidence);
  }
  // Within the story: a phrase others also say ("tough fight", "extremely careless") is still someone's where the
  // sources tell the draft's story — the articles that name the draft's speaker — if there they only quote it, and
  // always from others (fewer than make common wording): those sources tie the words to them, however common the
  // words elsewhere (`storyOccurrences`).
  if (named && words >= 2 && !found.agreeingSpeaker && !found.pronounOnBothSides) {
    const story = storyOccurrences(exact, draftSpeaker);
    const inStory = story.length > 0 && (rare || story.every((m) => m.inQuotation)) ? speakerEvidence(quote, story) : undefined;
    if (inStory && !inStory.agreeingSpeaker && !inStory.pronounOnBothSides && inStory.unattributedQuoted === 0 && inStory.sourceSpeakers.length > 0 && inStory.sourceSpeakers.length < COMMON_WORDING_SPEAKERS) {
      return misattributed(quote, draftSpeaker, inStory.sourceSpeakers, inStory.evidence);
    }
  }
  return verified(quote, found.evidence, found.agreeingSpeaker);
}

function misattributed(quote: QuoteMention, draftSpeaker: string, sourceSpeakers: string[], evidence: JudgedFinding['evidence']): JudgedFinding {
  return {
    code: 'quote-misattributed',
    span: quote.span,
    message: `The sources attribute this quote to ${quotedList(sourceSpeakers, ' and ')}, not to ${quotedWording(draftSpeaker)}.`,
    suggestion: undefined,
    evidence,
    attribution: { draftSpeaker: quote.speaker?.text ?? draftSpeaker, sourceSpeakers },
  };
}

function verified(quote: QuoteMention, evidence: JudgedFinding['evidence'], agreeingSpeaker: string | undefined): JudgedFinding {
  const who = agreeingSpeaker ? ` as words of ${agreeingSpeaker}` : '';
  return {
    code: 'quote-verified',
    span: quote.span,
    message: `Quote found word for word${who} in ${evidence.length} source${evidence.length === 1 ? '' : 's'}.`,
    evidence,
  };
}

/** "increase" / "increases", "decide" / "decided": another form of the word changes what was said. */
/** A word that may be spelled differently: letters (with inner apostrophes or hyphens), punctuation around it allowed. */
const SPELLABLE = /^[^\p{L}\p{N}]*\p{L}+(?:['’-]\p{L}+)*[^\p{L}\p{N}]*$/u;

function isInflection(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) && /^(?:s|es|d|ed|ing|er|est|ly)$/.test(long.slice(short.length));
}

/**
 * The (draft word, source word) pairs of a diff whose every change is one
 * word spelled a little differently ("emissions" / "emmissions",
 * "organise" / "organize"), or undefined when anything else changed.
 */
export function spellingOnly(diff: readonly WordDiffPart[]): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  let source: string | undefined;
  for (const part of diff) {
    if (part.kind === 'same') {
      if (source !== undefined) return undefined;
      continue;
    }
    const words = part.text.trim().split(/\s+/u);
    if (words.length !== 1) return undefined;
    if (part.kind === 'removed') {
      if (source !== undefined) return undefined;
      source = words[0];
      continue;
    }
    if (source === undefined) return undefined;
    const d = words[0].toLowerCase();
    const s = source.toLowerCase();
    const budget = typoBudget(Math.max(d.length, s.length));
    // Only words of letters can be misspelled: "2017" / "2018" or "£5m" / "£6m" is a different fact, an altered quote.
    if (!SPELLABLE.test(d) || !SPELLABLE.test(s)) return undefined;
    if (budget === 0 || d[0] !== s[0] || isInflection(d, s) || editDistance(d, s, budget) > budget) return undefined;
    pairs.push([words[0], source]);
    source = undefined;
  }
  return source === undefined && pairs.length > 0 ? pairs : undefined;
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
