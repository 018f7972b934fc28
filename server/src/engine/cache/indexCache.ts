/**
 * The persistent form of a corpus index: pure serialisation to and from
 * bytes (the host reads and writes the file, and hashes the corpus).
 *
 * Layout (all integers little-endian u32):
 *
 *     "FCIDX\0\0\0" | format version | header length | header JSON (UTF-8)
 *     | padding to 4 | sections...
 *
 * The header holds the manifest (corpus files with sizes and content hashes,
 * each file's warnings) and a table of sections (name, offset, length).
 * Sections: `records` (UTF-8 JSON: the extracted articles of each file, in
 * manifest order) and the token stream (`words` as JSON, four Uint32Arrays
 * as raw bytes). Postings, people and dates are derived again on load (linear
 * and fast); extraction, the slow part, is never redone for an unchanged file.
 *
 * Anything that does not decode exactly (magic, version, lengths, JSON,
 * array invariants) throws {@link IndexCacheError}: a cache is never trusted
 * on a guess.
 */
import type { ArticleMeta, CorpusWarning, DateMention, PersonMention, QuoteMention } from '../types';
import type { ArticleRecord, SentenceRecord } from '../index/articleRecord';
import type { TokenStream } from '../index/tokenIndex';

/**
 * Version of the cache format and of what the extractors put in it. Bump it
 * whenever the layout, `ArticleRecord` or an extractor's output changes, so
 * old caches are rebuilt rather than misread.
 */
export const INDEX_FORMAT_VERSION = 2;

const MAGIC = [0x46, 0x43, 0x49, 0x44, 0x58, 0, 0, 0]; // "FCIDX\0\0\0"

/** A corpus file as the cache knows it. */
export interface CachedFileEntry {
  path: string;
  size: number;
  /** Content hash (hex), computed by the host. */
  hash: string;
  /** The warnings extracting it gave, replayed on a cache hit. */
  warnings: CorpusWarning[];
}

/** What a cache file says about itself. */
export interface IndexCacheManifest {
  formatVersion: number;
  /** An identifier of the engine build that wrote it (the package version, say): a different one invalidates. */
  engineVersion: string;
  /** Files in index order (sorted by path). */
  files: CachedFileEntry[];
  createdAt: string;
}

/** A decoded cache: the manifest, the records of each file, and the token stream if it was saved. */
export interface DecodedIndexCache {
  manifest: IndexCacheManifest;
  /** Path → extracted articles of that file. */
  records: Map<string, ArticleRecord[]>;
  tokens?: TokenStream;
}

/** A cache that cannot be used (corrupt, truncated, another version). */
export class IndexCacheError extends Error {}

interface Section {
  name: string;
  offset: number;
  length: number;
}

interface Header {
  manifest: IndexCacheManifest;
  sections: Section[];
  littleEndian: boolean;
}

/** A record as stored: the path comes from its file, sentences are flat numbers, quote texts are re-sliced. */
interface StoredRecord {
  id: string;
  meta: ArticleMeta;
  text: string;
  /** start, end, from.line, from.character, to.line, to.character per sentence. */
  s: number[];
  q: Array<Omit<QuoteMention, 'text'>>;
  p: PersonMention[];
  d: DateMention[];
}

const TOKEN_ARRAYS = ['tokenWord', 'tokenStart', 'tokenEnd', 'articleFirstToken'] as const;

/**
 * Encodes a cache as a list of byte parts to be written one after the other:
 * the header, then a records section per corpus file (so no part holds the
 * whole corpus as one JSON string), then the token arrays as raw bytes. The
 * parts concatenated are the cache body ({@link encodeIndexCache}).
 */
export function encodeIndexCacheParts(
  manifest: IndexCacheManifest,
  recordsOf: (path: string) => readonly ArticleRecord[] | undefined,
  tokens?: TokenStream,
): Uint8Array[] {
  const enc = new TextEncoder();
  const blobs: Array<{ name: string; bytes: Uint8Array }> = [];
  manifest.files.forEach((f, i) => {
    blobs.push({ name: `records/${i}`, bytes: enc.encode(JSON.stringify((recordsOf(f.path) ?? []).map(toStored))) });
  });
  if (tokens) {
    blobs.push({ name: 'words', bytes: enc.encode(JSON.stringify(tokens.words)) });
    for (const name of TOKEN_ARRAYS) {
      const arr = tokens[name];
      blobs.push({ name, bytes: new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength) });
    }
  }
  // The header's size depends on the offsets it holds: lay sections out relative to the data start, then shift.
  const sections: Section[] = [];
  let rel = 0;
  for (const b of blobs) {
    sections.push({ name: b.name, offset: rel, length: b.bytes.length });
    rel = align4(rel + b.bytes.length);
  }
  const headerOf = (base: number): Uint8Array =>
    enc.encode(JSON.stringify({ manifest, littleEndian: isLittleEndian(), sections: sections.map((s) => ({ ...s, offset: s.offset + base })) } satisfies Header));
  let base = align4(16 + headerOf(0).length + 64);
  let header = headerOf(base);
  // Offsets are written as decimal digits: growing them may grow the header; settle the fixed point.
  while (align4(16 + header.length) > base) {
    base = align4(16 + header.length + 64);
    header = headerOf(base);
  }
  const head = new Uint8Array(base);
  head.set(MAGIC, 0);
  const view = new DataView(head.buffer);
  view.setUint32(8, INDEX_FORMAT_VERSION, true);
  view.setUint32(12, header.length, true);
  head.set(header, 16);
  const parts: Uint8Array[] = [head];
  blobs.forEach((b, i) => {
    parts.push(b.bytes);
    const pad = align4(sections[i].offset + b.bytes.length) - (sections[i].offset + b.bytes.length);
    if (pad > 0 && i < blobs.length - 1) parts.push(new Uint8Array(pad));
  });
  return parts;
}

