/**
 * Workspace resolution: which workspace folder a document belongs to, that
 * folder's settings (pulled from the client, validated, cached per folder),
 * and the corpus paths those settings give under the trust policy. One entry
 * point, {@link Workspace.resolve}, as vscode-eslint's `resolveSettings(document)`:
 * every handler asks it instead of combining folders, settings and trust itself.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkspaceFolder } from 'vscode-languageserver';
import type { CheckConfig } from '../engine/api';
import { isInside, realPathOf } from '../host/paths';
import { uriToPath } from './conversions';
import { checkConfigFor, defaultSettings, parseSettings } from './settings';
import type { FactcheckSettings } from './settings';

/** A workspace folder as the server uses it. */
export interface Folder {
  uri: string;
  /** Absolute file-system path. */
  path: string;
  name: string;
}

/** Everything a document's folder decides about checking it. */
export interface ResolvedSettings {
  /** The folder (the longest one containing the document), or undefined outside every folder. */
  folder: Folder | undefined;
  settings: FactcheckSettings;
  /** Absolute corpus paths to read (the bundled corpus when none is configured). */
  corpusRoots: string[];
  /** Configured paths left out: outside the folder in an untrusted workspace, or relative without a folder. */
  skippedPaths: string[];
  /**
   * In an untrusted workspace, the real path of the folder: symbolic links
   * inside the corpus that lead outside it are not followed. Undefined when
   * trusted (or for the bundled corpus).
   */
  corpusConfinement?: string[];
  checkConfig: CheckConfig;
}

/** What the workspace needs from the connection. */
export interface WorkspaceHost {
  /** Shows a settings problem to the writer (each problem once until the settings change). */
  warn(message: string): void;
  log(message: string): void;
}

/** Reads the `factcheck` configuration section for a folder (`workspace/configuration`). */
export type SettingsPull = (scopeUri: string | undefined) => Promise<unknown>;

/** What decides where corpus paths point and which may be read. */
export interface CorpusPathPolicy {
  /** The corpus used when no path is configured. */
  bundledCorpusDir: string;
  /** Whether paths outside the workspace folder may be read. */
  trusted: boolean;
  /** What `~` stands for (the user's home folder). */
  homeDir: string;
}

/**
 * Resolves a path's symbolic links (`host/paths.realPathOf`); undefined when it
 * cannot be resolved. `memo` is shared by the paths of one decision.
 */
export type RealPath = (p: string, memo?: Map<string, Promise<string | undefined>>) => Promise<string | undefined>;

/**
 * Absolute corpus roots for a folder's configured paths: `~` expanded,
 * relative paths taken from the folder, duplicates dropped. An untrusted
 * workspace must not make the server read files elsewhere on disk, so paths
 * outside the folder are skipped then; so are relative paths without a folder.
 * With `realPath`, inside and outside are judged on real paths (of the folder
 * and of each path): a relative path that is a link to a folder elsewhere is
 * outside. Roots are returned as written (that is what the writer configured
 * and what documents' paths are compared with).
 */
export async function corpusRootsFor(
  folder: Folder | undefined,
  corpusPaths: readonly string[],
  policy: CorpusPathPolicy,
  realPath?: RealPath,
): Promise<{ roots: string[]; skipped: string[]; confineTo?: string[] }> {
  if (corpusPaths.length === 0) return { roots: [path.resolve(policy.bundledCorpusDir)], skipped: [] };
  // Each configured path as an absolute path, or undefined (relative without a folder), in the configured order.
  const absolute = corpusPaths.map((raw) => {
    const expanded = raw === '~' || raw.startsWith('~/') ? path.join(policy.homeDir, raw.slice(1)) : raw;
    if (path.isAbsolute(expanded)) return path.normalize(expanded);
    return folder ? path.resolve(folder.path, expanded) : undefined;
  });
  const inside = await insideFolder(folder, absolute, policy.trusted, realPath);
  const roots = new Set<string>();
  const skipped: string[] = [];
  absolute.forEach((abs, i) => {
    if (abs === undefined) skipped.push(corpusPaths[i]);
    else if (!inside[i]) skipped.push(abs);
    else roots.add(abs);
  });
  if (policy.trusted || !folder) return { roots: [...roots], skipped };
  // The roots are inside; what links below them lead to is judged as the files are listed (`confineTo` of the source).
  const confineTo = [(realPath ? await realPath(folder.path) : undefined) ?? path.resolve(folder.path)];
  return { roots: [...roots], skipped, confineTo };
}

/** Per candidate: may it be read? Always when trusted; else only inside the folder (real paths compared when `realPath` is given). */
async function insideFolder(folder: Folder | undefined, candidates: ReadonlyArray<string | undefined>, trusted: boolean, realPath?: RealPath): Promise<boolean[]> {
  if (trusted) return candidates.map(() => true);
  if (!folder) return candidates.map(() => false);
  if (!realPath) return candidates.map((abs) => abs !== undefined && isInside(folder.path, abs));
  const memo = new Map<string, Promise<string | undefined>>();
  const realFolder = await realPath(folder.path, memo);
  // Resolved concurrently off the main loop (settings cap how many paths there are); a path outside as written is outside.
  const reals = await Promise.all(candidates.map((abs) => (abs !== undefined && isInside(folder.path, abs) ? realPath(abs, memo) : Promise.resolve(undefined))));
  return reals.map((real) => realFolder !== undefined && real !== undefined && isInside(realFolder, real));
}

/** Workspace folders as the server uses them (non-file folders left out). */
export function toFolders(list: readonly WorkspaceFolder[]): Folder[] {
  const out: Folder[] = [];
  for (const f of list) {
    const p = uriToPath(f.uri);
    if (p) out.push({ uri: f.uri, path: path.resolve(p), name: f.name });
  }
  return out;
}

