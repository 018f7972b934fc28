/**
 * Quietness on unseen articles of the same stories: a reporter's draft is
 * never in the corpus, but other articles of the same story are. Every 10th
 * article of a dataset is a draft; the other nine in ten are the corpus. A
 * draft that is a real, published article is right (as far as anyone can
 * tell), so every warning on it is counted as a false alarm; findings of
 * severity information are counted apart (they ask the writer to look, they
 * don't say the draft is wrong).
 *
 * Two figures per dataset: over every draft, and over the drafts that have a
 * *sibling* in the corpus — an article sharing at least a quarter of the
 * draft's rarer words — which are the ones where the sources say something
 * about the same facts, so the checks have something to get wrong.
 *
 * Datasets: BBC News (2004–05, many stories covered several times) and,
 * with `SAME_STORY_REUTERS=1`, Reuters-21578 (1987; stories followed up
 * through the day). Needs `../shared/data`; skips with a message without it.
 *
 * Run: `npm run eval` (or `node out/bench/eval/sameStory.js`). Writes
 * `bench/results/eval-sameStory.json` (figures only). `EVAL_DEBUG=1` prints
 * each warning with its words to stderr (article text: never commit it).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorpusIndexBuilder, checkDraft, tokenize, STOPWORDS, type Finding } from '../../server/src/engine/api';
import { writeEvalResult } from './results';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const dataRoot = path.resolve(repoRoot, '..', 'shared', 'data');
const DEBUG = process.env.EVAL_DEBUG === '1';
/** One draft in STRIDE; the rest are the corpus. */
const STRIDE = 10;
/** A sibling shares this share of the draft's rarer words. */
const SIBLING_OVERLAP = 0.25;

interface Dataset {
  name: string;
  file: string;
  /** The article's text (and title) from one JSONL record. */
  read(record: Record<string, unknown>): { title: string; text: string } | undefined;
}

const DATASETS: Dataset[] = [
  {
    name: 'bbc-news',
    file: path.join(dataRoot, 'bbc-news', 'bbc-news.jsonl'),
    read: (r) => (typeof r.text === 'string' ? { title: String(r.title ?? ''), text: r.text } : undefined),
  },
];
if (process.env.SAME_STORY_REUTERS === '1') {
  DATASETS.push({
    name: 'reuters21578',
    file: path.join(dataRoot, 'reuters21578', 'reuters21578.jsonl'),
    read: (r) => (typeof r.text === 'string' && r.text.length > 400 ? { title: String(r.title ?? ''), text: r.text } : undefined),
  });
}

interface Tally {
  drafts: number;
  words: number;
  warnings: number;
  information: number;
  byCode: Record<string, { warnings: number; information: number }>;
}

function emptyTally(): Tally {
  return { drafts: 0, words: 0, warnings: 0, information: 0, byCode: {} };
}

function count(tally: Tally, text: string, findings: Finding[]): void {
  tally.drafts++;
  tally.words += text.split(/\s+/).filter(Boolean).length;
  for (const f of findings) {
    const slot = (tally.byCode[f.code] ??= { warnings: 0, information: 0 });
    if (f.severity === 'error' || f.severity === 'warning') {
      tally.warnings++;
      slot.warnings++;
    } else if (f.severity === 'information') {
      tally.information++;
      slot.information++;
    }
  }
}

function perThousand(n: number, words: number): number {
  return words === 0 ? 0 : Math.round((n * 1000 * 100) / words) / 100;
}

function summary(t: Tally) {
  return {
    drafts: t.drafts,
    words: t.words,
    warnings: t.warnings,
    warningsPer1000Words: perThousand(t.warnings, t.words),
    information: t.information,
    informationPer1000Words: perThousand(t.information, t.words),
    byCode: t.byCode,
  };
}

/** The words that say what an article is about: no stopwords, no short words. */
function rareWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const t of tokenize(text)) if (t.norm.length >= 5 && !STOPWORDS.has(t.norm) && /^[a-z]+$/.test(t.norm)) words.add(t.norm);
  return words;
}

