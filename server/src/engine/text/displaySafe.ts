/**
 * Corpus text is untrusted: a control character or a bidirectional override
 * in an article must never act in the terminal (ESC sequences clear the
 * screen, plant hyperlinks, fake output) or the editor (RLO reverses what a
 * reader sees). Everything the engine shows from the corpus goes through
 * {@link displaySafe}.
 *
 * Replacements keep the string's length (one UTF-16 unit for one), so spans
 * into the text (a citation's `match`) stay right.
 */

/**
 * The text with every character that could act instead of being read made
 * visible and inert: C0 controls other than tab, line feed and carriage
 * return become their Unicode "control picture" (ESC → ␛, NUL → ␀), DEL → ␡;
 * C1 controls, bidirectional embeddings, overrides and isolates, zero-width
 * characters and the byte-order mark become U+FFFD (�). Tabs and line
 * breaks are left for the caller (they fold to spaces on one-line displays).
 *
 * @example displaySafe('ok\u001b[2Jgone') // 'ok␛[2Jgone'
 */
export function displaySafe(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_GLOBAL, replacement) : text;
}

/** True when {@link displaySafe} would change `text`. */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

// C0 (but \t \n \r), DEL, C1, zero-width and joiners (200B–200F: ZWSP, ZWNJ, ZWJ, LRM, RLM), bidi embeddings and
// overrides (202A–202E), word joiner and invisible operators (2060–2064), bidi isolates (2066–2069), BOM (FEFF).
const UNSAFE_SOURCE = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]';
const UNSAFE = new RegExp(UNSAFE_SOURCE);
const UNSAFE_GLOBAL = new RegExp(UNSAFE_SOURCE, 'g');

function replacement(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}
