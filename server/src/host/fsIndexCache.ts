/**
 * A corpus index cached on disk: start-up reads the cache, re-extracts only
 * the files whose content changed, and saves the result for next time.
 *
 * The cache file is `[32-byte SHA-256 of the rest][engine cache bytes]`,
 * written to a temporary file and renamed into place, so a crash mid-write
 * never leaves a half file under the real name. A cache that fails its
 * checksum, does not decode, or comes from another format or engine version
 * is reported and rebuilt, never trusted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CorpusSource, CorpusWarning } from '../engine/types';
import { CorpusIndexBuilder, type BuildCorpusIndexOptions, type BuildCorpusIndexResult } from '../engine/index/builder';
import { DEFAULT_MAX_FILE_BYTES } from '../engine/corpus/parseCorpusFile';
import {
  CACHE_FOOTER_BYTES,
  CACHE_PREFIX_BYTES,
  checkIndexCachePrefix,
  decodeIndexCacheSections,
  encodeIndexCacheParts,
  parseIndexCacheHeader,
  readIndexCacheFooter,
  INDEX_FORMAT_VERSION,
  type CachedFileEntry,
  type DecodedIndexCache,
  type IndexCacheManifest,
} from '../engine/cache/indexCache';

/** Options for {@link buildCorpusIndexCached}. */
export interface CachedBuildOptions extends Omit<BuildCorpusIndexOptions, 'builder'> {
  /** Folder of cache files (created if missing). */
  cacheDir: string;
  /** What the corpus is (its root paths, say): one cache file per key. */
  key: string;
  /** The engine build (package version): a cache from another one is rebuilt. */
  engineVersion: string;
  /** Status and problems of the cache ("cache is corrupt; rebuilding"); never fatal. */
  onMessage?: (message: string) => void;
}

/** How the cache served a build. */
export interface CacheOutcome {
  /** `hit`: every file from the cache; `partial`: some re-extracted; `miss`: no usable cache. */
  status: 'hit' | 'partial' | 'miss';
  reusedFiles: number;
  extractedFiles: number;
  /** The cache file. */
  file: string;
  /** Whether a new cache was written. */
  saved: boolean;
}

/** The result of {@link buildCorpusIndexCached}. */
export interface CachedBuildResult extends BuildCorpusIndexResult {
  cache: CacheOutcome;
}

/** The cache file for a corpus key inside `cacheDir`. */
export function cacheFileFor(cacheDir: string, key: string): string {
  return path.join(cacheDir, `index-${createHash('sha256').update(key).digest('hex').slice(0, 20)}.fcidx`);
}

/** SHA-256 of some bytes, hex. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads and verifies a cache file; undefined (with a message) when it is
 * absent, corrupt or stale. The file is read section by section, each into a
 * buffer of its own and hashed on the way, so loading never holds the whole
 * file at once; nothing decoded is used unless the checksum matches.
 * Exported for tests and tools.
 */
