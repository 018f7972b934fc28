/**
 * Corpus-wide word statistics for a batch of lookups, in one statement: how
 * often each word occurs (what the in-memory postings count) and the total
 * number of corpus words. The store picks a quotation's rarest words and
 * weighs near-quote votes with them, as the in-memory index does.
 */
import type { PgPool } from './pool';

/** Occurrences of the words asked for (absent: the corpus never uses the word) and the corpus's word count. */
export interface WordStats {
  occurrences: Map<string, number>;
  totalWords: number;
}

/** Reads the statistics of `words` (one statement). */
export async function readWordStats(pool: PgPool, words: Iterable<string>): Promise<WordStats> {
  const list = [...new Set(words)];
  const [row] = await pool.query<{ total: string; freqs: Record<string, string | number> | null }>(
    `SELECT (SELECT token_count FROM factcheck_corpus) AS total,
            (SELECT json_object_agg(word, occurrences) FROM word_freq WHERE word = ANY($1::text[])) AS freqs`,
    [list],
  );
  const occurrences = new Map<string, number>();
  for (const [w, n] of Object.entries(row?.freqs ?? {})) occurrences.set(w, Number(n));
  return { occurrences, totalWords: Number(row?.total ?? 0) };
}
