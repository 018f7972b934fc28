import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, decodeIndexCache, encodeIndexCache, IndexCacheError, INDEX_FORMAT_VERSION, parseCorpusFile, toArticleRecord, type CorpusIndex, type Finding } from '../../server/src/engine/api';
import { checkedRecord } from '../../server/src/engine/cache/checkRecord';
import { plainRecord } from '../../server/src/engine/cache/packedRecords';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { fixturesDir, sampleCorpusDir, sharedDataDir } from '../helpers';

const dir = path.join(fixturesDir, 'transcripts');

function parsed(name: string) {
  const file = path.join(dir, name);
  const { articles, warnings } = parseCorpusFile(file, readFileSync(file));
  assert.deepEqual(warnings, []);
  assert.equal(articles.length, 1);
  return articles[0];
}

test('WebVTT: voices become `Speaker: words` turns, cues of one speaker joined, header and NOTE lines give date and interviewee', () => {
  const a = parsed('interview-ward.vtt');
  assert.equal(a.meta.date, '2025-06-12');
  assert.equal(a.meta.title, 'Interview with Peter Ward');
  assert.equal(a.meta.publisher, 'Asia Desk recordings');
  assert.equal(a.transcript?.interviewee, 'Peter Ward');
  assert.equal(a.transcript?.format, 'webvtt');
  // Cues 1 and 2 split a sentence: one turn, one sentence.
  assert.match(a.text, /^Peter Ward: Chairman Kim will not make a move until he knows what President Trump can offer\.\n\n/);
  const first = a.transcript!.turns[0];
  assert.deepEqual(first.cues.map((c) => c.time), ['00:12:31', '00:12:35']);
  // Entities decoded; the label with a typo ("Peter Wrad") folded into the speaker's usual spelling.
  assert.match(a.text, /Peter Ward: The sanctions have hurt the regime far less than Washington hoped & it knows that\./);
  assert.ok(!a.text.includes('Wrad'));
  // Every turn's words map back to their cue's line in the file.
  const lines = readFileSync(path.join(dir, 'interview-ward.vtt'), 'utf8').split('\n');
  for (const turn of a.transcript!.turns) {
    for (const cue of turn.cues) {
      const pos = a.locate(cue.start);
      const word = /^\S+/.exec(a.text.slice(cue.start))![0];
      assert.ok(lines[pos.line].slice(pos.character).startsWith(word), `${cue.time}: ${word} at line ${pos.line + 1}`);
    }
  }
});

test('WebVTT: overlapping speakers in one cue and across cues each keep their own words', () => {
  const a = parsed('interview-ward.vtt');
  const turns = a.transcript!.turns.map((t) => `${t.speaker}@${t.cues[0].time}: ${a.text.slice(t.span.start, t.span.end)}`);
  assert.deepEqual(turns.slice(1, 4), [
    'Jane Kim@00:12:39: Do you expect a summit this year?',
    'Peter Ward@00:12:41: Not this year.',
    'Jane Kim@00:12:41: Really?',
  ]);
});

test('SubRip: labels on the first cue carry to the next ones; all-capitals labels read as names', () => {
  const a = parsed('press-briefing.srt');
  assert.equal(a.transcript?.format, 'srt');
  assert.deepEqual(a.transcript!.turns.map((t) => t.speaker), ['Michael Brandt', 'Ryu Hyunwoo']);
  assert.match(a.text, /Michael Brandt: The door to dialogue has never been closed, but Pyongyang will not walk through it this year\./);
});

