/**
 * A crafted index cache (issue 10, item 7; issue 13). A cache file is
 * authenticated by an HMAC keyed by a secret of the installation: a forger
 * who rewrites it (recomputing any checksum he likes, without the key) or
 * copies one from another installation is refused before anything in it is
 * decoded, at no cost to a genuine cache. Records that pass authentication
 * (written with the key — a bug, say) are still checked: a wrong-typed value
 * cannot be written at all, a value out of bounds is refused on load. Every
 * crafted cache below must be refused with a message and the corpus read
 * again from disk, and never give a permanent error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDraft, CorpusIndex, decodeIndexCache, encodeIndexCache, type ArticleRecord, type DecodedIndexCache } from '../../server/src/engine/api';
import { cacheFileFor, writeIndexCacheFile } from '../../server/src/host/fsIndexCache';
import { openFsCorpus, type OpenFsCorpusOptions } from '../../server/src/host/openFsCorpus';
import { plainRecord } from '../../server/src/engine/cache/packedRecords';
import { sampleCorpusDir } from '../helpers';

/** A private copy of the sample corpus with a cache already saved for it. */
async function cachedCorpus(): Promise<{ corpus: string; cacheFile: string; opts: OpenFsCorpusOptions; done: () => void }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'factcheck-hostile-cache-'));
  const corpus = path.join(root, 'corpus');
  mkdirSync(corpus);
  for (const f of readdirSync(sampleCorpusDir)) copyFileSync(path.join(sampleCorpusDir, f), path.join(corpus, f));
  const opts: OpenFsCorpusOptions = { cacheDir: path.join(root, 'cache'), buildId: 'b1' };
  const first = await openFsCorpus([corpus], opts);
  assert.equal(first.cache.saved, true);
  return { corpus, cacheFile: cacheFileFor(opts.cacheDir!, [corpus]), opts, done: () => rmSync(root, { recursive: true, force: true }) };
}

function readCache(file: string): DecodedIndexCache {
  const cache = decodeIndexCache(readFileSync(file).subarray(32)); // after the HMAC of the body
  // As plain records, which the forgeries below edit (a loaded record's lists are read anew each time).
  for (const [p, records] of cache.records) cache.records.set(p, records.map(plainRecord));
  return cache;
}

/**
 * Rewrites the cache as an attacker would, without the installation's key:
 * same manifest (the real files' sizes and hashes), the records as changed,
 * the tokens given, and in front of the body what the attacker can compute —
 * its SHA-256 (the format before issue 13) or an HMAC under a key of his own.
 */
function forgeWithoutKey(file: string, cache: DecodedIndexCache, tokens: DecodedIndexCache['tokens'], mac: 'sha256' | 'own-key'): void {
  const body = encodeIndexCache(cache.manifest, (p) => cache.records.get(p), tokens);
  const digest = mac === 'sha256' ? createHash('sha256').update(body).digest() : createHmac('sha256', Buffer.alloc(32, 7)).update(body).digest();
  writeFileSync(file, Buffer.concat([digest, body]));
}

/** Every article of a decoded cache, in index order (by file, then file order). */
function articlesOf(cache: DecodedIndexCache): ArticleRecord[] {
  return cache.manifest.files.flatMap((f) => cache.records.get(f.path)!);
}

/**
 * Rewrites the cache with the installation's key (what a bug in the writer
 * could do): the records as changed, the tokens given (default: as loaded).
 */
async function writeWithKey(file: string, cache: DecodedIndexCache, tokens = cache.tokens): Promise<void> {
  await writeIndexCacheFile(file, encodeIndexCache(cache.manifest, (p) => cache.records.get(p), tokens));
}

/** The token stream of these articles (what a forger computes so that the tokens fit the texts they show). */
function tokensOf(articles: readonly ArticleRecord[], files: number): CorpusIndex['tokens'] {
  return new CorpusIndex(articles, files).tokens;
}

