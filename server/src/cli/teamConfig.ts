/**
 * The team's `.factcheck/config.json` for `factcheck check` and `search`:
 * the nearest file walking up from each draft (from the working folder for a
 * search), as cspell and Vale find theirs. It gives the corpus when no
 * `--corpus` is given, the severities (so CI fails on what the team calls an
 * error, and `off` codes are not reported) and the people list. A bad file is
 * reported once on stderr and the check goes on without it (or without its
 * bad parts): a typo in the team's file must not stop CI silently or crash.
 */
import * as path from 'node:path';
import { FINDING_CODES } from '../engine/api';
import type { CheckConfig, FindingCode, Severity } from '../engine/api';
import { configCorpusRoots, findTeamConfig, readTeamConfig } from '../host/teamConfig';
import type { TeamConfig, TeamConfigRead } from '../host/teamConfig';
import { displayPath } from './displayPath';
import { terminalLine } from './terminalText';

/** What a draft's team configuration decides. */
export interface DraftSetup {
  /** The configuration file in effect, if any. */
  file?: string;
  /** Absolute corpus paths from the file (undefined: it sets none). */
  corpusRoots?: string[];
  checkConfig: CheckConfig;
}

/** The engine configuration of a team configuration: its severities (`off` disables a code) and people. */
export function checkConfigOfTeam(config: TeamConfig | undefined, includeVerified: boolean): CheckConfig {
  const out: CheckConfig = { includeVerified };
  if (!config) return out;
  const severity: Partial<Record<FindingCode, Severity>> = {};
  const enabled: Partial<Record<FindingCode, boolean>> = {};
  for (const code of FINDING_CODES) {
    const s = config.severity?.[code];
    if (s === undefined) continue;
    if (s === 'off') enabled[code] = false;
    else severity[code] = s;
  }
  if (Object.keys(severity).length > 0) out.severity = severity;
  if (Object.keys(enabled).length > 0) out.enabled = enabled;
  if (config.people && config.people.length > 0) out.people = config.people;
  return out;
}

/** Team configurations found for a run: each folder walked once, each file read and reported once. */
export class CliTeamConfigs {
  private readonly lookups = new Map<string, Promise<string | undefined>>();
  private readonly reads = new Map<string, Promise<TeamConfigRead>>();

  constructor(private readonly io: { err(text: string): void; cwd: string }, private readonly includeVerified: boolean) {}

  /** The setup of a draft (its absolute path), or of the working folder when none is given. */
  async forDraft(draftPath?: string): Promise<DraftSetup> {
    const dir = draftPath !== undefined ? path.dirname(draftPath) : this.io.cwd;
    let lookup = this.lookups.get(dir);
    if (!lookup) {
      lookup = findTeamConfig(dir).catch(() => undefined);
      this.lookups.set(dir, lookup);
    }
    const file = await lookup;
    if (file === undefined) return { checkConfig: checkConfigOfTeam(undefined, this.includeVerified) };
    let read = this.reads.get(file);
    if (!read) {
      read = readTeamConfig(file).catch((e: Error) => ({ file, problems: [`cannot be read (${e.message})`] }));
      this.reads.set(file, read);
      const shown = displayPath(file, this.io.cwd);
      void read.then((r) => {
        for (const p of r.problems) this.io.err(`factcheck: warning: ${shown}: ${terminalLine(p)}`);
      });
    }
    const { config } = await read;
    return { file, corpusRoots: config ? configCorpusRoots(config) : undefined, checkConfig: checkConfigOfTeam(config, this.includeVerified) };
  }
}

/** The setup of each draft (paths as given, relative to the working folder), in order. */
export async function teamSetups(drafts: readonly string[], includeVerified: boolean, io: { err(text: string): void; cwd: string }): Promise<DraftSetup[]> {
  const teams = new CliTeamConfigs(io, includeVerified);
  const out: DraftSetup[] = [];
  for (const file of drafts) out.push(await teams.forDraft(path.resolve(io.cwd, file)));
  return out;
}
