/**
 * A cache written by another build is rebuilt, never read (issue 13, warm
 * load): the file store sees the build in the header and only authenticates
 * the rest, so its records are not decoded just to be thrown away.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, decodeIndexCache, encodeIndexCache, IndexCacheError, INDEX_FORMAT_VERSION, parseIndexCacheHeader, readIndexCacheFooter } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { createFsIndexCacheStore } from '../../server/src/host/fsIndexCache';
import { sampleCorpusDir, scratchDir } from '../helpers';

/** A cache body of the sample corpus, written by build `old`, whose first records section does not decode. */
async function undecodableBody(): Promise<Uint8Array> {
  const { index, builder } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const files = builder.paths().map((p) => ({ path: p, size: 1, hash: 'h', warnings: [] }));
  const body = encodeIndexCache({ formatVersion: INDEX_FORMAT_VERSION, engineVersion: 'old', files, createdAt: 'then' }, (p) => builder.recordsOf(p), index.tokens);
  const where = readIndexCacheFooter(body.subarray(body.length - 16), body.length);
  const header = parseIndexCacheHeader(body.subarray(where.offset, where.offset + where.length), body.length);
  const records = header.sections.find((x) => x.name === 'records/0/0')!;
  body.fill(0xff, records.offset, records.offset + Math.min(16, records.length));
  assert.throws(() => decodeIndexCache(body), IndexCacheError, 'the damaged section must not decode');
  return body;
}

test('the fs cache store: a cache of another build is authenticated, not decoded; of this build, decoded', async () => {
  const file = path.join(scratchDir('factcheck-otherbuild-'), 'cache', 'x.fcidx');
  const store = createFsIndexCacheStore(file);
  // Saved through the store: the HMAC is genuine, only the records are bad.
  await store.save([await undecodableBody()]);
  const other = await store.load('new');
  assert.equal(other?.manifest.engineVersion, 'old');
  assert.equal(other?.records.size, 0, 'no records decoded for a cache that will be rebuilt');
  assert.equal(other?.tokens, undefined);
  // Its own build, or no build given: decoded, and refused as damaged.
  await assert.rejects(store.load('old'), IndexCacheError);
  await assert.rejects(store.load(), IndexCacheError);
  // Changed on disk: refused whatever the build, as before.
  const bytes = readFileSync(file);
  bytes[100] ^= 0x01; // inside the first section (after the 32-byte HMAC and the 16-byte prefix)
  writeFileSync(file, bytes);
  await assert.rejects(store.load('new'), /authentication failed/);
});
