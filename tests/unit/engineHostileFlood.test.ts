/**
 * Issue 10, item 2: corpus text must not flood what leaves the engine. One
 * article holds a 1.1 MB passage without punctuation and a 500 KB title; a
 * 4 KB draft quoting from it must get findings, citations and search hits of
 * a few kilobytes, each citation a window around its match that still points
 * at the right place in the file. Inputs are made at test time.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { buildCorpusIndex, checkDraft, computeLineStarts, positionAt, type CorpusIndex, type CorpusSource, type Finding } from '../../server/src/engine/api';
import { seededRandom } from '../helpers';

const SYLLABLES = 'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu'.split(' ');

/** `count` made-up words (three syllables: rare enough that every phrase is a rare one), seeded. */
function words(count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const syllable = (): string => SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return Array.from({ length: count }, () => syllable() + syllable() + syllable());
}

function memorySource(files: Record<string, string>): CorpusSource {
  const enc = new TextEncoder();
  return {
    listFiles: async () => Object.keys(files).map((p) => ({ path: p, size: enc.encode(files[p]).length })),
    readFile: async (p) => enc.encode(files[p]),
  };
}

let index: CorpusIndex;
let file: string;
let passage: string[];
let findings: Finding[];

before(async () => {
  // ~1.1 MB of words without a full stop, on one line: a passage no splitter may keep whole.
  passage = words(160_000, 7);
  const title = words(72_000, 8).join(' '); // ~500 KB
  file =
    `---\ntitle: ${title}\npublisher: ${'Gazette '.repeat(20_000)}\ndate: 2019-03-04\n---\n\n` +
    'Andrei Lankov, a professor at Kookmin University, said the talks would go on.\n\n' +
    passage.join(' ') +
    '\n\nThe ministry said, “The door to dialogue has never been closed to anyone at all.”\n';
  assert.ok(file.length > 1_600_000);
  ({ index } = await buildCorpusIndex(memorySource({ 'hostile.md': file }), { maxFileBytes: 50_000_000 }));
  const exact = passage.slice(90_000, 90_030).join(' ');
  const altered = passage.slice(40_000, 40_025);
  altered[12] = 'zebra';
  let draft =
    `Andrei Lankov said, “${exact},” and added more.\n\n` +
    `The ministry said, “${altered.join(' ')}.”\n\n` +
    'Andrei Lankov, a professor at Kookmin University, said the talks would go on.\n\n';
  while (draft.length < 4000) draft += 'Nothing in this paragraph is a claim of any kind, only filler words for length.\n\n';
  findings = await checkDraft(draft, index);
});

test('a 1.1 MB unpunctuated passage and a 500 KB title give findings of tens of KB, not megabytes', () => {
  const size = JSON.stringify(findings).length;
  // The words stand verbatim in the source's running text, which ties them to no speaker: verified words, speaker unconfirmed.
  assert.ok(findings.some((f) => f.code === 'quote-speaker-unconfirmed'), JSON.stringify(findings.map((f) => f.code)));
  assert.ok(findings.some((f) => f.code === 'quote-altered'), JSON.stringify(findings.map((f) => f.code)));
  assert.ok(size < 60_000, `findings serialise to ${size} characters`);
  for (const f of findings) {
    assert.ok(f.message.length <= 500, `message of ${f.message.length} characters`);
    assert.ok(!/\n/.test(f.message), 'a message is one line');
    for (const c of f.evidence) {
      assert.ok(c.text.length <= 402, `citation text of ${c.text.length} characters`);
      assert.ok((c.title ?? '').length <= 200, `title of ${(c.title ?? '').length}`);
      assert.ok((c.publisher ?? '').length <= 100, `publisher of ${(c.publisher ?? '').length}`);
    }
  }
});

test('a windowed citation keeps its match on the matched words and its range on the words shown', () => {
  const verified = findings.find((f) => f.code === 'quote-speaker-unconfirmed')!;
  const c = verified.evidence[0];
  assert.ok(c.text.startsWith('…') && c.text.endsWith('…'), 'cut on both sides, and marked');
  assert.ok(c.match, 'the match survives the window');
  assert.equal(c.text.slice(c.match!.start, c.match!.end), passage.slice(90_000, 90_030).join(' '));
  // The range points at the first word shown, in the file.
  const lines = computeLineStarts(file);
  const offset = lines[c.range.start.line] + c.range.start.character;
  assert.equal(file.slice(offset, offset + 40), c.text.slice(1, 41));
  const endOffset = lines[c.range.end.line] + c.range.end.character;
  assert.equal(file.slice(offset, endOffset), c.text.slice(1, -1));
  assert.deepEqual(positionAt(lines, offset), c.range.start);
});

test('search hits in the huge passage are cut too, around a matched word', async () => {
  const hits = await index.search(`${passage[100_000]} ${passage[100_001]} ${passage[100_002]}`, { limit: 50 });
  assert.ok(hits.length > 0);
  const size = JSON.stringify(hits).length;
  assert.ok(size < 60_000, `search hits serialise to ${size} characters`);
  for (const h of hits) {
    assert.ok(h.text.length <= 402 && (h.title ?? '').length <= 200 && (h.publisher ?? '').length <= 100);
    assert.ok(h.terms.some((t) => h.text.toLowerCase().includes(t)), 'the window shows a matched word');
  }
});

test('clipText and excerptWindow: bounded, at word boundaries, the focus always inside', async () => {
  const { clipText, excerptWindow } = await import('../../server/src/engine/text/excerpt');
  assert.equal(clipText('short title', 200), 'short title');
  const long = words(2000, 3).join(' ');
  const clipped = clipText(long, 200);
  assert.ok(clipped.length <= 200 && clipped.endsWith('…') && long.startsWith(clipped.slice(0, -1)));
  assert.ok(long[clipped.length - 1] === ' ', 'cut after a whole word');
  for (const at of [0, 7, 5000, long.length - 20]) {
    const focus = { start: at, end: Math.min(long.length, at + 20) };
    const w = excerptWindow(long, 0, long.length, 400, focus);
    assert.ok(w.end - w.start <= 400 && w.start <= focus.start && focus.end <= w.end, JSON.stringify({ at, w }));
    assert.ok(w.start === 0 || long[w.start - 1] === ' ', 'starts at a word');
    assert.ok(w.end === long.length || long[w.end] === ' ', 'ends after a word');
  }
  // A focus longer than the window: its beginning is shown.
  const w = excerptWindow(long, 0, long.length, 400, { start: 100, end: 3000 });
  assert.ok(w.start === 100 && w.end - w.start <= 400);
});
