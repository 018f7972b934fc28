import * as path from 'node:path';
import { quoteName } from './terminalText';

/**
 * A corpus or draft path as the CLI prints it: relative to the working folder
 * when it is absolute, and quoted with escapes when it holds a control, bidi
 * or zero-width character (see {@link quoteName}).
 */
export function displayPath(p: string, cwd: string): string {
  return quoteName(path.isAbsolute(p) ? path.relative(cwd, p) || p : p);
}
