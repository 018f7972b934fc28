/**
 * Who an article names around a quoted passage: the check needs it to tell
 * a draft speaker the article never mentions (a misattribution) from one it
 * mentions without tying the words to them (unconfirmed).
 */
import type { TextSpan } from '../types';
import type { ArticleRecord } from './articleRecord';

/** Most names listed per passage: enough for any article's cast, bounded for a book-sized one. */
const MAX_PEOPLE_LISTED = 60;

/**
 * The distinct full names of the people an article names outside the
 * passage `span` (and the speakers its quotations are given to), nearest the
 * passage first; at most {@link MAX_PEOPLE_LISTED}.
 */
export function peopleAroundPassage(article: ArticleRecord, span: TextSpan): string[] {
  const distance = new Map<string, number>();
  const note = (name: string | undefined, at: TextSpan | undefined): void => {
    if (!name || !at || (at.start >= span.start && at.end <= span.end)) return;
    const d = at.end <= span.start ? span.start - at.end : Math.max(0, at.start - span.end);
    const had = distance.get(name);
    if (had === undefined || d < had) distance.set(name, d);
  };
  for (const p of article.people) note(p.fullName, p.span);
  for (const q of article.quotes) note(q.speaker?.resolved, q.speaker?.span ?? q.outerSpan);
  return [...distance.entries()].sort((a, b) => a[1] - b[1]).slice(0, MAX_PEOPLE_LISTED).map(([name]) => name);
}

/** Whether the article holds `span` inside one of its quotations. */
export function isInQuotation(article: ArticleRecord, span: TextSpan): boolean {
  for (const q of article.quotes) {
    if (q.span.start > span.start) break;
    if (q.span.start <= span.start && span.end <= q.span.end) return true;
  }
  return false;
}
