/**
 * The factcheck engine: corpus parsing, extraction, index, matching and
 * checks. Pure and transport-free; hosts inject a {@link CorpusSource}.
 */
export * from './types';
export { parseCorpusFile, CORPUS_EXTENSIONS } from './corpus/parseCorpusFile';
export { extractFacts } from './extract/extractFacts';
export { CorpusIndexBuilder, buildCorpusIndex } from './index/builder';
export type { BuildCorpusIndexOptions, BuildCorpusIndexResult, CorpusIndexBuilderOptions } from './index/builder';
export { CorpusIndex } from './index/corpusIndex';
export type { CorpusStats, SearchHit, SearchOptions } from './index/corpusIndex';
export type { ArticleRecord, SentenceRecord } from './index/articleRecord';
export { checkDraft } from './check/checkDraft';
export { DraftChecker } from './check/incrementalChecker';
export { formatWordDiff } from './match/wordDiff';
export { oneLine } from './text/oneLine';
