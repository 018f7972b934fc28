/**
 * The factcheck engine's one door: corpus parsing, extraction, the corpus
 * store, and the checks. Pure and transport-free: hosts inject a
 * {@link CorpusSource} (files) and choose a {@link CorpusStore} (the
 * in-memory {@link CorpusIndex}, or one behind a database). Hosts import the
 * engine through this module only.
 */
export * from './types';
export type {
  CorpusStore,
  CorpusStats,
  CitationRef,
  SearchHit,
  SearchOptions,
  QuotationQuery,
  QuotationHits,
  QuotedPassage,
  ClosestPassage,
  PersonMatch,
  PersonRecord,
  PeopleQueryOptions,
  PostQuery,
  PostHolder,
  PostHolders,
  PostQueryOptions,
  DatedMention,
  DateContextQuery,
  AlignmentQuery,
  AlignedSource,
} from './corpusStore';
export type { Check, DraftFacts, JudgedFinding, ResolvedCheckConfig } from './check/check';
export { DEFAULT_MAX_EVIDENCE, resolveCheckConfig } from './check/check';
export { CHECKS } from './check/checks';
export { quoteCheck } from './check/quoteCheck';
export { nameCheck } from './check/nameCheck';
export { dateCheck } from './check/dateCheck';
export { factCheck } from './check/factCheck';
export { alignmentAnchors, MIN_ALIGN_COVERAGE, MIN_ALIGN_MATCHED } from './index/alignedSentences';
export { extractNumbers } from './extract/numbers';
export type { NumberMention } from './extract/numbers';
export { parseCorpusFile, CORPUS_EXTENSIONS } from './corpus/parseCorpusFile';
export { extractFacts } from './extract/extractFacts';
export { CorpusIndexBuilder, buildCorpusIndex } from './index/builder';
export type { BuildCorpusIndexOptions, BuildCorpusIndexResult, CorpusIndexBuilderOptions, CorpusReadProgress, IncrementalHash } from './index/builder';
export { extractFileRecords, extractJsonLinesBatch } from './index/fileExtraction';
export type { BatchEntry, ExtractedFile, ExtractedJsonLines, FileExtractionRequest, JsonLinesBatchRequest, OffThreadExtractor } from './index/fileExtraction';
export { decodeRecordChunk, encodeRecordChunk } from './cache/binaryRecords';
export { DEFAULT_MAX_RECORD_BYTES } from './corpus/streamJsonLines';
export { CorpusIndex } from './index/corpusIndex';
export type { ArticleRecord, SentenceRecord } from './index/articleRecord';
export { checkDraft } from './check/checkDraft';
export { DraftChecker } from './check/draftChecker';
export { DraftPreparation } from './check/draftPreparation';
export { WARM_UP_CHECKED_DRAFT, WARM_UP_DRAFT, warmUpChecks, warmUpExtraction } from './check/warmUp';
export { warmUpLookups } from './index/warmUpLookups';
export { formatWordDiff } from './match/wordDiff';
export { oneLine } from './text/oneLine';
export { tokenize, STOPWORDS } from './text/tokens';
export { openCorpus, updateCorpus } from './cache/openCorpus';
export type { IndexCacheStore, OpenCorpusOptions, OpenedCorpus, ReuseOutcome, UpdateCorpusOptions, UpdatedCorpus } from './cache/openCorpus';
export { CACHE_FOOTER_BYTES, CACHE_PREFIX_BYTES, INDEX_FORMAT_VERSION, IndexCacheError, checkIndexCachePrefix, decodeIndexCache, decodeIndexCacheSections, encodeIndexCache, IndexCacheDecoder, encodeIndexCacheParts, parseIndexCacheHeader, readIndexCacheFooter, readIndexCacheManifest } from './cache/indexCache';
export type { CachedFileEntry, DecodedIndexCache, IndexCacheManifest, Section as IndexCacheSection } from './cache/indexCache';
export { decodeCorpusBytes } from './corpus/decode';
export type { DecodeResult } from './corpus/decode';
export { computeLineStarts, positionAt } from './text/lineIndex';
export { displaySafe, hasUnsafeCharacters } from './text/displaySafe';
export { extractArticleSteps, toArticleRecord, HUGE_ARTICLE_LENGTH, ARTICLE_SECTION_LENGTH } from './index/articleRecord';
export { MAX_CITATION_TEXT, MAX_TITLE_LENGTH, MAX_PUBLISHER_LENGTH } from './index/citations';
export { MAX_MESSAGE_LENGTH } from './check/findingText';
export { applyDisableComments, findDisabledRanges, isDisabled } from './check/disableComments';
export type { DisabledRange, DisabledRanges, DisableCommentProblem, DisableDirective } from './check/disableComments';
export { MAX_SENTENCE_LENGTH } from './extract/sentences';
export { clipText, excerptWindow } from './text/excerpt';
export { nameKey, nameTokens, reorderedKeys } from './extract/nameVariants';
export { eventMatchKeys } from './extract/eventWords';
export { segmentTokens } from './extract/quoteSegments';
export type { QuoteSegment } from './extract/quoteSegments';
export type { WordToken } from './text/tokens';
export { DEFAULT_MAX_FILE_BYTES } from './corpus/parseCorpusFile';
export { lookUpPerson, isKnownPerson, SURNAME_FUZZY_EDITS } from './index/personLookup';
export type { PersonEntryMatch, PersonMatchKind } from './index/personLookup';
export type { PeopleTable, PersonEntry } from './index/peopleTable';
export { MAX_EVENT_DATES, MAX_ROLES_LISTED } from './corpusStore';
export { rankPostHolders, summarisePostHolders } from './index/postHolders';
export type { FiledRole, RankedPostHolders } from './index/postHolders';
export { postKeys, postQueryKeys, postSurfaceWords } from './extract/rolePosts';
export { letterMasksOfCodePoints, lettersTooFar } from './text/letterMasks';
export { withPostings } from './index/tokenIndex';
export type { TokenIndex, TokenStream } from './index/tokenIndex';
