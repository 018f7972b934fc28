/**
 * Ignoring claims: the team's list, `<workspace folder>/.factcheck/ignore.json`,
 * and the server commands that change it (`factcheck.ignoreClaim`, offered as
 * quick fixes with three reaches — this place, this draft, every draft of the
 * folder — and `factcheck.unignoreClaim`), the `factcheck/ignored` request
 * that lists it, and the filter that hides what the list and the draft's own
 * disable comments switch off before findings are published or hovered.
 * Which entry applies where is `host/ignoreRules.ts` (shared with the CLI);
 * the file's disk I/O (and its safety rules) is `host/ignoreFile.ts`.
 */
import * as path from 'node:path';
import { applyDisableComments } from '../../engine/api';
import type { Finding } from '../../engine/api';
import { gitUserName } from '../../host/gitUser';
import { ignoreFilePath, readIgnoreFile, updateIgnoreFile } from '../../host/ignoreFile';
import type { IgnoredClaim, IgnoreFile, IgnoreScope } from '../../host/ignoreFile';
import { claimContext, claimKey, draftKey, DraftIgnores, sameIgnore, scopeOf } from '../../host/ignoreRules';
import { pathToUri, uriToPath } from '../conversions';
import { KeyedQueue } from '../keyedQueue';
import type { FolderIgnores, IgnoreClaimArgs, UnignoreClaimArgs, WireRange } from '../protocol';
import type { Folder } from '../workspace';

/** What the ignore commands need from the rest of the server. */
export interface IgnoreCommandDeps {
  store: IgnoreStore;
  folderFor(uri: string): Folder | undefined;
  /** The open document's text, for the words around an occurrence (undefined when not open). */
  documentText?(uri: string): { text: string; offsetAt(position: WireRange['start']): number } | undefined;
  /** The name to record as the ignore's author (`git config user.name`), if any. */
  userName?(folder: Folder): Promise<string | undefined>;
  /** Tells the writer something went wrong (a notification, not a modal request). */
  showWarning(message: string): void;
  showError(message: string): void;
  /** Checks again the open documents of a folder (their ignored claims changed). */
  recheckFolder(folder: Folder): void;
}

const SCOPES: readonly IgnoreScope[] = ['occurrence', 'file', 'workspace'];

/** `workspace/executeCommand` `factcheck.ignoreClaim`: records the claim and re-checks the folder's documents. */
export async function ignoreClaim(rawArgs: unknown, deps: IgnoreCommandDeps): Promise<null> {
  const args = (rawArgs ?? {}) as Partial<IgnoreClaimArgs>;
  if (typeof args.uri !== 'string' || typeof args.code !== 'string' || typeof args.text !== 'string') return null;
  const scope: IgnoreScope = SCOPES.includes(args.scope as IgnoreScope) ? (args.scope as IgnoreScope) : 'workspace';
  const folder = deps.folderFor(args.uri);
  if (!folder) {
    deps.showWarning('Fact Check: open a folder to ignore claims (they are saved in .factcheck/ignore.json).');
    return null;
  }
  const file = draftKey(folder.path, uriToPath(args.uri));
  if (scope !== 'workspace' && file === undefined) {
    deps.showWarning('Fact Check: save the draft in the folder first; an ignore for one draft names its file.');
    return null;
  }
  const claim: IgnoredClaim = { code: args.code, text: args.text.replace(/\s+/g, ' ').trim(), scope, file };
  if (scope === 'occurrence') {
    const doc = deps.documentText?.(args.uri);
    if (!doc || !args.range) {
      deps.showWarning('Fact Check: this claim is no longer where it was; check again and retry.');
      return null;
    }
    claim.context = claimContext(doc.text, doc.offsetAt(args.range.start), doc.offsetAt(args.range.end));
  }
  claim.added = new Date().toISOString();
  const by = await deps.userName?.(folder);
  if (by) claim.by = by;
  try {
    await deps.store.add(folder.path, claim);
  } catch (err) {
    deps.showError(`Fact Check: ${(err as Error).message}`);
    return null;
  }
  deps.recheckFolder(folder);
  return null;
}

/** `workspace/executeCommand` `factcheck.unignoreClaim`: removes the entry (and any equal to it) and re-checks the folder. */
export async function unignoreClaim(rawArgs: unknown, deps: Pick<IgnoreCommandDeps, 'store' | 'folderFor' | 'showError' | 'recheckFolder'>): Promise<boolean> {
  const args = (rawArgs ?? {}) as Partial<UnignoreClaimArgs>;
  const entry = args.entry as IgnoredClaim | undefined;
  if (typeof args.folder !== 'string' || !entry || typeof entry.code !== 'string' || typeof entry.text !== 'string') return false;
  const folder = deps.folderFor(args.folder);
  if (!folder) return false;
  try {
    const removed = await deps.store.remove(folder.path, entry);
    deps.recheckFolder(folder);
    return removed;
  } catch (err) {
    deps.showError(`Fact Check: ${(err as Error).message}`);
    return false;
  }
}

/** `factcheck/ignored`: the entries of every folder's ignore file, with the drafts they name as URIs. */
export async function listIgnored(folders: readonly Folder[], store: IgnoreStore): Promise<{ folders: FolderIgnores[] }> {
  const out: FolderIgnores[] = [];
  for (const folder of folders) {
    const { file, problem } = await store.file(folder.path);
    if (file.ignored.length === 0 && !problem) continue;
    out.push({
      folder: folder.uri,
      ignoreFile: pathToUri(ignoreFilePath(folder.path)),
      problem,
      entries: file.ignored.map((e) => ({ ...e, draftUri: e.file ? pathToUri(path.join(folder.path, ...e.file.split('/'))) : undefined })),
    });
  }
  return { folders: out };
}

