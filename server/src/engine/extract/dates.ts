import type { DateMention, ExtractOptions, SentenceSpan } from '../types';

/** Finds date expressions tied to events. PLACEHOLDER: being written. */
export function extractDates(_text: string, _sentences: SentenceSpan[], _options: ExtractOptions = {}): DateMention[] {
  return [];
}
