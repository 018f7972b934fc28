/**
 * Issue 13 (memory at 100,000 articles), session 6: the sentence search's
 * candidates as typed arrays in a reused scratch, and loaded mentions in
 * fixed shapes with shared empty lists. The answers must be those of the
 * object-per-candidate search and of the records as extracted.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { buildCorpusIndex, type CorpusIndex } from '../../server/src/engine/api';
import { SentenceSearch, type SentenceHit, type SentenceQueryOptions } from '../../server/src/engine/index/sentenceSearch';
import { decodeRecordChunk, encodeRecordChunk } from '../../server/src/engine/cache/binaryRecords';
import { tokenize } from '../../server/src/engine/text/tokens';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { sampleCorpusDir, seededRandom } from '../helpers';

let index: CorpusIndex;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir])));
});

/** The private parts of a SentenceSearch the reference below reads (bracket access). */
interface SearchInternals {
  expand(term: string, prefix: boolean, fuzzy: number): Map<number, number>;
  sentenceOf(pos: number): number;
  titles(): Map<string, number[]>;
  articleFirstSentence: Uint32Array;
  sentenceFirstToken: Uint32Array;
  sentenceArticle: Uint32Array;
  avgSentenceTokens: number;
}

/** The search as it was, one object (a score array and a word set) per candidate: the reference answers. */
function referenceSearch(s: SentenceSearch, query: string, options: SentenceQueryOptions, limit: number): SentenceHit[] {
  const x = s as unknown as SearchInternals;
  const tokens = index.tokens;
  const terms = [...new Set(tokenize(query).map((t) => t.norm))].slice(0, 12);
  if (terms.length === 0) return [];
  const expansions = terms.map((t) => x.expand(t, options.prefix ?? true, options.fuzzy ?? 0.2));
  const total = x.sentenceArticle.length;
  const idf = (w: number): number => Math.log(1 + total / (1 + tokens.postingStart[w + 1] - tokens.postingStart[w]));
  const count = (e: Map<number, number>): number => [...e.keys()].reduce((n, w) => n + tokens.postingStart[w + 1] - tokens.postingStart[w], 0);
  const order = terms.map((_, i) => i).sort((a, b) => count(expansions[a]) - count(expansions[b]));
  const and = (options.combineWith ?? 'AND') === 'AND';
  const cands = new Map<number, { termScores: Float64Array; words: Set<number> }>();
  order.forEach((ti, rank) => {
    for (const [w, weight] of expansions[ti]) {
      const contribution = weight * idf(w);
      for (let k = tokens.postingStart[w]; k < tokens.postingStart[w + 1]; k++) {
        const g = x.sentenceOf(tokens.postings[k]);
        if (g < 0) continue;
        let c = cands.get(g);
        if (!c) {
          if (and && rank > 0) continue;
          c = { termScores: new Float64Array(terms.length), words: new Set() };
          cands.set(g, c);
        }
        if (contribution > c.termScores[ti]) c.termScores[ti] = contribution;
        c.words.add(w);
      }
    }
    const forms: Array<[string, number, number]> = [[terms[ti], 1, tokens.vocabulary.get(terms[ti]) ?? -1]];
    for (const [w, weight] of expansions[ti]) if (tokens.words[w] !== terms[ti]) forms.push([tokens.words[w], weight, w]);
    for (const [form, weight, w] of forms) {
      const contribution = 0.5 * weight * (w >= 0 ? idf(w) : 1);
      for (const a of x.titles().get(form) ?? []) {
        for (let g = x.articleFirstSentence[a]; g < x.articleFirstSentence[a + 1]; g++) {
          const c = cands.get(g);
          if (c && contribution > c.termScores[ti]) c.termScores[ti] = contribution;
        }
      }
    }
  });
  const hits: SentenceHit[] = [];
  for (const [g, c] of cands) {
    let sum = 0;
    let matched = 0;
    for (const v of c.termScores) {
      sum += v;
      if (v > 0) matched++;
    }
    if (and && matched < terms.length) continue;
    const len = x.sentenceFirstToken[g + 1] - x.sentenceFirstToken[g];
    const norm = 2.2 / (1 + 1.2 * (0.25 + (0.75 * len) / x.avgSentenceTokens));
    const a = x.sentenceArticle[g];
    hits.push({ article: a, sentence: g - x.articleFirstSentence[a], score: sum * norm * (matched / terms.length), terms: [...c.words].map((w) => tokens.words[w]) });
  }
  hits.sort((p, q) => q.score - p.score || p.article - q.article || p.sentence - q.sentence);
  return hits.slice(0, limit);
}