export async function readIndexCache(file: string, engineVersion: string, onMessage: (m: string) => void = () => undefined): Promise<DecodedIndexCache | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onMessage(`cannot read index cache ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; rebuilding`);
    return undefined;
  }
  try {
    const size = (await handle.stat()).size;
    const bodyLength = size - CHECKSUM_BYTES;
    if (bodyLength < CACHE_PREFIX_BYTES + CACHE_FOOTER_BYTES) throw new Error('file too short');
    const readAt = async (position: number, length: number): Promise<Uint8Array> => {
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(out, done, length - done, position + done);
        if (bytesRead === 0) throw new Error('file ended early');
        done += bytesRead;
      }
      return out;
    };
    const expected = await readAt(0, CHECKSUM_BYTES);
    const body = (offset: number, length: number): Promise<Uint8Array> => readAt(CHECKSUM_BYTES + offset, length);
    const footer = await body(bodyLength - CACHE_FOOTER_BYTES, CACHE_FOOTER_BYTES);
    const where = readIndexCacheFooter(footer, bodyLength);
    const prefix = await body(0, CACHE_PREFIX_BYTES);
    checkIndexCachePrefix(prefix);
    const headerBytes = await body(where.offset, where.length);
    const header = parseIndexCacheHeader(headerBytes, bodyLength);
    // Read every section in file order, hashing the whole body as it goes by.
    const hash = createHash('sha256').update(prefix);
    const sections = new Map<string, Uint8Array>();
    let at = CACHE_PREFIX_BYTES;
    for (const x of [...header.sections].sort((p, q) => p.offset - q.offset)) {
      if (x.offset < at) throw new Error('sections overlap');
      if (x.offset > at) hash.update(await body(at, x.offset - at));
      const bytes = await body(x.offset, x.length);
      hash.update(bytes);
      sections.set(x.name, bytes);
      at = x.offset + x.length;
    }
    if (at > where.offset) throw new Error('sections overlap the header');
    if (where.offset > at) hash.update(await body(at, where.offset - at));
    hash.update(headerBytes).update(footer);
    if (!Buffer.from(expected).equals(hash.digest())) throw new Error('checksum mismatch');
    const decoded = decodeIndexCacheSections(header, (x) => {
      const bytes = sections.get(x.name)!;
      sections.delete(x.name); // decoded once; let it go
      return bytes;
    });
    if (decoded.manifest.engineVersion !== engineVersion) {
      onMessage(`index cache ${file} was written by factcheck ${decoded.manifest.engineVersion}; rebuilding for ${engineVersion}`);
      return undefined;
    }
    return decoded;
  } catch (e) {
    onMessage(`index cache ${file} is corrupt (${e instanceof Error ? e.message : String(e)}); rebuilding`);
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Bytes of the SHA-256 checksum of the body at the start of a cache file. */
const CHECKSUM_BYTES = 32;

/**
 * Writes a cache file atomically: a temporary file in the same folder, then a
 * rename. The body comes in parts, written one by one and hashed as they go,
 * so saving a large index holds no second copy of it in memory; the checksum
 * is filled in at the start of the file last.
 */
export async function writeIndexCache(file: string, body: Uint8Array | Iterable<Uint8Array>): Promise<void> {
  const parts: Iterable<Uint8Array> = body instanceof Uint8Array ? [body] : body;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      const hash = createHash('sha256');
      let at = CHECKSUM_BYTES;
      for (const part of parts) {
        hash.update(part);
        await handle.write(part, 0, part.length, at);
        at += part.length;
      }
      await handle.write(hash.digest(), 0, CHECKSUM_BYTES, 0);
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Builds the index of a corpus, reusing the extraction of every file whose
 * path, size and content hash are unchanged since the cached build, and
 * saving a new cache when anything changed. Falls back to a full build when
 * the cache is missing, corrupt or stale; a cache that cannot be written is
 * reported and the index is returned all the same.
 */
export async function buildCorpusIndexCached(source: CorpusSource, options: CachedBuildOptions): Promise<CachedBuildResult> {
  const say = options.onMessage ?? (() => undefined);
  const file = cacheFileFor(options.cacheDir, options.key);
  const cached = await readIndexCache(file, options.engineVersion, say);
  const cachedEntries = new Map<string, CachedFileEntry>((cached?.manifest.files ?? []).map((f) => [f.path, f]));
  const builder = new CorpusIndexBuilder(options);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const warnings: CorpusWarning[] = [];
  const entries: CachedFileEntry[] = [];
  const files = await source.listFiles();
  let reused = 0;
  let extracted = 0;
  let cancelled = false;
  let lastYield = Date.now();
  for (let i = 0; i < files.length; i++) {
    if (options.isCancelled?.()) {
      cancelled = true;
      break;
    }
    const info = files[i];
    if (info.size !== undefined && info.size > maxBytes) {
      warnings.push({ path: info.path, message: `skipped: file is ${(info.size / 1024 / 1024).toFixed(1)} MB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit` });
    } else {
      let bytes: Uint8Array | undefined;
      try {
        bytes = await source.readFile(info.path);
      } catch (e) {
        warnings.push({ path: info.path, message: `could not read file: ${e instanceof Error ? e.message : String(e)}` });
      }
      if (bytes) {
        const hash = contentHash(bytes);
        const prior = cachedEntries.get(info.path);
        const records = cached?.records.get(info.path);
        let fileWarnings: CorpusWarning[];
        if (prior && records && prior.size === bytes.length && prior.hash === hash) {
          builder.setRecords(info.path, records);
          fileWarnings = prior.warnings;
          reused++;
        } else {
          fileWarnings = builder.setFile(info.path, bytes);
          extracted++;
        }
        warnings.push(...fileWarnings);
        if (builder.hasFile(info.path)) entries.push({ path: info.path, size: bytes.length, hash, warnings: fileWarnings });
      }
    }
    options.onProgress?.(i + 1, files.length, info.path);
    if (Date.now() - lastYield > 20) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sameFiles = cached !== undefined && extracted === 0 && entries.length === cachedEntries.size;
  const index = sameFiles && cached.tokens ? builder.buildWithTokens(cached.tokens) : builder.build();
  const status: CacheOutcome['status'] = !cached || reused === 0 ? 'miss' : extracted === 0 ? 'hit' : 'partial';
  let saved = false;
  if (!cancelled && !sameFiles) {
    const manifest: IndexCacheManifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: options.engineVersion, files: entries, createdAt: new Date().toISOString() };
    try {
      await writeIndexCache(file, encodeIndexCacheParts(manifest, (p) => builder.recordsOf(p), index.tokens));
      saved = true;
    } catch (e) {
      say(`could not write the index cache ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  return { index, warnings, builder, cache: { status, reusedFiles: reused, extractedFiles: extracted, file, saved } };
}

/**
 * An id of the running build of factcheck: the hash of the bundle (or module)
 * file that is running. Any change to the code, extraction included, gives a
 * new id, so a cache is never read by code that would extract differently.
 */
export function runningBuildId(moduleFile: string, version: string): string {
  try {
    return `${version}+${createHash('sha256').update(readFileSync(moduleFile)).digest('hex').slice(0, 16)}`;
  } catch {
    return version;
  }
}
