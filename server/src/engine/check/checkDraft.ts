import type { CheckConfig, Finding } from '../types';
import type { CorpusStore } from '../corpusStore';
import { DraftChecker } from './draftChecker';

/**
 * Checks a draft against a corpus: its quotations, the people it names
 * (with their roles) and its dates tied to events. Every finding carries the
 * draft span it concerns (UTF-16 offsets into `text`) and the corpus sentences
 * it rests on. An editor that re-checks a draft on every edit should keep a
 * {@link DraftChecker} instead, which gives the same findings for less work.
 *
 * @example
 * const findings = await checkDraft('Andrei Lankow said the talks...', index, { includeVerified: false });
 */
export function checkDraft(text: string, store: CorpusStore, config: CheckConfig = {}): Promise<Finding[]> {
  return new DraftChecker(store, config).check(text);
}
