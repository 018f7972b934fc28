import * as path from 'node:path';

/** A corpus or draft path as the CLI prints it: relative to the working folder when it is absolute. */
export function displayPath(p: string, cwd: string): string {
  return path.isAbsolute(p) ? path.relative(cwd, p) || p : p;
}
