import type { Citation, TextSpan } from '../types';
import {
  MAX_EVENT_DATES,
  MAX_ROLES_LISTED,
  type AlignedSource,
  type AlignmentQuery,
  type CitationRef,
  type CorpusStats,
  type CorpusStore,
  type DateContextQuery,
  type DatedMention,
  type PeopleQueryOptions,
  type PersonMatch,
  type PersonRecord,
  type PostHolders,
  type PostQuery,
  type PostQueryOptions,
  type QuotationHits,
  type QuotationQuery,
  type QuotedPassage,
  type SearchHit,
  type SearchOptions,
} from '../corpusStore';
import type { QuoteSegment } from '../extract/quoteSegments';
import { segmentTokens } from '../extract/quoteSegments';
import { tokenize } from '../text/tokens';
import { type ArticleRecord, sentenceAt } from './articleRecord';
import { findClosestPassage, findExactPassages, type PassageMatch } from './passages';
import { isKnownPerson, PersonLookupMemo } from './personLookup';
import type { PersonEntry } from './peopleTable';
import { buildTokenIndex, type TokenIndex } from './tokenIndex';
import { buildPeopleTable, type PeopleTable } from './peopleTable';
import { peopleTableFromImage, peopleTableImage, type PeopleTableImage } from './savedPeopleTable';
import { buildDateTable, datesByEvent, type DateTable } from './dateTable';
import { SentenceSearch } from './sentenceSearch';
import { MAX_CITATION_TEXT, makeCitation } from './citations';
import { alignSentences } from './alignedSentences';
import { isInQuotation, peopleAroundPassage } from './passagePeople';
import { PostHolderTable } from './postHolders';
import { nameIndexImage, restoreNameIndex, type NameIndexImage } from './savedNameIndex';

/**
 * Tables an index makes on first use, as the index cache saves them (issue
 * 13): made again from these on a warm start instead of from the corpus.
 */
export interface SavedIndexTables {
  /** The people table's fuzzy name index (absent when it could not be saved: see `nameIndexImage`). */
  nameIndex?: NameIndexImage;
  /** Each role text the title table files, with its post keys. */
  roleKeys: ReadonlyArray<readonly [string, readonly string[]]>;
  /** The people and date tables' sizes (`stats.people`, `stats.dates`): a warm index answers its stats without making them. */
  counts?: { people: number; dates: number };
  /** The people table (format 9): a warm index makes it from this, not from every article's people. */
  people?: PeopleTableImage;
}

/** Most person records remembered per index (like name look-ups, they never change an answer). */
const MAX_PERSON_RECORDS = 20_000;

/** Most source passages compared for one date's context. */
const MAX_CONTEXT_PASSAGES = 10;

/**
 * The searchable corpus in memory, and the default {@link CorpusStore}:
 * articles with their extracted facts, and the structures built over them
 * (word postings for quotations, people by name, dates by event word,
 * full-text search over sentences). Immutable: an update builds a new index
 * (see `CorpusIndexBuilder`); the only state it keeps is bounded memos of
 * name look-ups and person records, which never change an answer.
 */
export class CorpusIndex implements CorpusStore {
  /** Articles in index order; other structures refer to them by position. */
  readonly articles: readonly ArticleRecord[];
  readonly tokens: TokenIndex;
  readonly stats: CorpusStats;
  /** Made on first read (see {@link people}). */
  private peopleMade?: PeopleTable;
  private datesMade?: DateTable;
  /** Made on the first search (see {@link sentenceSearch}). */
  private sentenceSearchMade?: SentenceSearch;
  private readonly articleById = new Map<string, number>();
  /** Made on the first name look-up (see {@link personLookups}). */
  private personLookupMemo?: PersonLookupMemo;
  private readonly personRecords = new Map<string, PersonRecord>();
  private postHolderTable?: PostHolderTable;
  /** Post keys saved with this corpus, for the title table when it is made (see {@link useSavedTables}). */
  private savedRoleKeys?: SavedIndexTables['roleKeys'];
  /** The fuzzy name index saved with this corpus, until the first name look-up makes it from this (see {@link useSavedTables}). */
  private savedNameIndex?: NameIndexImage;
  /** The sizes of the people and date tables saved with this corpus (see {@link useSavedTables}). */
  private savedCounts?: SavedIndexTables['counts'];
  /** The people table saved with this corpus, until the first read makes it from this (see {@link useSavedTables}). */
  private savedPeople?: PeopleTableImage;

