/**
 * What the writer is told once about a folder's corpus when it cannot back
 * any finding: a configured path that does not exist, or a corpus with no
 * articles. Checking against it would mark every quotation "not in the
 * sources", so the drafts get no findings and this is said instead — once, in
 * the status bar and one notification. Pure (the status in, notices out):
 * the server sends them as `window/showMessage` to editors in general, the
 * VS Code client shows them itself with its own buttons.
 */
import type { FolderStatus, StatusResult } from './protocol';

/** One thing to tell about one folder's corpus. */
export interface CorpusNotice {
  /** Stable while the problem is the same: a notice is shown once per key. */
  key: string;
  kind: 'missing' | 'empty' | 'database';
  /** The workspace folder URI, or null. */
  folder: string | null;
  /** Where the corpus paths were set, so the fix can open the right place. */
  corpusFrom: FolderStatus['corpusFrom'];
  /** The team configuration file in effect, if any (`file:` URI). */
  configFile?: string;
  message: string;
}

/** How many paths a notice names before "…". */
const NAMED_PATHS = 3;

/** The last segment of a path or URI, decoded. */
function baseName(p: string): string {
  const last = p.split(/[\\/]/).filter(Boolean).pop() ?? p;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function named(paths: readonly string[]): string {
  const shown = paths.slice(0, NAMED_PATHS).join(', ');
  return paths.length > NAMED_PATHS ? `${shown}, … (${paths.length} paths)` : shown;
}

/** The notices of a status: one per enabled folder, not indexing, whose corpus is missing or empty. */
export function corpusNotices(status: StatusResult): CorpusNotice[] {
  const out: CorpusNotice[] = [];
  for (const f of status.folders) {
    // Not while it is indexing: its articles are not counted yet, and a path may yet give some.
    if (f.enabled === false || f.state === 'indexing') continue;
    const where = f.corpusFrom === 'config' && f.configFile ? `${baseName(f.folder ?? '')}/.factcheck/config.json` : 'factcheck.corpus.paths';
    const folderName = f.folder ? ` (folder ${baseName(f.folder)})` : '';
    const base = { folder: f.folder, corpusFrom: f.corpusFrom, configFile: f.configFile };
    const missing = f.missingPaths ?? [];
    if (f.database !== undefined && f.state === 'error' && f.error) {
      // Down, refused, missing, timed out: said once per outage; the server reconnects by itself.
      out.push({ ...base, key: `database ${f.folder} ${f.error}`, kind: 'database', message: `Fact Check: ${f.error}. Drafts are not checked until the database answers; retrying.` });
    } else if (missing.length > 0 && f.articles === 0) {
      out.push({
        ...base,
        key: `missing ${f.folder} ${missing.join('\n')}`,
        kind: 'missing',
        message: `Fact Check: corpus not found — ${named(missing)} ${missing.length === 1 ? 'does' : 'do'} not exist${folderName}. Drafts are not checked until the corpus has articles: fix ${where}.`,
      });
    } else if (missing.length > 0) {
      out.push({
        ...base,
        key: `missing ${f.folder} ${missing.join('\n')}`,
        kind: 'missing',
        message: `Fact Check: corpus path not found — ${named(missing)}${folderName}; the other corpus paths are read. Fix ${where}.`,
      });
    } else if (f.state === 'ready' && f.articles === 0) {
      out.push({
        ...base,
        key: `empty ${f.folder} ${f.corpusPaths.join('\n')}`,
        kind: 'empty',
        message: `Fact Check: the corpus is empty — no articles (.txt, .md, .html, .json, .jsonl) in ${named(f.corpusPaths)}${folderName}. Drafts are not checked until it has some.`,
      });
    }
  }
  return out;
}
