import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir, sampleCorpusDir, sharedDataDir } from '../helpers';
import { CORPUS_EXTENSIONS, parseCorpusFile, corpusExtension } from '../../server/src/engine/corpus/parseCorpusFile';
import type { ParsedArticle } from '../../server/src/engine/types';

const corpusFixtures = path.join(fixturesDir, 'corpus');

function readFixture(name: string): { path: string; bytes: Uint8Array; source: string } {
  const p = path.join(corpusFixtures, name);
  const bytes = fs.readFileSync(p);
  return { path: p, bytes, source: bytes.toString('utf8') };
}

function parseFixture(name: string): ReturnType<typeof parseCorpusFile> & { source: string } {
  const f = readFixture(name);
  return { ...parseCorpusFile(f.path, f.bytes), source: f.source };
}

/** The character of `source` at a 0-based line/character (lines end at \n, \r\n or \r, as in LSP). */
function charAt(source: string, line: number, character: number): string | undefined {
  return source.split(/\r\n|\r|\n/)[line]?.[character];
}

/** Every offset of the text maps to the same character in the source (text is a verbatim slice). */
function assertLocatesEveryChar(article: ParsedArticle, source: string): void {
  const lines = source.split(/\r\n|\r|\n/);
  for (let o = 0; o < article.text.length; o++) {
    const ch = article.text[o];
    if (ch === '\n' || ch === '\r') continue;
    const p = article.locate(o);
    assert.equal(lines[p.line]?.[p.character], ch, `offset ${o} (${JSON.stringify(ch)}) → ${p.line}:${p.character}`);
  }
}

/** Letters and digits (verbatim in HTML/JSON sources) map to the same character in the source. */
function assertLocatesWordChars(article: ParsedArticle, source: string): number {
  const lines = source.split(/\r\n|\r|\n/);
  let checked = 0;
  for (let o = 0; o < article.text.length; o++) {
    const ch = article.text[o];
    if (!/[A-Za-z0-9]/.test(ch)) continue;
    const p = article.locate(o);
    assert.equal(lines[p.line]?.[p.character], ch, `offset ${o} (${JSON.stringify(ch)}) → ${p.line}:${p.character}`);
    checked++;
  }
  return checked;
}

test('CORPUS_EXTENSIONS lists every supported format', () => {
  assert.deepEqual([...CORPUS_EXTENSIONS].sort(), ['.htm', '.html', '.json', '.jsonl', '.markdown', '.md', '.srt', '.txt', '.vtt']);
  assert.equal(corpusExtension('/a/b/C.MD'), '.md');
  assert.equal(corpusExtension('file:///a/b.c/readme'), '');
  assert.equal(corpusExtension('https://x.org/a.html?x=1#y'), '.html');
});

test('sample 000: navigation and trailing furniture removed, headline as title, publisher from copyright', () => {
  const p = path.join(sampleCorpusDir, '000_5f232754d814ddaa.txt');
  const source = fs.readFileSync(p, 'utf8');
  const { articles, warnings } = parseCorpusFile(p, fs.readFileSync(p));
  assert.deepEqual(warnings, []);
  assert.equal(articles.length, 1);
  const a = articles[0];
  assert.equal(a.id, p);
  assert.equal(a.path, p);
  assert.deepEqual(a.meta, {
    title: 'Trump Looks to Rekindle Stalled North Korea-US Talks... "Open to Letter Diplomacy with Kim"',
    publisher: 'The Asia Business Daily',
  });
  assert.ok(a.text.startsWith('Trump Looks to Rekindle Stalled'), a.text.slice(0, 40));
  assert.ok(a.text.endsWith('the US should focus on reducing the risk of nuclear war."'), a.text.slice(-60));
  for (const junk of ['본문 바로가기', 'bar_progress', 'Text Size', 'Close\n', '©', 'All rights reserved', 'Special Coverage', 'Join us on social!']) {
    assert.ok(!a.text.includes(junk), `still contains ${junk}`);
  }
  assert.ok(!/\bTop$/.test(a.text));
  // The text is the exact file slice.
  const start = source.indexOf('Trump Looks to Rekindle');
  assert.equal(a.text, source.slice(start, start + a.text.length));
  assert.deepEqual(a.locate(0), { line: 7, character: 0 });
  assertLocatesEveryChar(a, source);
});

