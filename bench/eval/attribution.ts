/**
 * Evaluates quotation attribution against PolNeAR (political news attribution
 * relations, LREC 2018), from `../shared/data/polnear/`.
 *
 * Gold: annotated attributions whose content has quotation marks and whose
 * source is named (not a pronoun, relative pronoun or null; contains a
 * capitalised word). One annotator per article, so double-annotated articles
 * do not count twice.
 *
 * - Recall: of the gold pairs, how many have one of our quotations
 *   overlapping their content with a speaker matching the gold source.
 * - Precision: of our quotations with a resolved speaker that overlap a named
 *   gold content span, how many have a speaker matching a gold source of a
 *   content span they overlap. Quotes overlapping no gold span are left out:
 *   PolNeAR does not annotate every quotation, and an unannotated quote says
 *   nothing about whether our speaker is right.
 *
 * A speaker matches when the normalised name tokens of our resolved speaker
 * (and of the words as written) share a non-title word with the gold source
 * text ("Donald Trump" matches "Trump", "Mr. Trump"; "Politico" matches
 * "Politico"). It also matches when we resolved a speaker and the phrase we
 * read it from is the gold source span itself, by offsets: "The president
 * noted …" resolved to Barack Obama is scored against gold "The president",
 * which names nobody; PolNeAR marks the source phrase but not whom a
 * description stands for, so the eval cannot judge that resolution either
 * way (it is tested in `tests/unit/`), only that we read the right phrase.
 *
 * Run: `npm run eval`. Writes `bench/results/eval-attribution.json`.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractPeople } from '../../server/src/engine/extract/names';
import { extractQuotes } from '../../server/src/engine/extract/quotes';
import { splitSentences } from '../../server/src/engine/extract/sentences';
import { nameTokens } from '../../server/src/engine/extract/nameVariants';
import type { QuoteMention } from '../../server/src/engine/types';

interface Article {
  id: string;
  text: string;
  split: string;
}

interface Attribution {
  article_id: string;
  annotator: string;
  split: string;
  source: string | null;
  content: string;
  content_spans: [number, number][];
  source_spans: [number, number][] | null;
  has_quote_marks: boolean;
}

interface Counts {
  gold: number;
  goldFound: number;
  goldCorrect: number;
  predicted: number;
  predictedCorrect: number;
  quotes: number;
  quotesWithSpeaker: number;
  articles: number;
  chars: number;
  ms: number;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const dataDir = path.resolve(repoRoot, '..', 'shared', 'data', 'polnear');
const resultsDir = path.join(repoRoot, 'bench', 'results');

const UNNAMED = new Set(
  'he she it they i we you who which that his her its their them him this these those one someone somebody'.split(' '),
);
// Words that do not identify a speaker when comparing names.
const NON_IDENTIFYING = new Set(
  ('the a an of mr mrs ms dr sen rep gov president senator governor former candidate campaign spokesman spokeswoman ' +
    'spokesperson said told s and in for on at to').split(' '),
);

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}

/** A named source: not a pronoun and with a capitalised word ("Trump", "Grayson's spokeswoman", "the Clinton campaign"). */
function isNamedSource(source: string | null): boolean {
  if (!source) return false;
  const s = source.trim();
  if (UNNAMED.has(s.toLowerCase())) return false;
  return /(?:^|\s)\p{Lu}\p{Ll}/u.test(s) && !/^(?:said|says|told)$/i.test(s) && !/^(?:He|She|It|They|I|We)$/.test(s);
}

function identifying(tokens: string[]): Set<string> {
  return new Set(tokens.filter((t) => t.length > 1 && !NON_IDENTIFYING.has(t)));
}

function speakerMatches(q: QuoteMention, goldSource: string, goldSourceSpans: [number, number][] | null = null): boolean {
  if (!q.speaker?.resolved) return false;
  // Our speaker phrase is the gold source phrase (see the header): a description resolved, a name read in place.
  const sp = q.speaker.span;
  if (sp && goldSourceSpans?.some(([s, e]) => sp.start >= s && sp.end <= e)) return true;
  const gold = identifying(nameTokens(goldSource.replace(/[,()]/g, ' ')));
  const ours = identifying([...nameTokens(q.speaker.resolved), ...nameTokens(q.speaker.text)]);
  for (const t of ours) if (gold.has(t)) return true;
  return false;
}

function overlaps(a: { start: number; end: number }, spans: [number, number][]): boolean {
  return spans.some(([s, e]) => a.start < e && s < a.end);
}

function overlapLength(a: { start: number; end: number }, spans: [number, number][]): number {
  let n = 0;
  for (const [s, e] of spans) n += Math.max(0, Math.min(a.end, e) - Math.max(a.start, s));
  return n;
}

function emptyCounts(): Counts {
  return { gold: 0, goldFound: 0, goldCorrect: 0, predicted: 0, predictedCorrect: 0, quotes: 0, quotesWithSpeaker: 0, articles: 0, chars: 0, ms: 0 };
}

function scores(c: Counts): { precision: number; recall: number; f1: number; quoteRecall: number } {
  const precision = c.predicted ? c.predictedCorrect / c.predicted : 0;
  const recall = c.gold ? c.goldCorrect / c.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, quoteRecall: c.gold ? c.goldFound / c.gold : 0 };
}

