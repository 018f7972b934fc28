/**
 * The status bar item's text, tooltip and click for a server status (pure:
 * no `vscode` import, unit-tested). What the writer must see at a glance, in
 * order: checking is off, the corpus is being indexed, the corpus is not
 * found or empty (no draft is checked), the team's configuration file is
 * wrong, the corpus failed; otherwise the number of articles.
 */
import type { FolderStatus, StatusResult } from '../../server/src/lsp/protocol';

/** What clicking the item does. */
export type StatusClick =
  | { kind: 'search' }
  /** Open the settings UI filtered to this setting. */
  | { kind: 'settings'; setting: string }
  /** Open the team configuration file (a `file:` URI). */
  | { kind: 'open'; uri: string };

/** The status bar item as the status describes it. */
export interface StatusBarView {
  text: string;
  tooltip: string;
  click: StatusClick;
  /** True for a state the writer must act on (shown with the warning colour). */
  warning: boolean;
}

function lastSegment(uri: string): string {
  const last = uri.split(/[\\/]/).filter(Boolean).pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function folderLine(f: FolderStatus): string {
  const name = f.folder ? lastSegment(f.folder) : '(no folder)';
  if (f.enabled === false) return `${name}: off (factcheck.enable is false)`;
  const parts = [`${f.state}`, `${f.articles} articles`, `${f.sentences} sentences`];
  if (f.warnings.length) parts.push(`${f.warnings.length} warnings`);
  if (f.missingPaths?.length) parts.push(`not found: ${f.missingPaths.join(', ')}`);
  if (f.database !== undefined) parts.push(`PostgreSQL ${f.database}`);
  if (f.corpusFrom === 'config') parts.push('corpus from .factcheck/config.json');
  else if (f.corpusFrom === 'bundled') parts.push('bundled sample corpus');
  const config = f.configProblems?.length ? `\n  .factcheck/config.json: ${f.configProblems.join('; ')}` : '';
  return `${name}: ${parts.join(', ')}${config}`;
}

/** Where a folder's corpus paths are fixed: its config file, or the setting. */
function fixCorpus(f: FolderStatus): StatusClick {
  return f.corpusFrom === 'config' && f.configFile ? { kind: 'open', uri: f.configFile } : { kind: 'settings', setting: 'factcheck.corpus.paths' };
}

/** The status bar item for a server status (undefined: the server is starting). */
export function statusBarView(status: StatusResult | undefined): StatusBarView {
  if (!status) return { text: '$(sync~spin) Fact Check: starting…', tooltip: 'Fact Check: starting the language server', click: { kind: 'search' }, warning: false };
  const lines = status.folders.map(folderLine);
  const tooltip = (head: string) => [head, ...lines].join('\n');
  const enabled = status.folders.filter((f) => f.enabled !== false);
  if (status.folders.length > 0 && enabled.length === 0) {
    return { text: '$(circle-slash) Fact Check: off', tooltip: tooltip('Fact Check is off (factcheck.enable is false) — click to change'), click: { kind: 'settings', setting: 'factcheck.enable' }, warning: false };
  }
  if (status.state === 'indexing') return { text: '$(sync~spin) indexing…', tooltip: tooltip('Fact Check: indexing the corpus'), click: { kind: 'search' }, warning: false };
  const notFound = enabled.find((f) => (f.missingPaths?.length ?? 0) > 0 && f.articles === 0);
  if (notFound) {
    return { text: '$(warning) Fact Check: corpus not found', tooltip: tooltip(`Corpus not found: ${notFound.missingPaths!.join(', ')} — click to fix`), click: fixCorpus(notFound), warning: true };
  }
  const empty = enabled.find((f) => f.state === 'ready' && f.articles === 0);
  if (empty) return { text: '$(warning) Fact Check: corpus empty', tooltip: tooltip('The corpus has no articles — click to fix'), click: fixCorpus(empty), warning: true };
  const badConfig = enabled.find((f) => (f.configProblems?.length ?? 0) > 0 && f.configFile);
  if (badConfig) {
    return { text: '$(warning) Fact Check: config.json problem', tooltip: tooltip('.factcheck/config.json has problems — click to open it'), click: { kind: 'open', uri: badConfig.configFile! }, warning: true };
  }
  const downDatabase = enabled.find((f) => f.database !== undefined && f.state === 'error');
  if (downDatabase) {
    return { text: '$(error) Fact Check: PostgreSQL unavailable', tooltip: `${tooltip('The corpus database does not answer; retrying')}\n${downDatabase.error ?? ''}`, click: { kind: 'settings', setting: 'factcheck.corpus.database' }, warning: true };
  }
  if (status.state === 'error') {
    const errors = status.folders.map((f) => f.error).filter(Boolean).join('\n');
    return { text: '$(error) Fact Check corpus', tooltip: `${tooltip('Fact Check corpus — click to search')}\n${errors}`, click: { kind: 'search' }, warning: true };
  }
  const partlyMissing = enabled.some((f) => (f.missingPaths?.length ?? 0) > 0);
  const articles = `${status.articles} ${status.articles === 1 ? 'article' : 'articles'}`;
  const off = status.folders.length - enabled.length;
  const head = `Fact Check corpus — click to search${off > 0 ? ` (off in ${off} folder${off === 1 ? '' : 's'})` : ''}`;
  // Where the corpus lives, when it is a shared database: "PostgreSQL · 1,008,729 articles".
  const where = enabled.length > 0 && enabled.every((f) => f.database !== undefined) ? 'PostgreSQL · ' : '';
  const count = where ? `${status.articles.toLocaleString('en-US')} ${status.articles === 1 ? 'article' : 'articles'}` : articles;
  const icon = partlyMissing ? '$(warning)' : where ? '$(database)' : '$(book)';
  return { text: `${icon} ${where}${count}`, tooltip: tooltip(head), click: { kind: 'search' }, warning: partlyMissing };
}
