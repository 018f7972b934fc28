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
import { configCorpusRoots, expandPathVariables, findTeamConfig, readTeamConfig, teamConfigPath } from '../host/teamConfig';
import type { TeamConfig, TeamConfigRead } from '../host/teamConfig';
import { uriToPath } from './conversions';
import { checkConfigFor, defaultSettings, parseSettings, withTeamConfig } from './settings';
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
  /** The team's `.factcheck/config.json` in effect (the nearest above the document, inside its folder), if any. */
  teamConfig?: TeamConfigInEffect;
}

/** A team configuration file as a resolution used it. */
export interface TeamConfigInEffect {
  /** The file, absolute. */
  file: string;
  /** What was wrong with it (empty when nothing); a file with a JSON error is not used at all. */
  problems: string[];
  /** True when the file gave the corpus paths (they then win over the settings'). */
  setsCorpus: boolean;
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
    // `${workspaceFolder}` as VS Code users write it in settings; without a folder it stays, and the path is skipped.
    const expanded = expandPathVariables(raw, folder?.path, policy.homeDir);
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
  /** The nearest team configuration file above a folder path (undefined: none), per path: one walk up per folder of drafts. */
  private readonly configLookups = new Map<string, Promise<string | undefined>>();
  /** Team configuration files as read, per file. */
  private readonly configReads = new Map<string, Promise<TeamConfigRead>>();
  /** Settings with a team configuration applied, per folder and file: the same object while neither changes (roots are cached by it). */
  private readonly mergedSettings = new Map<string, { base: FactcheckSettings; config: TeamConfig; settings: FactcheckSettings }>();
  /** Team configuration files found below a folder's root for open documents: their corpora are in use too. */
  private readonly nestedConfigs = new Map<string, { folder: Folder; dir: string }>();
  private readonly shownProblems = new Set<string>();
  /** Bumped whenever folders, settings or trust change: work begun under an older generation is stale. */
  private generationCount = 0;

  constructor(
    private readonly host: WorkspaceHost,
    private readonly options: { bundledCorpusDir: string; homeDir?: string; realPath?: RealPath },
  ) {}

