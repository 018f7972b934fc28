/** The memo's output formats, and the one function hosts call to render it. */
import type { Memo } from './memoModel';
import { memoCsv } from './memoCsv';
import { memoHtml } from './memoHtml';
import { memoMarkdown } from './memoMarkdown';

/** Formats of the memo. */
export type MemoFormat = 'md' | 'html' | 'csv' | 'json';
export const MEMO_FORMATS: readonly MemoFormat[] = ['md', 'html', 'csv', 'json'];

/** The file extension of each format (the editor writes `draft.factcheck.<ext>` beside the draft). */
export const MEMO_EXTENSION: Readonly<Record<MemoFormat, string>> = { md: 'md', html: 'html', csv: 'csv', json: 'json' };

/**
 * The memo as text. JSON (version 1) is the model itself, with non-ASCII
 * control and direction characters written as escapes so the file stays
 * inert in any viewer.
 */
export function renderMemo(memo: Memo, format: MemoFormat): string {
  switch (format) {
    case 'md':
      return memoMarkdown(memo);
    case 'html':
      return memoHtml(memo);
    case 'csv':
      return memoCsv(memo);
    case 'json':
      return `${JSON.stringify({ version: 1, ...memo }, null, 2).replace(/[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
  }
}
