/**
 * Two cue forms before a quotation that put the speaker after a fixed frame:
 * "As X put it, “…”" (also "as X puts it in …") and a sentence opened by an
 * inverted "Said X, “…”" ("Said Comey, “…”", "Said Dorothy Poynter, who grew
 * up with Ali, “…”"), also after an opening phrase and its comma ("But,
 * said Solovey, “…”").
 */

import type { Attribution, Context } from './attributionContext';
import { nameEndingAt, subjectAt } from './speakerPhrases';

const PUT_IT_RE = /(?:^|[^\p{L}])[Aa]s\s+((?:[Tt]he\s+)?\p{Lu}[^,;:“”"]{0,80}?)\s+(?:once\s+|has\s+|had\s+|memorably\s+|famously\s+)?(?:put|puts|phrased|phrases)\s+it\b([^“”"]{0,100}?)\s*$/u;

/** "As Vulture put it, “…”", "as The Post's Dana Milbank puts it, “…”": the one who put it. */
export function asPutIt(ctx: Context, segStart: number, open: number): Attribution | undefined {
  const before = ctx.text.slice(segStart, open);
  const m = PUT_IT_RE.exec(before);
  // What may follow "put it": an adjunct and a comma ("in a lengthy expose,"), nothing that starts a new clause.
  if (!m || /[.!?]/u.test(m[2])) return undefined;
  const start = segStart + m.index + m[0].indexOf(m[1]);
  const sp = nameEndingAt(ctx, start, start + m[1].length);
  return sp?.resolved ? { speaker: sp, cue: 'put it' } : undefined;
}

/** "Said Comey, “…”": a sentence opened by an inverted speech verb and its subject, the quotation after it. */
export function invertedSaid(ctx: Context, segStart: number, open: number): Attribution | undefined {
  const before = ctx.text.slice(segStart, open);
  // Also after an opening phrase and its comma: "But, said Solovey, “…”", "In other words, explained Nancy Cordes: “…”".
  const m =
    /(?:^|[.!?]["”’]?\s+|\n\s*)(Said|Says|Asked|Added|Wrote)\s+(?=\p{Lu})([^“”"]{1,200}?),?\s*$/u.exec(before) ??
    /,\s*(said|says|asked|added|wrote|explained|explains|noted|notes|argued|argues|recalled|continued|insisted)\s+([^“”",.;!?]{1,80}?)[,:]\s*$/u.exec(before);
  if (!m) return undefined;
  const start = segStart + m.index + m[0].indexOf(m[2]);
  const sp = subjectAt(ctx, start, open);
  return sp?.resolved ? { speaker: sp, cue: m[1].toLowerCase() } : undefined;
}
