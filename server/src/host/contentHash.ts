/** The content hash the index cache compares corpus files by. */
import { createHash } from 'node:crypto';

/** SHA-256 of some bytes, hex. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
