/**
 * The tsqueries the PostgreSQL store cuts candidates with, checked against
 * what they stand for (no database needed):
 * - `atLeastQuery`: an article matches exactly when the closest-passage
 *   voters it holds weigh at least the least score — every subset of voters
 *   is tried against a brute-force sum, so the 24 best articles of a round
 *   that finds 24 are the corpus's best;
 * - `orderedScanCap`: common words walk the corpus in order, rare ones use
 *   the index, and a walk is capped;
 * - `continuedWalkCap`: a walk cut short goes on when walking on is cheaper
 *   than the index, at least twice as far each time, and otherwise stops.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atLeastQuery } from '../../server/src/host/pg/closestLookup';
import { continuedWalkCap, orderedScanCap } from '../../server/src/host/pg/verbatimLookup';
import { seededRandom } from '../helpers';

/** Whether an article holding `held` matches the query (an OR of ANDs of quoted lexemes, as built). */
function matches(query: string, held: ReadonlySet<string>): boolean {
  if (query === '') return false;
  return query.split(' | ').some((term) => term.replace(/^\(|\)$/g, '').split(' & ').every((w) => held.has(w.slice(1, -1))));
}

test('an article matches the at-least query exactly when the voters it holds weigh that much', () => {
  const random = seededRandom(14);
  for (let round = 0; round < 60; round++) {
    const n = 1 + Math.floor(random() * 8);
    const voters = Array.from({ length: n }, (_, k) => ({ word: `w${k}`, weight: 1 + random() * 12 }));
    const total = voters.reduce((s, v) => s + v.weight, 0);
    const least = Math.min(...voters.map((v) => v.weight));
    for (const share of [0.75, 0.4, 0]) {
      const bound = Math.max(least, share * total);
      const query = atLeastQuery(voters, bound);
      for (let mask = 0; mask < 1 << n; mask++) {
        const held = new Set(voters.filter((_, k) => mask & (1 << k)).map((v) => v.word));
        const weight = voters.filter((_, k) => mask & (1 << k)).reduce((s, v) => s + v.weight, 0);
        assert.equal(matches(query, held), weight >= bound - 1e-9, `voters ${JSON.stringify(voters)}, least ${bound}, held ${[...held]}`);
      }
    }
    // The last round is any voter: every article holding one matches.
    const any = atLeastQuery(voters, least);
    for (const v of voters) assert.ok(matches(any, new Set([v.word])));
  }
});

test('common words walk the corpus in order, rare ones read the index, and a walk is capped', () => {
  const stats = { occurrences: new Map([['today', 95_000], ['will', 300_000], ['offer', 40_000], ['revlon', 200], ['forbes', 3_000]]), totalWords: 170_000_000 };
  const articles = 1_000_000;
  const today = orderedScanCap(['today'], stats, articles, 10);
  assert.ok(today !== null && today >= 2_000 && today < 20_000, `today: ${today}`);
  assert.ok(orderedScanCap(['offer', 'will'], stats, articles, 25) !== null);
  assert.equal(orderedScanCap(['revlon', 'forbes'], stats, articles, 25), null);
  assert.equal(orderedScanCap(['revlon'], stats, articles, 1), null);
  // An empty corpus has nothing to walk.
  assert.equal(orderedScanCap(['today'], stats, 0, 10), null);
});

test('a walk cut short goes on while walking is cheaper than the index, and stops otherwise', () => {
  // "will offer" at 1M: 2,000 articles walked held 5 of the 8 asked for; the index would read ~80,000.
  const next = continuedWalkCap(2_000, 5, 7, 82_700, 1_000_000);
  assert.ok(next !== null && next >= 4_000 && next * 4 <= 82_700, `will offer: ${next}`);
  // Rare in the walk and few matches: the index reads less.
  assert.equal(continuedWalkCap(2_000, 5, 25, 3_000, 1_000_000), null);
  // Nothing found yet: going on only when the index would read far more.
  assert.equal(continuedWalkCap(2_000, 0, 10, 20_000, 1_000_000), null);
  assert.ok((continuedWalkCap(2_000, 0, 1, 500_000, 1_000_000) ?? 0) >= 4_000);
  // The density seen counts as a floor on what the index reads, though the words' estimate was low.
  assert.ok(continuedWalkCap(500, 24, 25, 100, 1_000_000) !== null);
  // Each walk on is at least twice the last, so a query walks a handful of times at most.
  for (const [walked, found, page] of [[10, 9, 10], [2_000, 1, 25], [64, 3, 4]]) {
    const n = continuedWalkCap(walked, found, page, 1e9, 1e9);
    assert.ok(n !== null && n >= 2 * walked, `${walked}/${found}/${page}: ${n}`);
  }
  assert.equal(continuedWalkCap(0, 0, 10, 1e9, 1e9), null);
});
