import { parseArgs as nodeParseArgs } from 'node:util';
import { MEMO_FORMATS, type MemoFormat } from '../host/memo/renderMemo';
import { draftDateProblem } from '../host/draftDateOption';

/** Output formats of `factcheck check`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** Parsed command line of `factcheck`. */
export type CliCommand =
  | { kind: 'help'; command?: string }
  | { kind: 'version' }
  | {
      kind: 'check';
      corpus: string[];
      format: OutputFormat;
      includeVerified: boolean;
      maxWarnings?: number;
      cacheDir?: string;
      /** A PostgreSQL corpus (`--db`; the environment's FACTCHECK_DATABASE_URL is read by the command). */
      db?: string;
      /** `--draft-date YYYY-MM-DD`: the date of drafts without a front matter `date:` (default today). */
      draftDate?: string;
      files: string[];
    }
  | { kind: 'search'; corpus: string[]; limit: number; cacheDir?: string; db?: string; query: string; format: 'text' | 'json' }
  | { kind: 'ingest'; db?: string; prune: boolean; paths: string[] }
  | { kind: 'db-init'; db?: string }
  | { kind: 'report'; corpus: string[]; format: MemoFormat; output?: string; cacheDir?: string; db?: string; draftDate?: string; files: string[] };

/** A command line the CLI cannot act on; exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  factcheck check [--corpus PATH]... [--format text|json|sarif] [--include-verified]
                  [--max-warnings N] [--cache-dir DIR] [--draft-date YYYY-MM-DD] FILE|FOLDER...
  factcheck report [--corpus PATH]... [--format md|html|csv|json] [-o FILE]
                  [--draft-date YYYY-MM-DD] FILE|FOLDER...
  factcheck search [--corpus PATH]... [--limit N] [--json] QUERY...
  factcheck ingest --db URL [--prune] PATH...
  factcheck db init --db URL
  factcheck COMMAND --help | factcheck --help | --version

Checks the quotations, names and dates of each FILE against a corpus of source
articles and interview transcripts (.txt, .md, .html, .json, .jsonl, .vtt, .srt
files or folders of them; default:
the bundled sample corpus), or against a PostgreSQL corpus with --db URL (or
FACTCHECK_DATABASE_URL): postgres://user@host:port/db, the password from
PGPASSWORD or ~/.pgpass. \`ingest\` loads files into it (unchanged files
skipped; --prune removes files no longer given); \`db init\` creates or
migrates its schema.

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
  db: { type: 'string' },
  prune: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  'draft-date': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/**
 * Parses `argv` (without `node` and the script). Options may come before or
 * after the files; `--opt=value` and `--opt value` both work; `--` ends options.
 */
export function parseArgs(argv: readonly string[]): CliCommand {
  // No arguments at all is a usage error (exit 2), as for linters; asking for help is not.
  if (argv.length === 0) throw new UsageError('no command');
  if (argv[0] === '--help' || argv[0] === '-h') return { kind: 'help' };
  if (argv[0] === 'help') return { kind: 'help', command: argv[1] };
  if (argv[0] === '--version' || argv[0] === '-v') return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'search' && command !== 'ingest' && command !== 'db' && command !== 'report') throw new UsageError(`unknown command '${command}'`);
  const { values, positionals } = readOptions(rest);
  if (values.help) return { kind: 'help', command };
  if (values.output !== undefined && command !== 'report') throw new UsageError('--output is an option of factcheck report');
  // An empty URL would silently mean "no database" (`--db=$UNSET_VAR`).
  if (values.db === '') throw new UsageError('--db needs a postgres:// URL, not an empty string');
  const db = values.db;
  if (command === 'ingest') {
    if (positionals.length === 0) throw new UsageError('no PATH to ingest');
    if (positionals.some((p) => p === '')) throw new UsageError('ingest needs paths, not empty strings');
    return { kind: 'ingest', db, prune: values.prune ?? false, paths: positionals };
  }
  if (command === 'db') {
    if (positionals[0] !== 'init' || positionals.length > 1) throw new UsageError(`unknown db command '${positionals.join(' ')}' (db init)`);
    return { kind: 'db-init', db };
  }
  if (values.prune) throw new UsageError('--prune is an option of factcheck ingest');
  const corpus = values.corpus ?? [];
  // An empty path would resolve to the working folder and index it silently (`--corpus=$UNSET_VAR`).
  if (corpus.some((p) => p === '')) throw new UsageError('--corpus needs a path, not an empty string');
  const cacheDir = values['cache-dir'];
  const draftDate = values['draft-date'];
  if (draftDate !== undefined && command !== 'check' && command !== 'report') throw new UsageError('--draft-date is an option of factcheck check and report');
  const draftDateWrong = draftDate === undefined ? undefined : draftDateProblem(draftDate);
  if (draftDateWrong !== undefined) throw new UsageError(`--draft-date ${draftDateWrong}, not '${draftDate}'`);
  if (command === 'report') {
    if (positionals.length === 0) throw new UsageError('no FILE to report on');
    const format = values.format ?? 'md';
    if (!(MEMO_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be md, html, csv or json, not '${format}'`);
    if (values.output === '') throw new UsageError('--output needs a file name');
    return { kind: 'report', corpus, format: format as MemoFormat, output: values.output, cacheDir, db, draftDate, files: positionals };
  }
  if (command === 'check') {
    if (positionals.length === 0) throw new UsageError('no FILE to check');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    const maxWarnings = values['max-warnings'] === undefined ? undefined : wholeNumber('--max-warnings', values['max-warnings']);
    return { kind: 'check', corpus, format, includeVerified: values['include-verified'] ?? false, maxWarnings, cacheDir, db, draftDate, files: positionals };
  }
  const limit = values.limit === undefined ? 10 : Math.max(1, wholeNumber('--limit', values.limit));
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('no QUERY to search for');
  return { kind: 'search', corpus, limit, cacheDir, db, query, format: values.json ? 'json' : 'text' };
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
  db?: string;
  prune?: boolean;
  output?: string;
  'draft-date'?: string;
  help?: boolean;
}

function wholeNumber(name: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} takes a whole number, not '${v}'`);
  return Number(v);
}
