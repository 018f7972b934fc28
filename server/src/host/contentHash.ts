/** The content hash the index cache compares corpus files by. */
import { createHash } from 'node:crypto';
import type { IncrementalHash } from '../engine/api';

/** SHA-256 of some bytes, hex. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** {@link contentHash} fed piece by piece (for files read as a stream): the same hex for the same bytes. */
export function contentHasher(): IncrementalHash {
  const hash = createHash('sha256');
  return {
    update: (bytes) => void hash.update(bytes),
    digest: () => hash.digest('hex'),
  };
}
