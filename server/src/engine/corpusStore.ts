/**
 * The corpus as the checks see it: the lookups a check may ask for, and
 * nothing else. The in-memory index (`index/corpusIndex.ts`) is one
 * implementation; a database-backed store is another. Judges never see a
 * store: they get what `retrieve` asked of it, as plain data.
 *
 * Every lookup is **batched** (an array of queries in, an array of answers
 * out, in the same order) and **asynchronous**, so a store behind a network
 * answers a whole draft in one round trip per kind of lookup. Answers carry
 * {@link CitationRef}s rather than citations: the checker resolves only the
 * references its findings keep, in one more batch ({@link CorpusStore.cite}).
 */
import type { Citation, DateMention, SpeakerMention, TextSpan } from './types';
import type { QuoteSegment } from './extract/quoteSegments';
import type { WordToken } from './text/tokens';

/** Sizes of a corpus, for status displays and reports. */
export interface CorpusStats {
  files: number;
  articles: number;
  sentences: number;
  quotes: number;
  people: number;
  dates: number;
  /** Earliest and latest article dates (ISO), when any article carries one (for reports such as the fact-check memo). */
  firstDate?: string;
  lastDate?: string;
}

/** Where a piece of evidence stands: an article (by id) and a span of its text. Resolved by {@link CorpusStore.cite}. */
export interface CitationRef {
  articleId: string;
  span: TextSpan;
}

/** A quotation to look up: its segments (split at elisions and [insertions]). */
export interface QuotationQuery {
  segments: readonly QuoteSegment[];
  /** Also find the closest passage when no source holds the words verbatim. */
  closest: boolean;
}

/** A place where a quotation stands verbatim, with the speaker the source gives it to, if any. */
export interface QuotedPassage {
  ref: CitationRef;
  speaker?: SpeakerMention;
  /**
   * The people (and speaking bodies) the article holding the passage names
   * outside it, nearest first, at most a few dozen full names: whether the
   * draft's speaker is mentioned at all, and whom to name instead.
   */
  people?: string[];
  /** True when the source holds the passage inside a quotation of its own (not merely as wording of its text). */
  inQuotation?: boolean;
}

/** The corpus passage most like a quotation that no source holds verbatim. */
export interface ClosestPassage {
  ref: CitationRef;
  /** 2·(words in common) / (quote words + passage words), in [0, 1]. */
  similarity: number;
  /** The passage's words as written, in order. */
  words: string[];
  /** Alignment: (index of a quote word, index into {@link words}), ascending. */
  pairs: Array<[number, number]>;
  /** The passage as written in the source. */
  wording: string;
}

/** What the corpus holds of one quotation. */
export interface QuotationHits {
  /** Verbatim occurrences, at most a few dozen, in corpus order. */
  exact: QuotedPassage[];
  /** Only when asked for and {@link exact} is empty. */
  closest?: ClosestPassage;
}

/** Options of {@link CorpusStore.findPeople}. */
export interface PeopleQueryOptions {
  /** Most mentions to cite per person. */
  maxCitations: number;
}

/** A person of the corpus, summarised for the checks. */
export interface PersonRecord {
  /** The spelling the corpus uses most for the full name. */
  name: string;
  /** Every full-name spelling the corpus uses (accepted variants). */
  spellings: string[];
  /** Mentions to cite, one per article, those with a role first, at most `maxCitations`. */
  mentions: CitationRef[];
  /**
   * The distinct roles the sources give the person, in corpus order, each
   * with where it stands; at most {@link MAX_ROLES_LISTED}.
   */
  roles: Array<{ role: string; ref: CitationRef }>;
}

/** Most distinct roles a store lists for one person (a judge that needs more treats the person as described in many ways). */
export const MAX_ROLES_LISTED = 16;

/**
 * Most dates one event look-up returns ({@link CorpusStore.findDatesByEvent}).
 * A common event ("meeting" with its synonyms) is tied to ~2,800 dates in
 * 20k Reuters articles and ~140,000 at 1M; reading them all took 29 s in
 * PostgreSQL. The cap is far above what a one-writer corpus reaches for most
 * events, and every store applies it the same way, so answers stay identical.
 */
export const MAX_EVENT_DATES = 5000;

/** The corpus person a draft name stands for. */
export interface PersonMatch {
  /**
   * `exact`: the same name or an accepted variant; `near`: a likely
   * misspelling of it; `other-first-name`: a full name whose surname the
   * sources give with another first name (the person is that one);
   * `surname-only`: a full name whose surname the sources give alone.
   */
  kind: 'exact' | 'near' | 'other-first-name' | 'surname-only';
  /** For `near`: further off than a typo; a misspelling only when the context (the role) agrees. */
  wide?: boolean;
  /** For `other-first-name`: other corpus people of that surname (full names, most mentioned first; {@link person} is the most mentioned). */
  others?: string[];
  person: PersonRecord;
}

/** A title to look up (see {@link CorpusStore.findPostHolders}). */
export interface PostQuery {
  /** The role as the draft writes it ("the Chancellor", "UK Independence Party leader"); filed by its post keys (`postKeys`). */
  role: string;
  /** The corpus name of the person the draft gives it to: their own roles of that post are returned apart, however many they hold. */
  person?: string;
}

/** A person the sources give a post, with the roles that give it. */
export interface PostHolder {
  /** The corpus's spelling of the person's full name. */
  name: string;
  /** Distinct roles of that post the sources give them, each where it first stands (at most a few; ordered by article id and offset, alike in every store). */
  roles: Array<{ role: string; ref: CitationRef }>;
  /** Mentions giving them a role of that post. */
  count: number;
  /** Earliest and latest article dates (ISO) of those mentions, when the articles carry dates: when the sources say they held it. */
  firstDate?: string;
  lastDate?: string;
}

