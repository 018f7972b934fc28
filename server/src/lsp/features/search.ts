/**
 * The corpus requests: `factcheck/search` (full-text search over the corpus
 * of a document's folder; each hit says where its matched words stand) and `factcheck/reindex` (rebuild every corpus from
 * disk). `factcheck/status` is the corpus watch's status as it stands.
 */
import { tokenize } from '../../engine/api';
import { toWireCitation } from '../conversions';
import type { CorpusEntry } from '../corpusManager';
import type { SearchParams, SearchResult, StatusResult } from '../protocol';
import type { Workspace } from '../workspace';

/** Hits returned when the request names no limit, and the most it may ask for. */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

/** What search needs from the rest of the server. */
export interface SearchDeps {
  workspace: Pick<Workspace, 'resolve' | 'resolveFolder' | 'folders'>;
  /** The corpus of a set of roots (confined as `ResolvedSettings.corpusConfinement` says), its build started when new. */
  ensureCorpus(roots: readonly string[], confineTo?: readonly string[]): CorpusEntry;
}

/** `factcheck/search`: the corpus of the document's folder (the first folder's without a document), once indexed. */
export async function searchCorpus(params: Partial<SearchParams> | undefined, deps: SearchDeps): Promise<SearchResult> {
  const query = typeof params?.query === 'string' ? params.query.trim() : '';
  const limit = Math.max(1, Math.min(MAX_LIMIT, Number.isFinite(params?.limit) ? Number(params?.limit) : DEFAULT_LIMIT));
  const { workspace } = deps;
  const resolved = typeof params?.uri === 'string' ? await workspace.resolve(params.uri) : await workspace.resolveFolder(workspace.folders[0]);
  const entry = deps.ensureCorpus(resolved.corpusRoots, resolved.corpusConfinement);
  await entry.ready;
  if (!query || !entry.index) return { hits: [], state: entry.state };
  const hits = (await entry.index.search(query, { limit })).map((hit) => ({ ...toWireCitation(hit), matches: matchedWords(hit.text, hit.terms) }));
  return { hits, state: entry.state };
}

/** The words of a hit's sentence that are among its matched corpus terms (normalised as the index normalises them). */
export function matchedWords(text: string, terms: readonly string[]): Array<{ start: number; end: number }> {
  const wanted = new Set(terms);
  return tokenize(text)
    .filter((t) => wanted.has(t.norm))
    .map((t) => ({ start: t.start, end: t.end }));
}

/** What reindexing does, in order. */
export interface ReindexDeps {
  /** Forgets the cached ignore files (they are re-read too). */
  forgetIgnoreFiles(): void;
  /** Indexes the corpora of the folders in use. */
  refreshCorpora(): Promise<void>;
  reindexAll(): Promise<void>;
  recheckAll(): void;
  status(): Promise<StatusResult>;
}

/** `factcheck/reindex`: rebuilds every corpus from disk, checks the open documents again, and answers the new status. */
export async function reindex(deps: ReindexDeps): Promise<StatusResult> {
  deps.forgetIgnoreFiles();
  await deps.refreshCorpora();
  await deps.reindexAll();
  deps.recheckAll();
  return deps.status();
}
