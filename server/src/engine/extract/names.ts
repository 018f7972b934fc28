import type { PersonMention, SentenceSpan } from '../types';

/** Options for {@link extractPeople}. */
export interface ExtractPeopleOptions {
  /** Tells whether a capitalised word sequence is a person the corpus knows (exactly or nearly), so a draft's bare mention counts. */
  isKnownPerson?: (candidate: string) => boolean;
}

/** Finds mentions of people and their roles. PLACEHOLDER: being written. */
export function extractPeople(_text: string, _sentences: SentenceSpan[], _options: ExtractPeopleOptions = {}): PersonMention[] {
  return [];
}
