/**
 * `factcheck/storedSource`: "open source" for a citation whose corpus file is
 * not on this machine. A corpus on PostgreSQL keeps every article's text: the
 * client, failing to open the file, asks for it and shows it read-only
 * (`factcheck-source:`), the cited sentences selected. A files corpus answers
 * null (its files are where the citation says).
 */
import { hasStoredSources } from '../databaseCorpus';
import { uriToPath } from '../conversions';
import type { CorpusEntry } from '../corpusManager';
import type { StoredSourceParams, StoredSourceResult, WireRange } from '../protocol';
import type { Workspace } from '../workspace';

/** What the request needs from the rest of the server. */
export interface StoredSourceDeps {
  workspace: Pick<Workspace, 'resolve' | 'resolveFolder' | 'folders'>;
  ensureCorpus(roots: readonly string[], confineTo?: readonly string[]): CorpusEntry;
}

function isRange(r: unknown): r is WireRange {
  const p = (x: unknown): boolean => typeof x === 'object' && x !== null && Number.isInteger((x as { line: unknown }).line) && Number.isInteger((x as { character: unknown }).character);
  return typeof r === 'object' && r !== null && p((r as WireRange).start) && p((r as WireRange).end);
}

/** The stored text of the cited article, or null. Arguments come from a hover link: checked before use. */
export async function storedSourceRequest(params: Partial<StoredSourceParams> | undefined, deps: StoredSourceDeps): Promise<StoredSourceResult | null> {
  if (typeof params?.uri !== 'string' || !isRange(params.range)) return null;
  const path = uriToPath(params.uri);
  if (!path) return null;
  const { workspace } = deps;
  const resolved = typeof params.draftUri === 'string' ? await workspace.resolve(params.draftUri) : await workspace.resolveFolder(workspace.folders[0]);
  const entry = deps.ensureCorpus(resolved.corpusRoots, resolved.corpusConfinement);
  await entry.ready;
  if (!hasStoredSources(entry.index)) return null;
  const found = await entry.index.storedSource(path, params.range);
  return found ? { ...(found.title ? { title: found.title } : {}), text: found.text, selection: found.selection } : null;
}
