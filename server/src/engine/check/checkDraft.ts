import type { CheckConfig, Finding } from '../types';
import type { CorpusIndex } from '../index/corpusIndex';
import { extractFacts } from '../extract/extractFacts';
import { extractPeople, nameTokens } from '../extract/names';
import { checkQuotes } from './checkQuotes';
import { checkNames, matchPerson } from './checkNames';
import { checkDates } from './checkDates';
import { finalizeFinding, isWanted, type DraftFinding } from './finding';

/**
 * Checks a draft against the corpus: its quotations, the people it names
 * (with their roles) and its dates tied to events. Every finding carries the
 * draft span it concerns (UTF-16 offsets into `text`) and the corpus sentences
 * it rests on. Pure and synchronous: the caller decides when to run it.
 *
 * @example
 * const findings = checkDraft('Andrei Lankow said the talks...', index, { includeVerified: false });
 */
export function checkDraft(text: string, index: CorpusIndex, config: CheckConfig = {}): Finding[] {
  const maxEvidence = config.maxEvidence ?? 5;
  // The draft is read exactly as corpus articles are, so a quotation's speaker
  // is resolved the same way on both sides...
  const facts = extractFacts(text);
  // ...and, for the names check only, a capitalised name the corpus knows (or
  // nearly) counts as a person even without a cue ("Bernie Samders of Vermont").
  const people = extractPeople(text, facts.sentences, {
    isKnownPerson: (candidate) => {
      const tokens = nameTokens(candidate);
      // A near spelling keeps at least one word right ("Bernie Samders"): without
      // a word any corpus name has, skip the fuzzy lookup altogether.
      return tokens.length > 1 && tokens.some((t) => index.people.byToken.has(t)) && matchPerson(index, candidate) !== undefined;
    },
  });
  const found: DraftFinding[] = [
    ...checkQuotes(text, facts.quotes, index),
    ...checkNames(people, index, maxEvidence),
    ...checkDates(text, facts.dates, facts.sentences, index, facts.quotes.map((q) => q.span), maxEvidence),
  ];
  return found
    .filter((f) => isWanted(f.code, config))
    .map((f) => finalizeFinding(f, config))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
