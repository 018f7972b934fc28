/**
 * Issue 10, item 8 (the engine's part): control characters, bidi overrides
 * and zero-width characters in a corpus article must reach no finding,
 * citation or search hit raw. Each is shown inert by `displaySafe` (one
 * character for one, so a citation's `match` still points at its words).
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { buildCorpusIndex, checkDraft, hasUnsafeCharacters, type CorpusIndex, type CorpusSource, type Finding } from '../../server/src/engine/api';

const ESC = '\u001b';
const RLO = '\u202e';
const ZWSP = '\u200b';

function memorySource(files: Record<string, string>): CorpusSource {
  const enc = new TextEncoder();
  return {
    listFiles: async () => Object.keys(files).map((p) => ({ path: p })),
    readFile: async (p) => enc.encode(files[p]),
  };
}

/** Every string in `value`, however deep. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

let index: CorpusIndex;
let findings: Finding[];

before(async () => {
  const article =
    `---\ntitle: "Talks ${ESC}[2J${ESC}]8;;http://evil${ESC}\\\\resume${RLO}gnp.exe${ZWSP}"\npublisher: "Daily${ESC}[31m Wire${RLO}"\ndate: 2019-03-04\n---\n\n` +
    `Andrei Lankov, a professor at ${RLO}Kookmin University${ZWSP}, said the talks would go on.\n\n` +
    `Lankov said, “The door to dialogue${ESC}[2J has never been closed to the North${RLO} at all.”\n\n` +
    `The ministry said the summit would be held in Hanoi on February 27, 2019, after months of talks${ESC}[0m.\n`;
  ({ index } = await buildCorpusIndex(memorySource({ 'controls.md': article })));
  const draft =
    'Andrei Lankov, a professor at Kookmin University, said the talks would go on.\n\n' +
    'Lankov said, “The door to dialogue has never been closed to the South at all.”\n\n' +
    'Andrei Lankow said, “The door to dialogue has never been closed to the North at all.”\n\n' +
    'The ministry said the summit would be held in Hanoi on February 28, 2019, after months of talks.\n';
  findings = await checkDraft(draft, index);
});

test('no finding carries a raw control, bidi or zero-width character from the corpus', () => {
  assert.ok(findings.some((f) => f.evidence.length > 0), 'the draft cites the hostile article');
  const cited = findings.flatMap((f) => f.evidence);
  // The hostile characters were there, and are shown inert: ESC as ␛, RLO and ZWSP as �.
  assert.ok(cited.some((c) => c.text.includes('␛[2J')), JSON.stringify(cited.map((c) => c.text)));
  assert.ok(cited.some((c) => c.title?.includes('␛[2J') && c.title.includes('\ufffd')), JSON.stringify(cited[0]?.title));
  assert.ok(cited.some((c) => c.publisher?.includes('␛[31m')), JSON.stringify(cited[0]?.publisher));
  for (const s of strings(findings)) assert.equal(hasUnsafeCharacters(s), false, JSON.stringify(s));
});

test('a citation made safe keeps its match on the matched words', () => {
  for (const c of findings.flatMap((f) => f.evidence)) {
    if (!c.match) continue;
    assert.ok(c.match.end <= c.text.length);
    assert.ok(/\S/.test(c.text.slice(c.match.start, c.match.end)));
  }
  const verified = findings.find((f) => f.code === 'quote-verified' || f.code === 'quote-misattributed' || f.code === 'quote-altered');
  assert.ok(verified, JSON.stringify(findings.map((f) => f.code)));
});

test('no search hit carries a raw control, bidi or zero-width character', async () => {
  const hits = [...(await index.search('door dialogue closed')), ...(await index.search('Kookmin professor')), ...(await index.search('talks resume'))];
  assert.ok(hits.length >= 2);
  for (const s of strings(hits)) assert.equal(hasUnsafeCharacters(s), false, JSON.stringify(s));
});