  /**
   * Builds the derived structures over `articles` (from `fileCount` files).
   * `tokens`, when given, must have been built over these same articles in
   * this order (a cache passes the one it stored, to skip re-tokenising).
   */
  constructor(articles: readonly ArticleRecord[], fileCount: number, tokens?: TokenIndex) {
    this.articles = articles;
    this.tokens = tokens ?? buildTokenIndex(articles.map((a) => a.text));
    articles.forEach((a, i) => this.articleById.set(a.id, i));
    let sentences = 0;
    let quotes = 0;
    let firstDate: string | undefined;
    let lastDate: string | undefined;
    for (const a of articles) {
      sentences += a.sentences.length;
      quotes += a.quotes.length;
      const d = a.meta.date;
      if (d !== undefined && (firstDate === undefined || d < firstDate)) firstDate = d;
      if (d !== undefined && (lastDate === undefined || d > lastDate)) lastDate = d;
    }
    const index = this;
    this.stats = {
      files: fileCount,
      articles: articles.length,
      sentences,
      quotes,
      // Read when asked: the tables behind them are made on first use (a host's snapshot asks at once).
      get people(): number {
        return index.peopleMade === undefined && index.savedCounts ? index.savedCounts.people : index.people.byKey.size;
      },
      get dates(): number {
        return index.datesMade === undefined && index.savedCounts ? index.savedCounts.dates : index.dates.entries.length;
      },
      ...(firstDate !== undefined && lastDate !== undefined ? { firstDate, lastDate } : {}),
    };
  }

  /**
   * The people of the corpus by name, made on first read: an index made for
   * one look-up (the PostgreSQL store's candidate articles: ~25 per exact
   * quotation) that only reads tokens never pays for it; the hosts' stores
   * ask a newly opened index for its stats (people and dates counted) at once.
   */
  get people(): PeopleTable {
    if (this.peopleMade) return this.peopleMade;
    const image = this.savedPeople;
    this.savedPeople = undefined;
    // A saved table is the one `buildPeopleTable` makes of this corpus; one whose spans do not fit it is not used.
    const saved = image && peopleTableFromImage(image, this.articles.map((a) => a.text.length));
    return (this.peopleMade = saved ?? buildPeopleTable(this.articles));
  }

  /** Dates by event word, made on first read (see {@link people}). */
  get dates(): DateTable {
    return (this.datesMade ??= buildDateTable(this.articles));
  }

  /** The title look-up, made on first use (its table of roles is filed on the first title asked, or by `prepare`). */
  private get postHolders(): PostHolderTable {
    if (this.postHolderTable) return this.postHolderTable;
    this.postHolderTable = new PostHolderTable(this.people, this.articles);
    if (this.savedRoleKeys) this.postHolderTable.useSavedKeys(this.savedRoleKeys);
    this.savedRoleKeys = undefined;
    return this.postHolderTable;
  }

  /**
   * The name look-ups, made on first use: making them builds the fuzzy index
   * of every spelling (a fifth of a warm load's work), which only a look-up
   * needs. The corpus worker's warm-up asks one right after handing the index
   * out, while the main thread reads the draft, so a check still finds it made.
   */
  private get personLookups(): PersonLookupMemo {
    if (this.personLookupMemo) return this.personLookupMemo;
    const image = this.savedNameIndex;
    this.savedNameIndex = undefined;
    // The people table makes its fuzzy index on first use (a getter that then gives way to the value): one
    // saved with the corpus takes its place the same way, before anything asks for it.
    if (image && Object.getOwnPropertyDescriptor(this.people, 'fuzzy')?.get) {
      const fuzzy = restoreNameIndex(image, this.people);
      if (fuzzy) Object.defineProperty(this.people, 'fuzzy', { value: fuzzy, enumerable: true });
    }
    return (this.personLookupMemo = new PersonLookupMemo(this.people));
  }

