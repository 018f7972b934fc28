/**
 * The wire protocol between the factcheck language server and its clients:
 * typed requests and notifications (vscode-jsonrpc's `RequestType` and
 * `NotificationType`, which the server and vscode-languageclient both use) and
 * the JSON shapes they carry. Shared by the server, the VS Code client and the
 * tests; the method strings are the contract with other LSP editors, so they
 * never change. The only value import is vscode-jsonrpc; the engine's types
 * are erased at compile time, so the client bundle does not pull in the engine.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { Citation } from '../engine/api';

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

/**
 * A cited corpus sentence on the wire: the engine's {@link Citation} (article
 * id, path, title, publisher, date, range, text, match) plus the corpus file
 * as a URI. The one citation shape of diagnostics and search hits.
 */
export type WireCitation = Citation & {
  /** The corpus file as a `file:` URI. */
  uri: string;
};

// ---------------------------------------------------------------- search

export interface SearchParams {
  query: string;
  /** Maximum number of hits (default 20, at most 200). */
  limit?: number;
  /** The document the search is made from: its workspace folder's corpus is searched (default: the first folder's). */
  uri?: string;
}

/** One search hit: the matching sentence as a citation, with its score and the corpus terms that matched. */
export type SearchResultItem = WireCitation & {
  score: number;
  terms: string[];
};

export interface SearchResult {
  hits: SearchResultItem[];
  /** Set when the corpus is still being indexed or failed, so a client can say why there are no hits. */
  state: CorpusState;
}

/** `factcheck/search`: full-text search over the corpus of a document's workspace folder. */
export namespace SearchRequest {
  export const method = 'factcheck/search';
  export const type = new RequestType<SearchParams, SearchResult, void>(method);
}

// ---------------------------------------------------------------- status

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

export interface StatusResult {
  /** `indexing` while any folder is, `error` when any folder failed and none is indexing, else `ready`. */
  state: CorpusState;
  /** Totals over distinct corpora. */
  articles: number;
  sentences: number;
  files: number;
  folders: FolderStatus[];
}

/** `factcheck/status` (request, no params): the corpora in use. */
export namespace StatusRequest {
  export const method = 'factcheck/status';
  export const type = new RequestType0<StatusResult, void>(method);
}

/** `factcheck/statusChanged` (notification from the server, same shape as the status). */
export namespace StatusChangedNotification {
  export const method = 'factcheck/statusChanged';
  export const type = new NotificationType<StatusResult>(method);
}

/** `factcheck/reindex` (request, no params): rebuilds every corpus from disk; resolves with the new status. */
export namespace ReindexRequest {
  export const method = 'factcheck/reindex';
  export const type = new RequestType0<StatusResult, void>(method);
}

// ---------------------------------------------------------------- trust and initialization

export interface SetTrustedParams {
  trusted: boolean;
}

/** `factcheck/setTrusted` (notification from the client): the workspace was trusted. */
export namespace SetTrustedNotification {
  export const method = 'factcheck/setTrusted';
  export const type = new NotificationType<SetTrustedParams>(method);
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

// ---------------------------------------------------------------- diagnostics and the ignore command

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
  evidence: WireCitation[];
}

// ---------------------------------------------------------------- diagnostics of the server itself

/** The server's memory and what it holds, as `factcheck/debug/memory` reports it (for soak benchmarks). */
export interface MemoryReport {
  /** Bytes, as `process.memoryUsage()` gives them. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** True when a garbage collection ran first (the server was started with `--expose-gc`): the heap figures are then live data. */
  collected: boolean;
  openDocuments: number;
}

/** `factcheck/debug/memory` (request, no params): the server's memory now. Not used by the extension. */
export namespace MemoryRequest {
  export const method = 'factcheck/debug/memory';
  export const type = new RequestType0<MemoryReport, void>(method);
}
