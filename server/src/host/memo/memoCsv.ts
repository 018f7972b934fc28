/**
 * The memo as CSV (RFC 4180: every field quoted, CRLF line ends): one line
 * per claim and source (a claim with two sources has two lines with the same
 * number; one without sources has one line with the source fields empty), for
 * a spreadsheet. A field that a spreadsheet would take for a formula (`=`,
 * `+`, `-`, `@`, tab, carriage return first) is prefixed with `'`, so corpus
 * text never computes. No summary: count the status column.
 */
import type { Memo } from './memoModel';

const COLUMNS = [
  'draft', 'n', 'line', 'column', 'kind', 'claim', 'status', 'status_note', 'code', 'verdict', 'suggestion',
  'source_title', 'source_publisher', 'source_date', 'source_file', 'source_line', 'source_timestamp', 'source_speaker', 'source_sentence',
] as const;

/** A CSV field: quoted, quotes doubled, formula starts defused. */
export function csvField(v: string | number | undefined): string {
  let s = v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Renders the memo as CSV. */
export function memoCsv(m: Memo): string {
  const lines = [COLUMNS.join(',')];
  for (const d of m.drafts) {
    for (const r of d.rows) {
      const claim = [d.path, r.n, r.line, r.column, r.kind, r.claim, r.status, r.statusNote, r.code, r.verdict, r.suggestion];
      const sources = r.sources.length > 0 ? r.sources : [undefined];
      for (const s of sources) {
        const src = s ? [s.title, s.publisher, s.date, s.file, s.line, s.timestamp, s.speaker, s.sentence] : [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
        lines.push([...claim, ...src].map(csvField).join(','));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