/** The whole cache body in one buffer (see {@link encodeIndexCacheParts}; hosts should write the parts instead). */
export function encodeIndexCache(
  manifest: IndexCacheManifest,
  recordsOf: (path: string) => readonly ArticleRecord[] | undefined,
  tokens?: TokenStream,
): Uint8Array {
  const parts = encodeIndexCacheParts(manifest, recordsOf, tokens);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads only the manifest of a cache (cheap: no records are parsed). */
export function readIndexCacheManifest(bytes: Uint8Array): IndexCacheManifest {
  return readHeader(bytes).manifest;
}

/** Decodes a cache written by {@link encodeIndexCache}; throws {@link IndexCacheError} when it is not exactly that. */
export function decodeIndexCache(bytes: Uint8Array): DecodedIndexCache {
  const header = readHeader(bytes);
  const section = (name: string): Uint8Array | undefined => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) return undefined;
    if (!Number.isInteger(s.offset) || !Number.isInteger(s.length) || s.offset < 0 || s.length < 0 || s.offset + s.length > bytes.length) {
      throw new IndexCacheError(`section ${name} lies outside the file (truncated?)`);
    }
    return bytes.subarray(s.offset, s.offset + s.length);
  };
  const dec = new TextDecoder('utf-8', { fatal: true });
  const { files } = header.manifest;
  const records = new Map<string, ArticleRecord[]>();
  files.forEach((f, i) => {
    const bytes = section(`records/${i}`);
    if (!bytes) throw new IndexCacheError(`no records for ${f.path}`);
    let stored: StoredRecord[];
    try {
      stored = JSON.parse(dec.decode(bytes)) as StoredRecord[];
    } catch (e) {
      throw new IndexCacheError(`records of ${f.path} do not decode: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!Array.isArray(stored)) throw new IndexCacheError(`records of ${f.path} are malformed`);
    records.set(f.path, stored.map((r) => fromStored(r, f.path)));
  });
  let tokens: TokenStream | undefined;
  const wordsBytes = section('words');
  if (wordsBytes) {
    if (header.littleEndian !== isLittleEndian()) throw new IndexCacheError('written on a machine of another byte order');
    let words: string[];
    try {
      words = JSON.parse(dec.decode(wordsBytes)) as string[];
    } catch {
      throw new IndexCacheError('vocabulary does not decode');
    }
    if (!Array.isArray(words)) throw new IndexCacheError('vocabulary is malformed');
    const arrays = TOKEN_ARRAYS.map((name) => {
      const b = section(name);
      if (!b || b.length % 4 !== 0) throw new IndexCacheError(`token section ${name} is missing or malformed`);
      // Copied out, so the file's bytes (records JSON included) can be freed.
      const copy = new Uint8Array(b.length);
      copy.set(b);
      return new Uint32Array(copy.buffer);
    });
    const [tokenWord, tokenStart, tokenEnd, articleFirstToken] = arrays;
    tokens = { words, tokenWord, tokenStart, tokenEnd, articleFirstToken };
  }
  return { manifest: header.manifest, records, tokens };
}

function readHeader(bytes: Uint8Array): Header {
  if (bytes.length < 16) throw new IndexCacheError('file too short');
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) throw new IndexCacheError('not a factcheck index cache');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== INDEX_FORMAT_VERSION) throw new IndexCacheError(`format version ${version}, this build reads ${INDEX_FORMAT_VERSION}`);
  const len = view.getUint32(12, true);
  if (16 + len > bytes.length) throw new IndexCacheError('header is truncated');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + len))) as Header;
  } catch {
    throw new IndexCacheError('header does not decode');
  }
  const m = header?.manifest;
  if (!m || m.formatVersion !== INDEX_FORMAT_VERSION || !Array.isArray(m.files) || !Array.isArray(header.sections)) {
    throw new IndexCacheError('header is malformed');
  }
  return header;
}

function toStored(r: ArticleRecord): StoredRecord {
  const s: number[] = [];
  for (const x of r.sentences) s.push(x.start, x.end, x.from.line, x.from.character, x.to.line, x.to.character);
  return {
    id: r.id,
    meta: r.meta,
    text: r.text,
    s,
    q: r.quotes.map(({ text: _text, ...rest }) => rest),
    p: r.people,
    d: r.dates,
  };
}

function fromStored(r: StoredRecord, path: string): ArticleRecord {
  if (typeof r?.text !== 'string' || typeof r.id !== 'string' || !Array.isArray(r.s) || r.s.length % 6 !== 0) {
    throw new IndexCacheError(`a record of ${path} is malformed`);
  }
  const sentences: SentenceRecord[] = [];
  for (let i = 0; i < r.s.length; i += 6) {
    const [start, end, fl, fc, tl, tc] = r.s.slice(i, i + 6);
    if (!(start <= end && end <= r.text.length)) throw new IndexCacheError(`a sentence of ${r.id} lies outside its text`);
    sentences.push({ start, end, from: { line: fl, character: fc }, to: { line: tl, character: tc } });
  }
  const quotes: QuoteMention[] = r.q.map((q) => {
    if (!(q.span.start <= q.span.end && q.span.end <= r.text.length)) throw new IndexCacheError(`a quotation of ${r.id} lies outside its text`);
    return { ...q, text: r.text.slice(q.span.start, q.span.end) };
  });
  return { id: r.id, path, meta: r.meta ?? {}, text: r.text, sentences, quotes, people: r.p ?? [], dates: r.d ?? [] };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}
