import type { SentenceSpan, TextSpan } from '../types';

/** Splits `text` (or the part of it inside `within`) into sentences. PLACEHOLDER: being written. */
export function splitSentences(text: string, within?: TextSpan): SentenceSpan[] {
  const start = within?.start ?? 0;
  const end = within?.end ?? text.length;
  return start < end ? [{ start, end }] : [];
}
