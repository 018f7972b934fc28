/**
 * Entry of the factcheck language server bundle (dist/server.js). The
 * transport comes from the command line (`--stdio`, `--node-ipc`,
 * `--socket=N`), as vscode-languageserver reads it.
 */
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

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

startServer(connection, {
  // dist/server.js → <package>/corpus, the sample corpus shipped in the .vsix and the npm package.
  bundledCorpusDir: path.join(__dirname, '..', 'corpus'),
});
