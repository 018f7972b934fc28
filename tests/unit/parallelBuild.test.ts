/**
 * A cold build on worker threads (issue 13): files and JSON Lines batches
 * extracted by an `ExtractionPool` give exactly the index the builder's own
 * thread gives — records, ids, positions, warnings and their order, and the
 * findings of a check — and a worker that fails or dies loses nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, type ArticleRecord, type BuildCorpusIndexOptions } from '../../server/src/engine/api';
import { CorpusIndexBuilder, readCorpusInto } from '../../server/src/engine/index/builder';
import { ExtractionPool } from '../../server/src/host/extractionPool';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { contentHash, contentHasher } from '../../server/src/host/contentHash';
import { openFsCorpus } from '../../server/src/host/openFsCorpus';
import { fixturesDir, scratchDir, seededRandom, sharedDataDir } from '../helpers';

const FIRST = ['Zebulon', 'Marguerite', 'Tobias', 'Petronella', 'Ingmar', 'Henrietta', 'Oswin', 'Dagny'];
const LAST = ['Quartermaine', 'Ostrowska', 'Fenwright', 'Vashti', 'Sorvino', 'Marlowe', 'Achterberg', 'Lindqvist'];
const MONTHS = ['January', 'March', 'June', 'October'];

/** A news-like article with people, titles, quotations, dates and numbers, the same for the same seed. */
function article(rand: () => number, n: number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const a = person();
  const b = person();
  return [
    `${a}, the harbour master of Port ${pick(LAST)}, said on ${pick(MONTHS)} ${1 + Math.floor(rand() * 27)}, 2024 that the quay would reopen.`,
    `"We moved ${Math.floor(rand() * 900) + 100} tonnes of cargo in a week," ${a.split(' ')[1]} told reporters.`,
    `${b}, a spokeswoman for the union, disagreed. "Nobody asked the crews about record ${n}," she said.`,
    `The budget rose ${Math.floor(rand() * 40)} percent last year, according to ${b.split(' ')[1]}.`,
  ].join(' ');
}

/** Canonical text of records (keys sorted: a record decoded from a worker has its fields in another order). */
function canonical(records: readonly ArticleRecord[]): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(records.map((r) => sortKeys(JSON.parse(JSON.stringify(r)))));
}

/** Builds `roots` in this thread and with a pool of `workers`, and compares everything the builds hold. */
async function assertSameBuild(roots: string[], options: BuildCorpusIndexOptions, pool: ExtractionPool, draft?: string): Promise<void> {
  const common = { hash: contentHash, hasher: contentHasher, ...options };
  const here = await buildCorpusIndex(createFsCorpusSource(roots), common);
  const there = await buildCorpusIndex(createFsCorpusSource(roots), { ...common, extractor: pool });
  assert.ok(here.index.stats.articles > 0, 'the corpus has articles');
  assert.deepEqual(there.index.stats, here.index.stats);
  assert.deepEqual(there.warnings, here.warnings, 'the same warnings in the same order');
  assert.deepEqual(there.builder.warnings(), here.builder.warnings());
  assert.deepEqual(there.builder.knownPaths(), here.builder.knownPaths(), 'files kept in the order given');
  assert.equal(canonical(there.builder.articles()), canonical(here.builder.articles()), 'the same records, ids and positions');
  for (const p of here.builder.paths()) assert.deepEqual(there.builder.entryOf(p), here.builder.entryOf(p), `fingerprint of ${p}`);
  if (draft) assert.deepEqual(await checkDraft(draft, there.index), await checkDraft(draft, here.index), 'the same findings');
}

