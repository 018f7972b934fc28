/**
 * Shared data types of the factcheck engine.
 *
 * Every position in the engine is a UTF-16 offset into a JavaScript string
 * (the draft, or an article's `text`), as a half-open `[start, end)` span.
 * Conversion to lines and characters happens at the edges: the corpus parser
 * records where each sentence stands in its source file, and the language
 * server converts draft offsets to LSP ranges in one module.
 */

/** A half-open `[start, end)` range of UTF-16 offsets into a string. */
export interface TextSpan {
  start: number;
  end: number;
}

/** A position in a source file, 0-based, characters in UTF-16 code units (as in LSP). */
export interface SourcePosition {
  line: number;
  character: number;
}

// ---------------------------------------------------------------------------
// Corpus input
// ---------------------------------------------------------------------------

/** One file a {@link CorpusSource} can provide. */
export interface CorpusFileInfo {
  /** Path or URI, as the source names it; used as the article's identity and in citations. */
  path: string;
  /** Size in bytes, when known before reading (lets the engine skip huge files unread). */
  size?: number;
}

/**
 * Where the engine gets corpus files from. The engine never touches the file
 * system itself: the CLI and the language server inject an implementation.
 */
export interface CorpusSource {
  /** All candidate corpus files (the engine filters by extension). */
  listFiles(): Promise<CorpusFileInfo[]>;
  /** The raw bytes of one file listed by {@link listFiles}. */
  readFile(path: string): Promise<Uint8Array>;
}

/** Metadata of an article, from front matter, HTML meta tags, JSON fields or the text itself. */
export interface ArticleMeta {
  title?: string;
  /** ISO date `YYYY-MM-DD` (a time part, if any, is dropped). */
  date?: string;
  publisher?: string;
  author?: string;
  url?: string;
}

/** One article parsed from a corpus file, before indexing. */
export interface ParsedArticle {
  /** Unique id: the file path, or `path#recordId` for JSON/JSONL records. */
  id: string;
  /** The corpus file the article came from. */
  path: string;
  meta: ArticleMeta;
  /**
   * The article's body text with boilerplate removed. All offsets of this
   * article's sentences, quotes, names and dates refer to this string.
   */
  text: string;
  /**
   * Maps an offset in {@link text} to a position in the source file, so a
   * citation can point at the right line. Not serialised: indexes keep the
   * positions it computed.
   */
  locate(offset: number): SourcePosition;
}

/** A problem with one corpus file; the file (or record) is skipped, the rest goes on. */
export interface CorpusWarning {
  path: string;
  message: string;
}

/** The result of parsing one corpus file. */
export interface ParsedCorpusFile {
  articles: ParsedArticle[];
  warnings: CorpusWarning[];
}

// ---------------------------------------------------------------------------
// Extraction (the same extractors run on corpus articles and on drafts)
// ---------------------------------------------------------------------------

/** A sentence of a text. `start`/`end` exclude surrounding white space. */
export type SentenceSpan = TextSpan;

/** Who a quotation is attributed to in the text. */
export interface SpeakerMention {
  /** The words naming the speaker as written ("Lankov", "he", "The U.S. State Department"). */
  text: string;
  /** Where those words stand; absent when the speaker is carried over (no words of its own). */
  span?: TextSpan;
  /**
   * The resolved speaker: a person's full name as first introduced in the text
   * ("Andrei Lankov" for "Lankov" or for "He" after a quote by Lankov), or an
   * organisation's name. Absent when it cannot be resolved.
   */
  resolved?: string;
  /** True when {@link resolved} names an organisation or outlet rather than a person. */
  isOrganisation?: boolean;
}

/** A direct quotation found in a text. */
export interface QuoteMention {
  /** The quoted words, without the quote marks. */
  span: TextSpan;
  /** Span including the opening and closing quote marks. */
  outerSpan: TextSpan;
  /** The quoted words as written (same as `text.slice(span.start, span.end)`). */
  text: string;
  speaker?: SpeakerMention;
  /** The speech verb or cue ("said", "told NK News", "according to"), if any. */
  cue?: string;
}

/** A role or affiliation given to a person ("a professor at Kookmin University", "White House spokesperson"). */
export interface RoleMention {
  text: string;
  span: TextSpan;
}

/** A mention of a person. */
export interface PersonMention {
  /** The words as written ("Lankov", "Andrei Lankov", "Kim Jong-un"). */
  text: string;
  span: TextSpan;
  /** The full name this mention resolves to within its text ("Andrei Lankov" for "Lankov"). */
  fullName: string;
  /** A role given in this mention's apposition or title, if any. */
  role?: RoleMention;
  /** Why this was taken for a person (title, apposition, speech verb, ...), for debugging and tests. */
  cue: 'title' | 'apposition' | 'speaker' | 'known' | 'repeat';
}

