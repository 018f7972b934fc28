/**
 * One file's extraction for ingestion: the engine's own parsing and
 * extraction (`CorpusIndexBuilder.setFile`: the same size limit and warnings
 * as an in-memory build), turned into the rows of the schema. Runs in the
 * extraction worker (`pgExtractWorker.ts`) so that it overlaps with the
 * database writes, or in the calling thread when no worker can start.
 */
import { CorpusIndexBuilder, type CorpusWarning } from '../../engine/api';
import { toArticleRows, type ArticleRows } from './articleRows';

/** A file to extract: its bytes and fingerprint. */
export interface ExtractRequest {
  path: string;
  bytes: Uint8Array;
  size: number;
  hash: string;
  maxFileBytes: number;
}

/** What a file becomes: its warnings and, when it was indexed, its articles' rows. */
export interface ExtractedFile {
  warnings: CorpusWarning[];
  /** Undefined when the engine skipped the file (too large, binary): listed, not indexed. */
  rows?: ArticleRows[];
}

/** Builders by size limit (one per thread; a builder is only the extraction loop here). */
const builders = new Map<number, CorpusIndexBuilder>();

/** Extracts one file into rows. */
export function extractFile(req: ExtractRequest): ExtractedFile {
  let builder = builders.get(req.maxFileBytes);
  if (!builder) builders.set(req.maxFileBytes, (builder = new CorpusIndexBuilder({ maxFileBytes: req.maxFileBytes })));
  const warnings = builder.setFile(req.path, req.bytes, { size: req.size, hash: req.hash });
  const records = builder.recordsOf(req.path);
  builder.removeFile(req.path);
  return { warnings, rows: records ? records.map((r, pos) => toArticleRows(r, pos)) : undefined };
}
