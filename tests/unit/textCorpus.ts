/**
 * Small in-memory corpora for unit tests: articles given as text, indexed as
 * Markdown files `/corpus/<name>-<i>.md`, and the quote codes a draft's
 * check gives a quotation.
 */
import { CorpusIndexBuilder, checkDraft, type CorpusIndex } from '../../server/src/engine/api';

/** An index of `articles`, each a file `/corpus/<name>-<i>.md` (default name `article`). */
export function corpusOfTexts(articles: readonly string[], name = 'article'): CorpusIndex {
  const builder = new CorpusIndexBuilder();
  articles.forEach((text, i) => builder.setFile(`/corpus/${name}-${i}.md`, new TextEncoder().encode(text)));
  return builder.build();
}

/** The `quote-…` codes of the findings (verified ones included) that cover where `quoteStart` first stands in `draft`. */
export async function quoteCodesAt(index: CorpusIndex, draft: string, quoteStart: string): Promise<string[]> {
  const at = draft.indexOf(quoteStart);
  const findings = await checkDraft(draft, index, { includeVerified: true });
  return findings.filter((f) => f.span.start <= at && at < f.span.end && f.code.startsWith('quote-')).map((f) => f.code);
}
