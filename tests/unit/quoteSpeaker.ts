/**
 * Test helper shared by the attribution tests: the resolved speaker of the
 * quotation that starts with given words, as the extractor reads a text.
 */
import assert from 'node:assert/strict';
import { extractPeople } from '../../server/src/engine/extract/names';
import { extractQuotes } from '../../server/src/engine/extract/quotes';
import { splitSentences } from '../../server/src/engine/extract/sentences';

/** The resolved speaker of the quotation in `text` whose words start with `quoteStart` (asserts there is one). */
export function speakerOf(text: string, quoteStart: string): string | undefined {
  const sentences = splitSentences(text);
  const q = extractQuotes(text, sentences, extractPeople(text, sentences)).find((x) => x.text.startsWith(quoteStart));
  assert.ok(q, `quote "${quoteStart}" found`);
  return q.speaker?.resolved;
}
