import type { DatedMention } from '../corpusStore';
import type { ArticleRecord } from './articleRecord';
import { eventMatchKeys } from '../extract/eventWords';

/** Corpus dates, reachable by the event words tied to them. */
export interface DateTable {
  /** Each date with where it stands (made once here, handed out as they are). */
  entries: DatedMention[];
  /** Event key ({@link eventMatchKeys}: words, larger places, meeting synonyms) → indices into {@link entries}. */
  byEventWord: Map<string, number[]>;
}

/** Collects the dates of all articles that are tied to at least one event word. */
export function buildDateTable(articles: readonly ArticleRecord[]): DateTable {
  const entries: DatedMention[] = [];
  const byEventWord = new Map<string, number[]>();
  for (const art of articles) {
    for (const mention of art.dates) {
      if (mention.eventWords.length === 0) continue;
      const i = entries.length;
      entries.push({ ref: { articleId: art.id, span: mention.span }, mention });
      for (const w of new Set(eventMatchKeys(mention.eventWords))) {
        const list = byEventWord.get(w);
        if (list) list.push(i);
        else byEventWord.set(w, [i]);
      }
    }
  }
  return { entries, byEventWord };
}

/**
 * The dates tied to any of `keys`: each key's dates in corpus order, keys in
 * the order given, each date once, stopping after `cap` dates (the walk the
 * PostgreSQL store repeats in SQL, `host/pg/eventDates.ts`).
 */
export function datesByEvent(table: DateTable, keys: readonly string[], cap: number): DatedMention[] {
  const seen = new Set<number>();
  const out: DatedMention[] = [];
  for (const k of keys) {
    for (const i of table.byEventWord.get(k) ?? []) {
      if (out.length >= cap) return out;
      if (seen.has(i)) continue;
      seen.add(i);
      out.push(table.entries[i]);
    }
  }
  return out;
}
