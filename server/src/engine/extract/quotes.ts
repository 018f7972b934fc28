import type { PersonMention, QuoteMention, SentenceSpan } from '../types';

/** Finds direct quotations and their speakers. PLACEHOLDER: being written. */
export function extractQuotes(_text: string, _sentences: SentenceSpan[], _people: PersonMention[]): QuoteMention[] {
  return [];
}
