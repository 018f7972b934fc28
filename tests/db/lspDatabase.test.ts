/**
 * The language server against a corpus on PostgreSQL (`factcheck.corpus.database`),
 * over stdio as an editor runs it: the diagnostics equal those of the same
 * corpus as files; the status says where the corpus lives (password masked);
 * the database stopped mid-session gives one clear message and no findings
 * that mean "no corpus"; started again, the server reconnects by itself and
 * checks the draft again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest } from '../../server/src/host/pg';
import { repoRoot } from '../helpers';
import { nextDiagnostics, openAndWait, serverPath, startHarness, uriOf, waitFor, type Harness } from '../lsp/lspHarness';
import { makeCorpusFolder } from './corpusFixture';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

let db: TestDatabase | undefined;
let corpusDir: string;
const harnesses: Harness[] = [];
const draftText = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');
const cluster = path.join(repoRoot, 'scripts', 'pg-cluster.sh');

before(async () => {
  if (!existsSync(serverPath)) return;
  db = await createTestDatabase('lsp');
  if (!db) return;
  corpusDir = makeCorpusFolder({ polnear: false }).dir;
  const pool = createPgPool(db.url, { statementTimeoutMs: 120_000 });
  await ingest(pool, createFsCorpusSource([corpusDir]));
  await pool.end();
});

after(async () => {
  for (const h of harnesses) await h.close();
  await db?.drop();
  if (corpusDir) rmSync(corpusDir, { recursive: true, force: true });
});

/** Diagnostics as compared: what the editor shows. */
function shown(d: Array<{ range: unknown; message: string; code?: unknown; severity?: number }>): unknown {
  return d.map((x) => ({ range: x.range, message: x.message, code: x.code, severity: x.severity })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

interface Status {
  state: string;
  articles: number;
  folders: Array<{ database?: string; state: string; error?: string; corpusPaths: string[] }>;
}

test('the editor checks a draft against PostgreSQL with the diagnostics of the files, and survives the database stopping', async (t) => {
  if (!existsSync(serverPath)) return t.skip('run `npm run build` first (dist/server.js)');
  if (!db) return t.skip(HOW_TO_RUN);
  // The draft lives in a workspace of its own: a document inside the corpus is a source, not a draft.
  const folder = mkdtempSync(path.join(tmpdir(), 'factcheck-lsp-db-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const draftUri = uriOf(path.join(folder, 'draft.md'));

  const files = await startHarness({ folders: [folder], settings: { corpus: { paths: [corpusDir] } } });
  harnesses.push(files);
  const expected = shown(await openAndWait(files, draftUri, draftText));
  assert.ok((expected as unknown[]).length > 0, 'the draft has findings');

  // A password in the URL must never be shown: trust authentication ignores it here.
  const url = new URL(db.url);
  url.password = 'hunter2-secret';
  const server = await startHarness({ folders: [folder], settings: { corpus: { database: url.toString() } } });
  harnesses.push(server);
  const got = await openAndWait(server, draftUri, draftText);
  assert.deepEqual(shown(got), expected);
  const status = (await server.conn.sendRequest('factcheck/status')) as Status;
  assert.equal(status.state, 'ready');
  assert.ok(status.folders[0].database, 'the status names the database');
  assert.ok(!JSON.stringify(status).includes('hunter2-secret'), 'no password in the status');
  assert.match(status.folders[0].database!, /\*\*\*/);
  assert.ok(status.articles > 0);

  // The database goes away (the private cluster stopped, or connections refused on a shared server).
  const privateCluster = !process.env.FACTCHECK_TEST_DATABASE_URL;
  const admin = createPgPool(withDatabase(db.url, 'postgres'), { max: 1 });
  const dbName = new URL(db.url).pathname.slice(1);
  if (privateCluster) spawnSync('bash', [cluster, 'stop'], { encoding: 'utf8' });
  else {
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
  }
  try {
    const before = server.publishes.length;
    const messagesBefore = server.messages.length;
    await server.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: draftUri, version: 2 },
      contentChanges: [{ text: `${draftText}\nOne more line, said Andrei Lankov.\n` }],
    });
    await waitFor('a notification about the database', () => server.messages.slice(messagesBefore).find((m) => /corpus database/.test(m.message)), 30_000);
    const st = (await server.conn.sendRequest('factcheck/status')) as Status;
    assert.equal(st.folders[0].state, 'error');
    assert.match(st.folders[0].error ?? '', /cannot reach|lost the connection|shutting down|refused|does not exist|took too long|terminat|not currently accepting connections/);
    assert.ok(!JSON.stringify(st).includes('hunter2-secret'));
    assert.ok(!server.messages.some((m) => m.message.includes('hunter2-secret')), 'no password in notifications');
    // Nothing published that would mean "no corpus": the last diagnostics stay.
    assert.ok(server.publishes.slice(before).every((p) => p.uri !== draftUri || p.diagnostics.length > 0), 'no empty diagnostics for the draft');
    // One notification for the outage, however many checks failed.
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(server.messages.slice(messagesBefore).filter((m) => /corpus database/.test(m.message)).length, 1);
  } finally {
    if (privateCluster) spawnSync('bash', [cluster, 'start'], { encoding: 'utf8' });
    else await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    await admin.end().catch(() => undefined);
  }
  // Back: the server reconnects by itself and checks the draft again.
  const after = server.publishes.length;
  const again = await nextDiagnostics(server, draftUri, after, (d) => d.length > 0, 90_000);
  assert.ok(again.length >= (expected as unknown[]).length);
  const st = (await server.conn.sendRequest('factcheck/status')) as Status;
  assert.equal(st.folders[0].state, 'ready');
});

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

test('"open source" shows the stored text when the corpus file is not on this machine', async (t) => {
  if (!existsSync(serverPath)) return t.skip('run `npm run build` first (dist/server.js)');
  if (!db) return t.skip(HOW_TO_RUN);
  const stored = await createTestDatabase('lsp-stored');
  if (!stored) return t.skip(HOW_TO_RUN);
  t.after(() => stored.drop());
  // The corpus is ingested from a folder that is then removed: the database holds the only copy.
  const gone = makeCorpusFolder({ polnear: false }).dir;
  const pool = createPgPool(stored.url, { statementTimeoutMs: 120_000 });
  await ingest(pool, createFsCorpusSource([gone]));
  await pool.end();
  const folder = mkdtempSync(path.join(tmpdir(), 'factcheck-lsp-db-stored-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const draftUri = uriOf(path.join(folder, 'draft.md'));
  const server = await startHarness({ folders: [folder], settings: { corpus: { database: stored.url } } });
  harnesses.push(server);
  const diagnostics = (await openAndWait(server, draftUri, draftText)) as Array<{ data?: { evidence?: Array<{ uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }> } }>;
  const evidence = diagnostics.flatMap((d) => d.data?.evidence ?? []).filter((e) => e.uri.startsWith('file:'));
  assert.ok(evidence.length > 0, 'the draft has findings citing corpus files');
  rmSync(gone, { recursive: true, force: true });
  let shownSome = 0;
  for (const ev of evidence.slice(0, 12)) {
    const result = (await server.conn.sendRequest('factcheck/storedSource', { uri: ev.uri, range: ev.range, draftUri })) as {
      text: string;
      selection: { start: { line: number; character: number }; end: { line: number; character: number } };
    } | null;
    assert.ok(result, `stored text for ${ev.uri}`);
    const lines = result.text.split('\n');
    const { start, end } = result.selection;
    assert.ok(start.line < lines.length && end.line < lines.length, 'the selection is inside the text');
    const selected = [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line + 1)].join('\n').slice(0, end.line === start.line ? end.character - start.character : undefined);
    // The cited words (the evidence text without its "…" cuts) stand in the selected sentences.
    const words = ev.text.split('…').map((s) => s.trim()).filter((s) => s.length > 0).sort((a, b) => b.length - a.length)[0] ?? '';
    const norm = (s: string): string => s.replace(/\s+/g, ' ');
    assert.ok(norm(selected).includes(norm(words).slice(0, 40)), `"${words.slice(0, 60)}" in the selection "${selected.slice(0, 200)}"`);
    shownSome++;
  }
  assert.ok(shownSome > 0);
  // A corpus of files keeps no texts: the client opens the file itself.
  const files = await startHarness({ folders: [folder], settings: { corpus: { paths: [corpusDir] } } });
  harnesses.push(files);
  await openAndWait(files, draftUri, draftText);
  assert.equal(await files.conn.sendRequest('factcheck/storedSource', { uri: evidence[0].uri, range: evidence[0].range, draftUri }), null);
  // Bad arguments (from a hover link) answer null, never an error.
  assert.equal(await server.conn.sendRequest('factcheck/storedSource', { uri: 42, range: 'x' }), null);
});
