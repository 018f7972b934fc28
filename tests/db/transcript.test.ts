/**
 * Transcripts through PostgreSQL: ingested with the sample corpus, the store
 * answers as the in-memory index does — a quote verified as words of its
 * speaker, a misattribution, and citations carrying the cue time and speaker
 * (the transcript rides in the stored record) — and the stats carry the
 * corpus date range the memo describes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, type Finding } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createPgPool, ingest, PgCorpusStore, type PgPool } from '../../server/src/host/pg';
import { fixturesDir, sampleCorpusDir } from '../helpers';
import { createTestDatabase, HOW_TO_RUN, type TestDatabase } from './pgTestDatabase';

let db: TestDatabase | undefined;
let pool: PgPool;
let dir: string;

before(async () => {
  db = await createTestDatabase('transcript');
  if (!db) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'factcheck-db-transcript-'));
  for (const f of readdirSync(sampleCorpusDir)) copyFileSync(path.join(sampleCorpusDir, f), path.join(dir, f));
  for (const f of readdirSync(path.join(fixturesDir, 'transcripts'))) copyFileSync(path.join(fixturesDir, 'transcripts', f), path.join(dir, f));
  pool = createPgPool(db.url, { statementTimeoutMs: 60_000 });
});

after(async () => {
  await pool?.end();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const DRAFT = [
  'Peter Ward said, "The sanctions have hurt the regime far less than Washington hoped."',
  'Jane Kim said, "Chairman Kim will not make a move until he knows what President Trump can offer."',
  'Ryu Hyunwoo said: "The door to dialogue has never been closed."',
].join('\n\n');

test('a transcript corpus in PostgreSQL gives the in-memory findings, times and speakers included', async (t) => {
  if (!db) return t.skip(HOW_TO_RUN);
  const source = createFsCorpusSource([dir]);
  await ingest(pool, source, { extractInThread: true });
  const store = await PgCorpusStore.open(pool);
  const { index } = await buildCorpusIndex(source);
  assert.deepEqual(store.stats, index.stats);
  assert.deepEqual([store.stats.firstDate, store.stats.lastDate], ['2025-05-30', '2025-06-12']);
  const plain = (f: Finding[]): unknown => JSON.parse(JSON.stringify(f));
  const fromDb = (await checkDraft(DRAFT, store)) as Finding[];
  assert.deepEqual(plain(fromDb), plain(await checkDraft(DRAFT, index)));
  const quotes = fromDb.filter((f) => f.code.startsWith('quote-'));
  assert.deepEqual(quotes.map((f) => f.code), ['quote-verified', 'quote-misattributed', 'quote-misattributed']);
  const cited = quotes.flatMap((f) => f.evidence).filter((e) => e.timestamp !== undefined).map((e) => `${path.basename(e.path)} ${e.timestamp} ${e.speaker}`);
  assert.deepEqual(cited, ['interview-ward.vtt 00:12:44 Peter Ward', 'interview-ward.vtt 00:12:31 Peter Ward', 'press-briefing.srt 00:00:01 Michael Brandt']);
});
