/**
 * The index cache on disk: one file per corpus, read and written here; what
 * to reuse and what to save is the engine's call (`openCorpus`), through the
 * {@link IndexCacheStore} this module makes.
 *
 * The cache file is `[32-byte HMAC-SHA-256 of the rest][engine cache bytes]`,
 * written to a temporary file and renamed into place, so a crash mid-write
 * never leaves a half file under the real name. The HMAC's key is a secret
 * of this installation ({@link cacheKeyFor}: 32 random bytes in a file
 * beside the cache folder, readable by its owner only, made once), so a
 * cache is used only when this installation wrote it and nothing changed it
 * since: a cache forged, edited or copied from elsewhere fails
 * authentication and is refused before anything decoded from it is used
 * (sections are decoded, bounds-checked, as they are read, and dropped when
 * the HMAC fails) — no re-parsing of the corpus is needed to distrust it. A cache that fails or
 * does not decode is refused with an {@link IndexCacheError}, which the
 * engine reports before rebuilding.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  CACHE_FOOTER_BYTES,
  CACHE_PREFIX_BYTES,
  checkIndexCachePrefix,
  IndexCacheError,
  parseIndexCacheHeader,
  IndexCacheDecoder,
  readIndexCacheFooter,
  type DecodedIndexCache,
  type IndexCacheSection as Section,
  type IndexCacheStore,
} from '../engine/api';
import { corpusKey } from './corpusKey';
import { ensureFolder } from './ensureFolder';

/** The cache file of a corpus (its root paths) inside `cacheDir`. */
export function cacheFileFor(cacheDir: string, roots: readonly string[]): string {
  return path.join(cacheDir, `index-${createHash('sha256').update(corpusKey(roots)).digest('hex').slice(0, 20)}.fcidx`);
}

/** The {@link IndexCacheStore} kept in one file. */
export function createFsIndexCacheStore(file: string): IndexCacheStore {
  return {
    name: file,
    load: (buildId) => readIndexCacheFile(file, buildId),
    save: (parts) => writeIndexCacheFile(file, parts),
  };
}

/**
 * Reads and authenticates a cache file: undefined when there is none; throws
 * {@link IndexCacheError} when it is damaged or not this installation's (HMAC, truncation, layout)
 * and an Error naming the system error when it cannot be read. The file is
 * read section by section, in pieces hashed on the way (each while the next
 * is read), and each section decoded once read; only a token array is read
 * into a buffer of its own (it becomes the index's), everything else into
 * two scratch buffers used in turn. Nothing decoded is used unless the
 * checksum matches. `chunkBytes`: the size of a read (tests use less). Whether its build id fits is the engine's call; given `buildId`,
 * a cache whose header names another build is authenticated but not decoded
 * (its manifest comes back with no records), since it would be thrown away.
 */
