/**
 * An editor's checker, fed a sequence of edits, must give exactly what a fresh
 * check of each version gives — with nothing remembered anywhere: the
 * reference runs in a second copy of the engine's modules, so a memo keyed on
 * too little (a sentence's facts, a fact claim, a date's alignment, all
 * shared module-wide) cannot make both answers wrong alike.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, DraftChecker, type CorpusIndex, type Finding } from '../../server/src/engine/api';
import { extractFacts } from '../../server/src/engine/extract/extractFacts';
import { extractPeople } from '../../server/src/engine/extract/names';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { fixturesDir, repoRoot, sampleCorpusDir, seededRandom } from '../helpers';

type Api = typeof import('../../server/src/engine/api');

/** The engine's modules loaded again, sharing no state with the ones this test imported. */
function freshEngine(): Api {
  const engineDir = path.dirname(require.resolve('../../server/src/engine/api'));
  const saved = new Map<string, NodeModule>();
  for (const [k, m] of Object.entries(require.cache)) {
    if (m && k.startsWith(engineDir + path.sep)) {
      saved.set(k, m);
      delete require.cache[k];
    }
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../../server/src/engine/api') as Api;
  } finally {
    // This test's own modules stay the ones every other import sees.
    for (const [k, m] of saved) require.cache[k] = m;
  }
}

let index: CorpusIndex;
let factsIndex: CorpusIndex;
let drafts: Array<{ name: string; text: string; store: CorpusIndex }>;
let source: string;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir])));
  ({ index: factsIndex } = await buildCorpusIndex(createFsCorpusSource([path.join(fixturesDir, 'facts', 'corpus')])));
  source = [...index.articles, ...factsIndex.articles].map((a) => a.text).join('\n\n');
  const fixture = (...parts: string[]) => readFileSync(path.join(fixturesDir, ...parts), 'utf8');
  // A corpus's articles rewritten: every other number changed, so facts, dates and quotations align with sources and some differ.
  const rewritten = (a: { text: string }) => {
    let k = 0;
    return a.text.replace(/\b\d+\b/g, (n) => (k++ % 2 === 0 ? String(Number(n) + 1) : n));
  };
  drafts = [
    { name: 'examples/draft.md', text: readFileSync(path.join(repoRoot, 'examples', 'draft.md'), 'utf8'), store: index },
    { name: 'dates/draft-summits.md', text: fixture('dates', 'draft-summits.md'), store: index },
    ...readdirSync(path.join(fixturesDir, 'names')).map((f) => ({ name: `names/${f}`, text: fixture('names', f), store: index })),
    ...index.articles.slice(0, 2).map((a, i) => ({ name: `sample corpus article ${i}, rewritten`, text: rewritten(a), store: index })),
    { name: 'facts corpus, rewritten', text: factsIndex.articles.map(rewritten).join('\n\n'), store: factsIndex },
    // People are read again line by line after an edit: cues that read across a line break (a title, an apposition,
    // a speech verb on the next line), hard-wrapped lines and headlines must come out as a whole reading gives them.
    {
      name: 'cues across line breaks, hard-wrapped',
      text: [
        'Talks Resume In Seoul After Summit',
        '',
        'The talks were led by the Secretary of',
        'State John Kerry, who met Andrei Lankov',
        'in Seoul on June 12, 2019. Lankov,',
        'a professor at Kookmin University, said "the summit was a success, and the talks will go on."',
        '',
        'Peter Ward: we will see. Experts said Ward also',
        '',
        'noted the risk. According to',
        'Kim Jong Un the plan stands. Kim said so on the 11th, and Lankov said "the deal is dead."',
        ...index.articles.slice(2, 4).map((a) => a.text.replace(/([.,]) /g, (m, p, i) => (i % 7 === 0 ? `${p}\n` : m))),
      ].join('\n'),
      store: index,
    },
  ];
});

/** A reporter's edits: a word typed or deleted inside a sentence, a letter changed, a paragraph split or joined, a sentence pasted, a quote mark added. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  switch (Math.floor(rnd() * 7)) {
    case 0:
      return `${text.slice(0, at)} ${['however', 'Lankov', 'said', 'June', '2019', '12', 'Seoul', 'he'][Math.floor(rnd() * 8)]}${text.slice(at)}`;
    case 1: {
      const m = /\S+\s?/.exec(text.slice(at));
      return m ? text.slice(0, at + m.index) + text.slice(at + m.index + m[0].length) : text;
    }
    case 2:
      return at < text.length ? `${text.slice(0, at)}${'aeo7'[Math.floor(rnd() * 4)]}${text.slice(at + 1)}` : text;
    case 3:
      return `${text.slice(0, at)}\n\n${text.slice(at)}`;
    case 4: {
      const i = text.indexOf('\n\n', at);
      return i < 0 ? text : `${text.slice(0, i)} ${text.slice(i + 2)}`;
    }
    case 5: {
      const from = Math.floor(rnd() * Math.max(1, source.length - 300));
      return `${text.slice(0, at)}${source.slice(from, from + 40 + Math.floor(rnd() * 250))}${text.slice(at)}`;
    }
    default:
      return `${text.slice(0, at)}"${text.slice(at)}`;
  }
}

test('after every edit of real-ish drafts, the incremental check equals a fresh check by an engine that remembers nothing', async () => {
  let compared = 0;
  let findings = 0;
  const codes = new Set<string>();
  for (const [k, d] of drafts.entries()) {
    const rnd = seededRandom(100 + k);
    const checker = new DraftChecker(d.store);
    let text = d.text;
    for (let i = 0; i <= 10; i++) {
      if (i > 0) text = edit(text, rnd);
      const got: Finding[] = await checker.check(text);
      // Each reference check starts from nothing: a new copy of the modules, a new checker. The store is shared:
      // it holds the corpus, not the draft (no engine memo of draft text lives in it).
      const reference = freshEngine();
      assert.notEqual(reference.DraftChecker, DraftChecker, 'the reference engine is a second copy');
      const want: Finding[] = await new reference.DraftChecker(d.store).check(text);
      assert.deepEqual(got, want, `${d.name}, edit ${i}:\n${text}`);
      compared++;
      findings += got.length;
      for (const f of got) codes.add(f.code);
    }
  }
  assert.ok(compared >= 80 && findings > 80, `compared ${compared} versions with ${findings} findings`);
  for (const code of ['number-mismatch', 'date-mismatch', 'quote-altered', 'name-misspelled'] as const) assert.ok(codes.has(code), `the drafts exercise ${code}`);
});

test('a people reading asked about names and told "no" to each is the plain reading (the checker reads once when no name is known)', () => {
  for (const d of drafts) {
    const facts = extractFacts(d.text);
    const asked: string[] = [];
    const toldNo = extractPeople(d.text, facts.sentences, { isKnownPerson: (c) => (asked.push(c), false) });
    assert.deepEqual(toldNo, facts.people, d.name);
    assert.deepEqual(extractFacts(d.text, { isKnownPerson: () => false }), facts, d.name);
  }
});
