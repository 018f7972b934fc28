/**
 * Evaluates the checks on real news, with PolNeAR's 1,008 political articles
 * (`../shared/data/polnear/articles.jsonl`) as the corpus and a seeded sample
 * of them as drafts:
 *
 * - **Quiet**: each sampled article, unchanged, is checked against the corpus
 *   that holds it. Every finding of severity information or above is a false
 *   alarm (the draft is the source, word for word).
 * - **Detection**: one error is injected into a copy of a sampled article, and
 *   the copy is checked. The error is caught when a finding of the expected
 *   code covers the changed words. Kinds:
 *   - `quote-altered`: one content word of a quotation of 8+ words replaced;
 *   - `name-misspelled`: one letter of the surname of a person introduced by
 *     full name changed (a surname of 5+ letters; the new spelling must not be
 *     a corpus word);
 *   - `quote-misattributed`: the named speaker of a quotation replaced by a
 *     person from another article;
 *   - `date-mismatch`: the year of a date tied to an event moved by one
 *     (counted over every such date; by design only dates whose event the
 *     sources tie to a place can be contradicted).
 *
 * Run: `npm run eval`. Writes `bench/results/eval-checks.json` (figures only).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorpusIndexBuilder, checkDraft, extractFacts, type CorpusIndex, type FindingCode } from '../../server/src/engine/api';
import { STOPWORDS, tokenize } from '../../server/src/engine/text/tokens';
import { seededRandom } from '../draft';
import { writeEvalResult } from './results';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const polnearFile = path.resolve(repoRoot, '..', 'shared', 'data', 'polnear', 'articles.jsonl');
const SAMPLE = Number(process.env.EVAL_SAMPLE ?? 150);
/** EVAL_DEBUG=1 prints each false alarm and missed error to stderr (article text: never commit it). */
const DEBUG = process.env.EVAL_DEBUG === '1';

interface Injection {
  kind: FindingCode;
  draft: string;
  /** The changed words' span in `draft`. */
  start: number;
  end: number;
}

const REPLACEMENT_WORDS = ['remarkable', 'dangerous', 'impossible', 'reasonable', 'frightening', 'wonderful'];

function replaceSpan(text: string, start: number, end: number, by: string): { draft: string; start: number; end: number } {
  return { draft: text.slice(0, start) + by + text.slice(end), start, end: start + by.length };
}

function injectQuoteAlteration(text: string, random: () => number): Injection | undefined {
  const facts = extractFacts(text);
  const quotes = facts.quotes.filter((q) => tokenize(q.text).length >= 8);
  if (quotes.length === 0) return undefined;
  const quote = quotes[Math.floor(random() * quotes.length)];
  const words = tokenize(text, quote.span.start, quote.span.end).filter((t) => !STOPWORDS.has(t.norm) && t.norm.length >= 4 && /^[a-z]+$/.test(t.norm));
  if (words.length === 0) return undefined;
  const word = words[Math.floor(random() * words.length)];
  const by = REPLACEMENT_WORDS.find((w) => w !== word.norm)!;
  const r = replaceSpan(text, word.start, word.end, by);
  return { kind: 'quote-altered', ...r };
}

function injectMisspelling(text: string, index: CorpusIndex, random: () => number): Injection | undefined {
  const facts = extractFacts(text);
  const people = facts.people.filter((p) => p.cue !== 'repeat' && p.text === p.fullName && p.text.split(/\s+/).length >= 2);
  for (let tries = 0; tries < 5 && people.length > 0; tries++) {
    const person = people[Math.floor(random() * people.length)];
    const surname = /[\p{L}]+$/u.exec(person.text)?.[0] ?? '';
    if (surname.length < 5) continue;
    const at = 1 + Math.floor(random() * (surname.length - 2));
    const c = surname[at];
    const swapped = 'aeiou'.includes(c) ? (c === 'a' ? 'e' : 'a') : c === 'n' ? 'm' : 'n';
    const misspelled = surname.slice(0, at) + swapped + surname.slice(at + 1);
    if (index.tokens.vocabulary.has(misspelled.toLowerCase())) continue;
    const start = person.span.end - surname.length;
    const r = replaceSpan(text, start, person.span.end, misspelled);
    return { kind: 'name-misspelled', ...r };
  }
  return undefined;
}

function injectMisattribution(text: string, otherPeople: readonly string[], random: () => number): Injection | undefined {
  const facts = extractFacts(text);
  const candidates = facts.quotes.filter(
    (q) => q.speaker?.span && q.speaker.resolved && !q.speaker.isOrganisation && !/^(he|she|they|i|we)$/i.test(q.speaker.text) && tokenize(q.text).length >= 6,
  );
  if (candidates.length === 0) return undefined;
  const quote = candidates[Math.floor(random() * candidates.length)];
  const own = new Set(tokenize(quote.speaker!.resolved!).map((t) => t.norm));
  const stranger = otherPeople.find((p, i) => i >= Math.floor(random() * otherPeople.length) && !tokenize(p).some((t) => own.has(t.norm)));
  if (!stranger) return undefined;
  const { start, end } = quote.speaker!.span!;
  const shift = stranger.length - (end - start);
  const draft = text.slice(0, start) + stranger + text.slice(end);
  // The finding sits on the quotation, which moves if the speaker stood before it.
  const q = quote.span.start > start ? { start: quote.span.start + shift, end: quote.span.end + shift } : quote.span;
  return { kind: 'quote-misattributed', draft, start: q.start, end: q.end };
}

