/**
 * A list of strings as one binary section of the index cache (the token
 * stream's vocabulary): a small header, the end of each string in UTF-16
 * units, then the strings' text, decoded once and sliced. No JSON to parse,
 * no per-item type check: only the ends are checked to rise and to meet the
 * text's length.
 *
 *     "FCST" | strings | string-table encoding (0 UTF-8, 1 UTF-16) | byte count
 *     | ends (u32 × strings) | bytes
 */
import { IndexCacheError } from './indexCacheError';

const MARK = 0x5453_4346; // "FCST"
const HEADER_BYTES = 16;

/** Encodes `strings` (in the host's byte order, as the cache header records). */
export function encodeStringList(strings: readonly string[]): Uint8Array {
  const all = strings.join('');
  const utf16 = !isWellFormed(all);
  const bytes = utf16 ? utf16Bytes(all) : new TextEncoder().encode(all);
  const out = new Uint8Array(HEADER_BYTES + strings.length * 4 + bytes.length);
  const u32 = new Uint32Array(out.buffer, 0, HEADER_BYTES / 4 + strings.length);
  u32.set([MARK, strings.length, utf16 ? 1 : 0, bytes.length]);
  let end = 0;
  for (let i = 0; i < strings.length; i++) u32[HEADER_BYTES / 4 + i] = end += strings[i].length;
  out.set(bytes, HEADER_BYTES + strings.length * 4);
  return out;
}

/** Decodes what {@link encodeStringList} wrote; throws {@link IndexCacheError} (naming `what`) unless it is exactly that. */
export function decodeStringList(bytes: Uint8Array, what: string): string[] {
  const fail = (why: string): never => {
    throw new IndexCacheError(`${what}: ${why}`);
  };
  if (bytes.length < HEADER_BYTES) fail('section too short');
  const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const [mark, count, encoding, byteCount] = new Uint32Array(own.buffer, own.byteOffset, HEADER_BYTES / 4);
  if (mark !== MARK || encoding > 1) fail('not a string list');
  if (HEADER_BYTES + count * 4 + byteCount !== own.length) fail('section length does not match its header (truncated?)');
  const ends = new Uint32Array(own.buffer, own.byteOffset + HEADER_BYTES, count);
  const all = decodeStringTable(own.subarray(HEADER_BYTES + count * 4), encoding === 1, fail);
  const out = new Array<string>(count);
  let prev = 0;
  for (let i = 0; i < count; i++) {
    const end = ends[i];
    if (end < prev) fail('the strings are out of order');
    out[i] = all.slice(prev, end);
    prev = end;
  }
  if (prev !== all.length) fail('the strings do not match their text');
  return out;
}

/** The text of a string table: UTF-8, or UTF-16 code units when `utf16`. */
export function decodeStringTable(blob: Uint8Array, utf16: boolean, fail: (why: string) => never): string {
  if (!utf16) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(blob);
    } catch {
      return fail('the string table does not decode');
    }
  }
  if (blob.length % 2 !== 0) fail('the string table is malformed');
  const units = new Uint16Array(blob.slice().buffer);
  let all = '';
  for (let i = 0; i < units.length; i += 8192) all += String.fromCharCode(...units.subarray(i, i + 8192));
  return all;
}

/** UTF-16 code units of `s` as bytes: exact for any string, lone surrogates included. */
export function utf16Bytes(s: string): Uint8Array {
  const units = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
  return new Uint8Array(units.buffer);
}

/**
 * Whether `s` has no lone surrogate: UTF-8 gives back exactly the code units
 * of such text only (`String.prototype.isWellFormed` where the runtime has it).
 */
export function isWellFormed(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
