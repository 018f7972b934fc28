/**
 * How long the language server's event loop stalls while it indexes a large
 * corpus (issue 10, item 6): a JSONL of 20,000 short articles and one 8 MB
 * article, generated in a temporary folder; `factcheck/status` is asked every
 * 20 ms from the open to the `ready` state, and the longest gap between two
 * answers while indexing is the longest stall. Not part of `npm test` (a
 * wall-clock figure); `tests/lsp/indexing.test.ts` holds the functional part.
 *
 *     node out/bench/indexingStall.js [--server dist/server.js] [--runs 1]
 *
 * Prints one JSON line per run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { seededRandom } from '../tests/helpers';
import { startHarness, uriOf, type Harness } from '../tests/lsp/lspHarness';

const FIRST = ['Maria', 'John', 'Aiko', 'Pedro', 'Fatima', 'Lars', 'Chen', 'Olga', 'Kwame', 'Sofia', 'David', 'Ines'];
const LAST = ['Lankoff', 'Okafor', 'Tanaka', 'Silva', 'Haddad', 'Nilsen', 'Wei', 'Petrova', 'Mensah', 'Rossi', 'Klein', 'Duarte'];
const ROLES = ['mayor', 'finance minister', 'chief executive', 'spokeswoman', 'governor', 'union leader', 'professor'];
const PLACES = ['Lisbon', 'Accra', 'Osaka', 'Bergen', 'Tunis', 'Quito', 'Riga', 'Perth'];
const WORDS = 'the council budget harbour rail bridge vote report water school tax price market plan city court board strike grain port wage energy'.split(' ');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A paragraph of news prose: a quotation with its speaker and role, a dated event and plain sentences. */
function paragraph(rand: () => number): string {
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const person = `${pick(FIRST)} ${pick(LAST)}`;
  return [
    `The ${words(2)} in ${pick(PLACES)} was approved on ${pick(MONTHS)} ${1 + Math.floor(rand() * 28)}, ${1980 + Math.floor(rand() * 40)}.`,
    `"We will ${words(6)} before the end of the year," said ${person}, the ${pick(ROLES)} of ${pick(PLACES)}.`,
    `Officials said the ${words(8)} would follow.`,
  ].join(' ');
}

/**
 * Writes the large corpus into `dir`: `many.jsonl` (`articles` short articles)
 * and `huge.txt` (one article of about `hugeBytes`). Seeded: the same on
 * every run.
 */
export function writeLargeCorpus(dir: string, articles = 20_000, hugeBytes = 8 * 1024 * 1024): void {
  mkdirSync(dir, { recursive: true });
  const rand = seededRandom(10);
  const lines: string[] = [];
  for (let i = 0; i < articles; i++) {
    lines.push(JSON.stringify({ id: `gen-${i}`, title: `Report ${i}`, date: '2020-01-01', source: 'Generated', text: `${paragraph(rand)}\n\n${paragraph(rand)}` }));
  }
  writeFileSync(path.join(dir, 'many.jsonl'), `${lines.join('\n')}\n`);
  const parts = ['One very long article\n'];
  let size = parts[0].length;
  while (size < hugeBytes) {
    const p = `\n${paragraph(rand)}\n`;
    parts.push(p);
    size += p.length;
  }
  writeFileSync(path.join(dir, 'huge.txt'), parts.join(''));
}

/** The draft opened while indexing: a misspelling of a name the generated corpus holds many times. */
export const DRAFT_TEXT = 'The budget was approved, said Maria Lankof, the mayor of Lisbon.\n';

/** Status answers while indexing: when each arrived (ms since the draft was opened) and the state it gave. */
export interface IndexingTrace {
  answers: Array<{ at: number; state: string }>;
  hoversAnswered: number;
  /** When the status first said `ready` (ms since open). */
  readyAt: number;
}

/**
 * Opens a draft in a server on `folder` (whose corpus is being indexed) and
 * asks `factcheck/status` and a hover every `everyMs` until the status says
 * ready (or `timeoutMs`).
 */
export async function traceIndexing(h: Harness, draftPath: string, everyMs = 20, timeoutMs = 600_000): Promise<IndexingTrace> {
  const uri = uriOf(draftPath);
  const opened = performance.now();
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT_TEXT } });
  const trace: IndexingTrace = { answers: [], hoversAnswered: 0, readyAt: -1 };
  let ready = false;
  const inFlight: Array<Promise<unknown>> = [];
  while (!ready && performance.now() - opened < timeoutMs) {
    // Asked on a clock, not after each answer: a stalled server shows as a gap between answers.
    inFlight.push(
      h.conn.sendRequest<{ state: string }>('factcheck/status').then((s) => {
        const at = performance.now() - opened;
        trace.answers.push({ at, state: s.state });
        if (s.state === 'ready' && !ready) {
          ready = true;
          trace.readyAt = at;
        }
      }),
      h.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }).then(() => {
        if (!ready) trace.hoversAnswered++;
      }),
    );
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await Promise.all(inFlight);
  return trace;
}

/** The longest time between two status answers (or the open and the first) while the state was `indexing`. */
export function longestGap(trace: IndexingTrace): number {
  let longest = 0;
  let last = 0;
  for (const a of trace.answers) {
    longest = Math.max(longest, a.at - last);
    last = a.at;
    if (a.state !== 'indexing') break;
  }
  return longest;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const server = arg('--server') ? path.resolve(arg('--server')!) : undefined;
  const runs = Number(arg('--runs') ?? 1);
  // No cache: every run indexes from the files, as a first opening does.
  delete process.env.FACTCHECK_CACHE;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'factcheck-stall-'));
  try {
    writeLargeCorpus(path.join(tmp, 'corpus'));
    const draft = path.join(tmp, 'draft.md');
    writeFileSync(draft, '');
    for (let run = 0; run < runs; run++) {
      const h = await startHarness({ folders: [tmp], settings: { corpus: { paths: ['corpus'] } }, server });
      try {
        const trace = await traceIndexing(h, draft);
        const indexing = trace.answers.filter((a) => a.state === 'indexing').length;
        process.stdout.write(`${JSON.stringify({ server: server ?? 'dist/server.js', indexedMs: Math.round(trace.readyAt), statusAnswersWhileIndexing: indexing, hoversAnsweredWhileIndexing: trace.hoversAnswered, longestStallMs: Math.round(longestGap(trace)) })}\n`);
      } finally {
        await h.close();
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