function injectDateChange(text: string, random: () => number): Injection | undefined {
  const facts = extractFacts(text);
  const inQuote = (s: number): boolean => facts.quotes.some((q) => q.span.start <= s && s < q.span.end);
  const dates = facts.dates.filter((d) => d.value?.year && d.eventWords.length > 0 && /\b(19|20)\d\d\b/.test(d.text) && !inQuote(d.span.start));
  if (dates.length === 0) return undefined;
  const date = dates[Math.floor(random() * dates.length)];
  const m = /\b(19|20)\d\d\b/.exec(date.text)!;
  const start = date.span.start + m.index;
  const r = replaceSpan(text, start, start + 4, String(Number(m[0]) + 1));
  return { kind: 'date-mismatch', draft: r.draft, start: date.span.start, end: date.span.end + (r.end - start - 4) };
}

interface KindResult {
  injected: number;
  caught: number;
  /** Other warnings raised on the injected drafts (besides the expected one). */
  otherWarnings: number;
}

async function main(): Promise<void> {
  if (!fs.existsSync(polnearFile)) {
    console.log(`PolNeAR not found at ${polnearFile}: checks evaluation skipped.`);
    return;
  }
  const t0 = Date.now();
  const builder = new CorpusIndexBuilder();
  const warnings = builder.setFile(polnearFile, fs.readFileSync(polnearFile));
  const index = builder.build();
  const buildMs = Date.now() - t0;
  const articles = fs
    .readFileSync(polnearFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; text: string });
  const random = seededRandom(20161108);
  const sample = [...articles].sort(() => random() - 0.5).slice(0, SAMPLE);
  const otherPeople = [...index.people.byKey.values()].filter((p) => p.name.split(' ').length >= 2 && p.occurrences.length >= 3).map((p) => p.name);

  // Quiet.
  let words = 0;
  let falseAlarms = 0;
  const alarmsByCode: Record<string, number> = {};
  const checkTimes: number[] = [];
  for (const a of sample) {
    words += tokenize(a.text).length;
    const t = process.hrtime.bigint();
    const found = (await checkDraft(a.text, index, { includeVerified: false }));
    checkTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    for (const f of found) {
      if (f.severity === 'hint') continue;
      if (DEBUG) console.error(`ALARM ${a.id} ${f.code}: ${a.text.slice(f.span.start, f.span.end)} — ${f.message}`);
      falseAlarms++;
      alarmsByCode[f.code] = (alarmsByCode[f.code] ?? 0) + 1;
    }
  }

  // Detection.
  const results: Record<string, KindResult> = {};
  for (const a of sample) {
    const injections = [
      injectQuoteAlteration(a.text, random),
      injectMisspelling(a.text, index, random),
      injectMisattribution(a.text, otherPeople, random),
      injectDateChange(a.text, random),
    ];
    for (const inj of injections) {
      if (!inj) continue;
      const r = (results[inj.kind] ??= { injected: 0, caught: 0, otherWarnings: 0 });
      r.injected++;
      const found = (await checkDraft(inj.draft, index, { includeVerified: false }));
      const hit = found.some((f) => f.code === inj.kind && f.span.start < inj.end && inj.start < f.span.end);
      if (hit) r.caught++;
      else if (DEBUG) console.error(`MISSED ${a.id} ${inj.kind}: ${inj.draft.slice(Math.max(0, inj.start - 80), inj.end + 40).replace(/\s+/g, ' ')}`);
      r.otherWarnings += found.filter((f) => f.severity === 'warning' && !(f.code === inj.kind && f.span.start < inj.end && inj.start < f.span.end)).length;
    }
  }

  checkTimes.sort((x, y) => x - y);
  const report = {
    corpus: { file: 'polnear/articles.jsonl', articles: index.stats.articles, sentences: index.stats.sentences, buildMs, warnings: warnings.length },
    sample: SAMPLE,
    quiet: { drafts: sample.length, words, falseAlarms, perThousandWords: +(1000 * falseAlarms / Math.max(1, words)).toFixed(3), byCode: alarmsByCode },
    checkMs: { median: +checkTimes[Math.floor(checkTimes.length / 2)].toFixed(2), p95: +checkTimes[Math.floor(checkTimes.length * 0.95)].toFixed(2) },
    detection: Object.fromEntries(
      Object.entries(results).map(([k, r]) => [k, { ...r, recall: +(r.caught / Math.max(1, r.injected)).toFixed(3) }]),
    ),
  };
  console.log(`Checks on PolNeAR (${index.stats.articles} articles as corpus, ${sample.length} of them as drafts; index built in ${buildMs} ms)`);
  console.log(`quiet: ${falseAlarms} findings of information or above on ${words} words of unchanged articles (${report.quiet.perThousandWords} per 1,000 words)`, alarmsByCode);
  console.log(`check time per article: median ${report.checkMs.median} ms, p95 ${report.checkMs.p95} ms`);
  console.log('injected error         injected  caught  recall  other warnings');
  for (const [k, r] of Object.entries(report.detection)) {
    console.log(`${k.padEnd(22)} ${String(r.injected).padStart(8)} ${String(r.caught).padStart(7)} ${r.recall.toFixed(3).padStart(7)} ${String(r.otherWarnings).padStart(15)}`);
  }
  const out = writeEvalResult('checks', report);
  console.log(`written: ${out}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
