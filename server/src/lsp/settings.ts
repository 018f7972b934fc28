/**
 * The server's settings: defaults, and validation of what a client sends
 * (`workspace/configuration` section `factcheck`), and the engine configuration
 * they give. Pure: no connection, no fs.
 */
import { DEFAULT_SEVERITY, FINDING_CODES } from '../engine/api';
import type { CheckConfig, FindingCode, Severity, TeamPerson } from '../engine/api';
import type { TeamConfig } from '../host/teamConfig';
import { draftDateProblem, hostDraftDate } from '../host/draftDateOption';

/** A severity setting: an LSP severity, or `off` to hide the code. */
export type SeveritySetting = Severity | 'off';

/** When drafts are checked: as the writer types (after a pause), or when the file is saved. */
export type RunSetting = 'onType' | 'onSave';

/** Validated settings for one workspace folder. */
export interface FactcheckSettings {
  enable: boolean;
  /**
   * Corpus paths as configured (relative to the workspace folder; `~` and
   * `${workspaceFolder}` expanded later), or empty for the bundled corpus.
   * Absolute when they come from `.factcheck/config.json`.
   */
  corpusPaths: string[];
  /** A PostgreSQL corpus (`factcheck.corpus.database`, a `postgres://` URL): used instead of the paths when set. */
  corpusDatabase?: string;
  severity: Record<FindingCode, SeveritySetting>;
  languages: string[];
  run: RunSetting;
  /** The team's people list (from `.factcheck/config.json` only). */
  people: TeamPerson[];
  /**
   * `factcheck.draftDate` (`YYYY-MM-DD`): the date drafts without a front
   * matter `date:` are read against; undefined: today.
   */
  draftDate?: string;
}

const SEVERITY_VALUES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * Most corpus paths read. Each path is resolved, listed and watched; a list of
 * 20,000 files blocked the server for seconds. A corpus that large is given
 * as folders.
 */
export const MAX_CORPUS_PATHS = 1000;

/** How many unknown keys a settings message names before "…". */
const NAMED_UNKNOWN_KEYS = 5;

/**
 * Default severities: the engine's, except the `*-verified` codes, which are
 * `off` (not published as diagnostics: correct text stays quiet; the hover
 * still shows the verdict).
 */
export function defaultSeverities(): Record<FindingCode, SeveritySetting> {
  const out = {} as Record<FindingCode, SeveritySetting>;
  for (const code of FINDING_CODES) out[code] = code.endsWith('-verified') ? 'off' : DEFAULT_SEVERITY[code];
  return out;
}

/** The defaults, used when a client sends nothing or something unusable. */
export function defaultSettings(): FactcheckSettings {
  return { enable: true, corpusPaths: [], severity: defaultSeverities(), languages: ['markdown', 'plaintext'], run: 'onType', people: [] };
}

/** The result of {@link parseSettings}: usable settings and what was wrong with the input. */
export interface ParsedSettings {
  settings: FactcheckSettings;
  /** Human-readable problems, one per bad setting (the default was used instead). */
  problems: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates the `factcheck` configuration section. Every bad value is replaced
 * by its default and reported, so one typo does not switch the checker off.
 * Severities may come as a nested object (`{severity: {"quote-altered": "error"}}`,
 * which is how VS Code sends the dotted keys `factcheck.severity.<code>`).
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) {
    problems.push('"factcheck" settings must be an object; using the defaults.');
    return { settings, problems };
  }
  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else problems.push(`"factcheck.enable" must be true or false (got ${JSON.stringify(raw.enable)}); using true.`);
  }
  let paths: unknown;
  if (raw.corpus !== undefined && raw.corpus !== null) {
    if (isRecord(raw.corpus)) {
      paths = raw.corpus.paths;
      const db = raw.corpus.database;
      if (typeof db === 'string' && /^postgres(ql)?:\/\//i.test(db.trim())) settings.corpusDatabase = db.trim();
      else if (db !== undefined && db !== null && db !== '') problems.push('"factcheck.corpus.database" must be a postgres:// URL; using the corpus paths.');
    }
    else problems.push('"factcheck.corpus" must be an object with "paths"; using the bundled corpus.');
  }
  if (paths !== undefined && paths !== null) {
    if (Array.isArray(paths) && paths.every((p) => typeof p === 'string')) {
      const given = (paths as string[]).map((p) => p.trim()).filter((p) => p.length > 0);
      if (given.length > MAX_CORPUS_PATHS) {
        problems.push(
          `"factcheck.corpus.paths" lists ${given.length.toLocaleString('en-US')} paths; only the first ${MAX_CORPUS_PATHS.toLocaleString('en-US')} are read (list the folders that hold the articles instead).`,
        );
      }
      settings.corpusPaths = given.slice(0, MAX_CORPUS_PATHS);
    } else if (typeof paths === 'string' && paths.trim()) {
      problems.push(`"factcheck.corpus.paths" must be a list of paths, e.g. ["${paths}"]; using the bundled corpus.`);
    } else {
      problems.push('"factcheck.corpus.paths" must be a list of folder or file paths; using the bundled corpus.');
    }
  }
  const severity = raw.severity;
  if (severity !== undefined && severity !== null) {
    if (!isRecord(severity)) {
      problems.push('"factcheck.severity" must map finding codes to severities; using the defaults.');
    } else {
      const unknown: string[] = [];
      for (const [key, value] of Object.entries(severity)) {
        if (!(FINDING_CODES as readonly string[]).includes(key)) {
          unknown.push(key);
          continue;
        }
        if (value === undefined || value === null) continue;
        if (typeof value === 'string' && (SEVERITY_VALUES as readonly string[]).includes(value)) {
          settings.severity[key as FindingCode] = value as SeveritySetting;
        } else {
          problems.push(
            `"factcheck.severity.${key}" must be one of ${SEVERITY_VALUES.join(', ')} (got ${shortJson(value)}); using "${settings.severity[key as FindingCode]}".`,
          );
        }
      }
      if (unknown.length > 0) problems.push(unknownKeysProblem(unknown));
    }
  }
  if (raw.languages !== undefined && raw.languages !== null) {
    if (Array.isArray(raw.languages) && raw.languages.every((l) => typeof l === 'string' && l.length > 0)) {
      settings.languages = [...(raw.languages as string[])];
    } else {
      problems.push('"factcheck.languages" must be a list of language ids such as ["markdown", "plaintext"]; using the defaults.');
    }
  }
  if (raw.run !== undefined && raw.run !== null) {
    if (raw.run === 'onType' || raw.run === 'onSave') settings.run = raw.run;
    else problems.push(`"factcheck.run" must be "onType" or "onSave" (got ${shortJson(raw.run)}); using "onType".`);
  }
  // An empty string is VS Code's way of leaving a string setting unset.
  if (raw.draftDate !== undefined && raw.draftDate !== null && raw.draftDate !== '') {
    const problem = typeof raw.draftDate === 'string' ? draftDateProblem(raw.draftDate.trim()) : 'must be a date written YYYY-MM-DD';
    if (problem === undefined) settings.draftDate = (raw.draftDate as string).trim();
    else problems.push(`"factcheck.draftDate" ${problem} (got ${shortJson(raw.draftDate)}); using today.`);
  }
  return { settings, problems };
}

