/**
 * `normalizeWord` decides in one pass over the characters what a word needs
 * (most need nothing): it must give exactly what the plain chain of
 * replacements gives, for ASCII and non-ASCII words alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeWord } from '../../server/src/engine/text/tokens';
import { seededRandom } from '../helpers';

/** The normalisation written as the plain chain of replacements. */
function reference(word: string): string {
  let w = word.toLowerCase();
  if (/[^\x00-\x7f]/.test(w)) w = w.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[’‘`´]/g, "'");
  return w.replace(/[.\-‐‑]/g, '');
}

test('normalizeWord equals the plain chain of replacements on words of every kind', () => {
  const alphabet = ['a', 'Z', 'q', '.', '-', '‐', '‑', "'", '’', '‘', '`', '´', 'é', 'Ü', 'ß', 'İ', 'ﬁ', '3', ',', '가', 'Ω', '\u0301'];
  const rnd = seededRandom(7);
  const words = ['U.S.', 'Jong-un', 'don’t', 'Café', 'São', 'ﬁnal', 'İstanbul', 'Moon Jae-in', '3,000', '2.5', 'e.g.', ''];
  for (let i = 0; i < 5000; i++) {
    let w = '';
    const n = 1 + Math.floor(rnd() * 8);
    for (let k = 0; k < n; k++) w += alphabet[Math.floor(rnd() * alphabet.length)];
    words.push(w);
  }
  for (const w of words) assert.equal(normalizeWord(w), reference(w), JSON.stringify(w));
});
