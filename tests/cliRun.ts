import { runCli } from '../server/src/cli/main';
import { repoRoot } from './helpers';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with its output captured (the same code path as the `factcheck` bin). */
export async function cli(args: string[], cwd = repoRoot): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
