/** Output formats of `factcheck check`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** Parsed command line of `factcheck`. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'check';
      corpus: string[];
      format: OutputFormat;
      includeVerified: boolean;
      maxWarnings?: number;
      cacheDir?: string;
      files: string[];
    }
  | { kind: 'search'; corpus: string[]; limit: number; cacheDir?: string; query: string; format: 'text' | 'json' };

/** A command line the CLI cannot act on; exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  factcheck check [--corpus PATH]... [--format text|json|sarif] [--include-verified]
                  [--max-warnings N] [--cache-dir DIR] FILE...
  factcheck search [--corpus PATH]... [--limit N] [--json] QUERY...
  factcheck --help | --version

Checks the quotations, names and dates of each FILE against a corpus of source
articles (.txt, .md, .html, .json, .jsonl files or folders of them; default:
the bundled sample corpus).

Exit status: 0 when no finding is a warning or above (and --max-warnings is
not exceeded), 1 when one is, 2 on a usage or I/O error.`;

/**
 * Parses `argv` (without `node` and the script). Options may come before or
 * after the files; `--opt=value` and `--opt value` both work; `--` ends options.
 */
export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'search') throw new UsageError(`unknown command '${command}'`);
  const corpus: string[] = [];
  const positional: string[] = [];
  let format: OutputFormat = 'text';
  let includeVerified = false;
  let maxWarnings: number | undefined;
  let limit = 10;
  let cacheDir: string | undefined;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--corpus':
        corpus.push(value());
        break;
      case '--cache-dir':
        cacheDir = value();
        break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
        format = v;
        break;
      }
      case '--include-verified':
        includeVerified = true;
        break;
      case '--json':
        json = true;
        break;
      case '--max-warnings':
        maxWarnings = wholeNumber(name, value());
        break;
      case '--limit':
        limit = Math.max(1, wholeNumber(name, value()));
        break;
      case '--help':
        return { kind: 'help' };
      default:
        throw new UsageError(`unknown option '${name}'`);
    }
  }
  if (command === 'check') {
    if (positional.length === 0) throw new UsageError('no FILE to check');
    return { kind: 'check', corpus, format, includeVerified, maxWarnings, cacheDir, files: positional };
  }
  const query = positional.join(' ').trim();
  if (!query) throw new UsageError('no QUERY to search for');
  return { kind: 'search', corpus, limit, cacheDir, query, format: json ? 'json' : 'text' };
}

function wholeNumber(name: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} takes a whole number, not '${v}'`);
  return Number(v);
}