/** A JSON Lines file with every case the line reader handles, spread over many small batches. */
function hostileJsonLines(dir: string): string {
  const rand = seededRandom(13);
  const lines: Array<string | Uint8Array> = ['\ufeff' + JSON.stringify({ id: 'first', text: article(rand, 0) })];
  for (let i = 1; i < 400; i++) {
    // Ids repeat across batches (a duplicate becomes id@line only in file order), some records have none.
    const id = i % 7 === 0 ? undefined : `r${i % 150}`;
    const rec = JSON.stringify({ ...(id ? { id } : {}), title: `Story ${i}`, date: `2024-0${1 + (i % 9)}-1${i % 10}`, text: article(rand, i) });
    if (i % 53 === 0) lines.push(`${rec}\r${JSON.stringify({ id: `cr${i}`, text: article(rand, i) })}`); // a lone CR ends a line too
    else if (i % 41 === 0) lines.push('{"id": "broken", "text": ');
    else if (i % 43 === 0) lines.push('');
    else if (i % 47 === 0) lines.push(JSON.stringify({ id: `notext${i}`, title: 'nothing here' }));
    else if (i % 59 === 0) lines.push(Buffer.concat([Buffer.from(rec.slice(0, 40)), Buffer.from([0xff, 0xfe]), Buffer.from(rec.slice(40))]));
    else if (i % 61 === 0) lines.push(Buffer.concat([Buffer.from(rec.slice(0, 30)), Buffer.from([0]), Buffer.from(rec.slice(30))]));
    else if (i % 67 === 0) lines.push(JSON.stringify({ id: `huge${i}`, text: 'x '.repeat(3000) }));
    else lines.push(rec + (i % 5 === 0 ? '\r' : ''));
  }
  const file = path.join(dir, 'hostile.jsonl');
  writeFileSync(file, Buffer.concat(lines.flatMap((l, i) => [i ? Buffer.from('\n') : Buffer.alloc(0), Buffer.from(l)])));
  return file;
}

test('JSON Lines extracted in batches on workers give exactly the one-thread build (ids, positions, warnings, findings)', async () => {
  const dir = scratchDir('factcheck-parallel-');
  const file = hostileJsonLines(dir);
  const pool = new ExtractionPool({ workers: 2 });
  try {
    // Small batches and no threshold: many batches, lines of every kind inside them; one record over the record limit.
    await assertSameBuild([file], { offThreadAfterBytes: 0, batchBytes: 8 * 1024, maxRecordBytes: 5000 }, pool, `Zebulon Quartermaine said, "We moved 500 tonnes of cargo in a week." ${article(seededRandom(2), 9)}`);
    assert.ok(pool.requestsDone > 0, 'the workers did the work');
    assert.equal(pool.liveWorkers, 0, 'and stopped once the reading was done');
  } finally {
    await pool.close();
  }
});

test('whole files extracted on workers keep their order, warnings and records', async () => {
  const dir = scratchDir('factcheck-parallel-files-');
  for (const f of readdirSync(path.join(fixturesDir, 'corpus'))) copyFileSync(path.join(fixturesDir, 'corpus', f), path.join(dir, f));
  const rand = seededRandom(7);
  for (let i = 0; i < 30; i++) writeFileSync(path.join(dir, `story-${String(i).padStart(2, '0')}.md`), `# Story ${i}\n\n${article(rand, i)}\n\n${article(rand, i + 100)}\n`);
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0, 0, 1, 2, 3]));
  writeFileSync(path.join(dir, 'too-large.md'), `# Too large\n\n${'word '.repeat(5000)}`);
  const pool = new ExtractionPool({ workers: 2 });
  try {
    await assertSameBuild([dir], { offThreadAfterBytes: 0, maxFileBytes: 20_000 }, pool, article(seededRandom(7), 0));
    assert.ok(pool.requestsDone > 0, 'the workers did the work');
    assert.equal(pool.liveWorkers, 0, 'and stopped once the reading was done');
  } finally {
    await pool.close();
  }
});

