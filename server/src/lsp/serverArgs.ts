/**
 * The language server's command line: a transport for an editor to speak over
 * (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`, as
 * vscode-languageserver reads them), or `--help` / `--version` for a person
 * who ran `factcheck-ls` by hand. Without a transport the server would wait
 * for a protocol nobody speaks, so that is a usage error.
 */

/** What to do with a command line. */
export type ServerCommand = { kind: 'serve' } | { kind: 'help' } | { kind: 'version' } | { kind: 'usage'; problem: string };

export const SERVER_USAGE = `Usage: factcheck-ls --stdio | --node-ipc | --socket=PORT | --pipe=NAME
       factcheck-ls --help | --version

The factcheck language server: an editor starts it and speaks the Language
Server Protocol over the given transport (most editors: --stdio). It checks
Markdown and plain-text drafts against a corpus of source articles; settings
come from the editor under the "factcheck" section.`;

const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

/** Reads the arguments after `node server.js`. */
export function parseServerArgs(argv: readonly string[]): ServerCommand {
  if (argv.some((a) => a === '--help' || a === '-h')) return { kind: 'help' };
  if (argv.some((a) => a === '--version' || a === '-v')) return { kind: 'version' };
  if (argv.some((a) => TRANSPORT.test(a))) return { kind: 'serve' };
  return { kind: 'usage', problem: argv.length === 0 ? 'no transport given' : `no transport among: ${argv.join(' ')}` };
}
