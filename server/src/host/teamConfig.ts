/**
 * The team's configuration in the repository, `.factcheck/config.json`
 * (beside the ignore list): corpus paths, severities and the people list a
 * team commits, read alike by the CLI and the language server. Like cspell's
 * and Vale's configuration files, the one that applies to a draft is the
 * nearest one found walking up from the draft's folder.
 *
 * Reading is defensive, as for `ignoreFile.ts`: the file lives in a
 * workspace that may not be trusted, so it is read only when its real path
 * lies inside the boundary (the workspace folder) the caller gives, never
 * through a link of its own (`O_NOFOLLOW`), only as a regular file, and only
 * up to {@link MAX_CONFIG_BYTES}. A file that cannot be used gives problems —
 * JSON errors with their line and column — and the caller falls back to its
 * other settings; nothing here throws for a bad file.
 */
import { constants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { displaySafe, FINDING_CODES } from '../engine/api';
import type { FindingCode, Severity, TeamPerson } from '../engine/api';
import { jsonErrorAt } from './jsonErrorAt';
import { entryExists, isInside, realPathOf } from './paths';

/** The folder and file names: `<project>/.factcheck/config.json`. */
export const CONFIG_DIR_NAME = '.factcheck';
export const CONFIG_FILE_NAME = 'config.json';

/** Larger than any configuration a team writes by hand (a people list of thousands included). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Most people read from a file (the engine's cap). */
export const MAX_CONFIG_PEOPLE = 10_000;

/** Most corpus paths read from a file (as for the settings). */
export const MAX_CONFIG_CORPUS_PATHS = 1000;

/** A severity in the file: an LSP severity, or `off` to hide the code. */
export type ConfigSeverity = Severity | 'off';

const SEVERITY_VALUES: readonly ConfigSeverity[] = ['error', 'warning', 'information', 'hint', 'off'];
const KNOWN_KEYS = ['$schema', 'corpus', 'severity', 'people'];

/** What a valid (or partly valid) file says. Absent fields leave the other settings as they are. */
export interface TeamConfig {
  /** The file, absolute. */
  file: string;
  /** The folder holding `.factcheck/`: relative corpus paths are taken from it. */
  root: string;
  /** Corpus paths as written (`${workspaceFolder}`, `~` and relative paths resolved by {@link configCorpusRoots}). */
  corpusPaths?: string[];
  /** A PostgreSQL corpus (`"corpus": {"database": "postgres://…"}`; no password in the file: PGPASSWORD or ~/.pgpass). */
  corpusDatabase?: string;
  severity?: Partial<Record<FindingCode, ConfigSeverity>>;
  people?: TeamPerson[];
}

/** A file read: its configuration (undefined when nothing of it can be used) and what was wrong. */
export interface TeamConfigRead {
  file: string;
  config?: TeamConfig;
  /** Human-readable problems, each naming the key or the line. */
  problems: string[];
}

/** The configuration file of a project folder, as written. */
export function teamConfigPath(projectFolder: string): string {
  return path.join(projectFolder, CONFIG_DIR_NAME, CONFIG_FILE_NAME);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as JSON for a message, cut short. */
function shortJson(value: unknown, max = 60): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** "line L, column C" of an offset of `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A JSON.parse error as "line L, column C: what" (V8's words vary, and not all give a position; people count lines). */
function jsonErrorText(text: string, err: Error): string {
  const at = jsonErrorAt(text);
  if (at < 0) return err.message;
  const { line, column } = lineAndColumn(text, at);
  const what = at >= text.length ? 'the file ends too early' : `unexpected ${JSON.stringify(displaySafe(text[at]))}`;
  return `line ${line}, column ${column}: ${what}`;
}

/**
 * Validates the text of a configuration file. A JSON error leaves nothing
 * usable (undefined config); a bad key is reported and left out, the rest
 * kept, so one typo does not undo the whole file.
 */
export function parseTeamConfig(text: string, file: string): TeamConfigRead {
  const root = path.dirname(path.dirname(file));
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { file, problems: [`not valid JSON (${jsonErrorText(text, e as Error)}); the file is not used`] };
  }
  if (!isRecord(raw)) return { file, problems: ['must hold a JSON object ({ "corpus": …, "severity": …, "people": … }); the file is not used'] };
  const problems: string[] = [];
  const config: TeamConfig = { file, root };
  const unknown = Object.keys(raw).filter((k) => !KNOWN_KEYS.includes(k));
  if (unknown.length > 0) problems.push(`unknown key${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map((k) => shortJson(k, 40)).join(', ')}${unknown.length > 5 ? ', …' : ''} (known: corpus, severity, people)`);
  if (isRecord(raw.corpus) && raw.corpus.database !== undefined) {
    config.corpusDatabase = readDatabase(raw.corpus.database, problems);
    if (raw.corpus.paths !== undefined) config.corpusPaths = readCorpus(raw.corpus, problems);
  } else if (raw.corpus !== undefined) config.corpusPaths = readCorpus(raw.corpus, problems);
  if (raw.severity !== undefined) config.severity = readSeverity(raw.severity, problems);
  if (raw.people !== undefined) config.people = readPeople(raw.people, problems);
  return { file, config, problems };
}

/** `"corpus": {"database": "postgres://user@host/db"}`: a URL, and no password in a file meant to be committed. */
function readDatabase(value: unknown, problems: string[]): string | undefined {
  if (typeof value !== 'string' || !/^postgres(ql)?:\/\//i.test(value.trim())) {
    problems.push('"corpus.database" must be a postgres:// URL; the corpus of the settings is used');
    return undefined;
  }
  try {
    if (new URL(value.trim()).password) {
      problems.push('"corpus.database" holds a password: this file is shared, keep the password in PGPASSWORD or ~/.pgpass; the database is not used');
      return undefined;
    }
  } catch {
    problems.push('"corpus.database" is not a valid URL; the corpus of the settings is used');
    return undefined;
  }
  return value.trim();
}

/** `"corpus": {"paths": [...]}` (or the list alone). */
function readCorpus(value: unknown, problems: string[]): string[] | undefined {
  const paths = isRecord(value) ? value.paths : value;
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
    problems.push('"corpus" must be {"paths": ["folder or file", …]}; the corpus paths of the settings are used');
    return undefined;
  }
  const given = (paths as string[]).map((p) => p.trim()).filter((p) => p.length > 0);
  if (given.length > MAX_CONFIG_CORPUS_PATHS) problems.push(`"corpus.paths" lists ${given.length} paths; only the first ${MAX_CONFIG_CORPUS_PATHS} are read`);
  return given.slice(0, MAX_CONFIG_CORPUS_PATHS);
}

/** `"severity": {"quote-unsourced": "off", …}`. */
function readSeverity(value: unknown, problems: string[]): Partial<Record<FindingCode, ConfigSeverity>> | undefined {
  if (!isRecord(value)) {
    problems.push('"severity" must map finding codes to severities; the severities of the settings are used');
    return undefined;
  }
  const out: Partial<Record<FindingCode, ConfigSeverity>> = {};
  const unknown: string[] = [];
  for (const [code, sev] of Object.entries(value)) {
    if (!(FINDING_CODES as readonly string[]).includes(code)) {
      unknown.push(code);
      continue;
    }
    if (typeof sev === 'string' && (SEVERITY_VALUES as readonly string[]).includes(sev)) out[code as FindingCode] = sev as ConfigSeverity;
    else problems.push(`"severity.${code}" must be one of ${SEVERITY_VALUES.join(', ')} (got ${shortJson(sev)}); the settings' value is used`);
  }
  if (unknown.length > 0) {
    problems.push(`unknown finding code${unknown.length > 1 ? 's' : ''} under "severity": ${unknown.slice(0, 5).map((k) => shortJson(k, 40)).join(', ')}${unknown.length > 5 ? ', …' : ''} (known: ${FINDING_CODES.join(', ')})`);
  }
  return out;
}

