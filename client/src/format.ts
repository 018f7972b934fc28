/**
 * Pure helpers of the client (no `vscode` import), so they can be unit-tested
 * under node:test: citations, labels, the status text.
 */
import { isInside } from '../../server/src/host/paths';
import { statusBarView } from './statusText';
import { claimContext } from '../../server/src/host/ignoreRules';
import type { IgnoreScope, SearchResultItem, StatusResult, WireCitation, WireIgnoredClaim } from '../../server/src/lsp/protocol';
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

/** Characters of a hit's sentence shown in its QuickPick row (what fits a row at common widths). */
export const SEARCH_WINDOW_CHARS = 110;
/** Characters kept before the first matched word, so the row reads from a little before it. */
const WINDOW_LEAD_CHARS = 30;

/**
 * The part of a hit's sentence its row shows: starting a little before the
 * densest run of matched words (the most matches within a window), cut at
 * word boundaries, "…" where cut. The whole sentence when it fits.
 */
export function searchWindow(text: string, matches: ReadonlyArray<{ start: number; end: number }> = [], max = SEARCH_WINDOW_CHARS): string {
  const flat = text.replace(/\s/g, ' ');
  if (flat.length <= max) return flat.trim();
  let anchor = 0;
  let best = -1;
  for (const m of matches) {
    const count = matches.filter((o) => o.start >= m.start && o.end <= m.start + max - WINDOW_LEAD_CHARS).length;
    if (count > best) {
      best = count;
      anchor = m.start;
    }
  }
  let start = Math.max(0, Math.min(anchor - WINDOW_LEAD_CHARS, flat.length - max));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < anchor ? space + 1 : Math.min(start, anchor);
  }
  let end = Math.min(flat.length, start + max - 2);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + max / 2) end = space;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

/**
 * What a search hit shows in the QuickPick: the window of its sentence around
 * the matched words (VS Code highlights the typed words in it), and the
 * source (title · publisher · date) below.
 */
export function searchItemText(hit: SearchResultItem): { label: string; description: string; detail: string } {
  const where = [hit.title ?? fileName(hit.uri), hit.publisher, hit.date].filter(Boolean).map((p) => oneLine(p!, 80)).join(' · ');
  return {
    label: searchWindow(hit.text, hit.matches),
    description: '',
    detail: where,
  };
}

/** The status bar text and tooltip for a server status (see `statusText.ts`, which also says what a click does). */
export function statusBarText(status: StatusResult | undefined): { text: string; tooltip: string } {
  const { text, tooltip } = statusBarView(status);
  return { text, tooltip };
}

/** Glob of the drafts "Check Workspace" opens. */
export const DRAFT_GLOB = '**/*.{md,markdown,txt}';

/** True when `filePath` lies in one of the corpus paths (those are sources, not drafts). */
export function isInCorpus(filePath: string, corpusPaths: readonly string[]): boolean {
  return corpusPaths.some((root) => isInside(root, filePath));
}

/** How each reach of an ignore reads in "Show Ignored Claims". */
export const SCOPE_LABELS: Readonly<Record<IgnoreScope, string>> = {
  occurrence: 'here only',
  file: 'in this file',
  workspace: 'in every draft',
};

/** What an ignored claim shows in the "Show Ignored Claims" QuickPick. */
export function ignoredItemText(entry: WireIgnoredClaim): { label: string; description: string; detail: string } {
  const scope = entry.scope === 'occurrence' || entry.scope === 'file' || entry.scope === 'workspace' ? entry.scope : 'workspace';
  const when = entry.added && /^\d{4}-\d{2}-\d{2}/.test(entry.added) ? entry.added.slice(0, 10) : undefined;
  const who = [entry.by && `by ${oneLine(entry.by, 60)}`, when].filter(Boolean).join(', ');
  return {
    // Short enough that the code and scope beside it stay in sight in the QuickPick row.
    label: oneLine(entry.text, 50),
    description: `${entry.code} · ${SCOPE_LABELS[scope]}${entry.scope === undefined ? ' (older entry)' : ''}`,
    detail: [entry.file ? oneLine(entry.file, 120) : 'no file recorded', who].filter(Boolean).join(' — '),
  };
}

/**
 * Where an ignored claim stands in a draft's text: for an occurrence, the
 * place whose surrounding words are those recorded; otherwise (or when the
 * place changed) the first occurrence of its words, white space free.
 */
export function locateIgnored(text: string, entry: Pick<WireIgnoredClaim, 'text' | 'scope' | 'context'>): { start: number; end: number } | undefined {
  const words = entry.text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
  let first: { start: number; end: number } | undefined;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = { start: m.index, end: m.index + m[0].length };
    first ??= at;
    if (entry.scope !== 'occurrence' || !entry.context) break;
    const c = claimContext(text, at.start, at.end);
    if (c.before === entry.context.before && c.after === entry.context.after) return at;
  }
  return first;
}
