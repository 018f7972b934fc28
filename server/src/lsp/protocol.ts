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
  /** Where the matched words stand in `text` (UTF-16 offsets), so a client can show the window around them. */
  matches?: Array<{ start: number; end: number }>;
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
  /** A corpus on PostgreSQL: its URL, password masked (`corpusPaths` then holds it alone). */
  database?: string;
  /** False when `factcheck.enable` is off for the folder (its drafts are not checked). */
  enabled?: boolean;
  /** Where the corpus paths come from: none configured (the bundled sample), the settings, or `.factcheck/config.json`. */
  corpusFrom?: 'bundled' | 'settings' | 'config';
  /** Corpus paths in use that do not exist on disk (a typo in the settings or the config file). */
  missingPaths?: string[];
  /** The team configuration file in effect (`file:` URI), if any. */
  configFile?: string;
  /** What is wrong with that file (it is then partly or wholly not used). */
  configProblems?: string[];
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
  /**
   * True when the client shows the corpus problems of the status itself (a
   * corpus path not found, an empty corpus), with its own buttons: the server
   * then sends no `window/showMessage` for them. Default false.
   */
  clientShowsCorpusProblems?: boolean;
}

// ---------------------------------------------------------------- diagnostics and the ignore command

/** Server command (workspace/executeCommand) that records a claim in `.factcheck/ignore.json`. */
export const IGNORE_CLAIM_COMMAND = 'factcheck.ignoreClaim';

/** How far an ignore reaches: this place only, this draft, or every draft of the folder. */
export type IgnoreScope = 'occurrence' | 'file' | 'workspace';

/** Arguments of {@link IGNORE_CLAIM_COMMAND}. */
export interface IgnoreClaimArgs {
  uri: string;
  code: string;
  /** The claim's words in the draft. */
  text: string;
  /** Default `workspace` (what the command meant before scopes existed). */
  scope?: IgnoreScope;
  /** Where the claim stands, for `occurrence` (the words around it are recorded). */
  range?: WireRange;
}

/** One entry of a folder's ignore file, as stored (`.factcheck/ignore.json`). */
export interface WireIgnoredClaim {
  code: string;
  text: string;
  /** Absent for entries written before scopes existed (they apply to every draft). */
  scope?: IgnoreScope;
  /** The draft, relative to the folder, `/`-separated. */
  file?: string;
  context?: { before: string; after: string };
  added?: string;
  by?: string;
}

/** Server command that removes an entry from a folder's ignore file (the entries equal to it are removed). */
export const UNIGNORE_CLAIM_COMMAND = 'factcheck.unignoreClaim';

/** Arguments of {@link UNIGNORE_CLAIM_COMMAND}. */
export interface UnignoreClaimArgs {
  /** The workspace folder URI whose ignore file holds the entry. */
  folder: string;
  entry: WireIgnoredClaim;
}

/** One folder's ignored claims, for "Show Ignored Claims". */
export interface FolderIgnores {
  /** The workspace folder URI. */
  folder: string;
  /** The ignore file as a URI. */
  ignoreFile: string;
  /** Set when the file exists but could not be used. */
  problem?: string;
  entries: Array<WireIgnoredClaim & { /** The draft as a URI, when the entry names one. */ draftUri?: string }>;
}

/** `factcheck/ignored` (request, no params): every workspace folder's ignored claims. */
export namespace ListIgnoredRequest {
  export const method = 'factcheck/ignored';
  export const type = new RequestType0<{ folders: FolderIgnores[] }, void>(method);
}

// Client commands the server's hovers and code actions link to (the client registers them; hovers trust only these).

/** Opens a corpus file at a cited sentence. */
export const OPEN_SOURCE_COMMAND = 'factcheck.openSource';
export interface OpenSourceArgs {
  uri: string;
  range: WireRange;
}

/**
 * `factcheck/storedSource`: the stored text of a cited article whose file this
 * machine cannot open (a corpus on PostgreSQL), with the cited sentences'
 * place in it; null when the draft's corpus keeps no texts (files) or has no
 * article from that file.
 */
export interface StoredSourceParams {
  /** The cited corpus file (a `file:` URI) and the citation's range in it. */
  uri: string;
  range: WireRange;
  /** The draft the citation belongs to (its folder's corpus is asked). */
  draftUri?: string;
}
export interface StoredSourceResult {
  title?: string;
  text: string;
  selection: WireRange;
}
export namespace StoredSourceRequest {
  export const method = 'factcheck/storedSource';
  export const type = new RequestType<StoredSourceParams, StoredSourceResult | null, void>(method);
}

/** Copies "(Title, Publisher, Date)" for a source. */
export const COPY_CITATION_COMMAND = 'factcheck.copyCitation';
export interface CopyCitationArgs {
  title?: string;
  publisher?: string;
  date?: string;
  uri?: string;
}

/** "Fact Check: Search Corpus", optionally started with words (a quick fix or hover link passes the claim's). */
export const SEARCH_CORPUS_COMMAND = 'factcheck.searchCorpus';
export interface SearchCorpusArgs {
  query?: string;
  /** The draft searched from (its folder's corpus). */
  uri?: string;
}

/** "Fact Check: Show Sources for Claim", optionally for a finding other than the one at the cursor. */
export const SHOW_SOURCES_COMMAND = 'factcheck.showSources';
export interface ShowSourcesArgs {
  uri: string;
  /** An offset inside the claim. */
  offset: number;
}

/** The commands hover cards link to: the client trusts these, and only these, in hovers (`markdown.isTrusted.enabledCommands`). */
export const HOVER_LINK_COMMANDS: readonly string[] = [OPEN_SOURCE_COMMAND, COPY_CITATION_COMMAND, SEARCH_CORPUS_COMMAND, SHOW_SOURCES_COMMAND];

/** What each factcheck diagnostic carries in `data`, for code actions and the client's "show sources". */
export interface DiagnosticData {
  code: string;
  /** The claim's words in the draft when checked. */
  claim: string;
  /** Replacement that agrees with the sources, when there is one. */
  suggestion?: string;
  /** The cited corpus sentences. */
  evidence: WireCitation[];
  /** For `quote-misattributed`: the draft's speaker (words as written) and the sources' speakers. */
  attribution?: { draftSpeaker: string; sourceSpeakers: string[] };
}

// ---------------------------------------------------------------- the fact-check memo

/** Params of `factcheck/exportMemo`. */
export interface ExportMemoParams {
  /** The draft (an open document). */
  uri: string;
  /** `md` (default), `html`, `csv` or `json`. */
  format?: 'md' | 'html' | 'csv' | 'json';
}

/** The memo of a draft: its text and where the client writes it (beside the draft), or why there is none. */
export interface ExportMemoResult {
  /** `file:` URI beside the draft: `<name>.factcheck.<ext>`; absent with `error`. */
  targetUri?: string;
  format?: 'md' | 'html' | 'csv' | 'json';
  text?: string;
  /** Counts per status, for the client's message. */
  counts?: Record<string, number>;
  error?: string;
}

/** `factcheck/exportMemo` (request): the fact-check memo of an open draft, written by the client. */
export namespace ExportMemoRequest {
  export const method = 'factcheck/exportMemo';
  export const type = new RequestType<ExportMemoParams, ExportMemoResult, void>(method);
}

/** The client command that asks for the memo, writes it beside the draft and opens it (args: optional format). */
export const EXPORT_MEMO_COMMAND = 'factcheck.exportMemo';

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
