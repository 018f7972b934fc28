/**
 * Entry of the factcheck language server bundle (dist/server.js). The
 * transport comes from the command line (`--stdio`, `--node-ipc`,
 * `--socket=N`), as vscode-languageserver reads it.
 */
// First, for its effect: the corpus worker boots while the rest of this bundle loads (see corpusWorkerAhead.ts).
import './corpusWorkerAhead';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { bundledCorpusDir, bundledReadme, packageVersion } from '../host/packageInfo';
import { pathToUri } from './conversions';
import { CODES_SECTION } from './diagnostics';
import { parseServerArgs, SERVER_USAGE } from './serverArgs';
import { startServer } from './startServer';

const command = parseServerArgs(process.argv.slice(2));
if (command.kind !== 'serve') {
  // A person ran it by hand: answer in words, not with a stack trace.
  if (command.kind === 'help') process.stdout.write(`${SERVER_USAGE}\n`);
  else if (command.kind === 'version') process.stdout.write(`${packageVersion()}\n`);
  else process.stderr.write(`factcheck-ls: ${command.problem}\n\n${SERVER_USAGE}\n`);
  process.exit(command.kind === 'usage' ? 2 : 0);
}

const connection = createConnection(ProposedFeatures.all);

// stdout carries the protocol under --stdio: anything printed by a dependency
// would corrupt it, so console output goes to the client's log instead.
const toLog = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.log = toLog;
console.info = toLog;
console.debug = toLog;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

// A bug must cost one request, not the writer's session.
process.on('uncaughtException', (err) => connection.console.error(`factcheck: uncaught: ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => connection.console.error(`factcheck: unhandled rejection: ${(err as Error)?.stack ?? err}`));

const readme = bundledReadme();
startServer(connection, {
  // The sample corpus shipped in the .vsix and the npm package.
  bundledCorpusDir: bundledCorpusDir(),
  // The README shipped beside the bundle documents the codes; linking to it works offline.
  docsUrl: readme ? `${pathToUri(readme)}#${CODES_SECTION}` : undefined,
});
