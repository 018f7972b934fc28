/**
 * Facts outside quotation marks (issue 9): real sentences of real articles,
 * changed the way summarisers change them, checked against a corpus that
 * holds their article.
 *
 * Errors (recall: a finding of the expected code covers the changed words):
 * a number ±1, ×10, or moved to the neighbouring round number; a year, a
 * month or a day shifted; a weekday changed; a relative date rewritten wrongly ("last
 * year" for the article's own year); a place or organisation replaced by
 * another of the same article.
 * Faithful rewrites (every warning is false): the sentence unchanged,
 * numbers spelled out or in digits, dates reformatted, clauses reordered
 * around a comma, the next sentence merged in.
 *
 * Each variant is one draft (its date given as the article's, as a front
 * matter would). Corpora: BBC News (all 2,225), PolNeAR (all), Reuters-21578
 * (the first 6,000 articles, for time). Needs `../shared/data`; skips without.
 *
 * Run: `node out/bench/eval/facts.js` (part of `npm run eval`). Writes
 * `bench/results/eval-facts.json` (figures only). `EVAL_DEBUG=1` prints misses
 * and false warnings to stderr (article text: never commit it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorpusIndexBuilder, DraftChecker, extractFacts, tokenize, type CorpusIndex, type Finding, type FindingCode } from '../../server/src/engine/api';
import { nameKey, sentenceFacts } from '../../server/src/engine/extract/factSlots';
import { MONTH_NAMES, WEEKDAY_NAMES } from '../../server/src/engine/text/calendar';
import { PLACE_PARENTS } from '../../server/src/engine/extract/eventWords';
import { nameFoundIn } from '../../server/src/engine/match/compareFacts';
import { seededRandom } from '../draft';
import { writeEvalResult } from './results';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const dataRoot = path.resolve(repoRoot, '..', 'shared', 'data');
const DEBUG = process.env.EVAL_DEBUG === '1';
/** Sentences sampled per dataset. */
const SENTENCES = Number(process.env.FACTS_SENTENCES ?? 400);
const FACT_CODES: ReadonlySet<FindingCode> = new Set(['number-mismatch', 'date-mismatch', 'fact-mismatch']);

interface Dataset {
  name: string;
  file: string;
  limit: number;
}

const DATASETS: Dataset[] = [
  { name: 'bbc-news', file: path.join(dataRoot, 'bbc-news', 'bbc-news.jsonl'), limit: Infinity },
  { name: 'reuters21578', file: path.join(dataRoot, 'reuters21578', 'reuters21578.jsonl'), limit: 6000 },
  { name: 'polnear', file: path.join(dataRoot, 'polnear', 'articles.jsonl'), limit: Infinity },
];


interface Variant {
  kind: string;
  faithful: boolean;
  text: string;
  /** For errors: where the changed words stand in `text`, and the code expected there. */
  changed?: { start: number; end: number; code: FindingCode };
}

const SMALL_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function replaceAt(text: string, start: number, end: number, by: string, kind: string, code?: FindingCode): Variant {
  const out = text.slice(0, start) + by + text.slice(end);
  return { kind, faithful: !code, text: out, changed: code ? { start, end: start + by.length, code } : undefined };
}

function formatNumber(n: number, withCommas: boolean): string {
  return withCommas ? n.toLocaleString('en-US') : String(n);
}

