/**
 * How every output names where a cited transcript passage was said:
 * `interview-ward.vtt 00:12:31 Peter Ward`. Shared by the CLI formats, the
 * hover and the fact-check memo, so they read alike. Pure (no I/O).
 */

/** What a citation needs for its place: the file, and a transcript's cue time and speaker when it has them. */
export interface CitationPlaceParts {
  path: string;
  timestamp?: string;
  speaker?: string;
}

/** The last segment of a path or URI. */
export function fileBaseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}

/**
 * `file.vtt 00:12:31 Speaker` for a citation of a transcript (the speaker
 * left out when the turn is unlabelled), or undefined for an article.
 */
export function transcriptPlace(c: CitationPlaceParts, fileName = fileBaseName(c.path)): string | undefined {
  if (c.timestamp === undefined) return undefined;
  return c.speaker !== undefined ? `${fileName} ${c.timestamp} ${c.speaker}` : `${fileName} ${c.timestamp}`;
}
