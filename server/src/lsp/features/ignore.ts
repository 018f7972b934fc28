/**
 * Ignoring claims: the team's list, `<workspace folder>/.factcheck/ignore.json`,
 * and the server command that adds to it (`factcheck.ignoreClaim`, offered
 * as a quick fix). Claims are keyed by code and words, not position, so an
 * ignore survives edits elsewhere in the draft and applies to the same claim
 * in every draft. The file's disk I/O (and its safety rules) is `host/ignoreFile.ts`.
 */
import * as path from 'node:path';
import { ignoreFilePath, readIgnoreFile, updateIgnoreFile } from '../../host/ignoreFile';
import type { IgnoredClaim, IgnoreFile } from '../../host/ignoreFile';
import { uriToPath } from '../conversions';
import { claimKey } from '../diagnostics';
import { KeyedQueue } from '../keyedQueue';
import type { IgnoreClaimArgs } from '../protocol';
import type { Folder } from '../workspace';

/** What the ignore command needs from the rest of the server. */
export interface IgnoreCommandDeps {
  store: IgnoreStore;
  folderFor(uri: string): Folder | undefined;
  /** Tells the writer something went wrong (a notification, not a modal request). */
  showWarning(message: string): void;
  showError(message: string): void;
  /** Checks again the open documents of a folder (their ignored claims changed). */
  recheckFolder(folder: Folder): void;
}

/** `workspace/executeCommand` `factcheck.ignoreClaim`: records the claim and re-checks the folder's documents. */
export async function ignoreClaim(rawArgs: unknown, deps: IgnoreCommandDeps): Promise<null> {
  const args = (rawArgs ?? {}) as Partial<IgnoreClaimArgs>;
  if (typeof args.uri !== 'string' || typeof args.code !== 'string' || typeof args.text !== 'string') return null;
  const folder = deps.folderFor(args.uri);
  if (!folder) {
    deps.showWarning('Fact Check: open a folder to ignore claims (they are saved in .factcheck/ignore.json).');
    return null;
  }
  const docPath = uriToPath(args.uri);
  const file = docPath ? path.relative(folder.path, docPath).split(path.sep).join('/') : undefined;
  try {
    await deps.store.add(folder.path, { code: args.code, text: args.text, file, added: new Date().toISOString() });
  } catch (err) {
    deps.showError(`Fact Check: ${(err as Error).message}`);
    return null;
  }
  deps.recheckFolder(folder);
  return null;
}

/** The claim keys of a file (see {@link claimKey}). */
export function ignoredKeys(file: IgnoreFile): Set<string> {
  return new Set(file.ignored.map((c) => claimKey(c.code, c.text)));
}

/** A folder's ignore file as the server holds it. */
interface LoadedIgnoreFile {
  file: IgnoreFile;
  keys: Set<string>;
  problem?: string;
}

/**
 * Caches ignore files per folder (reloading when told the file changed) and
 * adds to them. Additions to one folder's file run one at a time, each reading
 * the file afresh: concurrent commands all land, and entries someone else
 * wrote in between are kept.
 */
export class IgnoreStore {
  /** Promises, cached as soon as a load starts: a slow read can never overwrite what a later write cached. */
  private readonly cache = new Map<string, Promise<LoadedIgnoreFile>>();
  private readonly writes = new KeyedQueue();

  constructor(private readonly log: (message: string) => void) {}

  /** The ignored claim keys of a folder (empty when there is no file). */
  async keys(folderPath: string | undefined): Promise<Set<string>> {
    if (!folderPath) return new Set();
    return (await this.load(folderPath)).keys;
  }

  /** Forgets a folder's cached file (after it changed on disk). */
  invalidate(folderPath?: string): void {
    if (folderPath === undefined) this.cache.clear();
    else this.cache.delete(folderPath);
  }

  /** Adds a claim to a folder's file (no-op when already there) and writes it. */
  add(folderPath: string, claim: IgnoredClaim): Promise<void> {
    return this.writes.run(folderPath, async () => {
      const key = claimKey(claim.code, claim.text);
      try {
        const file = await updateIgnoreFile(folderPath, (current) =>
          ignoredKeys(current).has(key) ? undefined : { version: 1, ignored: [...current.ignored, claim] },
        );
        this.cache.set(folderPath, Promise.resolve({ file, keys: ignoredKeys(file) }));
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
