/**
 * `factcheck COMMAND --help`: each command's own usage, options and exit
 * status, as linters print them (`eslint --help`, `git COMMAND -h`). The
 * overview stays `USAGE` in `args.ts`.
 */

const CHECK = `Usage: factcheck check [options] FILE|FOLDER...

Checks the quotations, names and roles, dates and figures of each draft
against a corpus of source articles and transcripts. A FOLDER is searched for
.md, .markdown and .txt drafts (node_modules, .git, hidden folders and the
corpus's own folders skipped); globs are left to the shell.

Options:
  --corpus PATH        a corpus folder or file (repeatable; default: the team's
                       .factcheck/config.json, else the bundled sample corpus)
  --db URL             a PostgreSQL corpus instead (or FACTCHECK_DATABASE_URL)
  --format FORMAT      text (default), json or sarif
  --include-verified   also list the claims the sources confirm
  --max-warnings N     exit 0 while there are at most N warnings
  --cache-dir DIR      keep the corpus index between runs (or FACTCHECK_CACHE)
  --draft-date DATE    the date (YYYY-MM-DD) relative dates are read against in
                       drafts without a front matter date: (default: today;
                       SOURCE_DATE_EPOCH fixes it)

Exit status: 0 no warnings, 1 warnings or errors found, 2 a usage error or a
draft that could not be read (the other drafts are still checked).`;

const REPORT = `Usage: factcheck report [options] FILE|FOLDER...

Writes the fact-check memo of the drafts: every claim the checker read (each
quotation, person and role, dated event and figure), one row each, with its
verdict, its sources (title, publisher, date, file and line, or a
transcript's time and speaker), the source sentence and its status: verified,
needs attention, unsourced, ignored (.factcheck/ignore.json) or disabled (a
factcheck-disable comment). A summary on top; the corpus described. The same
drafts and corpus give the same memo byte for byte, but for the one
generation date line (SOURCE_DATE_EPOCH fixes it).

Options:
  --corpus PATH        a corpus folder or file (repeatable; default as for check)
  --db URL             a PostgreSQL corpus instead (or FACTCHECK_DATABASE_URL)
  --format FORMAT      md (default), html, csv or json
  --output FILE, -o    write the memo to FILE instead of standard output
  --cache-dir DIR      keep the corpus index between runs (or FACTCHECK_CACHE)
  --draft-date DATE    as for check

Exit status: 0 memo written, 2 a usage error or a draft that could not be read
(the memo of the others is still written).`;

const SEARCH = `Usage: factcheck search [options] QUERY...

Searches the corpus for sentences matching the words of QUERY (prefix and
fuzzy matching; all words must match, else any).

Options:
  --corpus PATH        a corpus folder or file (repeatable)
  --db URL             a PostgreSQL corpus instead (or FACTCHECK_DATABASE_URL)
  --limit N            at most N sentences (default 10)
  --json               JSON instead of text
  --cache-dir DIR      keep the corpus index between runs (or FACTCHECK_CACHE)

Exit status: 0, or 2 on a usage or I/O error.`;

const INGEST = `Usage: factcheck ingest --db URL [--prune] PATH...
       factcheck db init --db URL

ingest loads corpus files and folders into a PostgreSQL corpus (unchanged
files skipped; --prune removes files no longer given); db init creates or
migrates its schema. The password comes from PGPASSWORD or ~/.pgpass.`;

/** The usage of one command, or undefined for an unknown one. */
export function commandUsage(command: string | undefined): string | undefined {
  switch (command) {
    case 'check':
      return CHECK;
    case 'report':
      return REPORT;
    case 'search':
      return SEARCH;
    case 'ingest':
    case 'db':
      return INGEST;
    default:
      return undefined;
  }
}
