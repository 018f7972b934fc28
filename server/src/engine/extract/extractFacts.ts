import type { ExtractedFacts, ExtractOptions, TextSpan } from '../types';
import { splitSentences } from './sentences';
import { extractPeople, type ExtractPeopleOptions } from './names';
import { extractQuotes } from './quotes';
import { extractDates } from './dates';

/**
 * Runs every extractor over one text, in dependency order: sentences, then
 * people (speakers need them), then quotations, then dates. The same function
 * serves corpus articles and drafts, so both are read the same way.
 */
export function extractFacts(text: string, options: ExtractOptions & ExtractPeopleOptions & { within?: TextSpan } = {}): ExtractedFacts {
  const sentences = splitSentences(text, options.within);
  const people = extractPeople(text, sentences, options);
  const quotes = extractQuotes(text, sentences, people);
  const dates = extractDates(text, sentences, options);
  return { sentences, quotes, people, dates };
}
