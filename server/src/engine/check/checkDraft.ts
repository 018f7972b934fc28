import type { CheckConfig, Finding } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import { DraftChecker } from './incrementalChecker';

/**
 * Checks a draft against the corpus: its quotations, the people it names
 * (with their roles) and its dates tied to events. Every finding carries the
 * draft span it concerns (UTF-16 offsets into `text`) and the corpus sentences
 * it rests on. Pure and synchronous: the caller decides when to run it. An
 * editor that re-checks a draft on every edit should keep a
 * {@link DraftChecker} instead, which gives the same findings for less work.
 *
 * @example
 * const findings = checkDraft('Andrei Lankow said the talks...', index, { includeVerified: false });
 */
export function checkDraft(text: string, index: CorpusIndex, config: CheckConfig = {}): Promise<Finding[]> {
  return new DraftChecker(index, config).check(text);
}