function main(): void {
  if (!fs.existsSync(path.join(dataDir, 'attributions.jsonl'))) {
    console.log(`PolNeAR not found at ${dataDir}: attribution evaluation skipped.`);
    return;
  }
  const articles = readJsonl<Article>(path.join(dataDir, 'articles.jsonl'));
  const attributions = readJsonl<Attribution>(path.join(dataDir, 'attributions.jsonl'));

  // One annotator per article: the first one seen.
  const annotatorOf = new Map<string, string>();
  for (const a of attributions) if (!annotatorOf.has(a.article_id)) annotatorOf.set(a.article_id, a.annotator);
  const byArticle = new Map<string, Attribution[]>();
  for (const a of attributions) {
    if (annotatorOf.get(a.article_id) !== a.annotator) continue;
    if (!a.has_quote_marks || !isNamedSource(a.source)) continue;
    const list = byArticle.get(a.article_id) ?? [];
    list.push(a);
    byArticle.set(a.article_id, list);
  }

  const bySplit = new Map<string, Counts>([['all', emptyCounts()]]);
  const errors: { article: string; kind: string; quote: string; ours?: string; gold?: string }[] = [];
  for (const art of articles) {
    const gold = byArticle.get(art.id);
    if (!gold) continue;
    const t0 = performance.now();
    const sentences = splitSentences(art.text);
    const people = extractPeople(art.text, sentences);
    const quotes = extractQuotes(art.text, sentences, people);
    const ms = performance.now() - t0;

    const counts = [bySplit.get('all')!, bySplit.get(art.split) ?? emptyCounts()];
    bySplit.set(art.split, counts[1]);
    for (const c of counts) {
      c.articles++;
      c.chars += art.text.length;
      c.ms += ms;
      c.quotes += quotes.length;
      c.quotesWithSpeaker += quotes.filter((q) => q.speaker?.resolved).length;
    }

    for (const g of gold) {
      const overlapping = quotes.filter((q) => overlaps(q.span, g.content_spans));
      const found = overlapping.length > 0;
      // The quote that covers most of the gold content decides.
      const best = [...overlapping].sort((a, b) => overlapLength(b.span, g.content_spans) - overlapLength(a.span, g.content_spans))[0];
      const correct = best !== undefined && (speakerMatches(best, g.source!, g.source_spans) || overlapping.some((q) => speakerMatches(q, g.source!, g.source_spans)));
      for (const c of counts) {
        c.gold++;
        if (found) c.goldFound++;
        if (correct) c.goldCorrect++;
      }
      if (!correct && errors.length < 4000) {
        errors.push({ article: art.id, kind: found ? 'recall-wrong-or-missing-speaker' : 'recall-quote-not-found', quote: g.content.slice(0, 100), ours: best?.speaker?.resolved ?? best?.speaker?.text, gold: g.source! });
      }
    }
    for (const q of quotes) {
      if (!q.speaker?.resolved) continue;
      const golds = gold.filter((g) => overlaps(q.span, g.content_spans));
      if (golds.length === 0) continue;
      const correct = golds.some((g) => speakerMatches(q, g.source!, g.source_spans));
      for (const c of counts) {
        c.predicted++;
        if (correct) c.predictedCorrect++;
      }
      if (!correct && errors.length < 4000) errors.push({ article: art.id, kind: 'precision-wrong-speaker', quote: q.text.slice(0, 100), ours: q.speaker.resolved, gold: golds.map((g) => g.source).join(' | ') });
    }
  }

  const rows = [...bySplit.entries()].map(([split, c]) => ({ split, ...c, ...scores(c), msPerArticle: c.articles ? c.ms / c.articles : 0, msPerMB: c.chars ? (c.ms / c.chars) * 1e6 : 0 }));
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);
  console.log('PolNeAR quotation attribution (named sources, quotes with marks)');
  console.log('split   articles   gold  found  correct  pred  pred-ok   P%     R%     F1%   quote-R%  ms/article');
  for (const r of rows) {
    console.log(
      `${r.split.padEnd(7)} ${String(r.articles).padStart(8)} ${String(r.gold).padStart(6)} ${String(r.goldFound).padStart(6)} ${String(r.goldCorrect).padStart(8)} ${String(r.predicted).padStart(5)} ${String(r.predictedCorrect).padStart(8)} ${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)} ${pct(r.quoteRecall)}    ${r.msPerArticle.toFixed(2)}`,
    );
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  // No article text in the results file: PolNeAR is not ours to redistribute. Set EVAL_ERRORS=<file> for an error dump outside the repo.
  const out = { dataset: 'PolNeAR v1.0.0', generated: new Date().toISOString(), definition: 'see bench/eval/attribution.ts header', results: rows };
  fs.writeFileSync(path.join(resultsDir, 'eval-attribution.json'), JSON.stringify(out, null, 2) + '\n');
  if (process.env.EVAL_ERRORS) fs.writeFileSync(process.env.EVAL_ERRORS, JSON.stringify(errors, null, 1));
  console.log(`Wrote ${path.relative(process.cwd(), path.join(resultsDir, 'eval-attribution.json'))}`);
}

main();
