/**
 * `lastLetterWord` reads backwards what `subjectBefore` used to find with a
 * regex run over the whole look-back: it must give the same word and offset
 * (or none) for every slice, astral letters, lone surrogates and every kind
 * of space included; `verbMatches` must find what the speech-verb regexes
 * find with their exec loop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastLetterWord } from '../../server/src/engine/extract/speakerPhrases';
import { ATTRIBUTING_RE_SOURCE, VERB_RE_SOURCE, verbMatches } from '../../server/src/engine/extract/attributionContext';
import { seededRandom } from '../helpers';

/** The regex `subjectBefore` ran on `text.slice(from, end)`. */
function reference(text: string, from: number, end: number): { word: string; at: number } | undefined {
  const m = /(?:^|\s)([\p{L}]+)\s*$/u.exec(text.slice(from, end));
  return m ? { word: m[1], at: m.index } : undefined;
}

test('lastLetterWord equals the look-back regex on random slices', () => {
  const alphabet = ['a', 'Z', 'é', 'ß', '가', '𝐀', '𐐀', '\ud835', '\udc00', '😀', ' ', '  ', '\n', '\u00a0', '\u2003', '\ufeff', ',', '.', "'", '’', '-', '3', '“', 'said', 'also', 'Smith'];
  const rnd = seededRandom(11);
  let found = 0;
  for (let n = 0; n < 20_000; n++) {
    const len = Math.floor(rnd() * 12);
    let text = '';
    for (let k = 0; k < len; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
    const from = Math.floor(rnd() * (text.length + 1));
    const end = from + Math.floor(rnd() * (text.length - from + 1));
    const want = reference(text, from, end);
    if (want) found++;
    assert.deepEqual(lastLetterWord(text, from, end), want, JSON.stringify({ text, from, end }));
  }
  assert.ok(found > 1000, `only ${found} slices ended in a word`);
});

test('verbMatches finds what the speech-verb regexes find, in the same places', () => {
  const alphabet = ['said', 'Said', 'SAID', 'says', 'according to', 'according', ' to', 'went on to say', 'told', 'called', 'blamed', 'writing', 'ſaid', 'K', 'a', 'é', '𝐀', '\ud835', '\udc00', ' ', '\n', '\u00a0', ',', "'", '’', '-', '3', '“', 'x', 'ly'];
  const rnd = seededRandom(12);
  let found = 0;
  for (const source of [VERB_RE_SOURCE, ATTRIBUTING_RE_SOURCE]) {
    for (let n = 0; n < 10_000; n++) {
      const len = Math.floor(rnd() * 10);
      let s = '';
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const re = new RegExp(source, 'giu');
      const want: Array<[number, string]> = [];
      for (let m = re.exec(s); m !== null; m = re.exec(s)) want.push([m.index, m[0]]);
      found += want.length;
      assert.deepEqual(verbMatches(s, source).map((m) => [m.index, m[0]]), want, JSON.stringify(s));
      assert.deepEqual(verbMatches(s, source, true).map((m) => [m.index, m[0]]), want.slice(0, 1), JSON.stringify(s));
    }
  }
  assert.ok(found > 5000, `only ${found} verbs found`);
});
