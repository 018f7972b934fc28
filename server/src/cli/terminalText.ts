/**
 * What the CLI prints from outside its own code — corpus file names, draft
 * paths, warning messages — made inert for a terminal. Corpus text is made
 * safe by the engine (`displaySafe`); names and paths come from the file
 * system and are the CLI's to guard: a newline in a corpus file name must not
 * forge a `file:line:col` line, an ESC must not drive the terminal, and an
 * RLO must not reverse what follows.
 */
import { displaySafe } from '../engine/api';

/** Characters that must never reach a terminal raw from a name: C0 and C1 controls, DEL, bidi controls, zero-width characters, BOM, line and paragraph separators. */
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const UNSAFE_IN_NAME_GLOBAL = new RegExp(UNSAFE_IN_NAME.source, 'g');
/** The same less C0 (which `JSON.stringify` escapes itself; its own line breaks between members must stay). */
const RAW_IN_JSON_GLOBAL = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** C-style escapes for the common controls (as `ls -b` prints them); the rest as `\xNN` or `\uNNNN`. */
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * A file name or path as printed: unchanged when it is plain; otherwise in
 * double quotes with every unsafe character escaped (as `ls --quoting-style=c`
 * does, and `"` and `\` escaped inside), so the name is still readable and
 * can be told apart from a neighbour's.
 *
 * @example quoteName('corpus/a\nb.txt') // '"corpus/a\\nb.txt"'
 */
export function quoteName(name: string): string {
  if (!UNSAFE_IN_NAME.test(name)) return name;
  return `"${name.replace(/["\\]/g, (c) => `\\${c}`).replace(UNSAFE_IN_NAME_GLOBAL, escapeChar)}"`;
}

/**
 * A message, title or suggestion on one line for the terminal: `displaySafe`
 * (controls made visible) and line breaks folded to spaces, so text that
 * embeds a name or a corpus string cannot start a line of its own.
 */
export function terminalLine(text: string): string {
  return displaySafe(text).replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}

/**
 * JSON text with every character that could act in a terminal or editor
 * written as a `\uNNNN` escape. `JSON.stringify` escapes C0 controls but
 * leaves C1 controls, bidi overrides and zero-width characters raw; outside
 * strings JSON is ASCII, so escaping them anywhere keeps the same value.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(RAW_IN_JSON_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return SHORT_ESCAPES[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}