  /**
   * Takes tables saved with an index of exactly this corpus (the index
   * cache, by the same build): each is used when first asked instead of
   * being made from the corpus — the same tables, so the same answers. A
   * saved name index that does not fit this people table (other people, or
   * in another order) is ignored and the index made as usual. Only before
   * the first look-up; later it changes nothing.
   */
  useSavedTables(saved: SavedIndexTables): void {
    // The same corpus by the same build: the tables, when made, have exactly these sizes.
    this.savedCounts = saved.counts;
    if (!this.peopleMade) this.savedPeople = saved.people;
    if (!this.personLookupMemo) this.savedNameIndex = saved.nameIndex;
    if (this.postHolderTable) this.postHolderTable.useSavedKeys(saved.roleKeys);
    else this.savedRoleKeys = saved.roleKeys;
  }

  /** The tables the index cache saves (made now if not yet made: a cold build saves them for the next start). */
  savedTables(): SavedIndexTables {
    void this.personLookups; // a saved image still pending is made first, so it is what is saved again
    const nameIndex = nameIndexImage(this.people.fuzzy);
    const counts = { people: this.people.byKey.size, dates: this.dates.entries.length };
    return { ...(nameIndex ? { nameIndex } : {}), roleKeys: this.postHolders.roleKeys(), counts, people: peopleTableImage(this.people) };
  }

  /**
   * The sentence search, made on the first search: only the search command
   * asks it, never a check, so a warm start (where every derived table is
   * on the path to the first diagnostics) does not make it.
   */
  private get sentenceSearch(): SentenceSearch {
    return (this.sentenceSearchMade ??= new SentenceSearch(this.articles, this.tokens));
  }