/** A list of strings, or undefined when `value` is not one. */
function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** `"people": ["Name", {"name": …, "aliases": […], "role"/"roles": …}]`. */
function readPeople(value: unknown, problems: string[]): TeamPerson[] | undefined {
  if (!Array.isArray(value)) {
    problems.push('"people" must be a list of names or {"name": …, "aliases": […], "roles": […]}; no people list is used');
    return undefined;
  }
  const people: TeamPerson[] = [];
  const bad: number[] = [];
  for (const [i, item] of value.slice(0, MAX_CONFIG_PEOPLE).entries()) {
    if (typeof item === 'string' && item.trim()) {
      people.push({ name: item.trim() });
      continue;
    }
    if (!isRecord(item) || typeof item.name !== 'string' || !item.name.trim()) {
      bad.push(i);
      continue;
    }
    const aliases = stringList(item.aliases);
    const roles = stringList(item.roles ?? item.role);
    if (!aliases || !roles) {
      bad.push(i);
      continue;
    }
    const person: TeamPerson = { name: item.name.trim() };
    const a = aliases.map((s) => s.trim()).filter(Boolean);
    const r = roles.map((s) => s.trim()).filter(Boolean);
    if (a.length > 0) (person as { aliases?: string[] }).aliases = a;
    if (r.length > 0) (person as { roles?: string[] }).roles = r;
    people.push(person);
  }
  if (bad.length > 0) {
    const which = bad.slice(0, 5).map((i) => `#${i + 1}`).join(', ');
    problems.push(`${bad.length} entr${bad.length === 1 ? 'y' : 'ies'} of "people" left out (${which}${bad.length > 5 ? ', …' : ''}): each must be a name or {"name": "…", "aliases": ["…"], "roles": ["…"]}`);
  }
  if (value.length > MAX_CONFIG_PEOPLE) problems.push(`"people" lists ${value.length} entries; only the first ${MAX_CONFIG_PEOPLE} are read`);
  return people;
}

