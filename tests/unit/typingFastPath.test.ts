/**
 * Exact rewrites on the typing path (issue 9's edit target): each must give
 * what the code it replaced gave, which is written out here as the reference.
 * - The facts check walks quotation, date and role spans in step with the
 *   sentences (`SpanSweep`) instead of filtering every list for every sentence.
 * - A quotation's segments are read once per quotation text and shifted to
 *   where it stands.
 * - The names check sorts the draft's names once and makes each name's
 *   context once, instead of filtering and sorting them for every mention.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PersonMention, TextSpan } from '../../server/src/engine/types';
import type { DraftFacts } from '../../server/src/engine/check/check';
import { SpanSweep } from '../../server/src/engine/check/factCheck';
import { nameCheck } from '../../server/src/engine/check/nameCheck';
import { quoteSegments, type QuoteSegment, type SegmentGap } from '../../server/src/engine/extract/quoteSegments';
import { nameKey, nameTokens } from '../../server/src/engine/extract/nameVariants';
import { tokenize } from '../../server/src/engine/text/tokens';
import { seededRandom } from '../helpers';

/** Sorted random spans (some empty, some nested or touching), as a draft's lists are. */
function randomSpans(rnd: () => number, n: number, length: number): TextSpan[] {
  const out: TextSpan[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor(rnd() * length);
    out.push({ start, end: Math.min(length, start + Math.floor(rnd() * (rnd() < 0.2 ? 0 : 60))) });
  }
  return out.sort((a, b) => a.start - b.start);
}

test('SpanSweep gives every span that meets or lies inside each sentence, in list order', () => {
  const rnd = seededRandom(21);
  let met = 0;
  for (let round = 0; round < 400; round++) {
    const length = 200 + Math.floor(rnd() * 2000);
    // Sentences in text order, touching, sometimes empty or repeated starts.
    const sentences: TextSpan[] = [];
    for (let at = 0; at < length; ) {
      const end = Math.min(length, at + Math.floor(rnd() * 120));
      sentences.push({ start: at, end });
      at = rnd() < 0.1 ? end : end + 1;
    }
    const spans = randomSpans(rnd, Math.floor(rnd() * 40), length);
    // One list in three out of order: it must be given whole.
    if (round % 3 === 0 && spans.length > 2) spans.reverse();
    const sweep = { overlap: new SpanSweep(spans), inside: new SpanSweep(spans) };
    for (const s of sentences) {
      const overlap = (q: TextSpan) => q.start < s.end && s.start < q.end;
      const inside = (q: TextSpan) => q.start >= s.start && q.end <= s.end;
      const want = { overlap: spans.filter(overlap), inside: spans.filter(inside) };
      met += want.overlap.length;
      assert.deepEqual(sweep.overlap.near(s.start, s.end).filter(overlap), want.overlap);
      assert.deepEqual(sweep.inside.near(s.start, s.end).filter(inside), want.inside);
    }
  }
  assert.ok(met > 1000, `only ${met} spans met a sentence`);
});

/** quoteSegments as it was before its memo: the quotation read where it stands. */
function referenceSegments(text: string, span: TextSpan): QuoteSegment[] {
  const re = /\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.|\[[^\]\n]{0,200}\]/g;
  const inner = text.slice(span.start, span.end);
  const segments: QuoteSegment[] = [];
  let pos = 0;
  let pendingGap: SegmentGap | undefined;
  const push = (from: number, to: number): void => {
    const tokens = tokenize(text, span.start + from, span.start + to);
    if (tokens.length > 0) {
      segments.push(segments.length === 0 ? { tokens } : { tokens, gapBefore: pendingGap ?? 'elision' });
      pendingGap = undefined;
    }
  };
  for (let m = re.exec(inner); m !== null; m = re.exec(inner)) {
    push(pos, m.index);
    const isElision = !m[0].startsWith('[') || /…|\.\s?\.\s?\./.test(m[0]);
    pendingGap = isElision || pendingGap === 'elision' ? 'elision' : 'insertion';
    pos = m.index + m[0].length;
  }
  push(pos, inner.length);
  return segments;
}

