/**
 * The persistent form of a corpus index: pure serialisation to and from
 * bytes (the host reads and writes the file, and hashes the corpus).
 *
 * Layout (integers little-endian u32):
 *
 *     "FCIDX\0\0\0" | format version | reserved
 *     | sections (each padded to 4) | header JSON (UTF-8)
 *     | footer: header offset (low, high) | header length | "FIDX"
 *
 * The header comes last so that sections can be written as they are made;
 * it holds the manifest (corpus files with sizes and content hashes, each
 * file's warnings) and a table of sections (name, offset, length). Sections:
 * `records/<i>/<k>` (chunk k of the extracted articles of manifest file i, as
 * integers and a string table: `binaryRecords.ts`) and
 * the token stream (`words` as a string list, `binaryStrings.ts`; word ids
 * and article starts as Uint32Arrays, token offsets as Uint16Arrays or
 * Uint32Arrays (`OffsetArray`: the section's length says which), raw bytes),
 * and since format 7 its postings (`postingStart`, `postings`: Uint32Arrays,
 * checked against the stream on load; sorting the tokens by word again cost
 * more than reading them). Since format 8, the tables an index makes on
 * first use: the fuzzy name index (`nameIndex`) and the title table's post
 * keys by role text (`roleKeys`), see `savedTables.ts`; since format 9, the
 * people table (`people`: a fresh worker took ~250 ms to make it, after the
 * hand-out but before the first name look-up). Dates are derived again on
 * first use; extraction, the slow part, is never redone for an unchanged file.
 *
 * Anything that does not decode exactly (magic, version, lengths, bounds,
 * array invariants) throws {@link IndexCacheError}: a cache is never trusted
 * on a guess.
 */
import type { HeldFileEntry } from '../index/builder';
import type { ArticleRecord } from '../index/articleRecord';
import type { OffsetArray, Postings, TokenStream } from '../index/tokenIndex';
import type { SavedIndexTables } from '../index/corpusIndex';
import { decodeRecordChunk, encodeRecordChunk } from './binaryRecords';
import { decodeStringList, encodeStringList } from './binaryStrings';
import { checkedFileEntry } from './checkRecord';
import { decodeNameIndex, decodePeopleTable, decodeRoleKeys, decodeTableCounts, encodeNameIndex, encodePeopleTable, encodeRoleKeys, encodeTableCounts } from './savedTables';
import { IndexCacheError } from './indexCacheError';

export { IndexCacheError };

/**
 * Version of the cache format and of what the extractors put in it. Bump it
 * whenever the layout, `ArticleRecord` or an extractor's output changes, so
 * old caches are rebuilt rather than misread.
 */
export const INDEX_FORMAT_VERSION = 9;

const MAGIC = [0x46, 0x43, 0x49, 0x44, 0x58, 0, 0, 0]; // "FCIDX\0\0\0"

/**
 * A corpus file as the cache knows it: path, size, content hash (hex, computed
 * by the host) and the warnings extracting it gave, replayed on a cache hit.
 */
export type CachedFileEntry = HeldFileEntry;

/** What a cache file says about itself. */
export interface IndexCacheManifest {
  formatVersion: number;
  /** An identifier of the engine build that wrote it (the package version, say): a different one invalidates. */
  engineVersion: string;
  /** Files in index order (sorted by path). */
  files: CachedFileEntry[];
  createdAt: string;
}

/** A decoded cache: the manifest, the records of each file, and the token stream (and its postings) if they were saved. */
export interface DecodedIndexCache {
  manifest: IndexCacheManifest;
  /** Path → extracted articles of that file. */
  records: Map<string, ArticleRecord[]>;
  tokens?: TokenStream;
  /** The postings of {@link tokens}, when they were saved with them (checked against the stream when used: `postingsFit`). */
  postings?: Postings;
  /** Tables the index makes on first use, when they were saved (format 8): for `CorpusIndex.useSavedTables` once the tokens fit. */
  tables?: SavedIndexTables;
}

/** Where a section of the cache body stands. */
export interface Section {
  name: string;
  offset: number;
  length: number;
}

interface Header {
  manifest: IndexCacheManifest;
  sections: Section[];
  littleEndian: boolean;
}