test('sample 000 and 003: every body sentence survives boilerplate removal', () => {
  for (const name of ['000_5f232754d814ddaa.txt', '003_4a9a46e10c6725df.txt']) {
    const p = path.join(sampleCorpusDir, name);
    const source = fs.readFileSync(p, 'utf8');
    const a = parseCorpusFile(p, fs.readFileSync(p)).articles[0];
    // Body lines: every non-empty line that is not furniture must be in the text.
    const furniture = /^(본문 바로가기|bar_progress|Text Size|Close|© .*All rights reserved\.|Special Coverage|Join us on social!|Top)$/;
    const body = source.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !furniture.test(l));
    assert.ok(body.length >= 14);
    for (const line of body) assert.ok(a.text.includes(line), `lost: ${line.slice(0, 60)}`);
    assert.equal(a.meta.publisher, 'The Asia Business Daily');
  }
});

test('sample 003: no headline, so no title; text ends before the copyright line', () => {
  const p = path.join(sampleCorpusDir, '003_4a9a46e10c6725df.txt');
  const source = fs.readFileSync(p, 'utf8');
  const a = parseCorpusFile(p, fs.readFileSync(p)).articles[0];
  assert.equal(a.meta.title, undefined);
  assert.ok(a.text.startsWith('NK News, a U.S.-based'));
  assert.ok(a.text.endsWith('but failed to reach an agreement.'));
  assertLocatesEveryChar(a, source);
});

test('markdown: front matter metadata, body offsets into the file', () => {
  const { articles, warnings, source } = parseFixture('article.md');
  assert.deepEqual(warnings, []);
  const a = articles[0];
  assert.deepEqual(a.meta, {
    title: 'Seoul Weighs Talks Offer',
    date: '2025-06-12',
    publisher: 'Example Daily',
    author: 'Jane Roe',
    url: 'https://example.com/seoul-talks',
  });
  assert.ok(a.text.startsWith('# Seoul Weighs Talks Offer'));
  assert.ok(!a.text.includes('tags:'));
  assert.deepEqual(a.locate(0), { line: 8, character: 0 });
  const q = a.text.indexOf('We are ready');
  assert.deepEqual(a.locate(q), { line: 10, character: source.split('\n')[10].indexOf('We are ready') });
  assertLocatesEveryChar(a, source);
});

test('markdown: first heading is the title when there is no front matter', () => {
  const { articles, source } = parseFixture('heading-only.md');
  assert.equal(articles[0].meta.title, 'Markets Rally on Rate Hopes');
  assertLocatesEveryChar(articles[0], source);
});

test('markdown: invalid front matter is a warning, the article is kept', () => {
  const src = '---\ntitle: [unclosed\n---\nBody text here.\n';
  const { articles, warnings } = parseCorpusFile('bad.md', new TextEncoder().encode(src));
  assert.equal(articles.length, 1);
  assert.equal(articles[0].text, 'Body text here.');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].message, /invalid YAML front matter/);
});

test('html: article text without chrome, entities decoded, metadata from head', () => {
  const { articles, warnings, source } = parseFixture('page.html');
  assert.deepEqual(warnings, []);
  const a = articles[0];
  assert.deepEqual(a.meta, {
    title: 'Talks Resume in Geneva',
    date: '2024-03-05',
    publisher: 'Example News',
    author: 'John Doe',
    url: 'https://news.example.com/geneva-talks',
  });
  assert.equal(
    a.text,
    'Negotiators met in Geneva on Tuesday, officials said.\n\n' +
      '“We made progress,” said Anna Müller, a spokesperson for the U.N. mission. "Talks will continue" & more — soon.\n\n' +
      'The next round\nis set for April.',
  );
  for (const junk of ['Home', 'World', 'not text', 'track', 'color', 'Related', 'ignored', 'March 5', '©']) {
    assert.ok(!a.text.includes(junk), `still contains ${junk}`);
  }
  assert.ok(assertLocatesWordChars(a, source) > 100);
  // An entity maps to where it starts; the end of a paragraph maps to its closing tag.
  const lines = source.split('\n');
  const mu = a.locate(a.text.indexOf('ü'));
  assert.equal(lines[mu.line].slice(mu.character, mu.character + 6), '&uuml;');
  const end = a.locate(a.text.indexOf('said.') + 'said.'.length);
  assert.equal(lines[end.line].slice(end.character, end.character + 4), '</p>');
});

test('html: falls back to <main>, then <body>; date from <time> when no meta', () => {
  const main = '<html><body><div>Menu stuff</div><main><p>Main text is here.</p><time datetime="2023-01-09T10:00">x</time></main></body></html>';
  const a = parseCorpusFile('m.html', new TextEncoder().encode(main)).articles[0];
  assert.equal(a.text, 'Main text is here.\n\nx');
  assert.equal(a.meta.date, '2023-01-09');
  const body = '<p>Just a body &amp; no wrapper.</p>';
  assert.equal(parseCorpusFile('b.htm', new TextEncoder().encode(body)).articles[0].text, 'Just a body & no wrapper.');
});