/** The variants of one sentence (`next` is the sentence after it, for a merge). */
function variantsOf(sentence: string, dateSpans: Array<{ start: number; end: number }>, next: string | undefined, articleNames: string[], people: ReadonlySet<string>, articleYear: number | undefined, rand: () => number): Variant[] {
  const out: Variant[] = [{ kind: 'unchanged', faithful: true, text: sentence }];
  const facts = sentenceFacts(sentence, { start: 0, end: sentence.length }, quoteSpans(sentence), dateSpans);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(rand() * xs.length)] : undefined);
  // Numbers written in digits, integers, outside dates (a year is a date).
  const numbers = facts.numbers.filter((n) => /^\d{1,3}(,\d{3})*$|^\d+$/.test(n.text) && n.kind === 'cardinal' && !isInsideQuote(sentence, n.span.start));
  const n = pick(numbers);
  if (n) {
    const v = n.value;
    const commas = n.text.includes(',');
    const changes: Array<[string, number]> = [['number ±1', v + (rand() < 0.5 && v > 1 ? -1 : 1)], ['number ×10', v * 10]];
    const mag = Math.pow(10, Math.max(0, Math.floor(Math.log10(Math.max(1, v)))));
    if (v >= 10 && v % mag === 0) changes.push(['number neighbouring round', v + mag]);
    for (const [kind, value] of changes) out.push(replaceAt(sentence, n.span.start, n.span.end, formatNumber(value, commas || value >= 10000), kind, 'number-mismatch'));
    if (v >= 2 && v <= 12) out.push(replaceAt(sentence, n.span.start, n.span.end, SMALL_WORDS[v], 'faithful: number spelled out'));
    else if (commas) out.push(replaceAt(sentence, n.span.start, n.span.end, String(v), 'faithful: number without separators'));
  }
  // Dates: "Month YYYY", "Month D", a bare year, a weekday.
  const monthYear = /\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b/.exec(sentence);
  if (monthYear && !isInsideQuote(sentence, monthYear.index)) {
    const m = MONTH_NAMES.indexOf(monthYear[1]);
    const y = Number(monthYear[2]);
    out.push(replaceAt(sentence, monthYear.index, monthYear.index + monthYear[0].length, `${monthYear[1]} ${y + 1}`, 'year shifted', 'date-mismatch'));
    out.push(replaceAt(sentence, monthYear.index, monthYear.index + monthYear[0].length, `${MONTH_NAMES[(m + 1) % 12]} ${y}`, 'month shifted', 'date-mismatch'));
    out.push(replaceAt(sentence, monthYear.index, monthYear.index + monthYear[0].length, `${monthYear[1]} of ${y}`, 'faithful: date reformatted'));
  } else {
    const year = /\bin ((?:19|20)\d\d)\b/.exec(sentence);
    if (year && !isInsideQuote(sentence, year.index)) {
      const start = year.index + 3;
      const y = Number(year[1]);
      out.push(replaceAt(sentence, start, start + 4, String(y - 1), 'year shifted', 'date-mismatch'));
      // A relative date rewritten: the article's year as "last year" is wrong; the year before as "last year" is right.
      if (articleYear !== undefined && y === articleYear) out.push(replaceAt(sentence, year.index, year.index + year[0].length, 'last year', 'relative date rewritten wrongly', 'date-mismatch'));
      if (articleYear !== undefined && y === articleYear - 1) {
        out.push(replaceAt(sentence, year.index, year.index + year[0].length, 'last year', 'faithful: relative date'));
        out.push(replaceAt(sentence, year.index, year.index + year[0].length, 'this year', 'relative date rewritten wrongly', 'date-mismatch'));
      }
    }
  }
  const monthDay = /\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b(?!,? \d{4}|-)/.exec(sentence);
  if (monthDay && !isInsideQuote(sentence, monthDay.index)) {
    const d = Number(monthDay[2]);
    if (d >= 1 && d <= 28) out.push(replaceAt(sentence, monthDay.index, monthDay.index + monthDay[0].length, `${d} ${monthDay[1]}`, 'faithful: date reformatted'));
  }
  // The day of a full date changed ("June 11" → "June 12", "June 11, 2019" → "June 12, 2019").
  const day = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})\b(?!-|\d)/.exec(sentence);
  if (day && !isInsideQuote(sentence, day.index) && Number(day[1]) >= 1 && Number(day[1]) <= 27) {
    const at = day.index + day[0].length - day[1].length;
    out.push(replaceAt(sentence, at, at + day[1].length, String(Number(day[1]) + 1), 'day shifted', 'date-mismatch'));
  }
  const weekday = facts.weekdays.find((w) => !isInsideQuote(sentence, w.span.start));
  if (weekday) {
    const i = WEEKDAY_NAMES.findIndex((d) => d.toLowerCase() === weekday.day);
    out.push(replaceAt(sentence, weekday.span.start, weekday.span.end, WEEKDAY_NAMES[(i + 1 + Math.floor(rand() * 5)) % 7], 'weekday changed', 'date-mismatch'));
  }
  // A place replaced by another place of the same article, an organisation by another organisation (not in sentences with
  // quotation marks: a quotation may run on from an earlier sentence, and what is inside one is the quotation check's).
  const swappable = /["“”]/.test(sentence) ? [] : facts.names.filter((x) => x.span.start > 0 && !x.words.some((w) => people.has(w)) && nameKind(x.text) !== undefined);
  const name = pick(swappable);
  if (name) {
    const inSentence = new Set(facts.names.map((x) => x.text.toLowerCase()));
    const kind = nameKind(name.text);
    // Another name, not the same one's other form ("GM" / "General Motors Corp", "Syntex" / "Syntex Corp").
    const words = (t: string) => tokenize(t).map((w) => w.norm);
    const alias = (a: string) => nameFoundIn(words(a), words(name.text)) || nameFoundIn(words(name.text), words(a));
    const other = pick(articleNames.filter((a) => nameKind(a) === kind && !inSentence.has(a.toLowerCase()) && !sentence.toLowerCase().includes(a.toLowerCase()) && !alias(a)));
    if (other) out.push(replaceAt(sentence, name.span.start, name.span.end, other, 'place or organisation replaced', 'fact-mismatch'));
  }
  // Clauses reordered around the first comma ("A, B." → "B, A."), when both halves are long.
  // Not at the comma inside a date ("April 7, 1994"): the halves would split the date.
  const comma = sentence.search(/, (?!\d{4}\b)/);
  if (comma > 30 && sentence.length - comma > 30 && !/["“”]/.test(sentence)) {
    const a = sentence.slice(0, comma);
    const b = sentence.slice(comma + 2).replace(/[.!?]+$/, '');
    out.push({ kind: 'faithful: clauses reordered', faithful: true, text: `${b[0].toUpperCase()}${b.slice(1)}, ${a[0].toLowerCase()}${a.slice(1)}.` });
  }
  if (next) out.push({ kind: 'faithful: next sentence merged', faithful: true, text: `${sentence.replace(/[.!?]+$/, '')}; ${next[0].toLowerCase()}${next.slice(1)}` });
  return out;
}

/** A place the gazetteer knows, an organisation by its words or an acronym, else undefined (not swapped: it may be a person). */
function nameKind(name: string): 'place' | 'organisation' | undefined {
  const lower = name.toLowerCase();
  if (PLACE_PARENTS.has(lower) || [...PLACE_PARENTS.values()].some((p) => p.includes(lower))) return 'place';
  if (/^[A-Z]{2,6}$/.test(name) || /\b(?:Bank|Group|Corp|Inc|Ministry|Party|Council|Commission|Association|Union|Agency|University|Institute|Company|Department|Court|Office)\b/.test(name)) return 'organisation';
  return undefined;
}

/** Quotations of a sentence; one left open runs to its end (a quotation going on into the next paragraph). */
function quoteSpans(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /["“]([^"”]*)(["”]|$)/g;
  for (let m = re.exec(text); m && m[0].length > 0; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Why an error was missed (EVAL_DEBUG only), from what the facts check sees:
 * the changed words inside a quotation; the sentence not aligned with any
 * corpus window, or aligned below the share that may contradict; the changed
 * value not extracted as a slot (in the draft, or no comparable slot in the
 * source); else extracted on both sides but judged equal or its slot unclear.
 */
async function missCause(index: CorpusIndex, text: string, changed: { start: number; end: number; code: FindingCode }): Promise<string> {
  const facts = extractFacts(text);
  if (facts.quotes.some((q) => q.outerSpan.start <= changed.start && changed.end <= q.outerSpan.end)) return 'inside a quotation (the quote check\'s)';
  const slots = sentenceFacts(text, { start: 0, end: text.length }, facts.quotes.map((q) => q.outerSpan), facts.dates.map((d) => d.span));
  const [aligned] = await index.findAlignedSentences([{ words: slots.words, names: [...new Set(slots.names.map((n) => nameKey(n.words)))] }]);
  if (aligned.length === 0) return 'not aligned';
  if (aligned[0].coverage < 0.8) return `aligned below 0.8 (best ${aligned[0].coverage.toFixed(2)})`;
  const overlaps = (s: { start: number; end: number }) => s.start < changed.end && changed.start < s.end;
  const src = aligned[0];
  const srcDates = src.dates.map((d) => ({ start: d.span.start - src.ref.span.start, end: d.span.end - src.ref.span.start }));
  const srcSlots = sentenceFacts(src.text, { start: 0, end: src.text.length }, [], srcDates);
  if (changed.code === 'number-mismatch') {
    const n = slots.numbers.find((x) => overlaps(x.span));
    if (!n) return facts.dates.some((d) => overlaps(d.span)) ? 'number read as a date' : 'draft number not extracted';
    if (!srcSlots.numbers.some((m) => m.kind === n.kind)) return 'no comparable number in the source window';
    return `number slot unclear (draft ${slots.numbers.length} numbers, source ${srcSlots.numbers.length})`;
  }
  if (changed.code === 'fact-mismatch') {
    const n = slots.names.find((x) => overlaps(x.span));
    if (!n) return 'draft name not extracted';
    if (n.span.start !== changed.start || n.span.end !== changed.end) return 'name inside a longer name run';
    if (!src.namesInArticle.includes(nameKey(n.words))) return 'replacement not known to the aligned article (name key)';
    (globalThis as any).__why = '';
    await new DraftChecker(index, { includeVerified: false }).check(text);
    return 'name extracted, slot unclear or kinds differ ' + (globalThis as any).__why;
  }
  const d = facts.dates.find((x) => overlaps(x.span));
  if (!d && !slots.weekdays.some((w) => overlaps(w.span))) return 'draft date not extracted';
  return 'date extracted, judged equal or slot unclear';
}


function isInsideQuote(text: string, at: number): boolean {
  return quoteSpans(text).some((q) => q.start <= at && at < q.end);
}

interface KindTally {
  cases: number;
  caught: number;
  falseWarnings: number;
}

async function evaluate(dataset: Dataset) {
  const lines = fs.readFileSync(dataset.file, 'utf8').split('\n').filter(Boolean).slice(0, dataset.limit);
  const builder = new CorpusIndexBuilder();
  builder.setFile(`/${dataset.name}.jsonl`, new TextEncoder().encode(lines.join('\n')));
  const index: CorpusIndex = builder.build();
  const rand = seededRandom(9);
  const tallies = new Map<string, KindTally>();
  const tally = (kind: string) => tallies.get(kind) ?? (tallies.set(kind, { cases: 0, caught: 0, falseWarnings: 0 }), tallies.get(kind)!);
  let sampled = 0;
  let faithfulWords = 0;
  let faithfulWarnings = 0;
  const started = Date.now();
  const order = index.articles.map((_, i) => i).sort(() => rand() - 0.5);
  for (const a of order) {
    if (sampled >= SENTENCES) break;
    const article = index.articles[a];
    const year = article.meta.date ? Number(article.meta.date.slice(0, 4)) : undefined;
    // Places and organisations of the article: capitalised runs inside its sentences, no person's name.
    const people = new Set(article.people.flatMap((p) => p.fullName.toLowerCase().split(/\s+/)));
    const names = new Set<string>();
    for (const s of article.sentences) for (const n of sentenceFacts(article.text, s, [], []).names) if (!n.words.some((w) => people.has(w)) && !/['’]s$/.test(n.text)) names.add(n.text);
    const placesAndOrgs = [...names];
    // Two sentences per article at most, not the first (often a headline or a dateline).
    const candidates = article.sentences.map((s, i) => ({ s, i })).filter(({ s, i }) => i > 0 && s.end - s.start > 60 && s.end - s.start < 400);
    for (const { s, i } of candidates.sort(() => rand() - 0.5).slice(0, 2)) {
      const sentence = article.text.slice(s.start, s.end);
      if (/\n/.test(sentence)) continue;
      const nextRecord = article.sentences[i + 1];
      const next = nextRecord && nextRecord.end - nextRecord.start < 300 ? article.text.slice(nextRecord.start, nextRecord.end) : undefined;
      const dateSpans = article.dates.filter((d) => d.span.start >= s.start && d.span.end <= s.end).map((d) => ({ start: d.span.start - s.start, end: d.span.end - s.start }));
      const variants = variantsOf(sentence, dateSpans, next && !/\n/.test(next) ? next : undefined, placesAndOrgs, people, year, rand);
      if (variants.length === 1 && rand() < 0.7) continue;
      sampled++;
      for (const v of variants) {
        const checker = new DraftChecker(index, { includeVerified: false, ...(article.meta.date ? { draftDate: article.meta.date } : {}) });
        const findings: Finding[] = (await checker.check(v.text)).filter((f) => FACT_CODES.has(f.code) && (f.severity === 'warning' || f.severity === 'error'));
        const t = tally(v.faithful ? (v.kind === 'unchanged' ? 'unchanged' : 'faithful rewrites') : v.kind);
        t.cases++;
        if (v.faithful) {
          faithfulWords += v.text.split(/\s+/).length;
          faithfulWarnings += findings.length;
          if (findings.length > 0) {
            t.falseWarnings++;
            if (DEBUG) for (const f of findings) process.stderr.write(`[${dataset.name}] FALSE ${v.kind} ${f.code}: «${v.text.slice(f.span.start, f.span.end)}» ${f.message}\n   ${v.text.slice(0, 300)}\n`);
          }
        } else {
          const c = v.changed!;
          const hit = findings.some((f) => f.code === c.code && f.span.start < c.end && c.start < f.span.end);
          if (hit) t.caught++;
          else if (DEBUG) process.stderr.write(`[${dataset.name}] MISS ${v.kind} | ${await missCause(index, v.text, c)}: «${v.text.slice(c.start, c.end)}» ${findings.map((f) => f.code).join(',')}\n   ${v.text.slice(0, 300)}\n`);
        }
      }
    }
  }
  return { dataset: dataset.name, articles: index.articles.length, sentences: sampled, seconds: (Date.now() - started) / 1000, kinds: Object.fromEntries(tallies), faithfulWords, faithfulWarnings };
}

async function main(): Promise<void> {
  const present = DATASETS.filter((d) => fs.existsSync(d.file));
  if (present.length === 0) {
    console.log('facts evaluation: skipped (no ../shared/data)');
    return;
  }
  const results = [];
  for (const d of present) {
    const r = await evaluate(d);
    results.push(r);
    console.log(`\nFacts outside quotations — ${r.dataset}: ${r.sentences} sentences of ${r.articles} articles (${r.seconds.toFixed(1)} s)`);
    console.log('| kind | cases | recall | false warnings |');
    console.log('|---|---:|---:|---:|');
    for (const [kind, t] of Object.entries(r.kinds).sort()) {
      const recall = kind === 'unchanged' || kind === 'faithful rewrites' ? '—' : (t.caught / Math.max(1, t.cases)).toFixed(2);
      const fw = kind === 'unchanged' || kind === 'faithful rewrites' ? `${t.falseWarnings} (${((100 * t.falseWarnings) / Math.max(1, t.cases)).toFixed(1)} %)` : '—';
      console.log(`| ${kind} | ${t.cases} | ${recall} | ${fw} |`);
    }
  }
  writeEvalResult('facts', { sentencesPerDataset: SENTENCES, results });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
