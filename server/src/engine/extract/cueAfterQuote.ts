/**
 * Attribution cues after a quotation: "“…,” X said", "“…,” said X", a named
 * subject with a non-speech verb right after a comma ("“…,” Trump barked"),
 * and a dash signature ("“…” — Bernie Sanders").
 */

import type { RawQuote } from './quoteSpans';
import { CONTEXT_CHARS, VERB_RE_SOURCE, verbMatches, type Attribution, type Context } from './attributionContext';
import { lineStartWithin } from './attributionSegments';
import { cueText } from './cueBeforeQuote';
import { agentVerbAfter } from './cueClauseSubject';
import { paragraphEnd } from './quoteSpans';
import { leadingSubject, subjectAt, subjectBefore } from './speakerPhrases';

/**
 * A speaker after a closing mark: "“…,” Lankov said", "“…,” said Lankov", "“…,” according to Reuters".
 * `segStart` is where the quotation's own sentence (or clause after the previous quotation) starts.
 */
export function fromAfter(ctx: Context, q: RawQuote, afterEnd: number, segStart: number): Attribution | undefined {
  const { text } = ctx;
  const closeEnd = q.outerSpan.end;
  const after = text.slice(closeEnd, afterEnd);
  // The mark before any closing marks of a quotation inside it ("…, ‘Enough is enough,’”").
  const lastInside = text.slice(q.span.start, q.span.end).trimEnd().replace(/['’"”]+$/u, '').slice(-1);
  // A quote that ended its sentence ("…done.”) is not attributed by the next sentence.
  const joined = /^\s*[,\-—–]/u.test(after) || /[,?!—–-]/u.test(lastInside);
  if (!q.closed) return undefined;
  const signed = dashSignature(ctx, q, closeEnd);
  if (signed) return signed;
  const m = verbMatches(after, VERB_RE_SOURCE, true)[0] as RegExpExecArray | undefined;
  if (!m || m.index > 260) return joined && /[,?!]/u.test(lastInside) ? namedAgentAfter(ctx, closeEnd, afterEnd) : undefined;
  // Without punctuation tying them, only a verb right after the quote attributes it ("“…” said Lankov").
  // Or a short clause ending the quoted sentence, then the attribution ("“…” for the victory, Sanders said").
  // Or a name and its verb alone making the next "sentence" ("“… missing.” Trump said."): an attribution, not news.
  // Only for a quotation standing as its own sentence: one inside a clause ("Sanders called Trump a “liar.” Fiorina
  // said Cruz …") belongs to that clause, and the next sentence is the next piece of news.
  const bareTag = !/\p{L}/u.test(text.slice(segStart, q.outerSpan.start)) && /^\s+(?:\p{Lu}[\p{L}.'’-]*\s+){1,5}(?:\([^()]{1,25}\)\s+)?$/u.test(after.slice(0, m.index)) && afterEnd - (closeEnd + m.index + m[0].length) <= 60 && !/["“”]/u.test(after.slice(m.index));
  if (!joined && !bareTag && !/^\s+$/u.test(after.slice(0, m.index)) && !/^\s+[\p{Ll}][^.!?"“”,]{0,60},\s*[^,.!?"“”]{1,60}$/u.test(after.slice(0, m.index))) return undefined;
  if (/^\p{Lu}/u.test(m[0])) return undefined;
  const vStart = closeEnd + m.index;
  const vEnd = vStart + m[0].length;
  const cueWord = m[0].toLowerCase();
  const pre = text.slice(closeEnd, vStart);
  if (/^[\s,\-—–]*$/u.test(pre) || /^\s+\p{Ll}[^.!?"“”,]{0,60},\s*$/u.test(pre)) {
    // Verb first: "said Lankov", "according to Reuters", also after the end of the quoted sentence ("“…” for Clinton, said Kunin").
    // A participle is no inversion: in "X delivered a defence of “…,” saying the city …" the words after "saying"
    // are what X said, not its subject; the clause before the quotation names the speaker.
    if (/ing$/u.test(cueWord)) return undefined;
    const sp = subjectAt(ctx, vEnd, afterEnd);
    return sp ? { speaker: sp, cue: cueWord === 'according to' ? 'according to' : m[0] } : undefined;
  }
  if (cueWord === 'according to') return undefined;
  const sp = subjectBefore(ctx, closeEnd, vStart, false, true);
  return sp ? { speaker: sp, cue: cueText(text, m[0], vEnd) } : undefined;
}

/**
 * "“Go back to Univision,” Trump barked": a quotation left open by its comma
 * (or ?/!) and followed at once by a named subject and its verb, though the
 * verb is no speech verb.
 */
function namedAgentAfter(ctx: Context, closeEnd: number, afterEnd: number): Attribution | undefined {
  const { text } = ctx;
  const start = closeEnd + /^[\s,]*/u.exec(text.slice(closeEnd, afterEnd))![0].length;
  if (!/^\p{Lu}/u.test(text.slice(start, start + 1))) return undefined;
  const sp = leadingSubject(ctx, start, afterEnd);
  if (!sp?.resolved || !sp.span || sp.span.start !== start) return undefined;
  const verb = agentVerbAfter(text, sp.span.end, afterEnd);
  return verb ? { speaker: sp, cue: verb } : undefined;
}

/**
 * A quotation signed with a dash, as in lists of reactions: "“…” ― Oscar P.
 * Quintero", "“…” - Bernie Sanders", "“…” -Michelle Marks, Philadelphia".
 * The dash must be followed at once by a capitalised name that the line or
 * sentence ends with (or an apposition after a comma).
 */
function dashSignature(ctx: Context, q: RawQuote, closeEnd: number): Attribution | undefined {
  const { text } = ctx;
  const dash = /^[ \t]*[―—–-]{1,2}[ \t]*(?=\p{Lu})/u.exec(text.slice(closeEnd, closeEnd + 6));
  if (!dash) return undefined;
  // A signed quotation stands alone: nothing of its sentence before it (else the dash may open a byline after a report).
  const lineStart = lineStartWithin(text, q.outerSpan.start, CONTEXT_CHARS);
  if (!/^\s*$|[.!?]["”’]?\s*$/u.test(text.slice(lineStart, q.outerSpan.start))) return undefined;
  if (!/[.!?…]["'’]?\s*$/u.test(text.slice(q.span.start, q.span.end)) && !/^[.!?]/u.test(text.slice(q.span.end, closeEnd + 1))) return undefined;
  const start = closeEnd + dash[0].length;
  const lineEnd = paragraphEnd(text, start, Math.min(text.length, start + 120));
  const sp = leadingSubject(ctx, start, lineEnd);
  if (!sp?.resolved || sp.isOrganisation || !sp.span || sp.span.start !== start) return undefined;
  if (!/^\s*(?:[,.;]|[“"]|$)/u.test(text.slice(sp.span.end, lineEnd))) return undefined;
  return { speaker: sp, cue: '—' };
}
