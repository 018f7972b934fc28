/**
 * Warming the draft side of the checks up before the writer's first
 * keystroke (issue 13). The first check in a process pays for what later
 * ones find ready: the date parser's first runs (over a second, cold, on a
 * shared machine) and the extractors' (compiled on first use). A host runs
 * {@link warmUpExtraction} where drafts are read — the language server on its
 * main thread while the first corpus opens in its worker — and warms the
 * store's look-ups where they run (`index/warmUpLookups.ts`, in the worker),
 * so the first real check costs about what the next ones do.
 *
 * Extraction alone leaves the checks' own code (claims, verdicts, finding
 * texts) to the first real check: {@link warmUpChecks} checks
 * {@link WARM_UP_CHECKED_DRAFT} against a store holding {@link WARM_UP_DRAFT}
 * (a host builds that small index), so every check finds a quotation, a name,
 * a date and a number to agree or disagree with.
 *
 * It never changes an answer: the extracted facts and findings are thrown
 * away, and the memos they pass through are keyed by what they read.
 */
import type { CorpusStore } from '../corpusStore';
import { extractFacts } from '../extract/extractFacts';
import { extractPeople } from '../extract/names';
import { checkDraft } from './checkDraft';

/**
 * A short draft with something for every extractor and check: absolute,
 * relative and weekday dates, numbers and percentages, quotations with their
 * speakers and roles, organisations and places.
 */
export const WARM_UP_DRAFT = [
  'LONDON, March 3, 1987 - The central bank raised its key rate by 0.5 percentage point to 7.25 pct on Tuesday, the second rise in two months, officials said.',
  '"We expect inflation to slow in the second half of the year," said Andrew Mills, chief economist at the Bank of England, adding that wages rose 4.1 pct.',
  'Finance Minister Nigel Lawson told parliament last week that the government would cut spending by 2 billion pounds over the next three years.',
  '"The talks will resume on June 11," a spokesman for the Organisation of Petroleum Exporting Countries (OPEC) said in Vienna on Friday.',
  'Mr Lawson said exports grew by eight percent in 1986, and the deficit narrowed to 1.2 billion dollars from 1.9 billion a year earlier.',
].join('\n\n');

/**
 * Runs the draft-side extraction once on {@link WARM_UP_DRAFT} (no store):
 * the date parser, the sentence splitter, the quotation and name readers.
 * `onCandidate` hears each name a check would ask the store about (a
 * capitalised name without a cue, as a check's first reading records them).
 */
export function warmUpExtraction(text: string = WARM_UP_DRAFT, onCandidate?: (name: string) => void): void {
  const facts = extractFacts(text, onCandidate ? { isKnownPerson: (name) => (onCandidate(name), false) } : {});
  extractPeople(text, facts.sentences, { isKnownPerson: () => false });
}

/**
 * {@link WARM_UP_DRAFT} as a writer might get it wrong: a quotation with a
 * word changed, a misspelled name, another role, other dates and numbers;
 * and a sentence the sources do not have. Checked against a store of
 * {@link WARM_UP_DRAFT}, each check has a finding to make and one to verify.
 */
export const WARM_UP_CHECKED_DRAFT = WARM_UP_DRAFT.replace('inflation to slow', 'inflation to fall')
  .replace('Andrew Mills, chief economist at the Bank of England', 'Andrew Mils, chief economist at Barclays')
  .replace('in 1986', 'in 1985')
  .replace('June 11', 'June 12')
  .replace('wages rose 4.1 pct', 'wages rose 4.7 pct')
  .replace('2 billion pounds', '3 billion pounds')
  .concat('\n\nThe committee is expected to publish its findings after the summer recess, Mr Lawson said.');

/**
 * Checks `paragraph` (one of {@link WARM_UP_CHECKED_DRAFT}'s, or the whole)
 * against `store`, a store holding {@link WARM_UP_DRAFT}'s paragraphs as
 * articles, with verified findings too (their paths run as well), and throws
 * the findings away. Never rejects.
 */
export async function warmUpChecks(store: CorpusStore, paragraph: string = WARM_UP_CHECKED_DRAFT): Promise<void> {
  try {
    await checkDraft(paragraph, store, { includeVerified: true });
  } catch {
    // A warm-up failing costs the first check its speed only; the check reports its own problems.
  }
}
