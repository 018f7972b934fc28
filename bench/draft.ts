/**
 * A realistic benchmark draft made from a corpus: paragraphs of corpus
 * sentences (with the quotations and named people they carry), some altered
 * (a changed word in a quotation, a misspelled name), and fresh text the
 * corpus does not have. Deterministic for a given seed.
 */
import type { CorpusIndex } from '../server/src/engine/api';
import { seededRandom } from '../tests/helpers';

/** Shared with the tests, so a randomised test and a bench draft draw the same numbers. */
export { seededRandom };

const FRESH = [
  'Analysts at several banks said the outlook remained uncertain for the rest of the year.',
  'The committee is expected to publish its findings after the summer recess.',
  'Local officials described the mood in the port city as cautious but hopeful.',
  'Several traders declined to comment on the figures before the market opened.',
  'The ministry gave no timetable for the talks, which have stalled twice since spring.',
  'A spokesman for the union said members would vote on the offer next week.',
];

/** What the draft contains, for reports. */
export interface BenchDraft {
  text: string;
  words: number;
  /** Quotations taken from the corpus (some altered). */
  quotes: string[];
  alteredQuotes: number;
  misspelledNames: number;
}

/**
 * Builds a draft of about `targetWords` words from `index`'s articles.
 * Articles with quotations are preferred, so the quote check has work to do.
 */
export function makeDraft(index: CorpusIndex, targetWords = 2000, seed = 42): BenchDraft {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const withQuotes: number[] = [];
  index.articles.forEach((a, i) => {
    if (a.quotes.some((q) => q.text.split(/\s+/).length >= 6 && q.text.length < 300)) withQuotes.push(i);
  });
  const pool = withQuotes.length > 0 ? withQuotes : index.articles.map((_, i) => i);
  const paragraphs: string[] = [];
  const quotes: string[] = [];
  let words = 0;
  let altered = 0;
  let misspelled = 0;
  let guard = 0;
  while (words < targetWords && guard++ < 10_000 && pool.length > 0) {
    const art = index.articles[pick(pool)];
    if (art.sentences.length === 0) continue;
    // Two or three consecutive sentences, starting at one holding a quotation when there is one.
    const q = art.quotes.find((x) => x.text.split(/\s+/).length >= 6 && x.text.length < 300);
    let first = q ? art.sentences.findIndex((s) => s.start <= q.span.start && q.span.start < s.end) : 0;
    if (first < 0) first = 0;
    const last = Math.min(art.sentences.length, first + 2 + Math.floor(rnd() * 2));
    let para = art.text.slice(art.sentences[first].start, art.sentences[last - 1].end).replace(/\s*\n\s*/g, ' ');
    if (para.length > 1500) continue;
    if (q && para.includes(q.text)) {
      quotes.push(q.text);
      if (rnd() < 0.3) {
        // Alter one word of the quotation: the checker should call it altered.
        const qw = q.text.split(' ');
        const k = Math.floor(qw.length / 2);
        qw[k] = qw[k].length > 3 ? 'substantially' : 'very';
        para = para.replace(q.text, qw.join(' '));
        altered++;
      }
    }
    if (rnd() < 0.15) {
      const person = art.people.find((p) => p.fullName.includes(' ') && para.includes(p.text) && p.text.length > 6);
      if (person) {
        // Misspell a name: swap two inner letters.
        const t = person.text;
        const i = Math.max(1, Math.floor(t.length / 2));
        para = para.replace(t, t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2));
        misspelled++;
      }
    }
    if (rnd() < 0.35) para += ' ' + pick(FRESH);
    paragraphs.push(para);
    words += para.split(/\s+/).length;
  }
  const text = `# Desk draft\n\n${paragraphs.join('\n\n')}\n`;
  return { text, words, quotes, alteredQuotes: altered, misspelledNames: misspelled };
}
