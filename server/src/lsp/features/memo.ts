/**
 * `factcheck/exportMemo`: the fact-check memo of an open draft (see
 * `host/memo/memoModel.ts`), checked as the editor checks it — the folder's
 * corpus and settings, its disable comments and ignore file — with verified
 * claims included. The server only renders: the client writes the text
 * beside the draft (`<name>.factcheck.<ext>`) and opens it, so the server
 * writes nothing to disk.
 */
import * as path from 'node:path';
import { applyDisableComments, checkDraft, type CheckConfig, type CorpusStore, type Finding } from '../../engine/api';
import { buildMemo, type MemoSuppression } from '../../host/memo/memoModel';
import { generationDay } from '../../host/memo/generationDay';
import { MEMO_EXTENSION, MEMO_FORMATS, renderMemo, type MemoFormat } from '../../host/memo/renderMemo';
import { draftKey, scopeOf, type DraftIgnores } from '../../host/ignoreRules';
import { pathToUri, uriToPath } from '../conversions';
import type { ExportMemoParams, ExportMemoResult } from '../protocol';
import { bundledCorpusDir } from '../../host/packageInfo';

/** What the memo needs from the rest of the server. */
export interface MemoDeps {
  /** The open document's text, or undefined. */
  documentText(uri: string): string | undefined;
  /** The document's folder path (undefined outside every folder), corpus roots and check configuration. */
  resolve(uri: string): Promise<{ folderPath?: string; corpusRoots: string[]; confineTo?: readonly string[]; checkConfig: CheckConfig }>;
  /** The ready corpus store of a set of roots, or undefined when it failed. */
  storeFor(roots: readonly string[], confineTo?: readonly string[]): Promise<CorpusStore | undefined>;
  /** The ignore entries of a folder that apply to one draft. */
  ignoreRules(folderPath: string, draft: string | undefined): Promise<DraftIgnores>;
  tool: string;
}

/** The memo's file name beside a draft: `story.md` → `story.factcheck.md`. */
export function memoFileName(draftPath: string, format: MemoFormat): string {
  const base = path.basename(draftPath, path.extname(draftPath));
  return `${base}.factcheck.${MEMO_EXTENSION[format]}`;
}

/** `factcheck/exportMemo`. */
export async function exportMemo(params: Partial<ExportMemoParams> | undefined, deps: MemoDeps): Promise<ExportMemoResult> {
  const uri = typeof params?.uri === 'string' ? params.uri : '';
  const format: MemoFormat = (MEMO_FORMATS as readonly unknown[]).includes(params?.format) ? (params!.format as MemoFormat) : 'md';
  const text = deps.documentText(uri);
  const draftPath = uriToPath(uri);
  if (text === undefined) return { error: 'The draft is not open.' };
  if (draftPath === undefined) return { error: 'Save the draft first: the memo is written beside it.' };
  const resolved = await deps.resolve(uri);
  const store = await deps.storeFor(resolved.corpusRoots, resolved.confineTo);
  if (!store) return { error: 'The corpus could not be indexed; see the Fact Check output.' };
  const findings = await checkDraft(text, store, { ...resolved.checkConfig, includeVerified: true });
  const suppressed = new Map<Finding, MemoSuppression>();
  const { kept, disabled } = applyDisableComments(text, findings);
  for (const f of disabled) suppressed.set(f, { kind: 'disabled' });
  if (resolved.folderPath !== undefined) {
    const rules = await deps.ignoreRules(resolved.folderPath, draftKey(resolved.folderPath, draftPath));
    for (const f of kept) {
      const entry = rules.entryFor(f, text);
      if (entry) suppressed.set(f, { kind: 'ignored', by: entry.by, added: entry.added, scope: scopeOf(entry) });
    }
  }
  const base = resolved.folderPath ?? path.dirname(draftPath);
  // The bundled sample corpus lives in the extension's install folder: named "(sample corpus)/…", so a
  // committed memo does not carry one machine's install path.
  const bundled = bundledCorpusDir();
  const show = (p: string) => {
    const fromBundle = path.relative(bundled, p);
    if (!fromBundle.startsWith('..') && !path.isAbsolute(fromBundle)) return ['(sample corpus)', ...fromBundle.split(path.sep)].filter(Boolean).join('/');
    const rel = path.relative(base, p);
    return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
  };
  const day = generationDay();
  const stats = store.stats;
  const memo = buildMemo({
    generated: day,
    tool: deps.tool,
    corpus: {
      sources: resolved.corpusRoots.map(show),
      stats,
      ...(stats.firstDate !== undefined && stats.lastDate !== undefined ? { firstDate: stats.firstDate, lastDate: stats.lastDate } : {}),
      // The server keeps its index up to date with the files (watchers): it is of today's files.
      indexed: day,
    },
    drafts: [{ path: show(draftPath), text, findings, suppressed }],
    showPath: show,
  });
  return {
    targetUri: pathToUri(path.join(path.dirname(draftPath), memoFileName(draftPath, format))),
    format,
    text: renderMemo(memo, format),
    counts: { ...memo.counts },
  };
}