test('plain transcripts in .txt and .md are recognised by their shape', () => {
  const txt = parsed('call-lankov.txt');
  assert.equal(txt.transcript?.format, 'plain');
  assert.equal(txt.meta.date, '2025-06-10');
  assert.deepEqual(txt.transcript!.turns.map((t) => [t.speaker, t.cues[0].time]), [
    ['Sam Reporter', '00:00:04'],
    ['Andrei Lankov', '00:00:09'],
    ['Sam Reporter', '00:01:15'],
    ['Andrei Lankov', '00:01:20'],
  ]);
  // A turn wrapped over two lines reads as one.
  assert.match(txt.text, /it can afford to wait for a better offer from Washington\./);
  const md = parsed('roundtable.md');
  assert.equal(md.meta.title, 'Roundtable on sanctions');
  assert.equal(md.meta.date, '2025-05-30');
  assert.deepEqual(md.transcript!.turns.map((t) => t.speaker), ['Caroline Leavitt', 'Jane Kim', 'Caroline Leavitt']);
  // The label alone on its line, words below (the style of Rev and Otter exports).
  assert.match(md.text, /Caroline Leavitt: We keep sending them, and we will keep sending them\./);
});

test('turns are quotations of their speakers; a quotation inside a turn keeps its own speaker; name-like labels are people', () => {
  const rec = toArticleRecord(parsed('interview-ward.vtt'));
  const quoteOf = (words: string) => rec.quotes.find((q) => q.text.includes(words));
  assert.equal(quoteOf('Chairman Kim will not make a move')?.speaker?.resolved, 'Peter Ward');
  assert.equal(quoteOf('Do you expect a summit')?.speaker?.resolved, 'Jane Kim');
  assert.notEqual(quoteOf('the talks are over for now')?.speaker?.resolved, 'Jane Kim');
  assert.ok(rec.people.some((p) => p.fullName === 'Peter Ward' && rec.text.slice(p.span.start, p.span.end) === 'Peter Ward'));
  // The label is a sentence of its own: a cited sentence is the speaker's words.
  const cited = rec.sentences.map((s) => rec.text.slice(s.start, s.end));
  assert.ok(cited.includes('Peter Ward'));
  assert.ok(cited.some((s) => s.startsWith('Chairman Kim will not make a move')));
});

test('ordinary articles are not taken for transcripts: the sample corpus and the corpus fixtures', () => {
  for (const d of [sampleCorpusDir, path.join(fixturesDir, 'corpus')]) {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      for (const a of parseCorpusFile(file, readFileSync(file)).articles) assert.equal(a.transcript, undefined, name);
    }
  }
});

test('real articles are not taken for transcripts (BBC News, PolNeAR as .txt and .md)', (t) => {
  const files = [path.join(sharedDataDir, 'bbc-news', 'bbc-news.jsonl'), path.join(sharedDataDir, 'polnear', 'articles.jsonl')];
  if (!files.every(existsSync)) {
    t.skip(`shared data not found under ${sharedDataDir}`);
    return;
  }
  let n = 0;
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text?: string }).text;
      if (typeof text !== 'string' || !text.trim()) continue;
      const bytes = new TextEncoder().encode(text);
      for (const ext of ['.txt', '.md']) {
        for (const a of parseCorpusFile(`article${ext}`, bytes).articles) assert.equal(a.transcript, undefined, text.slice(0, 80));
      }
      n++;
    }
  }
  assert.ok(n > 2000, `articles read: ${n}`);
});

let index: CorpusIndex;
before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir, dir])));
});

async function findings(draft: string): Promise<Array<Finding & { covered: string }>> {
  return (await checkDraft(draft, index)).map((f) => ({ ...f, covered: draft.slice(f.span.start, f.span.end) }));
}

test('a quote found in a transcript is verified as words of its speaker, cited at the cue time and line', async () => {
  const draft = 'Peter Ward, a North Korea expert, said, "The sanctions have hurt the regime far less than Washington hoped."';
  const f = (await findings(draft)).find((x) => x.code.startsWith('quote-'));
  assert.equal(f?.code, 'quote-verified');
  assert.match(f!.message, /as words of Peter Ward/);
  const ev = f!.evidence.find((e) => e.path.endsWith('interview-ward.vtt'));
  assert.ok(ev, 'cites the transcript');
  assert.equal(ev.timestamp, '00:12:44');
  assert.equal(ev.speaker, 'Peter Ward');
  assert.equal(ev.range.start.line, 28);
  assert.match(ev.text, /^The sanctions have hurt/);
});