async function reopen(corpus: string, opts: OpenFsCorpusOptions): Promise<{ opened: Awaited<ReturnType<typeof openFsCorpus>>; messages: string[] }> {
  const messages: string[] = [];
  const opened = await openFsCorpus([corpus], { ...opts, onMessage: (m) => messages.push(m) });
  return { opened, messages };
}

const FABRICATED = 'Caroline Leavitt said, "The President will sell the harbour to the highest bidder tomorrow morning."';

for (const mac of ['sha256', 'own-key'] as const) test(`a cache with a fabricated sentence, authenticated without the key (${mac}), does not verify a fabricated quote`, async () => {
  const s = await cachedCorpus();
  try {
    const cache = readCache(s.cacheFile);
    const a = articlesOf(cache)[0];
    const sentence = FABRICATED;
    const start = a.text.length + 2;
    a.text = `${a.text}\n\n${sentence}`;
    const last = a.sentences[a.sentences.length - 1];
    a.sentences.push({ start, end: start + sentence.length, from: { line: last.to.line + 2, character: 0 }, to: { line: last.to.line + 2, character: sentence.length } });
    forgeWithoutKey(s.cacheFile, cache, tokensOf(articlesOf(cache), cache.manifest.files.length), mac);

    const { opened, messages } = await reopen(s.corpus, s.opts);
    const findings = await checkDraft(FABRICATED, opened.index, { includeVerified: true });
    assert.ok(!findings.some((f) => f.code === 'quote-verified'), 'a fabricated quote is never verified');
    assert.match(messages.join('\n'), /corrupt \(authentication failed: not written by this installation, or changed since\); rebuilding/);
    assert.equal(opened.cache.status, 'miss');
    assert.equal(opened.cache.saved, true, 'the forged cache is replaced');
    const again = await reopen(s.corpus, s.opts);
    assert.equal(again.opened.cache.status, 'hit');
    assert.deepEqual(again.messages, []);
  } finally {
    s.done();
  }
});

test('a cache whose tokens say other words than its texts is not believed', async () => {
  const s = await cachedCorpus();
  try {
    const cache = readCache(s.cacheFile);
    const articles = articlesOf(cache);
    const i = articles.findIndex((a) => a.text.includes('remains receptive to an exchange'));
    assert.ok(i >= 0);
    // Same length, so every offset still fits the real text: only the words differ.
    const lying = articles.map((a, k) => (k === i ? { ...a, text: a.text.replace('remains receptive', 'remains unwilling') } : a));
    forgeWithoutKey(s.cacheFile, cache, tokensOf(lying, cache.manifest.files.length), 'own-key');
    const draft = 'Caroline Leavitt said, "The President remains unwilling to an exchange of letters with Kim Jong Un."';

    const { opened, messages } = await reopen(s.corpus, s.opts);
    assert.ok(!(await checkDraft(draft, opened.index, { includeVerified: true })).some((f) => f.code === 'quote-verified'));
    assert.match(messages.join('\n'), /authentication failed/);
    assert.equal((await reopen(s.corpus, s.opts)).opened.cache.status, 'hit', 'and it is saved right');
  } finally {
    s.done();
  }
});

test('records of the wrong type cannot be written: the writer refuses them, and the cache is not replaced', async () => {
  // Since the binary records (format 5) a field's type is fixed by its place: a
  // wrong-typed value cannot be stored at all, so the writer's bug shows at once.
  const crafts: Array<[string, (a: ArticleRecord) => void]> = [
    ['a title that is a number', (a) => ((a.meta as Record<string, unknown>).title = 42)],
    ['a publisher that is an object', (a) => ((a.meta as Record<string, unknown>).publisher = { toString: 'x' })],
    ['a negative line', (a) => (a.sentences[0] = { start: a.sentences[0].start, end: a.sentences[0].end, from: { line: -5, character: 0 }, to: a.sentences[0].to })],
    ['a fractional character', (a) => (a.sentences[0] = { start: a.sentences[0].start, end: a.sentences[0].end, from: a.sentences[0].from, to: { line: a.sentences[0].to.line, character: 1.5 } })],
    ['a person without a span', (a) => a.people.push({ text: 'X', fullName: 'X', cue: 'title' } as unknown as ArticleRecord['people'][number])],
    ['a person with an unknown cue', (a) => a.people.push({ text: 'X', fullName: 'X', span: { start: 0, end: 1 }, cue: 'guess' } as unknown as ArticleRecord['people'][number])],
  ];
  for (const [what, craft] of crafts) {
    const s = await cachedCorpus();
    try {
      const before = readFileSync(s.cacheFile);
      const cache = readCache(s.cacheFile);
      craft(articlesOf(cache)[0]);
      await assert.rejects(writeWithKey(s.cacheFile, cache), /index cache: cannot store/, what);
      assert.deepEqual(readFileSync(s.cacheFile), before, `${what}: the cache on disk is untouched`);
      assert.equal((await reopen(s.corpus, s.opts)).opened.cache.status, 'hit', what);
    } finally {
      s.done();
    }
  }
});

