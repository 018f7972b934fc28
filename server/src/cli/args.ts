import { parseArgs as nodeParseArgs } from 'node:util';

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

/** The options `factcheck check` and `factcheck search` take, as `util.parseArgs` describes them. */
const OPTIONS = {
  corpus: { type: 'string', multiple: true },
  'cache-dir': { type: 'string' },
  format: { type: 'string' },
  'include-verified': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/**
 * Parses `argv` (without `node` and the script). Options may come before or
 * after the files; `--opt=value` and `--opt value` both work; `--` ends options.
 */
export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'search') throw new UsageError(`unknown command '${command}'`);
  const { values, positionals } = readOptions(rest);
  if (values.help) return { kind: 'help' };
  const corpus = values.corpus ?? [];
  // An empty path would resolve to the working folder and index it silently (`--corpus=$UNSET_VAR`).
  if (corpus.some((p) => p === '')) throw new UsageError('--corpus needs a path, not an empty string');
  const cacheDir = values['cache-dir'];
  if (command === 'check') {
    if (positionals.length === 0) throw new UsageError('no FILE to check');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    const maxWarnings = values['max-warnings'] === undefined ? undefined : wholeNumber('--max-warnings', values['max-warnings']);
    return { kind: 'check', corpus, format, includeVerified: values['include-verified'] ?? false, maxWarnings, cacheDir, files: positionals };
  }
  const limit = values.limit === undefined ? 10 : Math.max(1, wholeNumber('--limit', values.limit));
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('no QUERY to search for');
  return { kind: 'search', corpus, limit, cacheDir, query, format: values.json ? 'json' : 'text' };
}

/**
 * Runs `util.parseArgs` leniently (it would reject with its own wording) and
 * checks its tokens here, so usage errors keep the CLI's wording and exit code.
 */
function readOptions(args: string[]): { values: ParsedValues; positionals: string[] } {
  const { values, positionals, tokens } = nodeParseArgs({ args, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    if (!Object.hasOwn(OPTIONS, t.name)) throw new UsageError(`unknown option '${t.rawName}'`);
    const takesValue = OPTIONS[t.name as OptionName].type === 'string';
    if (takesValue && t.value === undefined) throw new UsageError(`${t.rawName} needs a value`);
    if (!takesValue && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
  }
  return { values: values as ParsedValues, positionals };
}

/** What {@link readOptions} gives once every option is known and every string option has its value. */
interface ParsedValues {
  corpus?: string[];
  'cache-dir'?: string;
  format?: string;
  'include-verified'?: boolean;
  'max-warnings'?: string;
  limit?: string;
  json?: boolean;
  help?: boolean;
}

function wholeNumber(name: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} takes a whole number, not '${v}'`);
  return Number(v);
}