export async function readIndexCacheFile(file: string, buildId?: string, chunkBytes = READ_CHUNK_BYTES): Promise<DecodedIndexCache | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(systemErrorText(e));
  }
  let key: Buffer;
  try {
    key = await cacheKeyFor(file);
  } catch (e) {
    await handle.close();
    throw e;
  }
  try {
    const size = (await handle.stat()).size;
    const bodyLength = size - CHECKSUM_BYTES;
    if (bodyLength < CACHE_PREFIX_BYTES + CACHE_FOOTER_BYTES) throw new IndexCacheError('file too short');
    const readInto = async (out: Uint8Array, position: number): Promise<void> => {
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, position + done);
        if (bytesRead === 0) throw new IndexCacheError('file ended early');
        done += bytesRead;
      }
    };
    const readAt = async (position: number, length: number): Promise<Uint8Array> => {
      const out = new Uint8Array(length);
      await readInto(out, position);
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
    // Read every section in file order, authenticating the whole body as it goes by. The body is read in
    // chunks, each while the one before is hashed (a read waits on the disk and the thread pool, the hash
    // runs on this thread): the two overlap instead of taking turns. Each section is decoded as soon as its
    // last chunk is hashed, and its bytes are not held after, so the file is never held whole beside what it
    // decodes into (at 100,000 articles that was 280 MB more at the peak). What is decoded before the last chunk
    // is authenticated is thrown away unless the authentication then succeeds; the decoder trusts nothing.
    const hash = createHmac('sha256', key).update(prefix);
    // A cache of another build is only hashed (for the engine's message), never decoded: it will be rebuilt.
    const otherBuild = buildId !== undefined && header.manifest.engineVersion !== buildId;
    const decoder = otherBuild ? undefined : new IndexCacheDecoder(header);
    // The body between the prefix and the header as pieces in file order: the sections, and what lies between.
    interface Piece { offset: number; length: number; section?: Section }
    const pieces: Piece[] = [];
    let at = CACHE_PREFIX_BYTES;
    for (const x of [...header.sections].sort((p, q) => p.offset - q.offset)) {
      if (x.offset < at) throw new IndexCacheError('sections overlap');
      if (x.offset > at) pieces.push({ offset: at, length: x.offset - at });
      pieces.push({ offset: x.offset, length: x.length, section: x });
      at = x.offset + x.length;
    }
    if (at > where.offset) throw new IndexCacheError('sections overlap the header');
    if (where.offset > at) pieces.push({ offset: at, length: where.offset - at });
    // Chunks of at most `chunkBytes`, each read while the one before is hashed (and, at a section's end,
    // decoded). Where a chunk goes decides what the load costs: memory the process touches for the first time
    // costs ~3–5 ms per MB on this kind of machine (page faults when it is read into, again when it is first
    // hashed, and freeing it), several times what hashing it costs. So only a section the decoder keeps as it is
    // (a token array becomes the index's own typed array) is read into a buffer of its own. Everything else is
    // read into one of two scratch buffers used in turn, the same memory over and over: a records section or
    // the vocabulary (decoded into objects and strings that copy what they need: the decoder holds no view of
    // these bytes) whole, anything the decoder skips a chunk at a time. Turns alternate between the two, and
    // only one chunk is read ahead, so a turn's bytes are hashed and decoded before its buffer is read into again.
    interface Chunk { offset: number; into: Uint8Array; done?: { section: Section; bytes: Uint8Array } }
    const wanted = (p: Piece): Section | undefined => (p.section && decoder?.wants(p.section) ? p.section : undefined);
    // The largest turn: a whole section decoded from scratch, or one chunk of what is only hashed.
    let scratchBytes = 0;
    for (const p of pieces) {
      const w = wanted(p);
      if (!w || !decoder!.keeps(w)) scratchBytes = Math.max(scratchBytes, w ? p.length : Math.min(p.length, chunkBytes));
    }
    const scratch: Uint8Array[] = [];
    let turn = 0;
    /** The scratch buffer of the next turn, `length` bytes of it. */
    const nextScratch = (length: number): Uint8Array => (scratch[turn++ % 2] ??= new Uint8Array(scratchBytes)).subarray(0, length);
    function* chunksOf(): Generator<Chunk> {
      for (const p of pieces) {
        const w = wanted(p);
        const whole = w ? (decoder!.keeps(w) ? new Uint8Array(p.length) : nextScratch(p.length)) : undefined;
        if (p.length === 0 && whole && w) yield { offset: p.offset, into: whole, done: { section: w, bytes: whole } };
        for (let k = 0; k < p.length; k += chunkBytes) {
          const end = Math.min(p.length, k + chunkBytes);
          const into = whole ? whole.subarray(k, end) : nextScratch(end - k);
          yield { offset: p.offset + k, into, ...(whole && w && end === p.length ? { done: { section: w, bytes: whole } } : {}) };
        }
      }
    }
    const chunks = chunksOf();
    const readChunk = (c: Chunk): Promise<Chunk> => readInto(c.into, CHECKSUM_BYTES + c.offset).then(() => c);
    const first = chunks.next();
    let reading = first.done ? undefined : readChunk(first.value);
    while (reading) {
      const chunk = await reading;
      // Started before this chunk is hashed and decoded; its failure is met when it is awaited, on the next turn.
      const next = chunks.next();
      reading = next.done ? undefined : readChunk(next.value);
      reading?.catch(() => undefined);
      hash.update(chunk.into);
      if (chunk.done) decoder?.add(chunk.done.section, chunk.done.bytes);
    }
    hash.update(headerBytes).update(footer);
    if (!timingSafeEqual(expected, hash.digest())) throw new IndexCacheError('authentication failed: not written by this installation, or changed since');
    return decoder ? decoder.finish() : { manifest: header.manifest, records: new Map() };
  } catch (e) {
    // A short read or a bad section is damage, like a wrong checksum; a system error is not.
    throw e instanceof IndexCacheError || !(e as NodeJS.ErrnoException).code ? new IndexCacheError(errorText(e)) : new Error(systemErrorText(e));
  } finally {
    await handle.close();
  }
}

