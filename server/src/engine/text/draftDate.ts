/**
 * The date a draft's relative dates ("last year", "on Thursday") are read
 * against: its front matter's `date:` when it has one (a Markdown draft
 * opening with `---`), else the date the host configures (a setting, or
 * today: the engine has no clock of its own).
 */

const FRONT_MATTER_RE = /^\uFEFF?---[ \t]*\r?\n([\s\S]{0,4000}?)\r?\n---[ \t]*(?:\r?\n|$)/;
const DATE_LINE_RE = /^date:[ \t]*["']?(\d{4}-\d{2}-\d{2})/m;

/** `YYYY-MM-DD` from the draft's front matter, else `fallback` (when it is a well-formed date), else undefined. */
export function draftReferenceDate(text: string, fallback?: string): string | undefined {
  const front = FRONT_MATTER_RE.exec(text);
  const own = front ? DATE_LINE_RE.exec(front[1])?.[1] : undefined;
  if (own) return own;
  return fallback && /^\d{4}-\d{2}-\d{2}/.test(fallback) ? fallback.slice(0, 10) : undefined;
}