/** Document frequency of each word over the corpus articles, to drop the common ones. */
function hasSibling(draftWords: Set<string>, corpusWords: Set<string>[], df: Map<string, number>, corpusSize: number): boolean {
  const rarer = [...draftWords].filter((w) => (df.get(w) ?? 0) < corpusSize * 0.02);
  if (rarer.length < 8) return false;
  for (const words of corpusWords) {
    let shared = 0;
    for (const w of rarer) if (words.has(w)) shared++;
    if (shared >= rarer.length * SIBLING_OVERLAP) return true;
  }
  return false;
}

async function evaluate(dataset: Dataset) {
  const lines = fs.readFileSync(dataset.file, 'utf8').split('\n').filter(Boolean);
  const drafts: Array<{ title: string; text: string }> = [];
  const corpusLines: string[] = [];
  const corpusWords: Set<string>[] = [];
  lines.forEach((line, i) => {
    if (i % STRIDE === 0) {
      const article = dataset.read(JSON.parse(line));
      if (article) drafts.push(article);
    } else {
      corpusLines.push(line);
    }
  });
  const df = new Map<string, number>();
  for (const line of corpusLines) {
    const article = dataset.read(JSON.parse(line));
    const words = article ? rareWords(article.text) : new Set<string>();
    corpusWords.push(words);
    for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const builder = new CorpusIndexBuilder();
  builder.setFile(`/${dataset.name}-corpus.jsonl`, new TextEncoder().encode(corpusLines.join('\n')));
  const index = builder.build();

  const all = emptyTally();
  const withSibling = emptyTally();
  const started = Date.now();
  for (const draft of drafts) {
    const findings = await checkDraft(draft.text, index, { includeVerified: false });
    count(all, draft.text, findings);
    if (hasSibling(rareWords(draft.text), corpusWords, df, corpusWords.length)) count(withSibling, draft.text, findings);
    if (DEBUG) {
      for (const f of findings) {
        if (f.severity !== 'warning' && f.severity !== 'error') continue;
        process.stderr.write(`[${dataset.name}] ${f.code}: «${draft.text.slice(f.span.start, f.span.end).slice(0, 80)}» — ${f.message.slice(0, 160)}\n`);
      }
    }
  }
  return { dataset: dataset.name, corpusArticles: corpusLines.length, seconds: (Date.now() - started) / 1000, all: summary(all), withSibling: summary(withSibling) };
}

async function main(): Promise<void> {
  const present = DATASETS.filter((d) => fs.existsSync(d.file));
  if (present.length === 0) {
    console.log(`same-story quietness: skipped (no ${path.relative(process.cwd(), DATASETS[0].file)})`);
    return;
  }
  const results = [];
  for (const dataset of present) {
    const r = await evaluate(dataset);
    results.push(r);
    console.log(`\nSame-story quietness — ${r.dataset}: ${r.all.drafts} unseen articles checked against the other ${r.corpusArticles} (${r.seconds.toFixed(1)} s)`);
    console.log('| drafts | words | warnings | per 1,000 words | information | per 1,000 words |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [label, t] of [['all', r.all], ['with a same-story sibling', r.withSibling]] as const) {
      console.log(`| ${label} (${t.drafts}) | ${t.words} | ${t.warnings} | ${t.warningsPer1000Words} | ${t.information} | ${t.informationPer1000Words} |`);
    }
    const codes = Object.entries(r.all.byCode).sort((a, b) => b[1].warnings - a[1].warnings || b[1].information - a[1].information);
    console.log('By code (all drafts): ' + codes.map(([code, n]) => `${code} ${n.warnings} warn / ${n.information} info`).join(', '));
  }
  writeEvalResult('sameStory', { stride: STRIDE, siblingOverlap: SIBLING_OVERLAP, results });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
