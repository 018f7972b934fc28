import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, decodeIndexCache, encodeIndexCache, IndexCacheError, INDEX_FORMAT_VERSION, readIndexCacheManifest } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { cacheFileFor } from '../../server/src/host/fsIndexCache';
import { openFsCorpus, type OpenFsCorpusOptions } from '../../server/src/host/openFsCorpus';
import { runCli } from '../../server/src/cli/main';
import { plainRecord } from '../../server/src/engine/cache/packedRecords';
import { repoRoot, sampleCorpusDir } from '../helpers';

const draft = readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8');

/** A private copy of the sample corpus, and a cache folder, removed after the test. */
function scratch(): { corpus: string; cache: string; done: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-cache-test-'));
  const corpus = path.join(root, 'corpus');
  require('node:fs').mkdirSync(corpus);
  for (const f of readdirSync(sampleCorpusDir)) copyFileSync(path.join(sampleCorpusDir, f), path.join(corpus, f));
  return { corpus, cache: path.join(root, 'cache'), done: () => rmSync(root, { recursive: true, force: true }) };
}

test('encode → decode gives back every record and the token stream', async () => {
  const { index, builder } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const paths = builder.paths();
  const manifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: 't', files: paths.map((p) => ({ path: p, size: 1, hash: 'h', warnings: [] })), createdAt: 'now' };
  const bytes = encodeIndexCache(manifest, (p) => builder.recordsOf(p), index.tokens);
  assert.deepEqual(readIndexCacheManifest(bytes), manifest);
  const decoded = decodeIndexCache(bytes);
  // Loaded records keep their lists packed (read on demand): compared as plain records.
  for (const p of paths) assert.deepEqual(decoded.records.get(p)!.map(plainRecord), builder.recordsOf(p));
  assert.ok(decoded.tokens);
  assert.deepEqual(decoded.tokens.words, index.tokens.words);
  assert.deepEqual(decoded.tokens.tokenStart, index.tokens.tokenStart);
  assert.deepEqual(decoded.tokens.articleFirstToken, index.tokens.articleFirstToken);
  // An index rebuilt from the decoded parts checks exactly like the original.
  for (const p of paths) builder.setRecords(p, decoded.records.get(p)!);
  const restored = builder.buildWithTokens(decoded.tokens);
  assert.deepEqual(restored.tokens.postings, index.tokens.postings);
  assert.deepEqual((await checkDraft(draft, restored)), (await checkDraft(draft, index)));
  assert.deepEqual((await restored.search('Lankov Kookmin')), (await index.search('Lankov Kookmin')));
});

test('a damaged or foreign cache is refused with IndexCacheError', async () => {
  const { index, builder } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const manifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: 't', files: builder.paths().map((p) => ({ path: p, size: 1, hash: 'h', warnings: [] })), createdAt: 'now' };
  const bytes = encodeIndexCache(manifest, (p) => builder.recordsOf(p), index.tokens);
  assert.throws(() => decodeIndexCache(new TextEncoder().encode('hello world, not a cache')), IndexCacheError);
  assert.throws(() => decodeIndexCache(bytes.subarray(0, bytes.length - 100)), IndexCacheError);
  const otherVersion = bytes.slice();
  new DataView(otherVersion.buffer).setUint32(8, INDEX_FORMAT_VERSION + 1, true);
  assert.throws(() => decodeIndexCache(otherVersion), /format version/);
});