/** The parsed header of a cache: its manifest and the table of sections. */
export type IndexCacheHeader = Header;

const TOKEN_ARRAYS = ['tokenWord', 'tokenStart', 'tokenEnd', 'articleFirstToken'] as const;
/** Sections of the token stream's postings (format 7): optional, written when the index has them. */
const POSTING_ARRAYS = ['postingStart', 'postings'] as const;
/** Every section kept as a typed array over its own bytes. */
const ARRAY_SECTIONS: readonly string[] = [...TOKEN_ARRAYS, ...POSTING_ARRAYS];
/** Sections of the tables an index makes on first use (format 8; `savedTables.ts`). */
const NAME_INDEX = 'nameIndex';
const ROLE_KEYS = 'roleKeys';
const TABLE_COUNTS = 'tableCounts';
/** The people table's section (format 9; `savedTables.ts`). */
const PEOPLE = 'people';

/** Articles per records section: a few megabytes at a time. */
const RECORDS_PER_CHUNK = 2000;

/** Bytes before the first section: magic, format version, reserved. */
export const CACHE_PREFIX_BYTES = 16;
/** Bytes of the footer: header offset (two u32: low, high), header length, magic end mark. */
export const CACHE_FOOTER_BYTES = 16;
const FOOTER_MARK = 0x5844_4946; // "FIDX"

/**
 * Encodes a cache as a sequence of byte parts to write one after the other:
 * a prefix, one records section per corpus file, the token arrays, then the
 * header (which needs every section's place) and a fixed-size footer that
 * points at it. Each part is made only when the writer asks for it, so saving
 * never holds more than one chunk of records encoded; the parts concatenated
 * are the cache body ({@link encodeIndexCache}). `tables` (asked for once
 * the tokens are written, so a writer that runs later makes them later) gives
 * the index's first-use tables to save.
 */
