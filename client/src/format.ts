/**
 * Pure helpers of the client (no `vscode` import), so they can be unit-tested
 * under node:test: citations, labels, the status text.
 */
import { isInside } from '../../server/src/host/paths';
import type { SearchResultItem, StatusResult, WireCitation } from '../../server/src/lsp/protocol';
// The engine's leaf module (no imports): the client bundle does not pull in the engine.
import { oneLine } from '../../server/src/engine/text/oneLine';

export { oneLine };

/** A citation "(Title, Publisher, Date)" for a corpus article; missing parts are left out. */
export function formatCitation(source: Partial<Pick<WireCitation, 'title' | 'publisher' | 'date' | 'uri'>>): string {
  const parts = [source.title, source.publisher, source.date].map((p) => p?.replace(/\s+/g, ' ').trim()).filter((p): p is string => !!p);
  if (parts.length === 0 && source.uri) parts.push(fileName(source.uri));
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

/** The last path segment of a URI or path, decoded. */
export function fileName(uriOrPath: string): string {
  const last = uriOrPath.split(/[\\/]/).filter(Boolean).pop() ?? uriOrPath;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** What a search hit shows in the QuickPick. */
export function searchItemText(hit: SearchResultItem): { label: string; description: string; detail: string } {
  const where = [hit.publisher, hit.date].filter(Boolean).join(' · ');
  return {
    label: oneLine(hit.text, 160),
    description: oneLine(hit.title ?? fileName(hit.uri), 80),
    detail: where || fileName(hit.uri),
  };
}

/** The status bar text and tooltip for a server status. */
export function statusBarText(status: StatusResult | undefined): { text: string; tooltip: string } {
  if (!status) return { text: '$(sync~spin) Fact Check: starting…', tooltip: 'Fact Check: starting the language server' };
  const folderLines = status.folders.map(
    (f) => `${f.folder ? fileName(f.folder) : '(no folder)'}: ${f.state}, ${f.articles} articles, ${f.sentences} sentences${f.warnings.length ? `, ${f.warnings.length} warnings` : ''}`,
  );
  const tooltip = ['Fact Check corpus — click to search', ...folderLines].join('\n');
  if (status.state === 'indexing') return { text: '$(sync~spin) indexing…', tooltip };
  if (status.state === 'error') return { text: '$(error) Fact Check corpus', tooltip: `${tooltip}\n${status.folders.map((f) => f.error).filter(Boolean).join('\n')}` };
  return { text: `$(book) ${status.articles} ${status.articles === 1 ? 'article' : 'articles'}`, tooltip };
}

/** Glob of the drafts "Check Workspace" opens. */
export const DRAFT_GLOB = '**/*.{md,markdown,txt}';

/** True when `filePath` lies in one of the corpus paths (those are sources, not drafts). */
export function isInCorpus(filePath: string, corpusPaths: readonly string[]): boolean {
  return corpusPaths.some((root) => isInside(root, filePath));
}
