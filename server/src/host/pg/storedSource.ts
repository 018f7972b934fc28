/**
 * The stored text of a cited article, for "open source" on a machine that
 * cannot reach the corpus file (a reporter's laptop against the newsroom's
 * database): the article a citation points into (its file, and the sentence
 * holding the cited position in that file's coordinates), its text exactly as
 * ingested, and where the cited sentences stand in that text.
 */
import { computeLineStarts, displaySafe, positionAt, type SourcePosition } from '../../engine/api';
import { recordFromRow, type StoredRecord } from './articleRows';
import type { PgPool } from './pool';
import { sqlSafe } from './sqlText';

/** An article's stored text, with the cited place in it. */
export interface StoredSource {
  articleId: string;
  title?: string;
  /** The article's text, control and bidi characters shown inert (one for one, offsets kept). */
  text: string;
  /** The cited sentences, in the coordinates of {@link text}. */
  selection: { start: SourcePosition; end: SourcePosition };
}

const before = (a: SourcePosition, b: SourcePosition): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

/**
 * The article of corpus file `path` holding the file position `range.start`
 * (the first article of the file when none does), or undefined when the
 * database has no article from that file.
 */
export async function storedSource(pool: PgPool, path: string, range: { start: SourcePosition; end: SourcePosition }): Promise<StoredSource | undefined> {
  // Only the articles whose sentences span the line are read (a JSONL file holds hundreds of articles).
  const rows = await pool.query<{ text: string; record: StoredRecord }>(
    `SELECT t.text, a.record FROM articles a JOIN texts t ON t.tid = a.tid
     WHERE a.file_path = $1 AND (
       a.file_pos = (SELECT min(b.file_pos) FROM articles b WHERE b.file_path = $1)
       OR EXISTS (SELECT 1 FROM json_array_elements(a.record->'sentences') s
                  WHERE (s->'from'->>'line')::int <= $2 AND (s->'to'->>'line')::int >= $2))
     ORDER BY a.file_pos`,
    [sqlSafe(path), range.start.line],
  );
  if (rows.length === 0) return undefined;
  const records = rows.map((r) => recordFromRow(r.text, r.record));
  const holds = (s: { from: SourcePosition; to: SourcePosition }, p: SourcePosition): boolean => before(s.from, p) && before(p, s.to);
  const article = records.find((a) => a.sentences.some((s) => holds(s, range.start))) ?? records[0];
  const first = article.sentences.find((s) => holds(s, range.start));
  const last = [...article.sentences].reverse().find((s) => holds(s, range.end)) ?? first;
  const lines = computeLineStarts(article.text);
  const start = first ? first.start : 0;
  const end = last && last.end >= start ? last.end : start;
  const title = article.meta.title;
  return {
    articleId: article.id,
    ...(typeof title === 'string' ? { title: displaySafe(title) } : {}),
    text: displaySafe(article.text),
    selection: { start: positionAt(lines, start), end: positionAt(lines, end) },
  };
}
