/**
 * Bytes → string for corpus files, refusing binary files.
 *
 * Positions reported to editors are in the decoded text without its byte
 * order mark (editors hide the BOM), so the BOM is dropped here and nowhere
 * else has to think about it.
 */

/** The decoded file, or why it cannot be read as text. */
export type DecodeResult = { ok: true; source: string; note?: string } | { ok: false; message: string };

/** Fraction of invalid UTF-8 sequences above which a file is taken for binary. */
const MAX_INVALID_RATIO = 0.1;

/**
 * Decodes a corpus file: UTF-8 (BOM stripped), or UTF-16 when it starts with a
 * UTF-16 BOM. Files with NUL bytes, or where invalid UTF-8 is common, are
 * refused as binary. A few invalid bytes (a stray Latin-1 character) are
 * replaced by U+FFFD and reported in `note`, so one bad byte does not cost a
 * whole article.
 */
export function decodeCorpusBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, source: stripBom(new TextDecoder('utf-16le').decode(bytes.subarray(2))) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, source: stripBom(new TextDecoder('utf-16be').decode(bytes.subarray(2))) };
  }
  if (bytes.indexOf(0) >= 0) return { ok: false, message: 'binary file (contains NUL bytes), skipped' };
  try {
    return { ok: true, source: stripBom(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)) };
  } catch {
    // Fall through: count the damage.
  }
  const lossy = stripBom(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  let invalid = 0;
  for (let i = lossy.indexOf('\ufffd'); i >= 0; i = lossy.indexOf('\ufffd', i + 1)) invalid++;
  if (invalid > Math.max(2, lossy.length * MAX_INVALID_RATIO)) {
    return { ok: false, message: 'binary file (not valid UTF-8 text), skipped' };
  }
  return { ok: true, source: lossy, note: `${invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD` };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