/**
 * The settings of a folder with its team configuration applied: what the
 * file gives wins over the settings (the team's choice for the repository
 * beats one writer's editor), what it leaves out keeps the settings' value.
 * `corpusRoots` are the file's corpus paths made absolute (`configCorpusRoots`).
 */
export function withTeamConfig(settings: FactcheckSettings, config: TeamConfig, corpusRoots: string[] | undefined): FactcheckSettings {
  const out: FactcheckSettings = { ...settings, severity: { ...settings.severity } };
  if (corpusRoots !== undefined) out.corpusPaths = corpusRoots;
  // A file's corpus replaces the settings' whole: its paths without a database mean files.
  if (config.corpusDatabase !== undefined) out.corpusDatabase = config.corpusDatabase;
  else if (corpusRoots !== undefined) out.corpusDatabase = undefined;
  for (const [code, sev] of Object.entries(config.severity ?? {})) out.severity[code as FindingCode] = sev;
  if (config.people !== undefined) out.people = config.people;
  return out;
}

/**
 * One problem for every unknown key under `factcheck.severity` (thousands of
 * keys must not make thousands of messages): how many, the first few by name.
 */
function unknownKeysProblem(keys: readonly string[]): string {
  const known = `known codes: ${FINDING_CODES.join(', ')}.`;
  if (keys.length === 1) return `"factcheck.severity.${cut(keys[0], 40)}": unknown finding code; ${known}`;
  const named = keys.slice(0, NAMED_UNKNOWN_KEYS).map((k) => shortJson(k, 40)).join(', ');
  const more = keys.length > NAMED_UNKNOWN_KEYS ? ', …' : '';
  return `${keys.length.toLocaleString('en-US')} unknown keys under factcheck.severity: ${named}${more}; ${known}`;
}

/** A value as JSON for a message, cut to `max` characters (a setting may hold anything, of any size). */
function shortJson(value: unknown, max = 60): string {
  return cut(JSON.stringify(value) ?? String(value), max);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The engine configuration of a folder's settings. Verified findings are
 * always computed, even when their severity is `off`: the hover shows them.
 */
export function checkConfigFor(settings: FactcheckSettings, today: string = hostDraftDate(undefined)): CheckConfig {
  const severity: Partial<Record<FindingCode, Severity>> = {};
  const enabled: Partial<Record<FindingCode, boolean>> = {};
  for (const code of FINDING_CODES) {
    const s = settings.severity[code];
    if (s === 'off') enabled[code] = code.endsWith('-verified');
    else severity[code] = s;
  }
  // Only when there is a list: the configuration's JSON is a checker's identity, and most folders have none.
  // The draft date is part of the checker's identity: a new day (or setting) is a new checker, whose relative dates move.
  const draftDate = settings.draftDate ?? today;
  return settings.people.length > 0 ? { severity, enabled, includeVerified: true, draftDate, people: settings.people } : { severity, enabled, includeVerified: true, draftDate };
}
