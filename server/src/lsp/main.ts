/**
 * Entry of the factcheck language server bundle (dist/server.js). The
 * transport comes from the command line (`--stdio`, `--node-ipc`,
 * `--socket=N`), as vscode-languageserver reads it.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToUri } from './conversions';
import { CODES_SECTION } from './diagnostics';
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
  // The README shipped beside the bundle documents the codes; linking to it works offline.
  docsUrl: existsSync(path.join(__dirname, '..', 'README.md'))
    ? `${pathToUri(path.join(__dirname, '..', 'README.md'))}#${CODES_SECTION}`
    : undefined,
});
