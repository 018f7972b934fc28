/**
 * Ignoring claims: the team's list, `<workspace folder>/.factcheck/ignore.json`,
 * and the server command that adds to it (`factcheck.ignoreClaim`, offered
 * as a quick fix). Claims are keyed by code and words, not position, so an
 * ignore survives edits elsewhere in the draft and applies to the same claim
 * in every draft.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { uriToPath } from '../conversions';
import { claimKey } from '../diagnostics';
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

/** One ignored claim as stored in the file. */
export interface IgnoredClaim {
  code: string;
  text: string;
  /** The draft it was ignored in, relative to the folder (informational). */
  file?: string;
  /** ISO time it was added (informational). */
  added?: string;
}

/** The file's shape. */
export interface IgnoreFile {
  version: 1;
  ignored: IgnoredClaim[];
}

/** The ignore file of a folder. */
export function ignoreFilePath(folderPath: string): string {
  return path.join(folderPath, '.factcheck', 'ignore.json');
}

/** Parses the file's text; a malformed file gives an empty list and a problem. */
export function parseIgnoreFile(text: string): { file: IgnoreFile; problem?: string } {
  try {
    const raw = JSON.parse(text) as unknown;
    const list = (raw as { ignored?: unknown }).ignored;
    if (!Array.isArray(list)) return { file: { version: 1, ignored: [] }, problem: 'expected {"ignored": [...]}' };
    const ignored = list.filter(
      (x): x is IgnoredClaim => typeof x === 'object' && x !== null && typeof x.code === 'string' && typeof x.text === 'string',
    );
    return { file: { version: 1, ignored } };
  } catch (e) {
    return { file: { version: 1, ignored: [] }, problem: (e as Error).message };
  }
}

/** The claim keys of a file (see {@link claimKey}). */
export function ignoredKeys(file: IgnoreFile): Set<string> {
  return new Set(file.ignored.map((c) => claimKey(c.code, c.text)));
}

/** Caches ignore files per folder, reloading when told the file changed. */
export class IgnoreStore {
  private readonly cache = new Map<string, { file: IgnoreFile; keys: Set<string>; problem?: string }>();

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
  async add(folderPath: string, claim: IgnoredClaim): Promise<void> {
    this.invalidate(folderPath); // re-read: a teammate may have changed it
    const current = await this.load(folderPath);
    if (current.problem) {
      // Never overwrite a file a teammate is editing by hand: it would lose their entries.
      throw new Error(`${ignoreFilePath(folderPath)} is not valid JSON (${current.problem}); fix it before adding to it.`);
    }
    if (current.keys.has(claimKey(claim.code, claim.text))) return;
    const file: IgnoreFile = { version: 1, ignored: [...current.file.ignored, claim] };
    const target = ignoreFilePath(folderPath);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
    this.cache.set(folderPath, { file, keys: ignoredKeys(file) });
  }

  private async load(folderPath: string): Promise<{ file: IgnoreFile; keys: Set<string>; problem?: string }> {
    const hit = this.cache.get(folderPath);
    if (hit) return hit;
    let entry: { file: IgnoreFile; keys: Set<string>; problem?: string };
    try {
      const text = await fs.readFile(ignoreFilePath(folderPath), 'utf8');
      const { file, problem } = parseIgnoreFile(text);
      if (problem) this.log(`factcheck: ignoring malformed ${ignoreFilePath(folderPath)}: ${problem}`);
      entry = { file, keys: ignoredKeys(file), problem };
    } catch {
      entry = { file: { version: 1, ignored: [] }, keys: new Set() };
    }
    this.cache.set(folderPath, entry);
    return entry;
  }
}