/** Bytes of the HMAC-SHA-256 of the body at the start of a cache file. */
const CHECKSUM_BYTES = 32;

/** A cache file is read in pieces of this size, each hashed while the next is read (tests pass less to {@link readIndexCacheFile}). */
export const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Writes a cache file atomically: a temporary file in the same folder, then a
 * rename. The body comes in parts, written one by one and authenticated as
 * they go, so saving a large index holds no second copy of it in memory; the
 * HMAC is filled in at the start of the file last.
 */
export async function writeIndexCacheFile(file: string, body: Uint8Array | Iterable<Uint8Array>): Promise<void> {
  const parts: Iterable<Uint8Array> = body instanceof Uint8Array ? [body] : body;
  await ensureFolder(path.dirname(file));
  await removeAbandonedTemporaries(file);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const key = await cacheKeyFor(file);
    const handle = await fs.open(tmp, 'w');
    try {
      const hash = createHmac('sha256', key);
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

/** A temporary cache file untouched this long was abandoned (a write takes seconds: each part is written as it is made). */
export const ABANDONED_TEMPORARY_MS = 10 * 60_000;

/**
 * Removes temporary files of `file` that a writer abandoned: the language
 * server saves a cache after handing the index out, so a server stopped
 * mid-save (the editor closed) leaves one behind, as large as the cache. One
 * still being written by another process is recent, and kept.
 */
export async function removeAbandonedTemporaries(file: string, now = Date.now()): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^\d+\.[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length))) continue;
    const tmp = path.join(dir, name);
    const st = await fs.lstat(tmp).catch(() => undefined);
    if (st?.isFile() && now - st.mtimeMs > ABANDONED_TEMPORARY_MS) await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** Bytes of the installation's cache key. */
const KEY_BYTES = 32;

/** Keys already read, by key file: read once per process. */
const keys = new Map<string, Promise<Buffer>>();

/**
 * The secret key that authenticates the cache files of the folder holding
 * `cacheFile`: `<folder>.key` beside that folder (in the folder's parent, so
 * whoever may replace the cache folder's contents need not reach it), 32
 * random bytes, mode 0600. Made once, atomically (written under another
 * name, then linked into place, so two processes starting together agree on
 * one key); read without following a symbolic link; a key file that is not a
 * regular file of 32 bytes is an error (the cache is then neither read nor
 * written, and the corpus is indexed without it).
 */
export function cacheKeyFor(cacheFile: string): Promise<Buffer> {
  const folder = path.dirname(path.resolve(cacheFile));
  const keyFile = `${folder}.key`;
  let key = keys.get(keyFile);
  if (!key) {
    key = readOrMakeKey(keyFile);
    keys.set(keyFile, key);
    key.catch(() => keys.delete(keyFile)); // a failure is retried next time
  }
  return key;
}

async function readOrMakeKey(keyFile: string): Promise<Buffer> {
  const existing = await readKey(keyFile);
  if (existing) return existing;
  await ensureFolder(path.dirname(keyFile));
  const tmp = `${keyFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    await fs.link(tmp, keyFile).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e; // another process made it first: use theirs
    });
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
  const made = await readKey(keyFile);
  if (!made) throw new Error(`cannot make the cache key ${keyFile}`);
  return made;
}

/** The key in `keyFile`, undefined when there is none; throws when it exists but is not a key. */
async function readKey(keyFile: string): Promise<Buffer | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(keyFile, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the cache key ${keyFile}: ${systemErrorText(e)}`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile() || st.size !== KEY_BYTES) throw new Error(`the cache key ${keyFile} is not a key (expected ${KEY_BYTES} bytes)`);
    const key = Buffer.alloc(KEY_BYTES);
    const { bytesRead } = await handle.read(key, 0, KEY_BYTES, 0);
    if (bytesRead !== KEY_BYTES) throw new Error(`the cache key ${keyFile} is short`);
    return key;
  } finally {
    await handle.close();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A system error by its code (`EACCES`), as users search for it. */
function systemErrorText(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? errorText(e);
}