test('json array: records, ids, "None" author dropped, body field, record without text warned', () => {
  const { articles, warnings, source } = parseFixture('records.json');
  const p = path.join(corpusFixtures, 'records.json');
  assert.deepEqual(
    articles.map((a) => a.id),
    [`${p}#a1`, `${p}#11`],
  );
  assert.deepEqual(articles[0].meta, { title: 'First record', date: '2021-03-03', publisher: 'Wire Service', url: 'https://example.org/a1' });
  assert.equal(articles[0].text, 'The minister said "no" on Monday.\nShe left at 5 p.m. for Busan.');
  assert.deepEqual(articles[1].meta, { title: 'No id here', date: '1987-02-26', publisher: 'The Paper' });
  assert.equal(articles[1].text, 'Prices rose 3 pct in January.');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].message, /"a3".*no text/);
  for (const a of articles) assertLocatesWordChars(a, source);
  // Exact position of a word after escapes.
  const busan = articles[0].locate(articles[0].text.indexOf('Busan'));
  assert.equal(charAt(source, busan.line, busan.character), 'B');
  assert.equal(busan.line, 8);
});

test('json: {articles: [...]} wrapper and day-first dates', () => {
  const { articles, warnings } = parseFixture('wrapped.json');
  assert.deepEqual(warnings, []);
  assert.equal(articles.length, 1);
  assert.ok(articles[0].id.endsWith('wrapped.json#7'));
  assert.equal(articles[0].text, 'Only record.');
  assert.equal(articles[0].meta.date, '1987-02-26');
});

test('json: malformed file is one warning, never a throw', () => {
  const r = parseCorpusFile('bad.json', new TextEncoder().encode('[{"id": 1, "text": "x"'));
  assert.equal(r.articles.length, 0);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0].message, /malformed JSON/);
});

test('jsonl: malformed line and non-object warned with line numbers, good records kept', () => {
  const { articles, warnings, source } = parseFixture('records.jsonl');
  const p = path.join(corpusFixtures, 'records.jsonl');
  assert.deepEqual(
    articles.map((a) => a.id),
    [`${p}#r1`, `${p}#r3`, `${p}#5`],
  );
  assert.deepEqual(
    warnings.map((w) => w.message.replace(/\(.*\)/, '(…)')),
    ['line 2: malformed JSON (…), skipped', 'line 6: not a JSON object, skipped'],
  );
  assert.ok(warnings.every((w) => w.path === p));
  // Wire sign-off removed, escapes decoded, positions exact.
  assert.equal(articles[0].text, 'Oil fell.\n\nTraders said "supply is ample" on Friday.');
  assert.deepEqual(articles[0].meta, { title: 'Line one', date: '2020-01-02', publisher: 'Reuters' });
  assert.equal(articles[1].text, 'Café owners said prices rose.');
  for (const a of articles) assertLocatesWordChars(a, source);
  const friday = articles[0].locate(articles[0].text.indexOf('Friday'));
  assert.equal(friday.line, 0);
  assert.equal(source.split('\n')[0].slice(friday.character, friday.character + 6), 'Friday');
  const e = articles[1].locate(articles[1].text.indexOf('é'));
  assert.equal(source.split('\n')[3].slice(e.character, e.character + 6), '\\u00e9');
});

test('empty, whitespace-only, binary, invalid UTF-8 and oversized files are skipped with a warning', () => {
  const empty = parseFixture('empty.txt');
  assert.deepEqual(empty.articles, []);
  assert.deepEqual(empty.warnings.map((w) => w.message), ['empty file']);
  assert.deepEqual(parseCorpusFile('w.md', new TextEncoder().encode(' \n\n ')).warnings.map((w) => w.message), ['empty file']);

  const binary = new Uint8Array(256);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 37) & 0xff;
  const b = parseCorpusFile('image.txt', binary);
  assert.equal(b.articles.length, 0);
  assert.equal(b.warnings.length, 1);
  assert.equal(b.warnings[0].path, 'image.txt');
  assert.match(b.warnings[0].message, /binary/);

  const latin1 = new Uint8Array(200).fill(0xe9); // no NUL, but not UTF-8 anywhere
  assert.match(parseCorpusFile('l.txt', latin1).warnings[0].message, /binary/);

  // One stray byte in a text file: kept, with a note.
  const oneBad = new Uint8Array([...new TextEncoder().encode('Caf'), 0xe9, ...new TextEncoder().encode(' owners said prices rose.')]);
  const ob = parseCorpusFile('c.txt', oneBad);
  assert.equal(ob.articles[0].text, 'Caf\ufffd owners said prices rose.');
  assert.match(ob.warnings[0].message, /invalid UTF-8/);

  const big = parseCorpusFile('big.txt', new TextEncoder().encode('x'.repeat(100)), { maxFileBytes: 50 });
  assert.equal(big.articles.length, 0);
  assert.match(big.warnings[0].message, /too large/);

  assert.match(parseCorpusFile('x.pdf', new Uint8Array([1])).warnings[0].message, /unsupported/);
});

