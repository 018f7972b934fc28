/**
 * Custom requests and notifications between the factcheck language server and
 * its clients. Plain method names and JSON shapes only (no imports), so the
 * VS Code client, the tests and any other LSP client can share them.
 */

/** A position in a file, 0-based, UTF-16 characters (as in LSP). */
export interface WirePosition {
  line: number;
  character: number;
}

/** A range in a file, as in LSP. */
export interface WireRange {
  start: WirePosition;
  end: WirePosition;
}

/** `factcheck/search`: full-text search over the corpus of a document's workspace folder. */
export const SEARCH_REQUEST = 'factcheck/search';

export interface SearchParams {
  query: string;
  /** Maximum number of hits (default 20, at most 200). */
  limit?: number;
  /** The document the search is made from: its workspace folder's corpus is searched (default: the first folder's). */
  uri?: string;
}

export interface SearchResultItem {
  articleId: string;
  /** The corpus file as a `file:` URI. */
  uri: string;
  title?: string;
  publisher?: string;
  date?: string;
  /** The matching sentence. */
  text: string;
  /** Where the sentence stands in the corpus file. */
  range: WireRange;
  score: number;
  terms: string[];
}

export interface SearchResult {
  hits: SearchResultItem[];
  /** Set when the corpus is still being indexed or failed, so a client can say why there are no hits. */
  state: CorpusState;
}

export type CorpusState = 'indexing' | 'ready' | 'error';

/** One workspace folder's corpus (folders with the same corpus paths share one). */
export interface FolderStatus {
  /** The workspace folder URI, or `null` for documents outside any folder. */
  folder: string | null;
  /** Absolute corpus paths read for this folder. */
  corpusPaths: string[];
  state: CorpusState;
  files: number;
  articles: number;
  sentences: number;
  /** Problems with corpus files (skipped files, unreadable paths), first few only. */
  warnings: string[];
  /** Why the state is `error`, if it is. */
  error?: string;
}

/** `factcheck/status` (request, no params) and `factcheck/statusChanged` (notification, same shape). */
export const STATUS_REQUEST = 'factcheck/status';
export const STATUS_CHANGED_NOTIFICATION = 'factcheck/statusChanged';

export interface StatusResult {
  /** `indexing` while any folder is, `error` when any folder failed and none is indexing, else `ready`. */
  state: CorpusState;
  /** Totals over distinct corpora. */
  articles: number;
  sentences: number;
  files: number;
  folders: FolderStatus[];
}

/** `factcheck/reindex` (request, no params): rebuilds every corpus from disk; resolves with the new status. */
export const REINDEX_REQUEST = 'factcheck/reindex';

/** `factcheck/setTrusted` (notification from the client): the workspace was trusted. */
export const SET_TRUSTED_NOTIFICATION = 'factcheck/setTrusted';

export interface SetTrustedParams {
  trusted: boolean;
}

/** What the client passes in `initializationOptions`. */
export interface FactcheckInitializationOptions {
  /** False in an untrusted workspace: corpus paths outside the workspace folders are then not read. Default true. */
  trusted?: boolean;
  /**
   * Folder for the persistent index cache (VS Code passes the extension's
   * global storage). Without it the server uses `FACTCHECK_CACHE` if set, else
   * builds the index in memory only.
   */
  cacheDir?: string;
}

/** Server command (workspace/executeCommand) that records a claim in `.factcheck/ignore.json`. */
export const IGNORE_CLAIM_COMMAND = 'factcheck.ignoreClaim';

/** Arguments of {@link IGNORE_CLAIM_COMMAND}. */
export interface IgnoreClaimArgs {
  uri: string;
  code: string;
  /** The claim's words in the draft. */
  text: string;
}

/** What each factcheck diagnostic carries in `data`, for code actions and the client's "show sources". */
export interface DiagnosticData {
  code: string;
  /** The claim's words in the draft when checked. */
  claim: string;
  /** Replacement that agrees with the sources, when there is one. */
  suggestion?: string;
  /** The cited corpus sentences. */
  evidence: Array<{
    uri: string;
    title?: string;
    publisher?: string;
    date?: string;
    range: WireRange;
    text: string;
  }>;
}