/** Queries of one to three corpus words (some cut to a prefix, some misspelt), and a few written ones. */
function queries(): string[] {
  const random = seededRandom(5);
  const words = index.tokens.words;
  const out = ['Lankov Kookmin', 'said', 'the north korea', 'Lankow', 'kookm', 'summit trump kim', 'xylophone said'];
  for (let i = 0; i < 60; i++) {
    const picked: string[] = [];
    for (let k = 0; k <= i % 3; k++) {
      const w = words[Math.floor(random() * words.length)];
      picked.push(i % 5 === 1 ? w.slice(0, Math.max(2, w.length - 2)) : i % 5 === 2 ? `${w}e` : w);
    }
    out.push(picked.join(' '));
  }
  return out;
}

const OPTIONS: SentenceQueryOptions[] = [{ combineWith: 'AND' }, { combineWith: 'OR' }, { combineWith: 'OR', prefix: false, fuzzy: 0 }, { combineWith: 'AND', fuzzy: 0.4 }];

test('the search with typed-array candidates gives the hits, scores, order and matched words of one object per candidate', () => {
  const search = new SentenceSearch(index.articles, index.tokens);
  let hits = 0;
  for (const q of queries()) {
    for (const options of OPTIONS) {
      for (const limit of [3, 500]) {
        const expected = referenceSearch(search, q, options, limit);
        assert.deepEqual(search.search(q, options, limit), expected, `${q} ${JSON.stringify(options)} ${limit}`);
        hits += expected.length;
      }
    }
  }
  assert.ok(hits > 1000, `the queries found too little to compare (${hits} hits)`);
});

test('searches one after another on one scratch answer as a fresh search does', () => {
  const shared = new SentenceSearch(index.articles, index.tokens);
  for (const q of queries().slice(0, 30)) {
    for (const options of OPTIONS) assert.deepEqual(shared.search(q, options, 50), new SentenceSearch(index.articles, index.tokens).search(q, options, 50), q);
  }
});

test('loaded records: empty mention lists shared and frozen, event words exact, mentions equal to those extracted', () => {
  // The sample's articles all name someone and date something: two bare ones besides them.
  const bare = (id: string) => ({ ...index.articles[0], id, quotes: [], people: [], dates: [] });
  const records = [...index.articles.map((a) => ({ ...a })), bare('bare-1'), bare('bare-2')];
  const back = decodeRecordChunk(encodeRecordChunk(records), 'corpus.md');
  assert.equal(back.length, records.length);
  const empties = back.flatMap((r) => [r.quotes, r.people, r.dates]).filter((l) => l.length === 0);
  assert.equal(empties.length, 6);
  for (const l of empties) {
    assert.equal(l, empties[0], 'one shared empty list');
    assert.ok(Object.isFrozen(l));
  }
  back.forEach((r, i) => {
    // The same fields (in the same order for people; quotations and date values keep the order loading always gave).
    assert.equal(JSON.stringify(r.people), JSON.stringify(records[i].people), r.id);
    assert.deepEqual([r.quotes, r.people, r.dates], [records[i].quotes, records[i].people, records[i].dates]);
  });
  assert.ok(back.some((r) => r.dates.some((d) => d.eventWords.length > 0)));
});