/** A calendar value, as precise as the text gives it. */
export interface DateValue {
  year?: number;
  /** 1-12 */
  month?: number;
  /** 1-31 */
  day?: number;
}

/** A date or time expression found in a text. */
export interface DateMention {
  text: string;
  span: TextSpan;
  /** Absolute value, resolved against the article's date when relative; absent for durations like "four months after taking office". */
  value?: DateValue;
  /** For expressions relative to an event ("four months after taking office"): the offset and the anchor event words. */
  relative?: { amount: number; unit: 'day' | 'week' | 'month' | 'year'; direction: 'after' | 'before'; anchor: string };
  /** Lower-cased event and place words tied to this date ("summit", "singapore", "panmunjom"). */
  eventWords: string[];
}

/** Everything the extractors find in one text. */
export interface ExtractedFacts {
  sentences: SentenceSpan[];
  quotes: QuoteMention[];
  people: PersonMention[];
  dates: DateMention[];
}

/** What extraction needs of a sentence memo (a `Map` will do; a checker keeps a `RecentMemo`). */
export interface SentenceMemo {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Options for extraction. */
export interface ExtractOptions {
  /** ISO date of the text (article date), to resolve relative dates against. */
  referenceDate?: string;
  /**
   * A memo the caller keeps between extractions of successive versions of one
   * text (an editor's draft): sentence-local results are reused for sentences
   * whose words did not change. It never changes a result.
   */
  sentenceMemo?: SentenceMemo;
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

/** Finding codes: a stable interface (CLI output, LSP diagnostics, settings). */
export type FindingCode =
  | 'quote-verified'
  | 'quote-altered'
  | 'quote-misattributed'
  | 'quote-unsourced'
  | 'name-verified'
  | 'name-misspelled'
  | 'name-unknown'
  | 'role-mismatch'
  | 'date-verified'
  | 'date-mismatch';

/** Severities, named as in LSP. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A sentence of a corpus article cited as evidence for a finding. */
export interface Citation {
  /** Article id (file path, or `path#recordId`). */
  articleId: string;
  /** The corpus file. */
  path: string;
  title?: string;
  publisher?: string;
  date?: string;
  /**
   * Where the cited text stands in the corpus file: the words shown when the
   * file holds the passage verbatim (plain text, Markdown), else the whole
   * cited sentence (which holds them).
   */
  range: { start: SourcePosition; end: SourcePosition };
  /**
   * The cited sentence, or, when it is long, a window of at most a few
   * hundred characters of it around {@link match}, cut at word boundaries
   * with "…" marking what was left out. Corpus text is untrusted: control
   * and bidi characters are shown inert (`displaySafe`), one for one.
   * Titles and publishers are likewise cut and made safe.
   */
  text: string;
  /** The part of {@link text} that matches the claim, as offsets into `text` (the "…" counted), if any. */
  match?: TextSpan;
}

/** A word-level difference between the draft's wording and the source's. */
export interface WordDiffPart {
  kind: 'same' | 'added' | 'removed';
  /** Words: `added` are in the draft only, `removed` are in the source only. */
  text: string;
}

/** One result of checking a draft. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The claim's span in the draft. */
  span: TextSpan;
  message: string;
  /** Replacement text for `span` that agrees with the sources, if there is one. */
  suggestion?: string;
  /** The corpus sentences the verdict rests on (empty for `*-unsourced` / `name-unknown`). */
  evidence: Citation[];
  /** For `quote-altered`: the word-level difference draft → source. */
  diff?: WordDiffPart[];
}

/** Configuration of a check run. */
export interface CheckConfig {
  /** Codes to report; default all. */
  enabled?: Partial<Record<FindingCode, boolean>>;
  /** Severity overrides per code. */
  severity?: Partial<Record<FindingCode, Severity>>;
  /** Include `*-verified` findings (hints). Default true for the engine; the CLI hides them unless asked. */
  includeVerified?: boolean;
  /** Maximum number of evidence sentences per finding (default 5). */
  maxEvidence?: number;
}

/** Default severity of each code. */
export const DEFAULT_SEVERITY: Readonly<Record<FindingCode, Severity>> = {
  'quote-verified': 'hint',
  'quote-altered': 'warning',
  'quote-misattributed': 'warning',
  'quote-unsourced': 'information',
  'name-verified': 'hint',
  'name-misspelled': 'warning',
  'name-unknown': 'information',
  'role-mismatch': 'warning',
  'date-verified': 'hint',
  'date-mismatch': 'warning',
};

/** All finding codes, in table order. */
export const FINDING_CODES: readonly FindingCode[] = Object.keys(DEFAULT_SEVERITY) as FindingCode[];