/** Who holds a title in the sources. */
export interface PostHolders {
  /** Other people the sources give a role filed under the query's keys, most mentions first, at most `maxHolders`. */
  holders: PostHolder[];
  /** The queried person's own roles of the same post (any field or organisation), when the sources give them one. */
  own?: PostHolder;
  /** Earliest and latest article dates of the queried person's mentions, when dated: when the sources speak of them. */
  personFirstDate?: string;
  personLastDate?: string;
}

/** Options of {@link CorpusStore.findPostHolders}. */
export interface PostQueryOptions {
  /** Most holders returned per query. */
  maxHolders: number;
}

/** A date of the corpus and where it stands. */
export interface DatedMention {
  ref: CitationRef;
  mention: DateMention;
}

/** Words standing before and after a draft date, looked up verbatim to find the date the source has between them. */
export interface DateContextQuery {
  before: readonly WordToken[];
  after: readonly WordToken[];
}

/**
 * A draft sentence to align with the corpus (see {@link CorpusStore.findAlignedSentences}):
 * its content words, and the capitalised words whose use elsewhere in an aligned article is asked.
 */
export interface AlignmentQuery {
  /** The sentence's distinct content words, normalised (function words and number words left out). */
  words: readonly string[];
  /** Normalised capitalised words of the sentence: the store reports which of them the aligned article uses anywhere. */
  names: readonly string[];
}

/** A corpus sentence (or two neighbouring ones) a draft sentence follows. */
export interface AlignedSource {
  /** The aligned window: one sentence, or two neighbouring sentences of one article. */
  ref: CitationRef;
  /** The window's text as the source writes it (spans below are article offsets; `ref.span.start` is where this text starts). */
  text: string;
  /** Share of the query's words found in the window, in [0, 1]. */
  coverage: number;
  /** How many of the query's words the window holds. */
  matched: number;
  /** The article's date (metadata), if any: what its relative dates were resolved against. */
  articleDate?: string;
  /** The date mentions the article's extraction found inside the window (resolved against its date, "the same year" carried). */
  dates: DateMention[];
  /** The query's `names` the aligned article uses somewhere (in the window or elsewhere). */
  namesInArticle: string[];
  /** Full names of the people the article mentions (at most a few dozen), to say a swapped name is a person's. */
  people: string[];
}

/** A corpus sentence found by {@link CorpusStore.search}: its citation, a score and the terms that matched. */
export interface SearchHit extends Citation {
  score: number;
  /** Corpus terms that matched the query. */
  terms: string[];
}

/** Options of {@link CorpusStore.search}. */
export interface SearchOptions {
  /** At most this many hits (default 20, at most 500). */
  limit?: number;
}

/** The lookups the checks (and the search command) make of a corpus. */
export interface CorpusStore {
  readonly stats: CorpusStats;

  /** Verbatim occurrences of each quotation, and its closest passage when asked and there is none. */
  findQuotations(queries: readonly QuotationQuery[]): Promise<QuotationHits[]>;

  /**
   * The corpus person each full name stands for: the same name or an accepted
   * variant (a surname alone, hyphenation), else a near spelling, else none.
   */
  findPeople(fullNames: readonly string[], options: PeopleQueryOptions): Promise<Array<PersonMatch | undefined>>;

  /**
   * Whether each capitalised word sequence (found in a draft without a cue)
   * names a person of the corpus, exactly or nearly ("Bernie Samders").
   */
  knowsPeople(candidates: readonly string[]): Promise<boolean[]>;

  /**
   * For each title, the people the sources give it (roles filed under the
   * title's post keys: `postQueryKeys`), and the queried person's own roles
   * of that post: "the Chancellor" → Gordon Brown. Answers "is this title
   * someone else's?" without the holder being named in the draft.
   */
  findPostHolders(queries: readonly PostQuery[], options: PostQueryOptions): Promise<PostHolders[]>;

  /** Whether each phrase stands verbatim (after word normalisation) somewhere in the corpus. */
  hasPhrases(phrases: readonly string[]): Promise<boolean[]>;

  /**
   * For each query, the corpus dates standing between the same words: the
   * `before` words, then a date, then the `after` words, verbatim.
   */
  findDatesInContext(queries: readonly DateContextQuery[]): Promise<DatedMention[][]>;

  /**
   * For each set of event keys (see `eventMatchKeys`), the corpus dates tied
   * to any of them: each key's dates in corpus order, keys in the order given,
   * each date once, the first {@link MAX_EVENT_DATES} of that walk.
   */
  findDatesByEvent(eventKeys: ReadonlyArray<readonly string[]>): Promise<DatedMention[][]>;

  /**
   * For each draft sentence, the corpus sentences it follows, best first (at
   * most a few): windows of one or two neighbouring sentences holding most of
   * its content words, found from its rarest words' postings (so the cost
   * does not grow with the corpus). Empty when no window is confidently aligned.
   */
  findAlignedSentences(queries: readonly AlignmentQuery[]): Promise<AlignedSource[][]>;

  /** The citations of evidence references, in order (the cited sentence, its place in the file, the article's metadata). */
  cite(refs: readonly CitationRef[]): Promise<Citation[]>;

  /** Ranked corpus sentences for a query, for the search command (not the typing path). */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
}