test('quoteSegments gives the segments of a quotation read where it stands, seen before or not', () => {
  const pieces = ['We', 'will', 'U.S.', 'Jong-un', 'don’t', '3,000', 'é', '...', '…', '. . .', '[…]', '[the president]', '[', ']', ' ', '  ', '\n', ',', '“', 'said'];
  const rnd = seededRandom(22);
  const quotes: string[] = [];
  for (let n = 0; n < 300; n++) {
    let q = '';
    const len = Math.floor(rnd() * 14);
    for (let k = 0; k < len; k++) q += pieces[Math.floor(rnd() * pieces.length)] + (rnd() < 0.6 ? ' ' : '');
    quotes.push(q);
  }
  // Each quotation at several offsets (the memo is filled by the first and read by the others), JSON as a finding holds it.
  for (let round = 0; round < 3; round++) {
    for (const q of quotes) {
      const before = 'x '.repeat(Math.floor(rnd() * 40));
      const text = `${before}${q} tail`;
      const span = { start: before.length, end: before.length + q.length };
      assert.equal(JSON.stringify(quoteSegments(text, span)), JSON.stringify(referenceSegments(text, span)), JSON.stringify(q));
    }
  }
  // What a caller gets is its own: changing it changes no later answer.
  const text = 'He said we will win ... in 2019.';
  const first = quoteSegments(text, { start: 8, end: 31 });
  first[0].tokens[0].start = -1;
  assert.deepEqual(quoteSegments(text, { start: 8, end: 31 }), referenceSegments(text, { start: 8, end: 31 }));
});

test('the names check gives each mention the context it gave when it sorted the names for every mention', () => {
  const given = ['Andrei', 'Kim', 'Peter', 'Anna', 'Zoë', 'Émile', 'bob', 'Mary-Jane'];
  const family = ['Lankov', 'Jong Un', 'Smith', 'Ångström', 'de la Cruz', 'Brown', 'O’Neil', 'Lee'];
  const rnd = seededRandom(23);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  for (let round = 0; round < 200; round++) {
    const people: PersonMention[] = [];
    const n = Math.floor(rnd() * 60);
    for (let i = 0; i < n; i++) {
      const full = rnd() < 0.8 ? `${pick(given)} ${pick(family)}` : pick(family);
      const text = rnd() < 0.5 ? full : full.split(' ').pop()!;
      const cue: PersonMention['cue'] = rnd() < 0.3 ? 'known' : 'speaker';
      const m: PersonMention = { text, span: { start: i * 40, end: i * 40 + text.length }, fullName: full, cue };
      if (rnd() < 0.2) m.role = { text: 'minister', span: { start: i * 40 + text.length + 2, end: i * 40 + text.length + 10 } };
      people.push(m);
    }
    const draft = { text: '', facts: { sentences: [], quotes: [], people, dates: [] }, people, quoteSpans: [] } as unknown as DraftFacts;
    // The reference: the code before the change, verbatim.
    const names = new Map<string, string>();
    for (const p of people) if (nameTokens(p.fullName).length >= 2) names.set(nameKey(p.fullName), p.fullName);
    const want = people.map((mention) => {
      const key = nameKey(mention.fullName);
      const needsContext = nameTokens(mention.text).length >= 2 || nameTokens(mention.fullName).length === 1 || mention.role !== undefined;
      return needsContext ? [...names].filter(([k]) => k !== key).map(([, v]) => v).sort().slice(0, 24) : [];
    });
    const claims = nameCheck.claims(draft);
    assert.deepEqual(claims.map((c) => c.context), want);
    // Each claim holds its own list.
    if (claims.length >= 2 && claims[0].context.length > 0) {
      claims[0].context.push('Changed');
      assert.deepEqual(nameCheck.claims(draft)[0].context, want[0]);
    }
  }
});
