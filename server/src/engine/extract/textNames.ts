/**
 * What a text's own spelling says of a capitalised word: whether it writes
 * the word as a name. A word opening a sentence is capitalised whatever it
 * is ("Experts said", "Sanders said"); the same word capitalised in the
 * middle of a sentence elsewhere ("support for Sanders") and never written
 * in lower case is a name by the text's own evidence.
 */

import type { Context } from './attributionContext';

/**
 * Whether `text` writes `word` as a name: capitalised at least once after a
 * lower-case word or a comma inside a sentence, and never in lower case.
 * Answers are cached per context (one scan of the text per distinct word).
 */
export function writtenAsName(ctx: Context, word: string): boolean {
  const cache = (ctx.nameEvidence ??= new Map<string, boolean>());
  const lower = word.toLowerCase();
  const known = cache.get(lower);
  if (known !== undefined) return known;
  const answer = scan(ctx.text, word);
  cache.set(lower, answer);
  return answer;
}

function scan(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\p{L}\\p{N}'’-])${escaped}(?![\\p{L}\\p{N}-])`, 'giu');
  let midSentence = false;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (!/^\p{Lu}/u.test(m[0])) return false;
    // Mid-sentence: a lower-case word, a comma or a preposition's space before it, not a sentence end or a quote mark.
    if (/[\p{Ll},;]\s+$/u.test(text.slice(Math.max(0, m.index - 3), m.index))) midSentence = true;
  }
  return midSentence;
}
