import type { DatedMention } from '../corpusStore';
import type { ArticleRecord } from './articleRecord';
import { eventMatchKeys } from '../extract/eventWords';

/**
 * The corpus dates tied to an event word, in corpus order, as places (an
 * article and the date's position in its list): each is made into a
 * {@link DatedMention} when handed out. Held as objects they were ~25 MB at
 * Reuters ×5 (about 280 bytes a date with its mention); as places, 8 bytes.
 * What {@link at} gives equals what the table once held (the same mention,
 * its span shared by the reference), a new object on each call.
 */
export class DatedEntries {
  constructor(
    private readonly articles: readonly ArticleRecord[],
    /** Per entry: the article's index, then the date's index in its `dates`. */
    private readonly places: Int32Array,
  ) {}

  get length(): number {
    return this.places.length / 2;
  }

  /** Entry `i` (0 ≤ i < {@link length}). */
  at(i: number): DatedMention {
    const art = this.articles[this.places[2 * i]];
    const mention = art.dates[this.places[2 * i + 1]];
    return { ref: { articleId: art.id, span: mention.span }, mention };
  }
}

/** Corpus dates, reachable by the event words tied to them. */
export interface DateTable {
  /** Each date tied to an event word, with where it stands. */
  entries: DatedEntries;
  /** Event key ({@link eventMatchKeys}: words, larger places, meeting synonyms) → indices into {@link entries}. */
  byEventWord: Map<string, number[]>;
}

/** Collects the dates of all articles that are tied to at least one event word. */
export function buildDateTable(articles: readonly ArticleRecord[]): DateTable {
  const places: number[] = [];
  const byEventWord = new Map<string, number[]>();
  articles.forEach((art, a) => {
    art.dates.forEach((mention, d) => {
      if (mention.eventWords.length === 0) return;
      const i = places.length / 2;
      places.push(a, d);
      for (const w of new Set(eventMatchKeys(mention.eventWords))) {
        const list = byEventWord.get(w);
        if (list) list.push(i);
        else byEventWord.set(w, [i]);
      }
    });
  });
  return { entries: new DatedEntries(articles, Int32Array.from(places)), byEventWord };
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
      out.push(table.entries.at(i));
    }
  }
  return out;
}