test('BOM stripped and CRLF line ends located exactly', () => {
  const src = 'Headline Here\r\n\r\nFirst line of body.\r\nSecond "quoted" line.\r\n';
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(src)]);
  const { articles, warnings } = parseCorpusFile('crlf.txt', bytes);
  assert.deepEqual(warnings, []);
  const a = articles[0];
  assert.equal(a.meta.title, 'Headline Here');
  assert.equal(a.text, 'Headline Here\r\n\r\nFirst line of body.\r\nSecond "quoted" line.');
  assert.deepEqual(a.locate(a.text.indexOf('Second')), { line: 3, character: 0 });
  assert.deepEqual(a.locate(a.text.indexOf('quoted')), { line: 3, character: 8 });
  assert.deepEqual(a.locate(a.text.length), { line: 3, character: 21 });
  assertLocatesEveryChar(a, src);

  const crlfJsonl = '{"id":"a","text":"One."}\r\n{"id":"b","text":"Two words."}\r\n';
  const j = parseCorpusFile('c.jsonl', new TextEncoder().encode(crlfJsonl));
  assert.deepEqual(j.warnings, []);
  assert.deepEqual(j.articles[1].locate(4), { line: 1, character: 22 });
});

test('UTF-16 files with a BOM are decoded', () => {
  const text = 'Kim said, "We will meet."';
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
  assert.equal(parseCorpusFile('u16.txt', bytes).articles[0].text, text);
});

const reutersPath = path.join(sharedDataDir, 'reuters21578', 'reuters21578.jsonl');

test('reuters21578: first 200 lines parse with exact positions', { skip: !fs.existsSync(reutersPath) && 'shared data absent' }, () => {
  const all = fs.readFileSync(reutersPath, 'utf8');
  const head = all.split('\n').slice(0, 200).join('\n');
  const { articles, warnings } = parseCorpusFile(reutersPath, new TextEncoder().encode(head));
  assert.deepEqual(warnings, []);
  assert.equal(articles.length, 200);
  assert.equal(articles[0].id, `${reutersPath}#reuters-1`);
  assert.deepEqual(articles[0].meta, { title: 'BAHIA COCOA REVIEW', date: '1987-02-26', publisher: 'Reuters' });
  assert.ok(articles[0].text.startsWith('Showers continued throughout the week'));
  assert.ok(articles.every((a) => !/\bREUTER$/.test(a.text)));
  assert.ok(articles.every((a) => a.meta.date?.startsWith('1987-')));
  let checked = 0;
  for (const a of articles) checked += assertLocatesWordChars(a, head);
  assert.ok(checked > 100_000);
});

test('html: tolerant of sloppy markup (unclosed tags, upper case, ">" in attributes, "</div>" in scripts)', () => {
  const page =
    '<HTML><BODY><DIV class="a>b">First para<P>Second para with <B>bold</b> & a stray < sign\n' +
    '<SCRIPT>document.write("</div><p>fake</p>")</SCRIPT><p>Third para<br/>after break' +
    '<article><p>Teaser.</p></article>';
  const r = parseCorpusFile('sloppy.html', new TextEncoder().encode(page));
  assert.deepEqual(r.warnings, []);
  // The only <article> holds a small teaser: not the story, so the body is read.
  assert.equal(r.articles[0].text, 'First para\n\nSecond para with bold & a stray < sign\n\nThird para\nafter break\n\nTeaser.');
  const a = r.articles[0];
  assert.ok(assertLocatesWordChars(a, page) > 40);
});

test('markdown with CRLF line ends: front matter and positions', () => {
  const src = '---\r\ntitle: CRLF story\r\ndate: 2022-10-01\r\n---\r\nFirst sentence here.\r\nSecond one.\r\n';
  const { articles, warnings } = parseCorpusFile('crlf.md', new TextEncoder().encode(src));
  assert.deepEqual(warnings, []);
  assert.deepEqual(articles[0].meta, { title: 'CRLF story', date: '2022-10-01' });
  assert.equal(articles[0].text, 'First sentence here.\r\nSecond one.');
  assert.deepEqual(articles[0].locate(articles[0].text.indexOf('Second')), { line: 5, character: 0 });
  assertLocatesEveryChar(articles[0], src);
});
