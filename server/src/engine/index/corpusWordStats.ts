/**
 * Corpus-wide word statistics, for an index that holds only part of a corpus.
 * A database store decides on a small in-memory index of candidate articles
 * (`host/pg/`); where the engine weighs words by how often the corpus uses
 * them (the closest passage's votes), it must weigh them as the whole corpus
 * does, or the same draft gets other findings from the database than from
 * the in-memory index. A {@link TokenIndex} carrying `corpusWords` is such a
 * part; one without is the whole corpus and counts its own postings.
 */
import { wordFrequency, type TokenIndex } from './tokenIndex';

/** How often the whole corpus uses words. */
export interface CorpusWordStats {
  /** Occurrences of a normalised word in the whole corpus (0: never used). */
  occurrences(word: string): number;
  /** Words (tokens) in the whole corpus. */
  totalWords: number;
}

/** Occurrences in the whole corpus of `word` (id `id` in `index`, -1 when the index lacks it). */
export function corpusFrequency(index: TokenIndex, id: number, word: string): number {
  if (index.corpusWords) return index.corpusWords.occurrences(word);
  return id < 0 ? 0 : wordFrequency(index, id);
}

/** Words in the whole corpus. */
export function corpusTotalWords(index: TokenIndex): number {
  return index.corpusWords ? index.corpusWords.totalWords : index.tokenWord.length;
}
