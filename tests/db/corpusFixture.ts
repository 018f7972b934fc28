/**
 * Corpora and drafts for the database tests: a temporary folder holding the
 * sample corpus, the parser fixtures and (when `../shared/data` is present) a
 * few hundred PolNeAR articles in JSONL files of 100; drafts made of the
 * example draft, corpus articles, and edited copies of them (a quotation's
 * word changed, a name misspelled, a year moved).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ArticleRecord } from '../../server/src/engine/api';
import { fixturesDir, repoRoot, sampleCorpusDir, seededRandom, sharedDataDir } from '../helpers';

/** PolNeAR articles used, when present (override with FACTCHECK_TEST_POLNEAR_ARTICLES). */
const POLNEAR_ARTICLES = Number(process.env.FACTCHECK_TEST_POLNEAR_ARTICLES ?? 300);

/** Builds the corpus folder; returns it and whether PolNeAR is in it. */
export function makeCorpusFolder(options: { polnear?: boolean } = {}): { dir: string; polnear: boolean } {
  const dir = mkdtempSync(path.join(tmpdir(), 'factcheck-db-corpus-'));
  for (const f of readdirSync(sampleCorpusDir)) copyFileSync(path.join(sampleCorpusDir, f), path.join(dir, f));
  const fixtures = path.join(fixturesDir, 'corpus');
  for (const f of readdirSync(fixtures)) copyFileSync(path.join(fixtures, f), path.join(dir, `fixture-${f}`));
  const polnearFile = path.join(sharedDataDir, 'polnear', 'articles.jsonl');
  const polnear = options.polnear !== false && existsSync(polnearFile) && POLNEAR_ARTICLES > 0;
  if (polnear) {
    const lines = readFileSync(polnearFile, 'utf8').split('\n').filter((l) => l.trim()).slice(0, POLNEAR_ARTICLES);
    for (let i = 0; i < lines.length; i += 100) {
      writeFileSync(path.join(dir, `polnear-${String(i / 100).padStart(3, '0')}.jsonl`), lines.slice(i, i + 100).join('\n') + '\n');
    }
  }
  return { dir, polnear };
}

/** A draft to check through both stores. */
export interface TestDraft {
  name: string;
  text: string;
}

/** The example draft, `count` corpus articles as drafts, and an edited copy of each. */
export function makeDrafts(articles: readonly ArticleRecord[], count: number, seed = 14): TestDraft[] {
  const drafts: TestDraft[] = [{ name: 'examples/draft.md', text: readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8') }];
  const random = seededRandom(seed);
  const withFacts = articles.filter((a) => a.text.length > 200 && (a.quotes.length > 0 || a.people.length > 0));
  const step = Math.max(1, Math.floor(withFacts.length / count));
  for (let i = 0; i < withFacts.length && drafts.length <= count * 2; i += step) {
    const a = withFacts[i];
    drafts.push({ name: `as-is ${a.id}`, text: a.text });
    drafts.push({ name: `edited ${a.id}`, text: editArticle(a, random) });
  }
  return drafts;
}

/** A copy of an article with errors a writer makes: a quoted word changed, a name misspelled, a year moved. */
function editArticle(a: ArticleRecord, random: () => number): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const quote = a.quotes.find((q) => q.text.split(/\s+/).length >= 6);
  if (quote) {
    // Replace one longer word of the quotation: the check should find the closest passage.
    const words = [...quote.text.matchAll(/[A-Za-z]{5,}/g)];
    if (words.length > 0) {
      const w = words[Math.floor(random() * words.length)];
      const start = quote.span.start + w.index!;
      edits.push({ start, end: start + w[0].length, text: 'remarkably' });
    }
  }
  const person = a.people.find((p) => p.text.length >= 6 && !edits.some((e) => overlaps(e, p.span)));
  if (person) {
    // Swap two letters inside the last word of the name.
    const text = a.text.slice(person.span.start, person.span.end);
    const k = Math.max(text.lastIndexOf(' ') + 2, text.length - 3);
    const swapped = text.slice(0, k) + text[k + 1] + text[k] + text.slice(k + 2);
    edits.push({ start: person.span.start, end: person.span.end, text: swapped });
  }
  const date = a.dates.find((d) => d.value?.year !== undefined && /\b(19|20)\d\d\b/.test(d.text) && !edits.some((e) => overlaps(e, d.span)));
  if (date) {
    const m = /\b(19|20)\d\d\b/.exec(date.text)!;
    const start = date.span.start + m.index;
    edits.push({ start, end: start + 4, text: String(Number(m[0]) + 1) });
  }
  let text = a.text;
  for (const e of edits.sort((x, y) => y.start - x.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