/** The folders, settings and trust of one session; settings cached per folder until they change. */
export class Workspace {
  private folderList: Folder[] = [];
  private trusted = true;
  private pull: SettingsPull | undefined;
  /** Settings from didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: unknown;
  private readonly settingsByFolder = new Map<string, Promise<FactcheckSettings>>();
  /** Corpus roots per folder: resolving real paths is disk work, done once per settings and trust. */
  private readonly rootsByFolder = new Map<string, { settings: FactcheckSettings; roots: Promise<{ roots: string[]; skipped: string[]; confineTo?: string[] }> }>();
  private readonly shownProblems = new Set<string>();
  /** Bumped whenever folders, settings or trust change: work begun under an older generation is stale. */
  private generationCount = 0;

  constructor(
    private readonly host: WorkspaceHost,
    private readonly options: { bundledCorpusDir: string; homeDir?: string; realPath?: RealPath },
  ) {}

  /**
   * Changes with every change of folders, settings or trust. A check compares
   * it before publishing: one begun with the old corpus or settings must not
   * publish after them (a new check follows every change).
   */
  get generation(): number {
    return this.generationCount;
  }

  private forgetResolved(): void {
    this.generationCount++;
    this.settingsByFolder.clear();
    this.rootsByFolder.clear();
  }

  /** Sets the session's state from `initialize`: folders, trust, and how to pull settings (none: use pushed settings). */
  initialize(folders: readonly WorkspaceFolder[], trusted: boolean, pull: SettingsPull | undefined): void {
    this.folderList = toFolders(folders);
    this.trusted = trusted;
    this.pull = pull;
    this.forgetResolved();
  }

  get folders(): readonly Folder[] {
    return this.folderList;
  }

  /** Applies a workspace/didChangeWorkspaceFolders event. */
  changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => f.uri));
    this.folderList = [...this.folderList.filter((f) => !gone.has(f.uri)), ...toFolders(added)];
    this.forgetResolved();
  }

  /** The settings changed (pushed with the notification, or to be pulled again): forget the cached ones. */
  settingsChanged(pushed: unknown): void {
    this.pushed = pushed;
    this.forgetResolved();
    this.shownProblems.clear();
  }

  /** Trust changed: the corpus roots are decided again; the settings themselves are kept. */
  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.generationCount++;
    this.rootsByFolder.clear();
  }

  /** The folder of a document: the longest folder containing it; untitled and other schemes use the first folder. */
  folderFor(uri: string): Folder | undefined {
    const p = uriToPath(uri);
    if (p === undefined) return this.folderList[0];
    let best: Folder | undefined;
    for (const f of this.folderList) if (isInside(f.path, p) && (!best || f.path.length > best.path.length)) best = f;
    return best;
  }

  /** Everything the document's folder decides about checking it. */
  resolve(uri: string): Promise<ResolvedSettings> {
    return this.resolveFolder(this.folderFor(uri));
  }

  /** The same for a folder (undefined: documents outside every folder). */
  async resolveFolder(folder: Folder | undefined): Promise<ResolvedSettings> {
    const settings = await this.settingsOf(folder);
    const { roots, skipped, confineTo } = await this.rootsOf(folder, settings);
    return { folder, settings, corpusRoots: roots, skippedPaths: skipped, corpusConfinement: confineTo, checkConfig: checkConfigFor(settings) };
  }

  private rootsOf(folder: Folder | undefined, settings: FactcheckSettings): Promise<{ roots: string[]; skipped: string[]; confineTo?: string[] }> {
    const key = folder?.uri ?? '';
    const cached = this.rootsByFolder.get(key);
    // Kept only for the very settings they were made from: a resolve that began before a change must not cache old roots.
    if (cached && cached.settings === settings) return cached.roots;
    const policy = { bundledCorpusDir: this.options.bundledCorpusDir, trusted: this.trusted, homeDir: this.options.homeDir ?? os.homedir() };
    const roots = corpusRootsFor(folder, settings.corpusPaths, policy, this.options.realPath ?? realPathOf);
    this.rootsByFolder.set(key, { settings, roots });
    return roots;
  }

  /** Every folder in use (or the folder-less case when there is none), resolved: for indexing, watching and status. */
  resolveAll(): Promise<ResolvedSettings[]> {
    const list: Array<Folder | undefined> = this.folderList.length > 0 ? [...this.folderList] : [undefined];
    return Promise.all(list.map((f) => this.resolveFolder(f)));
  }

  private settingsOf(folder: Folder | undefined): Promise<FactcheckSettings> {
    const key = folder?.uri ?? '';
    let cached = this.settingsByFolder.get(key);
    if (!cached) {
      cached = this.load(folder).catch(() => defaultSettings());
      this.settingsByFolder.set(key, cached);
    }
    return cached;
  }

  private async load(folder: Folder | undefined): Promise<FactcheckSettings> {
    let raw: unknown = this.pushed;
    if (this.pull) {
      try {
        raw = await this.pull(folder?.uri);
      } catch (err) {
        this.host.log(`factcheck: workspace/configuration failed, using defaults: ${(err as Error).message}`);
        raw = undefined;
      }
    }
    const { settings, problems } = parseSettings(raw);
    // One message for all of a load's problems (each shown once until the settings change), never one per problem.
    const fresh = problems.filter((p) => !this.shownProblems.has(p));
    for (const p of fresh) this.shownProblems.add(p);
    if (fresh.length > 0) {
      this.host.warn(`Fact Check settings: ${fresh.join(' ')}`);
      this.host.log(`factcheck: bad settings: ${fresh.join(' ')}`);
    }
    return settings;
  }
}
