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
 * It never changes an answer: the extracted facts are thrown away.
 */
import { extractFacts } from '../extract/extractFacts';
import { extractPeople } from '../extract/names';

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
 */
export function warmUpExtraction(text: string = WARM_UP_DRAFT): void {
  const facts = extractFacts(text);
  extractPeople(text, facts.sentences, { isKnownPerson: () => false });
}