test('storable records that break a bound (order, calendar, spans) are refused on load, and rebuilt', async () => {
  const crafts: Array<[string, (a: ArticleRecord) => void]> = [
    ['sentences out of order', (a) => a.sentences.reverse()],
    ['a sentence ending before it starts in the file', (a) => (a.sentences[0] = { start: a.sentences[0].start, end: a.sentences[0].end, from: { line: 3, character: 0 }, to: { line: 0, character: 0 } })],
    ['a date with an impossible month', (a) => a.dates.push({ text: 'x', span: { start: 0, end: 1 }, value: { year: 2020, month: 13 }, eventWords: [] })],
    ['a date with an impossible year', (a) => a.dates.push({ text: 'x', span: { start: 0, end: 1 }, value: { year: 123456 }, eventWords: [] })],
    ['a quotation outside the text', (a) => a.quotes.push({ span: { start: 0, end: a.text.length + 5 }, outerSpan: { start: 0, end: a.text.length + 6 }, text: '' })],
    ['a person span outside the text', (a) => a.people.push({ text: 'X', fullName: 'X', span: { start: 2, end: 1 }, cue: 'title' })],
    ['a speaker span outside the text', (a) => a.quotes.push({ span: { start: 0, end: 1 }, outerSpan: { start: 0, end: 1 }, text: '', speaker: { text: 'X', span: { start: 0, end: a.text.length + 1 } } })],
  ];
  for (const [what, craft] of crafts) {
    const s = await cachedCorpus();
    try {
      const cache = readCache(s.cacheFile);
      craft(articlesOf(cache)[0]);
      await writeWithKey(s.cacheFile, cache);
      const { opened, messages } = await reopen(s.corpus, s.opts);
      assert.match(messages.join('\n'), /corrupt .*; rebuilding/, what);
      assert.equal(opened.cache.status, 'miss', what);
      for (const a of opened.builder.articles()) {
        for (const v of Object.values(a.meta)) assert.equal(typeof v, 'string', what);
        for (const x of a.sentences) assert.ok(x.from.line >= 0 && Number.isInteger(x.to.character), what);
      }
      assert.equal((await reopen(s.corpus, s.opts)).opened.cache.status, 'hit', `${what}: rebuilt and saved`);
    } finally {
      s.done();
    }
  }
});

test('a genuine cache copied from another installation (another key) is refused, and the key file is private', async () => {
  const mine = await cachedCorpus();
  const theirs = await cachedCorpus();
  try {
    const keyFile = `${path.dirname(mine.cacheFile)}.key`;
    assert.equal(statSync(keyFile).size, 32);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'readable by its owner only');
    // Their cache of the same files (same sizes and hashes), under my cache's name.
    copyFileSync(theirs.cacheFile, mine.cacheFile);
    const { opened, messages } = await reopen(mine.corpus, mine.opts);
    assert.match(messages.join('\n'), /authentication failed/);
    assert.equal(opened.cache.status, 'miss');
    assert.equal((await reopen(mine.corpus, mine.opts)).opened.cache.status, 'hit', 'rebuilt and saved under my key');
  } finally {
    mine.done();
    theirs.done();
  }
});