  /** Whether the workspace is trusted (what the ignore commands may consult on its behalf depends on it). */
  get isTrusted(): boolean {
    return this.trusted;
  }

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
    this.forgetTeamConfigs();
  }

  private forgetTeamConfigs(): void {
    this.configLookups.clear();
    this.configReads.clear();
    this.mergedSettings.clear();
    this.nestedConfigs.clear();
  }

  /**
   * A team configuration file (`.factcheck/config.json`) was created, changed
   * or deleted: every folder's files are looked up and read again, and their
   * problems may be shown again.
   */
  teamConfigChanged(): void {
    this.generationCount++;
    this.rootsByFolder.clear();
    this.forgetTeamConfigs();
    for (const p of [...this.shownProblems]) if (p.startsWith('config ')) this.shownProblems.delete(p);
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

  /**
   * Everything the document's folder decides about checking it, with the
   * team configuration nearest above the document (inside the folder) applied.
   */
  resolve(uri: string): Promise<ResolvedSettings> {
    const folder = this.folderFor(uri);
    const docPath = uriToPath(uri);
    const startDir = folder && docPath !== undefined && isInside(folder.path, docPath) ? path.dirname(docPath) : folder?.path;
    return this.resolveAt(folder, startDir);
  }

  /** The same for a folder (undefined: documents outside every folder), with the team configuration of its root. */
  resolveFolder(folder: Folder | undefined): Promise<ResolvedSettings> {
    return this.resolveAt(folder, folder?.path);
  }

  private async resolveAt(folder: Folder | undefined, startDir: string | undefined): Promise<ResolvedSettings> {
    const base = await this.settingsOf(folder);
    const team = folder && startDir !== undefined ? await this.teamConfigAt(folder, startDir) : undefined;
    const key = `${folder?.uri ?? ''}\n${team?.file ?? ''}`;
    const settings = team?.config ? this.merged(key, folder, base, team.config) : base;
    const { roots, skipped, confineTo } = await this.rootsOf(key, folder, settings);
    const teamConfig = team && { file: team.file, problems: team.problems, setsCorpus: team.config?.corpusPaths !== undefined };
    return { folder, settings, corpusRoots: roots, skippedPaths: skipped, corpusConfinement: confineTo, checkConfig: checkConfigFor(settings), teamConfig };
  }

  /** The team configuration nearest above `startDir` inside `folder`, read (problems shown once), or undefined when there is none. */
  private async teamConfigAt(folder: Folder, startDir: string): Promise<TeamConfigRead | undefined> {
    let lookup = this.configLookups.get(startDir);
    if (!lookup) {
      lookup = findTeamConfig(startDir, folder.path).catch(() => undefined);
      this.configLookups.set(startDir, lookup);
    }
    const file = await lookup;
    if (file === undefined) return undefined;
    let read = this.configReads.get(file);
    if (!read) {
      read = readTeamConfig(file, folder.path).catch((err: Error) => ({ file, problems: [`cannot be read (${err.message})`] }));
      this.configReads.set(file, read);
      void read.then((r) => this.showConfigProblems(r));
    }
    if (file !== teamConfigPath(folder.path)) this.nestedConfigs.set(file, { folder, dir: path.dirname(path.dirname(file)) });
    return read;
  }

  /** One message for a file's problems, once until the file changes. */
  private showConfigProblems(read: TeamConfigRead): void {
    const fresh = read.problems.filter((p) => !this.shownProblems.has(`config ${read.file} ${p}`));
    if (fresh.length === 0) return;
    for (const p of fresh) this.shownProblems.add(`config ${read.file} ${p}`);
    const fallback = read.config ? '' : ' Using the settings instead.';
    this.host.warn(`Fact Check: ${read.file}: ${fresh.join('; ')}.${fallback}`);
    this.host.log(`factcheck: team configuration ${read.file}: ${fresh.join('; ')}`);
  }

  private merged(key: string, folder: Folder | undefined, base: FactcheckSettings, config: TeamConfig): FactcheckSettings {
    const cached = this.mergedSettings.get(key);
    if (cached && cached.base === base && cached.config === config) return cached.settings;
    // A repository's file must not send an untrusted workspace's drafts to a database it names.
    const usable = config.corpusDatabase !== undefined && !this.trusted ? { ...config, corpusDatabase: undefined } : config;
    if (usable !== config) this.host.log(`factcheck: ${config.file}: "corpus.database" is not used in an untrusted workspace`);
    const settings = withTeamConfig(base, usable, configCorpusRoots(usable, folder?.path, this.options.homeDir ?? os.homedir()));
    this.mergedSettings.set(key, { base, config, settings });
    return settings;
  }

  private rootsOf(key: string, folder: Folder | undefined, settings: FactcheckSettings): Promise<{ roots: string[]; skipped: string[]; confineTo?: string[] }> {
    const cached = this.rootsByFolder.get(key);
    // Kept only for the very settings they were made from: a resolve that began before a change must not cache old roots.
    if (cached && cached.settings === settings) return cached.roots;
    if (settings.corpusDatabase !== undefined) {
      // A corpus database stands alone as the corpus's one root (see lsp/databaseCorpus.ts).
      const database = Promise.resolve({ roots: [settings.corpusDatabase], skipped: [] as string[] });
      this.rootsByFolder.set(key, { settings, roots: database });
      return database;
    }
    const policy = { bundledCorpusDir: this.options.bundledCorpusDir, trusted: this.trusted, homeDir: this.options.homeDir ?? os.homedir() };
    const roots = corpusRootsFor(folder, settings.corpusPaths, policy, this.options.realPath ?? realPathOf);
    this.rootsByFolder.set(key, { settings, roots });
    return roots;
  }

  /**
   * Every folder in use (or the folder-less case when there is none),
   * resolved, and each team configuration found below a folder's root for a
   * document: for indexing, watching and status.
   */
  async resolveAll(): Promise<ResolvedSettings[]> {
    const list: Array<Folder | undefined> = this.folderList.length > 0 ? [...this.folderList] : [undefined];
    const folders = await Promise.all(list.map((f) => this.resolveFolder(f)));
    const nested = await Promise.all([...this.nestedConfigs.values()].map(({ folder, dir }) => this.resolveAt(folder, dir)));
    return [...folders, ...nested];
  }

  /**
   * True for a file that is a source, not a draft: inside the corpus of any
   * folder in use, or inside the bundled corpus (opened from a search hit or
   * a citation, it must not be checked against another corpus).
   */
  async isCorpusFile(filePath: string): Promise<boolean> {
    if (isInside(this.options.bundledCorpusDir, filePath)) return true;
    return (await this.resolveAll()).some((r) => r.corpusRoots.some((root) => isInside(root, filePath)));
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
