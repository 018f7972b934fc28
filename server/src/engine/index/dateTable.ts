import type { DateMention } from '../types';
import type { ArticleRecord } from './articleRecord';
import { eventMatchKeys } from '../match/compareDates';

/** A corpus date mention and the article it stands in. */
export interface DateEntry {
  article: number;
  mention: DateMention;
}

/** Corpus dates, reachable by the event words tied to them. */
export interface DateTable {
  entries: DateEntry[];
  /** Event key ({@link eventMatchKeys}: words, larger places, meeting synonyms) → indices into {@link entries}. */
  byEventWord: Map<string, number[]>;
}

/** Collects the dates of all articles that are tied to at least one event word. */
export function buildDateTable(articles: readonly ArticleRecord[]): DateTable {
  const entries: DateEntry[] = [];
  const byEventWord = new Map<string, number[]>();
  articles.forEach((art, a) => {
    for (const mention of art.dates) {
      if (mention.eventWords.length === 0) continue;
      const i = entries.length;
      entries.push({ article: a, mention });
      for (const w of new Set(eventMatchKeys(mention.eventWords))) {
        const list = byEventWord.get(w);
        if (list) list.push(i);
        else byEventWord.set(w, [i]);
      }
    }
  });
  return { entries, byEventWord };
}
