import type { ArticleMeta, DateMention, ExtractedFacts, ParsedArticle, PersonMention, QuoteMention, SourcePosition, TextSpan, Transcript } from '../types';
import { extractFacts } from '../extract/extractFacts';
import { withTranscriptTurns } from '../extract/transcriptTurns';
import { lastAtOrBefore } from '../text/sortedSearch';

/** A corpus sentence with its place in the article text and in the source file. */
export interface SentenceRecord extends TextSpan {
  /** Where the sentence stands in the source file (for citations). */
  readonly from: SourcePosition;
  readonly to: SourcePosition;
}

/**
 * The {@link SentenceRecord} an index holds: its four source coordinates as
 * plain numbers on the object, the two positions made only when asked for.
 * A corpus of 100,000 articles has over 600,000 sentences: three objects each
 * (the sentence and two positions) were 136 bytes and three allocations per
 * sentence, this is one object of 72 bytes (positions are read only to cite).
 * It serialises to JSON exactly as the plain form (`toJSON`), which is what
 * a host storing records as JSON (PostgreSQL) keeps.
 */
export class Sentence implements SentenceRecord {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly fromLine: number,
    readonly fromCharacter: number,
    readonly toLine: number,
    readonly toCharacter: number,
  ) {}

  get from(): SourcePosition {
    return { line: this.fromLine, character: this.fromCharacter };
  }

  get to(): SourcePosition {
    return { line: this.toLine, character: this.toCharacter };
  }

  toJSON(): { start: number; end: number; from: SourcePosition; to: SourcePosition } {
    return { start: this.start, end: this.end, from: this.from, to: this.to };
  }

  /** The compact form of any sentence record (a plain one, as a test or a JSON store makes it). */
  static of(s: SentenceRecord): Sentence {
    return s instanceof Sentence ? s : new Sentence(s.start, s.end, s.from.line, s.from.character, s.to.line, s.to.character);
  }
}

/**
 * An article with everything extracted from it: the unit the index is built
 * from, and the unit a cache stores (plain data, JSON-serialisable).
 */
export interface ArticleRecord {
  id: string;
  path: string;
  meta: ArticleMeta;
  text: string;
  /** Sorted by start ({@link Sentence}s when built or loaded here; plain objects of this shape also do). */
  sentences: SentenceRecord[];
  /** Sorted by span start. */
  quotes: QuoteMention[];
  people: PersonMention[];
  dates: DateMention[];
  /** For a transcript: its turns, speakers and cue times (citations carry the time and speaker). */
  transcript?: Transcript;
}

/**
 * Articles longer than this many characters are extracted section by
 * section (see {@link extractArticleSteps}); shorter ones in one step.
 */
export const HUGE_ARTICLE_LENGTH = 256 * 1024;
/** The length a section of a huge article aims at: tens of milliseconds of extraction. */
export const ARTICLE_SECTION_LENGTH = 32 * 1024;

/**
 * Extracts the facts of one parsed article into an {@link ArticleRecord},
 * in steps a host can pause between: an indexer drives it with
 * `for (let r = steps.next(); !r.done; r = steps.next()) await pause();` so
 * one huge article does not block its event loop.
 *
 * An article of at most {@link HUGE_ARTICLE_LENGTH} characters (every real
 * news article) is extracted in one step, without yielding: the result is
 * exactly {@link toArticleRecord}'s of old. A longer one is cut into sections
 * of about {@link ARTICLE_SECTION_LENGTH} characters at paragraph breaks
 * (at a line break, else white space, when a paragraph runs on); each
 * section is extracted on its own, its offsets shifted into the article, and
 * the generator yields once after each section but the last. Context does not
 * cross a section break (a surname resolving to a full name, a pronoun to the
 * last speaker, a year carried to a later date): in a text that long, a
 * reference across tens of kilobytes is not one to trust anyway.
 */