test('a quotation spanning two cues is found', async () => {
  const draft = 'Ward said, "Chairman Kim will not make a move until he knows what President Trump can offer."';
  const f = (await findings(draft)).find((x) => x.code.startsWith('quote-'));
  assert.equal(f?.code, 'quote-verified');
  const ev = f!.evidence.find((e) => e.path.endsWith('interview-ward.vtt'));
  assert.equal(ev?.timestamp, '00:12:31');
});

test('a draft that gives a transcript speaker\'s words to someone else is quote-misattributed', async () => {
  const draft = 'Jane Kim, a reporter, told the briefing: "The sanctions have hurt the regime far less than Washington hoped."';
  const f = (await findings(draft)).find((x) => x.code.startsWith('quote-'));
  assert.equal(f?.code, 'quote-misattributed');
  assert.match(f!.message, /Peter Ward/);
  const srt = 'Ryu Hyunwoo, a professor, said: "The door to dialogue has never been closed."';
  const g = (await findings(srt)).find((x) => x.code.startsWith('quote-'));
  assert.equal(g?.code, 'quote-misattributed');
  assert.match(g!.message, /Michael Brandt/);
});

test('a transcript\'s own text checked as a draft stays quiet', async () => {
  const a = parsed('interview-ward.vtt');
  const warnings = (await findings(a.text)).filter((f) => f.severity === 'warning' || f.severity === 'error');
  assert.deepEqual(warnings.map((f) => `${f.code}: ${f.covered}`), []);
});

test('cache records round-trip with transcripts (turns, cues, interviewee); a malformed cue is refused', async () => {
  const { index: idx, builder } = await buildCorpusIndex(createFsCorpusSource([dir]));
  const paths = builder.paths();
  const manifest = { formatVersion: INDEX_FORMAT_VERSION, engineVersion: 't', files: paths.map((p) => ({ path: p, size: 1, hash: 'h', warnings: [] })), createdAt: 'now' };
  const bytes = encodeIndexCache(manifest, (p) => builder.recordsOf(p), idx.tokens);
  const decoded = decodeIndexCache(bytes);
  for (const p of paths) {
    assert.ok(builder.recordsOf(p)![0].transcript, p);
    // Loaded records keep their lists packed (read on demand): compared as plain records.
    assert.deepEqual(decoded.records.get(p)!.map(plainRecord), builder.recordsOf(p));
  }
  // The same citations come out of the restored index: times and speakers included.
  for (const p of paths) builder.setRecords(p, decoded.records.get(p)!);
  const restored = builder.buildWithTokens(decoded.tokens!);
  const draft = 'Jane Kim said, "The sanctions have hurt the regime far less than Washington hoped."';
  assert.deepEqual(await checkDraft(draft, restored), await checkDraft(draft, idx));
  // Shape and bounds of the new fields are checked like the others' (a record from elsewhere must not break citations).
  const stored = { id: 'x', meta: {}, text: 'Ann Lee: Hello there.', s: [], q: [], p: [], d: [] };
  const turn = { speaker: 'Ann Lee', label: { start: 0, end: 7 }, span: { start: 9, end: 21 }, cues: [{ start: 9, time: '00:00:01' }] };
  assert.equal(checkedRecord({ ...stored, t: { format: 'webvtt', turns: [turn] } }, 'a.vtt').transcript?.turns[0].cues[0].time, '00:00:01');
  for (const bad of [
    { format: 'webvtt', turns: [{ ...turn, cues: [{ start: 9, time: '12:44:xx' }] }] },
    { format: 'webvtt', turns: [{ ...turn, cues: [{ start: 99, time: '00:00:01' }] }] },
    { format: 'webvtt', turns: [{ ...turn, span: { start: 9, end: 99 } }] },
    { format: 'webvtt', turns: [{ ...turn, cues: [] }] },
    { format: 'mp3', turns: [] },
  ]) {
    assert.throws(() => checkedRecord({ ...stored, t: bad }, 'a.vtt'), IndexCacheError, JSON.stringify(bad));
  }
});
