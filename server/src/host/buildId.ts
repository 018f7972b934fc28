/** Which build of factcheck is running, for the index cache. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { packageVersion } from './packageInfo';

/**
 * An id of the running build of factcheck: the package version and the hash
 * of the bundle (or module) file that is running. Any change to the code,
 * extraction included, gives a new id, so a cache is never read by code that
 * would extract differently.
 */
export function runningBuildId(moduleFile: string, version: string = packageVersion()): string {
  try {
    return `${version}+${createHash('sha256').update(readFileSync(moduleFile)).digest('hex').slice(0, 16)}`;
  } catch {
    return version;
  }
}
