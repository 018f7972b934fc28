import type { ExtractedFacts, ExtractOptions, SentenceMemo, TextSpan } from '../types';
import { splitSentences } from './sentences';
import { extractPeople, type ExtractPeopleOptions } from './names';
import { extractPeopleByParagraph } from './peopleByParagraph';
import { extractQuotes } from './quotes';
import { extractDates } from './dates';

/** Options of {@link extractFacts}. */
export interface ExtractFactsOptions extends ExtractOptions, ExtractPeopleOptions {
  /** Read only this part of the text. */
  within?: TextSpan;
  /**
   * A memo holding an earlier version's people line by line (see
   * `peopleByParagraph.ts`): an editor's checker passes its sentence memo
   * once it has read the draft, so an edit reads again only the lines it
   * reached. It never changes a result.
   */
  peopleMemo?: SentenceMemo;
}

/**
 * Runs every extractor over one text, in dependency order: sentences, then
 * people (speakers need them), then quotations, then dates. The same function
 * serves corpus articles and drafts, so both are read the same way.
 */
export function extractFacts(text: string, options: ExtractFactsOptions = {}): ExtractedFacts {
  const sentences = splitSentences(text, options.within, options.sentenceMemo);
  const people = options.peopleMemo ? extractPeopleByParagraph(text, sentences, options, options.peopleMemo) : extractPeople(text, sentences, options);
  const quotes = extractQuotes(text, sentences, people);
  const dates = extractDates(text, sentences, options);
  return { sentences, quotes, people, dates };
}