export function* extractArticleSteps(article: ParsedArticle): Generator<void, ArticleRecord, void> {
  // Everything kept (the text, quote texts sliced from it) refers to this copy, not to the parser's strings.
  const text = detached(article.text);
  const referenceDate = article.meta.date;
  if (text.length <= HUGE_ARTICLE_LENGTH) return record(article, text, extractFacts(text, { referenceDate }));
  const all: ExtractedFacts = { sentences: [], quotes: [], people: [], dates: [] };
  for (let start = 0; start < text.length; ) {
    const end = sectionEnd(text, start, ARTICLE_SECTION_LENGTH);
    appendShifted(all, extractFacts(text.slice(start, end), { referenceDate }), start);
    start = end;
    if (start < text.length) yield;
  }
  return record(article, text, all);
}

/** Extracts the facts of one parsed article into an {@link ArticleRecord}: {@link extractArticleSteps} run to the end. */
export function toArticleRecord(article: ParsedArticle): ArticleRecord {
  const steps = extractArticleSteps(article);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function record(article: ParsedArticle, text: string, extracted: ExtractedFacts): ArticleRecord {
  // A transcript's turns are quotations of their speakers (the quote check reads them like any other).
  const facts = article.transcript ? withTranscriptTurns(text, extracted, article.transcript) : extracted;
  const sentences = facts.sentences.map((s) => {
    const from = article.locate(s.start);
    const to = article.locate(s.end);
    return new Sentence(s.start, s.end, from.line, from.character, to.line, to.character);
  });
  return {
    id: article.id,
    path: article.path,
    meta: article.meta,
    text,
    sentences,
    quotes: [...facts.quotes].sort((a, b) => a.span.start - b.span.start),
    people: facts.people,
    dates: facts.dates,
    ...(article.transcript ? { transcript: article.transcript } : {}),
  };
}

/**
 * Where the section of `text` starting at `start` ends: the first paragraph
 * break (a blank line) after `target` characters, else the first line break,
 * else the first white space, looking up to twice `target` ahead; else
 * `start + target` (never inside a surrogate pair). The whole rest when it is
 * short.
 */
function sectionEnd(text: string, start: number, target: number): number {
  if (text.length - start <= target * 2) return text.length;
  const from = start + target;
  const ahead = text.slice(from, start + target * 2);
  for (const re of [/\n[ \t\r]*\n/, /\n/, /\s/]) {
    const m = re.exec(ahead);
    if (m) return from + m.index + m[0].length;
  }
  const c = text.charCodeAt(from);
  return c >= 0xdc00 && c <= 0xdfff ? from + 1 : from;
}

/** Appends the facts of a section extracted on its own, its offsets moved by `delta` into the whole text. */
function appendShifted(all: ExtractedFacts, part: ExtractedFacts, delta: number): void {
  const move = (s: TextSpan): TextSpan => ({ start: s.start + delta, end: s.end + delta });
  for (const s of part.sentences) all.sentences.push(move(s));
  for (const q of part.quotes) {
    const quote: QuoteMention = { ...q, span: move(q.span), outerSpan: move(q.outerSpan) };
    if (q.speaker) quote.speaker = q.speaker.span ? { ...q.speaker, span: move(q.speaker.span) } : { ...q.speaker };
    all.quotes.push(quote);
  }
  for (const p of part.people) all.people.push(p.role ? { ...p, span: move(p.span), role: { ...p.role, span: move(p.role.span) } } : { ...p, span: move(p.span) });
  for (const d of part.dates) all.dates.push({ ...d, span: move(d.span) });
}

/** Index of the sentence of `record` containing `offset` (or the last one starting before it), or -1. */
export function sentenceAt(record: ArticleRecord, offset: number): number {
  return lastAtOrBefore(record.sentences.length, offset, (i) => record.sentences[i].start);
}

/**
 * A copy of `text` that does not keep a larger string alive: a parser's slice
 * of a whole file (a JSONL corpus of 20 MB) would otherwise stay in memory as
 * long as any one article from it. Flattening a concatenation makes V8 copy
 * the characters into a string of their own.
 */
function detached(text: string): string {
  return (' ' + text).slice(1);
}