test('openFsCorpus with a cache: miss, then hit, then only the changed file re-extracted', async () => {
  const s = scratch();
  try {
    const opts: OpenFsCorpusOptions = { cacheDir: s.cache, buildId: '1.0.0' };
    const messages: string[] = [];
    const first = await openFsCorpus([s.corpus], { ...opts, onMessage: (m) => messages.push(m) });
    assert.equal(first.cache.status, 'miss');
    assert.equal(first.cache.saved, true);
    assert.ok(existsSync(cacheFileFor(s.cache, [s.corpus])));
    assert.deepEqual(messages, [], 'an absent cache is not a problem worth a message');

    const second = await openFsCorpus([s.corpus], opts);
    assert.deepEqual(second.cache, { ...first.cache, status: 'hit', reusedFiles: 2, extractedFiles: 0, saved: false });
    assert.deepEqual((await checkDraft(draft, second.index)), (await checkDraft(draft, first.index)));
    assert.deepEqual(second.index.stats, first.index.stats);

    // Change one article: only it is extracted again, and its new words are found.
    const file = path.join(s.corpus, readdirSync(s.corpus).sort()[1]);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n\nZebulon Quartermaine, a harbour master, said, "The tide waits for no committee at all."\n`);
    const third = await openFsCorpus([s.corpus], opts);
    assert.equal(third.cache.status, 'partial');
    assert.equal(third.cache.reusedFiles, 1);
    assert.equal(third.cache.extractedFiles, 1);
    assert.equal(third.cache.saved, true);
    const fresh = await buildCorpusIndex(createFsCorpusSource([s.corpus]));
    const quoteDraft = 'Zebulon Quartermaine said, "The tide waits for no committee at all."';
    assert.deepEqual((await checkDraft(quoteDraft, third.index)), (await checkDraft(quoteDraft, fresh.index)));
    assert.ok((await checkDraft(quoteDraft, third.index)).some((f) => f.code === 'quote-verified'));

    // A removed file is dropped from the index and the cache.
    rmSync(file);
    const fourth = await openFsCorpus([s.corpus], opts);
    assert.equal(fourth.index.stats.files, 1);
    assert.equal(fourth.cache.saved, true);
  } finally {
    s.done();
  }
});

test('a corrupt, truncated or other-version cache is reported and rebuilt, never trusted', async () => {
  const s = scratch();
  try {
    const opts: OpenFsCorpusOptions = { cacheDir: s.cache, buildId: '1.0.0' };
    const good = await openFsCorpus([s.corpus], opts);
    const cacheFile = cacheFileFor(s.cache, [s.corpus]);
    const bytes = readFileSync(cacheFile);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 10] ^= 0xff; // one flipped bit in the token arrays
    for (const [what, content] of [
      ['flipped byte', damaged],
      ['truncated', bytes.subarray(0, bytes.length >> 1)],
      ['empty', Buffer.alloc(0)],
    ] as Array<[string, Buffer]>) {
      writeFileSync(cacheFile, content);
      const messages: string[] = [];
      const r = await openFsCorpus([s.corpus], { ...opts, onMessage: (m) => messages.push(m) });
      assert.equal(r.cache.status, 'miss', what);
      assert.equal(r.cache.saved, true, what);
      assert.match(messages.join('\n'), /corrupt.*rebuilding/, what);
      assert.deepEqual((await checkDraft(draft, r.index)), (await checkDraft(draft, good.index)), what);
    }
    const messages: string[] = [];
    const upgraded = await openFsCorpus([s.corpus], { ...opts, buildId: '2.0.0', onMessage: (m) => messages.push(m) });
    assert.equal(upgraded.cache.status, 'miss');
    assert.match(messages.join('\n'), /written by factcheck 1\.0\.0; rebuilding/);
    // No temporary files are left behind.
    assert.deepEqual(readdirSync(s.cache).filter((f) => f.endsWith('.tmp')), []);
  } finally {
    s.done();
  }
});

test('CLI: --cache-dir writes a cache and a second run gives the same output', async () => {
  const s = scratch();
  try {
    const run = async (): Promise<{ code: number; out: string; err: string }> => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['check', '--corpus', s.corpus, '--cache-dir', s.cache, '--format', 'json', path.join(repoRoot, 'examples', 'draft.md')], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        cwd: repoRoot,
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const a = await run();
    assert.ok(existsSync(cacheFileFor(s.cache, [s.corpus])));
    const b = await run();
    assert.equal(b.code, a.code);
    assert.equal(b.out, a.out);
    assert.equal(b.err, '');
    assert.ok(JSON.parse(a.out).files[0].diagnostics.length > 5);
  } finally {
    s.done();
  }
});
