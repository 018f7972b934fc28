/**
 * Words the memo formats share: status labels, the generation line, the
 * corpus sentence and a source's description. Pure.
 */
import type { Memo, MemoSource, MemoStatus } from './memoModel';

/** A status as a heading or badge shows it. */
export function statusLabel(s: MemoStatus): string {
  return s === 'needs attention' ? 'Needs attention' : s[0].toUpperCase() + s.slice(1);
}

/** The one line with dates not taken from the data. */
export function generationLine(m: Memo): string {
  return `Generated ${m.generated} by ${m.tool}; corpus indexed ${m.corpus.indexed}.`;
}

/** The corpus in one sentence: size, date range, where it comes from. */
export function corpusSentence(m: Memo): string {
  const c = m.corpus;
  const range = c.firstDate !== undefined && c.lastDate !== undefined ? (c.firstDate === c.lastDate ? `, dated ${c.firstDate}` : `, dated ${c.firstDate} to ${c.lastDate}`) : ', undated';
  return `${c.articles} article${c.articles === 1 ? '' : 's'} in ${c.files} file${c.files === 1 ? '' : 's'} (${c.sentences} sentences)${range}, from ${c.sources.join(', ') || 'the bundled sample corpus'}.`;
}

/** A source's title, publisher and date, joined. */
export function sourceHeading(s: MemoSource): string {
  return [s.title, s.publisher, s.date].filter((x): x is string => !!x).join(', ');
}

/** Total rows of the memo. */
export function totalRows(m: Memo): number {
  return m.drafts.reduce((n, d) => n + d.rows.length, 0);
}