export function* encodeIndexCacheParts(
  manifest: IndexCacheManifest,
  recordsOf: (path: string) => readonly ArticleRecord[] | undefined,
  tokens?: TokenStream & Partial<Postings>,
  tables?: () => SavedIndexTables,
): Generator<Uint8Array> {
  const enc = new TextEncoder();
  const prefix = new Uint8Array(CACHE_PREFIX_BYTES);
  prefix.set(MAGIC, 0);
  new DataView(prefix.buffer).setUint32(8, INDEX_FORMAT_VERSION, true);
  yield prefix;
  const sections: Section[] = [];
  let at = CACHE_PREFIX_BYTES;
  function* section(name: string, bytes: Uint8Array): Generator<Uint8Array> {
    sections.push({ name, offset: at, length: bytes.length });
    yield bytes;
    at += bytes.length;
    const pad = align4(at) - at;
    if (pad > 0) {
      yield new Uint8Array(pad);
      at += pad;
    }
  }
  // A file's records go out in chunks: a 20 MB JSONL corpus in one section
  // would be garbage the size of the file, twice (strings and bytes), per file.
  for (let i = 0; i < manifest.files.length; i++) {
    const records = recordsOf(manifest.files[i].path) ?? [];
    for (let k = 0, from = 0; from < records.length || k === 0; k++, from += RECORDS_PER_CHUNK) {
      yield* section(`records/${i}/${k}`, encodeRecordChunk(records.slice(from, from + RECORDS_PER_CHUNK)));
    }
  }
  if (tokens) {
    yield* section('words', encodeStringList(tokens.words));
    for (const name of TOKEN_ARRAYS) {
      const arr = tokens[name];
      yield* section(name, new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    }
    // Saved so that a load need not sort the corpus's tokens by word again (it checks them instead: `postingsFit`).
    if (tokens.postingStart && tokens.postings) {
      for (const name of POSTING_ARRAYS) {
        const arr = tokens[name]!;
        yield* section(name, new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
      }
    }
  }
  if (tables) {
    const saved = tables();
    if (saved.nameIndex) yield* section(NAME_INDEX, encodeNameIndex(saved.nameIndex));
    yield* section(ROLE_KEYS, encodeRoleKeys(saved.roleKeys));
    if (saved.counts) yield* section(TABLE_COUNTS, encodeTableCounts(saved.counts));
    if (saved.people) yield* section(PEOPLE, encodePeopleTable(saved.people));
  }
  const header = enc.encode(JSON.stringify({ manifest, littleEndian: isLittleEndian(), sections } satisfies Header));
  yield header;
  const footer = new Uint8Array(CACHE_FOOTER_BYTES);
  const view = new DataView(footer.buffer);
  view.setUint32(0, at % 2 ** 32, true);
  view.setUint32(4, Math.floor(at / 2 ** 32), true);
  view.setUint32(8, header.length, true);
  view.setUint32(12, FOOTER_MARK, true);
  yield footer;
}

/** The whole cache body in one buffer (see {@link encodeIndexCacheParts}; hosts write the parts instead). */
export function encodeIndexCache(
  manifest: IndexCacheManifest,
  recordsOf: (path: string) => readonly ArticleRecord[] | undefined,
  tokens?: TokenStream & Partial<Postings>,
  tables?: () => SavedIndexTables,
): Uint8Array {
  const parts = [...encodeIndexCacheParts(manifest, recordsOf, tokens, tables)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Where the header stands, from the footer (the last {@link CACHE_FOOTER_BYTES} bytes of the body). */
export function readIndexCacheFooter(footer: Uint8Array, bodyLength: number): { offset: number; length: number } {
  if (footer.length !== CACHE_FOOTER_BYTES || bodyLength < CACHE_PREFIX_BYTES + CACHE_FOOTER_BYTES) throw new IndexCacheError('file too short');
  const view = new DataView(footer.buffer, footer.byteOffset, footer.byteLength);
  if (view.getUint32(12, true) !== FOOTER_MARK) throw new IndexCacheError('no end mark (truncated?)');
  const offset = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  const length = view.getUint32(8, true);
  if (offset < CACHE_PREFIX_BYTES || offset + length + CACHE_FOOTER_BYTES !== bodyLength) throw new IndexCacheError('header lies outside the file (truncated?)');
  return { offset, length };
}

/** Checks the prefix (magic and format version). */
export function checkIndexCachePrefix(prefix: Uint8Array): void {
  if (prefix.length < CACHE_PREFIX_BYTES) throw new IndexCacheError('file too short');
  for (let i = 0; i < MAGIC.length; i++) if (prefix[i] !== MAGIC[i]) throw new IndexCacheError('not a factcheck index cache');
  const version = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength).getUint32(8, true);
  if (version !== INDEX_FORMAT_VERSION) throw new IndexCacheError(`format version ${version}, this build reads ${INDEX_FORMAT_VERSION}`);
}

/** Parses the header bytes; throws {@link IndexCacheError} unless it is well-formed. */
export function parseIndexCacheHeader(bytes: Uint8Array, bodyLength: number): IndexCacheHeader {
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Header;
  } catch {
    throw new IndexCacheError('header does not decode');
  }
  const m = header?.manifest;
  if (!m || m.formatVersion !== INDEX_FORMAT_VERSION || !Array.isArray(m.files) || !Array.isArray(header.sections)) {
    throw new IndexCacheError('header is malformed');
  }
  if (typeof m.engineVersion !== 'string' || typeof m.createdAt !== 'string' || typeof header.littleEndian !== 'boolean') throw new IndexCacheError('header is malformed');
  const files = m.files.map(checkedFileEntry);
  if (new Set(files.map((f) => f.path)).size !== files.length) throw new IndexCacheError('the manifest lists a file twice');
  for (const x of header.sections) {
    if (typeof x?.name !== 'string' || !Number.isInteger(x.offset) || !Number.isInteger(x.length) || x.offset < CACHE_PREFIX_BYTES || x.length < 0 || x.offset + x.length > bodyLength) {
      throw new IndexCacheError(`section ${String(x?.name)} lies outside the file (truncated?)`);
    }
  }
  // Only the known fields, checked: nothing else from the file rides along.
  const manifest: IndexCacheManifest = { formatVersion: m.formatVersion, engineVersion: m.engineVersion, files, createdAt: m.createdAt };
  return { manifest, littleEndian: header.littleEndian, sections: header.sections.map(({ name, offset, length }) => ({ name, offset, length })) };
}

/** Reads only the manifest of a cache body (cheap: no records are parsed). */
export function readIndexCacheManifest(bytes: Uint8Array): IndexCacheManifest {
  const { offset, length } = readIndexCacheFooter(bytes.subarray(bytes.length - CACHE_FOOTER_BYTES), bytes.length);
  checkIndexCachePrefix(bytes.subarray(0, CACHE_PREFIX_BYTES));
  return parseIndexCacheHeader(bytes.subarray(offset, offset + length), bytes.length).manifest;
}

/** Decodes a whole cache body written by {@link encodeIndexCache}; throws {@link IndexCacheError} when it is not exactly that. */
export function decodeIndexCache(bytes: Uint8Array): DecodedIndexCache {
  const { offset, length } = readIndexCacheFooter(bytes.subarray(Math.max(0, bytes.length - CACHE_FOOTER_BYTES)), bytes.length);
  checkIndexCachePrefix(bytes.subarray(0, CACHE_PREFIX_BYTES));
  const header = parseIndexCacheHeader(bytes.subarray(offset, offset + length), bytes.length);
  return decodeIndexCacheSections(header, (x) => bytes.slice(x.offset, x.offset + x.length));
}

/**
 * Decodes the sections of a cache, each read by `read` (a host reads them
 * from the file one by one, so no buffer holds the whole file).
 */
export function decodeIndexCacheSections(header: IndexCacheHeader, read: (section: Section) => Uint8Array): DecodedIndexCache {
  const decoder = new IndexCacheDecoder(header);
  for (const x of header.sections) if (decoder.wants(x)) decoder.add(x, read(x));
  return decoder.finish();
}

/**
 * Decodes a cache section by section as a host reads them, so that the
 * bytes of a section can go as soon as it is decoded: at 100,000 articles
 * the records sections are over 100 MB that would otherwise all be held at
 * once beside what they decode into. Sections may come in any order;
 * {@link finish} puts each file's chunks back in order and checks that
 * everything needed came.
 *
 * A host that authenticates the file as it reads it decodes before the
 * authentication is complete: the decoding trusts nothing (every bound is
 * checked, {@link IndexCacheError} otherwise), and the host throws the
 * result away unless the authentication then succeeds.
 */
export class IndexCacheDecoder {
  private readonly chunks = new Map<string, ArticleRecord[]>();
  /** Token sections as aligned bytes of their own, typed once all are in (offsets are 16- or 32-bit). */
  private readonly tokenBytes = new Map<string, Uint8Array>();
  private words?: string[];
  private nameIndex?: SavedIndexTables['nameIndex'];
  private roleKeys?: SavedIndexTables['roleKeys'];
  private counts?: SavedIndexTables['counts'];
  private people?: SavedIndexTables['people'];
  private readonly fileOf = new Map<string, string>();

  constructor(private readonly header: IndexCacheHeader) {
    // Records and token arrays are in the writer's byte order.
    if (header.littleEndian !== isLittleEndian()) throw new IndexCacheError('written on a machine of another byte order');
    header.manifest.files.forEach((f, i) => this.fileOf.set(`records/${i}/`, f.path));
  }

  /** Whether `section` is one this decoder reads (others are skipped). */
  wants(section: Section): boolean {
    const name = section.name;
    return this.recordsPath(name) !== undefined || name === 'words' || ARRAY_SECTIONS.includes(name) || name === NAME_INDEX || name === ROLE_KEYS || name === TABLE_COUNTS || name === PEOPLE;
  }

  /**
   * Whether the decoder keeps `section`'s bytes as they are (a token array
   * becomes the index's typed array over them): a host gives such a section
   * a buffer of its own. Any other section's bytes are only read while
   * {@link add} runs, so a host may read the next section into the same memory.
   */
  keeps(section: Section): boolean {
    return ARRAY_SECTIONS.includes(section.name);
  }

  /** Decodes one section's bytes; of a section it {@link keeps}, keeps them (else holds no reference to them once this returns). */
  add(section: Section, bytes: Uint8Array): void {
    const name = section.name;
    const path = this.recordsPath(name);
    if (path !== undefined) {
      if (this.chunks.has(name)) throw new IndexCacheError(`section ${name} appears twice`);
      this.chunks.set(name, decodeRecordChunk(bytes, path));
    } else if (name === 'words') {
      this.words = decodeStringList(bytes, 'the vocabulary');
    } else if (name === NAME_INDEX) {
      if (this.nameIndex) throw new IndexCacheError(`section ${name} appears twice`);
      this.nameIndex = decodeNameIndex(bytes);
    } else if (name === ROLE_KEYS) {
      if (this.roleKeys) throw new IndexCacheError(`section ${name} appears twice`);
      this.roleKeys = decodeRoleKeys(bytes);
    } else if (name === TABLE_COUNTS) {
      if (this.counts) throw new IndexCacheError(`section ${name} appears twice`);
      this.counts = decodeTableCounts(bytes);
    } else if (name === PEOPLE) {
      if (this.people) throw new IndexCacheError(`section ${name} appears twice`);
      this.people = decodePeopleTable(bytes);
    } else if (ARRAY_SECTIONS.includes(name)) {
      if (this.tokenBytes.has(name)) throw new IndexCacheError(`section ${name} appears twice`);
      // An aligned buffer of its own: a view into a larger one would keep that one alive.
      this.tokenBytes.set(name, bytes.byteOffset % 4 === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());
    }
  }

  /** The decoded cache, once every section has been added; throws {@link IndexCacheError} when one is missing. */
  finish(): DecodedIndexCache {
    const names = new Set(this.header.sections.map((x) => x.name));
    const records = new Map<string, ArticleRecord[]>();
    this.header.manifest.files.forEach((f, i) => {
      if (!names.has(`records/${i}/0`)) throw new IndexCacheError(`no records for ${f.path}`);
      const out: ArticleRecord[] = [];
      for (let k = 0; names.has(`records/${i}/${k}`); k++) {
        const chunk = this.chunks.get(`records/${i}/${k}`);
        if (!chunk) throw new IndexCacheError(`section records/${i}/${k} was not read`);
        for (const r of chunk) out.push(r);
      }
      records.set(f.path, out);
    });
    this.chunks.clear();
    let tokens: TokenStream | undefined;
    let postings: Postings | undefined;
    if (this.words) {
      const bytes = (name: string): Uint8Array => this.tokenBytes.get(name) ?? fail(`token section ${name} is missing or malformed`);
      const u32 = (name: string): Uint32Array => {
        const b = bytes(name);
        return b.length % 4 === 0 ? new Uint32Array(b.buffer, b.byteOffset, b.length / 4) : fail(`token section ${name} is missing or malformed`);
      };
      const tokenWord = u32('tokenWord');
      // Offsets are as wide as the writer made them: two or four bytes for each token.
      const offsets = (name: string): OffsetArray => {
        const b = bytes(name);
        if (b.length === tokenWord.length * 4) return new Uint32Array(b.buffer, b.byteOffset, tokenWord.length);
        if (b.length === tokenWord.length * 2) return new Uint16Array(b.buffer, b.byteOffset, tokenWord.length);
        return fail(`token section ${name} does not match the token count`);
      };
      tokens = { words: this.words, tokenWord, tokenStart: offsets('tokenStart'), tokenEnd: offsets('tokenEnd'), articleFirstToken: u32('articleFirstToken') };
      // Both or neither; whether they fit the stream is checked where they would be used (`postingsFit`).
      if (this.tokenBytes.has('postingStart') || this.tokenBytes.has('postings')) postings = { postingStart: u32('postingStart'), postings: u32('postings') };
    }
    // The name index only beside the role keys (a writer saves both or, when the name index cannot be imaged, the keys alone).
    const tables: SavedIndexTables | undefined = this.roleKeys
      ? { roleKeys: this.roleKeys, ...(this.nameIndex ? { nameIndex: this.nameIndex } : {}), ...(this.counts ? { counts: this.counts } : {}), ...(this.people ? { people: this.people } : {}) }
      : undefined;
    return { manifest: this.header.manifest, records, tokens, ...(postings ? { postings } : {}), ...(tables ? { tables } : {}) };
  }

  /** The file a `records/<i>/<k>` section belongs to, or undefined for another section. */
  private recordsPath(name: string): string | undefined {
    const m = /^(records\/\d+\/)\d+$/.exec(name);
    return m ? this.fileOf.get(m[1]) : undefined;
  }
}

function fail(what: string): never {
  throw new IndexCacheError(what);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}