/** The workspace-wide claim keys of a file (see {@link claimKey}): entries of every draft, including those from before scopes. */
export function ignoredKeys(file: IgnoreFile): Set<string> {
  return new Set(file.ignored.filter((c) => scopeOf(c) === 'workspace').map((c) => claimKey(c.code, c.text)));
}

/** What a draft's suppressions hid, for logs and counts. */
export interface Suppressed<F> {
  kept: F[];
  /** Switched off by the draft's `factcheck-disable` comments. */
  disabled: F[];
  /** Hidden by the ignore file. */
  ignored: F[];
}

/**
 * The findings a draft shows: without those its disable comments switch off
 * and those its folder's ignore file hides. `draftPath` undefined (an unsaved
 * draft): only folder-wide ignores apply.
 */
export async function withoutSuppressed<F extends Pick<Finding, 'code' | 'span'>>(
  findings: readonly F[],
  text: string,
  store: IgnoreStore,
  folderPath: string | undefined,
  draftPath: string | undefined,
): Promise<Suppressed<F>> {
  const { kept: afterComments, disabled } = applyDisableComments(text, findings);
  if (!folderPath) return { kept: afterComments, disabled, ignored: [] };
  const rules = await store.rulesFor(folderPath, draftKey(folderPath, draftPath));
  const { kept, ignored } = rules.split(afterComments, text);
  return { kept, disabled, ignored: ignored.map((i) => i.finding) };
}

/** A folder's ignore file as the server holds it. */
interface LoadedIgnoreFile {
  file: IgnoreFile;
  keys: Set<string>;
  problem?: string;
}

/**
 * Caches ignore files per folder (reloading when told the file changed) and
 * changes them. Changes to one folder's file run one at a time, each reading
 * the file afresh: concurrent commands all land, and entries someone else
 * wrote in between are kept.
 */
export class IgnoreStore {
  /** Promises, cached as soon as a load starts: a slow read can never overwrite what a later write cached. */
  private readonly cache = new Map<string, Promise<LoadedIgnoreFile>>();
  private readonly writes = new KeyedQueue();

  constructor(private readonly log: (message: string) => void) {}

  /** The workspace-wide ignored claim keys of a folder (empty when there is no file). */
  async keys(folderPath: string | undefined): Promise<Set<string>> {
    if (!folderPath) return new Set();
    return (await this.load(folderPath)).keys;
  }

  /** A folder's file as read (an empty list and a problem when it could not be used). */
  async file(folderPath: string): Promise<{ file: IgnoreFile; problem?: string }> {
    const { file, problem } = await this.load(folderPath);
    return { file, problem };
  }

  /** The entries of a folder's file that apply to one draft (`draft` as `draftKey` gives it). */
  async rulesFor(folderPath: string, draft: string | undefined): Promise<DraftIgnores> {
    return new DraftIgnores((await this.load(folderPath)).file, draft);
  }

  /** Forgets a folder's cached file (after it changed on disk). */
  invalidate(folderPath?: string): void {
    if (folderPath === undefined) this.cache.clear();
    else this.cache.delete(folderPath);
  }

  /** Adds a claim to a folder's file (no-op when an equal entry is there) and writes it. */
  add(folderPath: string, claim: IgnoredClaim): Promise<void> {
    return this.change(folderPath, (current) =>
      current.ignored.some((c) => sameIgnore(c, claim)) ? undefined : { version: 2, ignored: [...current.ignored, claim] },
    ).then(() => undefined);
  }

  /** Removes the entries equal to `claim` from a folder's file; true when there was one. */
  async remove(folderPath: string, claim: IgnoredClaim): Promise<boolean> {
    let removed = false;
    await this.change(folderPath, (current) => {
      const rest = current.ignored.filter((c) => !sameIgnore(c, claim));
      removed = rest.length < current.ignored.length;
      return removed ? { version: 2, ignored: rest } : undefined;
    });
    return removed;
  }

  private change(folderPath: string, change: (current: IgnoreFile) => IgnoreFile | undefined): Promise<IgnoreFile> {
    return this.writes.run(folderPath, async () => {
      try {
        const file = await updateIgnoreFile(folderPath, change);
        this.cache.set(folderPath, Promise.resolve({ file, keys: ignoredKeys(file) }));
        return file;
      } catch (err) {
        this.invalidate(folderPath); // what is on disk is unknown now: read it again next time
        throw err;
      }
    });
  }

  private load(folderPath: string): Promise<LoadedIgnoreFile> {
    let hit = this.cache.get(folderPath);
    if (!hit) {
      hit = readIgnoreFile(folderPath).then(({ file, problem }) => {
        if (problem) this.log(`factcheck: not using ${ignoreFilePath(folderPath)}: ${problem}`);
        return { file, keys: ignoredKeys(file), problem };
      });
      this.cache.set(folderPath, hit);
    }
    return hit;
  }
}

/** The author recorded with an ignore: the folder's git user (only the global one in an untrusted workspace). */
export function userNameFor(trusted: () => boolean): (folder: Folder) => Promise<string | undefined> {
  return (folder) => gitUserName(folder.path, trusted());
}