test('a worker that dies or fails loses nothing: its work is extracted in the builder’s thread, and it is reported', async () => {
  const dir = scratchDir('factcheck-parallel-crash-');
  const file = hostileJsonLines(dir);
  // Real failures of a real thread: one script exits at its first request, one throws outside any handler.
  const exits = path.join(dir, 'exits.js');
  writeFileSync(exits, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
  const throws = path.join(dir, 'throws.js');
  writeFileSync(throws, "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });\n");
  for (const script of [exits, throws]) {
    const messages: string[] = [];
    const pool = new ExtractionPool({ workers: 2, script, onMessage: (m) => messages.push(m) });
    try {
      await assertSameBuild([file, path.join(fixturesDir, 'corpus')], { offThreadAfterBytes: 0, batchBytes: 16 * 1024 }, pool);
      assert.ok(messages.some((m) => /extraction worker stopped/.test(m)), `reported: ${messages.join(' | ')}`);
    } finally {
      await pool.close();
    }
  }
});

test('the workers stop once the reading is done, before the index is assembled, and start again for an update', async () => {
  // Assembling the index is a build's peak of memory: threads held through it (60–80 MB each at 100k articles) count in it.
  const dir = scratchDir('factcheck-parallel-release-');
  const file = hostileJsonLines(dir);
  const pool = new ExtractionPool({ workers: 2, idleMs: 60_000 });
  try {
    const builder = new CorpusIndexBuilder({ extractor: pool, offThreadAfterBytes: 0, batchBytes: 8 * 1024 });
    await readCorpusInto(builder, createFsCorpusSource([file]));
    assert.ok(pool.requestsDone > 0, 'the workers did the work');
    assert.equal(pool.liveWorkers, 0, 'stopped when the reading ended, not after the idle time');
    const done = pool.requestsDone;
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n${JSON.stringify({ id: 'late', text: article(seededRandom(5), 1) })}`);
    await readCorpusInto(builder, createFsCorpusSource([file]));
    assert.ok(pool.requestsDone > done, 'a later read starts them again');
    assert.equal(pool.liveWorkers, 0);
    assert.ok(builder.build().stats.articles > 0);
  } finally {
    await pool.close();
  }
});

test('a small corpus or update starts no worker thread', async () => {
  const pool = new ExtractionPool({ workers: 2 });
  try {
    const built = await buildCorpusIndex(createFsCorpusSource([path.join(fixturesDir, 'corpus')]), { extractor: pool });
    assert.ok(built.index.stats.articles > 0);
    assert.equal(pool.liveWorkers, 0, 'below the threshold everything is extracted in this thread');
  } finally {
    await pool.close();
  }
});

test('openFsCorpus extracts on workers by default, the same corpus as with none', async () => {
  const dir = scratchDir('factcheck-parallel-open-');
  const file = hostileJsonLines(dir);
  const big = path.join(dir, 'big.jsonl');
  // Over the threshold of a read worth starting threads for.
  const rand = seededRandom(99);
  writeFileSync(big, Array.from({ length: 1200 }, (_, i) => JSON.stringify({ id: `b${i}`, text: article(rand, i) })).join('\n'));
  const withWorkers = await openFsCorpus([file, big], { buildId: 'test' });
  const extractor = withWorkers.builder.extractor as ExtractionPool;
  assert.ok(extractor instanceof ExtractionPool && extractor.requestsDone > 0, 'workers extracted');
  const inThread = await openFsCorpus([file, big], { buildId: 'test', extractionWorkers: 0 });
  assert.equal(inThread.builder.extractor, undefined);
  assert.equal(canonical(withWorkers.builder.articles()), canonical(inThread.builder.articles()));
  assert.deepEqual(withWorkers.warnings, inThread.warnings);
  await extractor.close();
});

test('Reuters-21578 (first 600 KB): the workers’ build is the one-thread build', { skip: !existsSync(path.join(sharedDataDir, 'reuters21578')) && 'shared data absent' }, async () => {
  const dir = scratchDir('factcheck-parallel-reuters-');
  const all = readFileSync(path.join(sharedDataDir, 'reuters21578', 'reuters21578.jsonl'));
  const file = path.join(dir, 'reuters.jsonl');
  writeFileSync(file, all.subarray(0, all.indexOf(10, 600 * 1024)));
  const pool = new ExtractionPool({ workers: 2 });
  try {
    await assertSameBuild([file], { batchBytes: 64 * 1024 }, pool);
  } finally {
    await pool.close();
  }
});