/**
 * The nearest configuration file walking up from `startDir` (inclusive) to
 * `stopAt` (inclusive; default the file-system root). Undefined when there is
 * none. Only looks: reading is {@link readTeamConfig}.
 */
export async function findTeamConfig(startDir: string, stopAt?: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  const stop = stopAt !== undefined ? path.resolve(stopAt) : undefined;
  if (stop !== undefined && !isInside(stop, dir)) return undefined;
  for (;;) {
    const candidate = teamConfigPath(dir);
    if (await entryExists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    dir = parent;
  }
}


/**
 * Reads and validates a configuration file. With `boundary` (the workspace
 * folder), the file's `.factcheck` folder must really lie inside it (a link
 * leading out is refused); the file itself is never followed as a link.
 */
export async function readTeamConfig(file: string, boundary?: string): Promise<TeamConfigRead> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  if (boundary !== undefined) {
    const [realBoundary, realDir] = await Promise.all([realPathOf(boundary), realPathOf(dir)]);
    if (realBoundary === undefined || realDir === undefined || !isInside(realBoundary, realDir)) {
      return { file: abs, problems: [`${CONFIG_DIR_NAME} leads outside the workspace folder (a symbolic link); the file is not used`] };
    }
  }
  let handle: FileHandle;
  try {
    handle = await fs.open(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file: abs, problems: [] };
    if (code === 'ELOOP' || code === 'EMLINK') return { file: abs, problems: [`${CONFIG_FILE_NAME} is a symbolic link; not followed, the file is not used`] };
    return { file: abs, problems: [`cannot be read (${code ?? (err as Error).message}); the file is not used`] };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { file: abs, problems: ['not a regular file; not used'] };
    if (st.size > MAX_CONFIG_BYTES) return { file: abs, problems: [`larger than ${MAX_CONFIG_BYTES / 1024} KB; not read`] };
    return parseTeamConfig(await handle.readFile('utf8'), abs);
  } finally {
    await handle.close();
  }
}

/**
 * Absolute corpus paths of a configuration: `${workspaceFolder}` is the
 * workspace folder (without an editor: the folder holding `.factcheck/`),
 * `~` the home folder, and a relative path is taken from the folder holding
 * `.factcheck/`. Undefined when the file gives no corpus paths.
 */
export function configCorpusRoots(config: TeamConfig, workspaceFolder?: string, homeDir = os.homedir()): string[] | undefined {
  if (config.corpusPaths === undefined) return undefined;
  return config.corpusPaths.map((p) => {
    const expanded = expandPathVariables(p, workspaceFolder ?? config.root, homeDir);
    return path.isAbsolute(expanded) ? path.normalize(expanded) : path.resolve(config.root, expanded);
  });
}

/** `${workspaceFolder}` and a leading `~` of a configured path expanded (as VS Code users write them in settings). */
export function expandPathVariables(p: string, workspaceFolder: string | undefined, homeDir: string): string {
  let out = p;
  if (workspaceFolder !== undefined) out = out.replace(/\$\{workspaceFolder\}/g, () => workspaceFolder);
  if (out === '~' || out.startsWith('~/') || out.startsWith(`~${path.sep}`)) out = path.join(homeDir, out.slice(1));
  return out;
}