  /**
   * Ranked corpus sentences for a query (prefix and fuzzy matching; all words
   * must match, and if none do, any may). Answered from the token postings;
   * fuzzy expansion scans the vocabulary, so this serves the search command,
   * not the typing path.
   *
   * @example index.search('Lankov Kookmin', { limit: 5 })
   */
  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const limit = Math.max(1, Math.min(options.limit ?? 20, 500));
    const q = query.trim().slice(0, 500);
    if (!q) return [];
    let results = this.sentenceSearch.search(q, { combineWith: 'AND' }, limit);
    if (results.length === 0) results = this.sentenceSearch.search(q, { combineWith: 'OR' }, limit);
    return results.map((r) => ({ ...this.hitCitation(r.article, r.sentence, r.terms), score: r.score, terms: r.terms }));
  }

  async findQuotations(queries: readonly QuotationQuery[]): Promise<QuotationHits[]> {
    return queries.map((q) => this.findQuotation(q));
  }

  async findPeople(fullNames: readonly string[], options: PeopleQueryOptions): Promise<Array<PersonMatch | undefined>> {
    return fullNames.map((name) => {
      const match = this.personLookups.lookUp(name);
      return match && { kind: match.kind, ...(match.wide ? { wide: true } : {}), ...(match.others ? { others: match.others } : {}), person: this.rememberedPersonRecord(match.entry, options.maxCitations) };
    });
  }

  async knowsPeople(candidates: readonly string[]): Promise<boolean[]> {
    return candidates.map((c) => isKnownPerson(this.people, c, (name) => this.personLookups.lookUp(name)));
  }

  async findPostHolders(queries: readonly PostQuery[], options: PostQueryOptions): Promise<PostHolders[]> {
    return this.postHolders.find(queries, options);
  }

  async hasPhrases(phrases: readonly string[]): Promise<boolean[]> {
    return phrases.map((words) => {
      const tokens = tokenize(words);
      return tokens.length > 0 && findExactPassages(this.tokens, [{ tokens }], 1).length > 0;
    });
  }

  async findDatesInContext(queries: readonly DateContextQuery[]): Promise<DatedMention[][]> {
    return queries.map((q) => this.datesInContext(q));
  }

  async findAlignedSentences(queries: readonly AlignmentQuery[]): Promise<AlignedSource[][]> {
    return queries.map((q) => this.alignedSentences(q, (w) => this.wordOccurrences(w)));
  }

  /**
   * The windows `query` follows, with anchors picked by `frequency`: this
   * index's own counts, or a database's corpus-wide ones when this index
   * holds only its candidate articles.
   */
  alignedSentences(query: AlignmentQuery, frequency: (word: string) => number | undefined): AlignedSource[] {
    return alignSentences(this.articles, this.tokens, query, frequency);
  }

  /** Corpus occurrences of a normalised word (0 when the corpus never uses it). */
  wordOccurrences(word: string): number {
    const id = this.tokens.vocabulary.get(word);
    return id === undefined ? 0 : this.tokens.postingStart[id + 1] - this.tokens.postingStart[id];
  }

  async findDatesByEvent(eventKeys: ReadonlyArray<readonly string[]>): Promise<DatedMention[][]> {
    return eventKeys.map((keys) => datesByEvent(this.dates, keys, MAX_EVENT_DATES));
  }

  async cite(refs: readonly CitationRef[]): Promise<Citation[]> {
    return refs.map((r) => {
      const a = this.articleById.get(r.articleId);
      if (a === undefined) throw new Error(`no article ${r.articleId} in this index`);
      return this.evidenceForSpan(a, r.span);
    });
  }

  private findQuotation(q: QuotationQuery): QuotationHits {
    const exact: QuotedPassage[] = findExactPassages(this.tokens, q.segments).map((m) => {
      const ref = this.passageRef(m);
      const article = this.articles[m.article];
      return { ref, speaker: sourceSpeakerAt(article, ref.span), people: peopleAroundPassage(article, ref.span), inQuotation: isInQuotation(article, ref.span) };
    });
    if (exact.length > 0 || !q.closest) return { exact };
    const closest = findClosestPassage(this.tokens, segmentTokens(q.segments));
    if (!closest) return { exact };
    const art = this.articles[closest.article];
    const words: string[] = [];
    for (let p = closest.firstToken; p < closest.endToken; p++) words.push(art.text.slice(this.tokens.tokenStart[p], this.tokens.tokenEnd[p]));
    const ref = this.passageRef(closest);
    return {
      exact,
      closest: {
        ref,
        similarity: closest.similarity,
        words,
        pairs: closest.pairs.map(([qi, p]) => [qi, p - closest.firstToken]),
        wording: art.text.slice(ref.span.start, ref.span.end),
      },
    };
  }

  /**
   * The dates the corpus gives in the same words: the words before and after
   * the draft's date are looked up verbatim, and the dates standing between
   * them in the source are returned.
   */
  private datesInContext({ before, after }: DateContextQuery): DatedMention[] {
    const segments: QuoteSegment[] = before.length > 0 ? [{ tokens: [...before] }] : [];
    if (after.length > 0) segments.push(segments.length > 0 ? { tokens: [...after], gapBefore: 'insertion' } : { tokens: [...after] });
    const out: DatedMention[] = [];
    // A handful of passages settles a date; more would only repeat them.
    for (const m of findExactPassages(this.tokens, segments, MAX_CONTEXT_PASSAGES)) {
      const art = this.articles[m.article];
      // The source's date must lie in the gap between the two context runs (or just beside the one run).
      const gapStart = before.length > 0 ? this.tokens.tokenEnd[m.firstToken + before.length - 1] : this.tokens.tokenStart[m.firstToken] - 40;
      const gapEnd = after.length > 0 ? this.tokens.tokenStart[m.endToken - after.length] : this.tokens.tokenEnd[m.endToken - 1] + 40;
      for (const d of art.dates) {
        if (d.span.start < gapStart || d.span.end > gapEnd) continue;
        out.push({ ref: { articleId: art.id, span: d.span }, mention: d });
      }
    }
    return out;
  }

  /** A person summarised for the checks: mentions to cite (role first, one per article) and the distinct roles. */
  /**
   * A person's record, made once per person and citation count: making it
   * walks every occurrence (a famous name has thousands, more as the corpus
   * grows), and a draft asks for the same people check after check.
   */
  private rememberedPersonRecord(entry: PersonEntry, maxCitations: number): PersonRecord {
    const key = `${maxCitations}\u0000${entry.key}`;
    let record = this.personRecords.get(key);
    if (!record) {
      record = this.personRecord(entry, maxCitations);
      if (this.personRecords.size >= MAX_PERSON_RECORDS) this.personRecords.clear();
      this.personRecords.set(key, record);
    }
    return record;
  }

  private personRecord(entry: PersonEntry, maxCitations: number): PersonRecord {
    const id = (article: number): string => this.articles[article].id;
    const mentions: CitationRef[] = [];
    const seen = new Set<number>();
    // Two passes instead of a sort: a famous name has thousands of occurrences.
    for (const withRole of [true, false]) {
      for (const occ of entry.occurrences) {
        if (mentions.length >= maxCitations) break;
        if (!!occ.role !== withRole || seen.has(occ.article)) continue;
        seen.add(occ.article);
        mentions.push({ articleId: id(occ.article), span: { start: occ.start, end: occ.end } });
      }
    }
    const roles: PersonRecord['roles'] = [];
    const seenRoles = new Set<string>();
    for (const occ of entry.occurrences) {
      if (!occ.role || seenRoles.has(occ.role)) continue;
      if (roles.length >= MAX_ROLES_LISTED) break;
      seenRoles.add(occ.role);
      roles.push({ role: occ.role, ref: { articleId: id(occ.article), span: { start: occ.roleStart ?? occ.start, end: occ.roleEnd ?? occ.end } } });
    }
    return { name: entry.name, spellings: entry.spellings, mentions, roles };
  }

  /** Where a token range stands, as article offsets. */
  private passageRef(m: PassageMatch): CitationRef {
    return { articleId: this.articles[m.article].id, span: { start: this.tokens.tokenStart[m.firstToken], end: this.tokens.tokenEnd[m.endToken - 1] } };
  }

  /** The evidence record for sentence `s` of article `a`, with `match` (article offsets) made relative to the sentence. */
  evidenceForSentence(a: number, s: number, match?: TextSpan): Citation {
    const sent = this.articles[a].sentences[s];
    return this.evidence(a, sent.start, sent.end, { start: sent.from, end: sent.to }, match);
  }

  /**
   * Citation for a span of article `a`: the sentence(s) it lies in. A span
   * over several sentences is cited as one passage from the first sentence's
   * start to the last one's end.
   */
  evidenceForSpan(a: number, span: TextSpan): Citation {
    const art = this.articles[a];
    if (art.sentences.length === 0) {
      const origin = { line: 0, character: 0 };
      return this.evidence(a, span.start, span.end, { start: origin, end: origin }, span);
    }
    const first = Math.max(0, sentenceAt(art, span.start));
    const last = Math.max(first, sentenceAt(art, Math.max(span.start, span.end - 1)));
    const s0 = art.sentences[first];
    const s1 = art.sentences[last];
    return this.evidence(a, s0.start, s1.end, { start: s0.from, end: s1.to }, span);
  }

  /**
   * A search hit's citation: sentence `s` of article `a`, its text (when cut
   * to a window) showing the first word that matched one of `terms`.
   */
  private hitCitation(a: number, s: number, terms: readonly string[]): Citation {
    const art = this.articles[a];
    const sent = art.sentences[s];
    let focus: TextSpan | undefined;
    if (sent.end - sent.start > MAX_CITATION_TEXT) {
      const wanted = new Set(terms);
      const hit = tokenize(art.text, sent.start, sent.end).find((t) => wanted.has(t.norm));
      if (hit) focus = { start: hit.start, end: hit.end };
    }
    return makeCitation(art, sent.start, sent.end, { start: sent.from, end: sent.to }, undefined, focus);
  }

  /** Citation citing `[start, end)` of article `a`, with `match` (article offsets) made relative to the cited text. */
  private evidence(a: number, start: number, end: number, range: Citation['range'], match?: TextSpan): Citation {
    // One place makes what a citation carries of the corpus: windowed, capped, display-safe.
    return makeCitation(this.articles[a], start, end, range, match);
  }
}

/** The speaker of the corpus quotation containing `span`, if any. */
function sourceSpeakerAt(article: ArticleRecord, span: TextSpan): QuotedPassage['speaker'] {
  for (const q of article.quotes) {
    if (q.span.start > span.start) break;
    if (q.span.start <= span.start && span.end <= q.span.end) return q.speaker;
  }
  return undefined;
}
