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
  /**
   * The bytes of one file in chunks, in order (optional). When a source has
   * it, JSON Lines files are read through it record by record, never whole,
   * so their size has no limit (each record has one).
   */
  readChunks?(path: string, options?: ChunkReadOptions): AsyncIterable<Uint8Array>;
}

/** How {@link CorpusSource.readChunks} may hand its chunks out. */
export interface ChunkReadOptions {
  /**
   * The reader keeps no chunk past the next one (a hash pass): the source may
   * hand every chunk out in one reused buffer. Memory the process has not
   * touched yet costs more to fill than to read (~3 ms per MB on the
   * machines measured), and a warm start hashes every corpus file.
   */
  scratch?: boolean;
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
  /** For a transcript (`.vtt`, `.srt`, a plain transcript): who speaks where, and when. */
  transcript?: Transcript;
}

/** Where one cue of a transcript begins in the article text, and when it was said. */
export interface TranscriptCue {
  /** Offset into the article text. */
  start: number;
  /** The cue's start time as `HH:MM:SS`. */
  time: string;
}

/**
 * One turn of a transcript: a speaker's words from the start of their cue to
 * the next speaker's (cues of one speaker split mid-sentence are joined). In
 * the article text a turn stands as `Speaker: words` on a paragraph of its own.
 */
export interface TranscriptTurn {
  /** The speaker as labelled, spelling variants and typos of one label folded into the most used one; absent when unlabelled. */
  speaker?: string;
  /** Where the `Speaker:` label stands in the text (absent when unlabelled). */
  label?: TextSpan;
  /** The spoken words in the text. */
  span: TextSpan;
  /** The turn's cues in text order (at least one; the first starts at `span.start`). */
  cues: TranscriptCue[];
}

/** What a transcript file says beyond its text: turns with speakers and times, and the interviewee when the file names one. */
export interface Transcript {
  format: 'webvtt' | 'srt' | 'plain';
  /** In text order. */
  turns: TranscriptTurn[];
  /** From a WebVTT `NOTE`/header line or front matter (`interviewee:`). */
  interviewee?: string;
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
  /**
   * The organisation a person speaker speaks for, when the text says so
   * ("White House press secretary Karoline Leavitt", "a State Department
   * spokesperson"): such a speaker's words are also the organisation's.
   */
  affiliation?: string;
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
  cue: 'title' | 'apposition' | 'speaker' | 'known' | 'repeat' | 'given-name';
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
  | 'quote-speaker-unconfirmed'
  | 'quote-spelling'
  | 'quote-unsourced'
  | 'name-verified'
  | 'name-misspelled'
  | 'name-mismatch'
  | 'name-unknown'
  | 'role-mismatch'
  | 'date-verified'
  | 'date-mismatch'
  | 'number-mismatch'
  | 'fact-mismatch';

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
  /** For a transcript: the start time (`HH:MM:SS`) of the cue the cited words stand in. */
  timestamp?: string;
  /** For a transcript: who speaks the cited words, as the transcript labels them. */
  speaker?: string;
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
  /** For `quote-misattributed`: the speaker as the draft names them, and whom the sources give the words to. */
  attribution?: Attribution;
}

/** Who says a quotation: the draft's speaker (words as written) and the sources' speakers (full names). */
export interface Attribution {
  /** The words naming the speaker in the draft ("Peter Ward", "he"). */
  draftSpeaker: string;
  /** The speakers the sources give the quotation to. */
  sourceSpeakers: string[];
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
  /**
   * The draft's date (`YYYY-MM-DD`) when its front matter has no `date:`: its
   * relative dates ("last year", "on Thursday") are read against it. Hosts
   * pass the `factcheck.draftDate` setting, else today; the engine alone has none.
   */
  draftDate?: string;
  /**
   * The team's people list (`.factcheck/config.json` `people`): names the
   * team confirms, with their preferred spelling, aliases and roles. A name on
   * it is verified by the team; its spelling wins over a source's.
   */
  people?: readonly TeamPerson[];
}

/** A person the team confirms (its own interviewee, or its preferred spelling of someone in the sources). */
export interface TeamPerson {
  /** The preferred spelling ("Karoline Leavitt"). */
  name: string;
  /** Other names that stand for the person ("Leavitt", a nickname, a transliteration). */
  aliases?: readonly string[];
  /** Roles the team confirms ("White House press secretary"). */
  roles?: readonly string[];
}

/** Default severity of each code. */
export const DEFAULT_SEVERITY: Readonly<Record<FindingCode, Severity>> = {
  'quote-verified': 'hint',
  'quote-altered': 'warning',
  'quote-misattributed': 'warning',
  'quote-speaker-unconfirmed': 'information',
  'quote-spelling': 'information',
  'quote-unsourced': 'information',
  'name-verified': 'hint',
  'name-misspelled': 'warning',
  'name-mismatch': 'warning',
  'name-unknown': 'information',
  'role-mismatch': 'warning',
  'date-verified': 'hint',
  'date-mismatch': 'warning',
  'number-mismatch': 'warning',
  'fact-mismatch': 'warning',
};

/** All finding codes, in table order. */
export const FINDING_CODES: readonly FindingCode[] = Object.keys(DEFAULT_SEVERITY) as FindingCode[];
