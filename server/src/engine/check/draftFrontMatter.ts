/**
 * A draft's YAML front matter (`---` … `---` at the very top, as Markdown
 * corpus files have it) is metadata — a title, tags, an author — not claims:
 * a headline "Trump says…" there is no quotation to source. It is blanked
 * before the draft is read, one space per character and newlines kept, so
 * every offset after it stays what the editor shows.
 */
import { splitFrontMatter } from '../corpus/parseMarkdown';

/** `text` with its front matter, if any, replaced by spaces (line breaks kept). */
export function blankFrontMatter(text: string): string {
  if (!text.startsWith('---')) return text;
  const { bodyStart } = splitFrontMatter(text);
  if (bodyStart === 0) return text;
  return text.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(bodyStart);
}
