/**
 * Starts the corpus worker thread as the language server process starts, for
 * the first corpus to take (see `startCorpusWorkerAhead`). Imported by the
 * server's entry (`main.ts`) before anything else, for its effect: the
 * bundle runs a module's code in import order, so the worker boots (a thread
 * and its own bundle, ~0.2 s) while the rest of the server's bundle loads and
 * the editor's handshake and settings go back and forth, rather than after
 * them: on a warm start, that boot was on the path to the first diagnostics.
 * Only when serving (not for `--help` or a usage error).
 */
import { startCorpusWorkerAhead } from '../host/workerCorpusStore';
import { parseServerArgs } from './serverArgs';

if (parseServerArgs(process.argv.slice(2)).kind === 'serve') startCorpusWorkerAhead();
