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
  // A verb form used as a plural noun is no cue: "…,” Scott Pruitt, …, one of the states suing the EPA, said".
  // Only the first match is read unless it is such a noun; then the next verb form is the cue.
  const isNoun = (v: RegExpExecArray) => /s$/u.test(v[0]) && DETERMINER_BEFORE_RE.test(after.slice(Math.max(0, v.index - 8), v.index));
  const firstVerb = verbMatches(after, VERB_RE_SOURCE, true)[0];
  const m = firstVerb && isNoun(firstVerb) ? verbMatches(after, VERB_RE_SOURCE).find((v) => !isNoun(v)) : firstVerb;
  if (!m || m.index > 260) return joined && /[,?!]/u.test(lastInside) ? (namedAgentAfter(ctx, closeEnd, afterEnd) ?? invertedAgentAfter(ctx, q, afterEnd, segStart)) : undefined;
  // Without punctuation tying them, only a verb right after the quote attributes it ("“…” said Lankov").
  // Or a short clause ending the quoted sentence, then the attribution ("“…” for the victory, Sanders said").
  // Or a name and its verb alone making the next "sentence" ("“… missing.” Trump said."): an attribution, not news.
  // Only for a quotation standing as its own sentence: one inside a clause ("Sanders called Trump a “liar.” Fiorina
  // said Cruz …") belongs to that clause, and the next sentence is the next piece of news.
  const bareTag = !/\p{L}/u.test(text.slice(segStart, q.outerSpan.start)) && /^\s+(?:\p{Lu}[\p{L}.'’-]*\s+){1,5}(?:\([^()]{1,25}\)\s+)?$/u.test(after.slice(0, m.index)) && afterEnd - (closeEnd + m.index + m[0].length) <= 60 && !/["“”]/u.test(after.slice(m.index));
  if (!joined && !bareTag && !/^\s+$/u.test(after.slice(0, m.index)) && !/^\s+[\p{Ll}][^.!?"“”,]{0,60},\s*[^,.!?"“”]{1,60}$/u.test(after.slice(0, m.index))) return sentenceFinalTag(ctx, q, afterEnd, segStart);
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
  // Else a longer adjunct between the quotation and a tag closing the sentence: "“…,” in sharp contrast to previous
  // elections when campaigns took on that function, says Dante Scala, a political scientist."
  return sp ? { speaker: sp, cue: cueText(text, m[0], vEnd) } : sentenceFinalTag(ctx, q, afterEnd, segStart);
}

/**
 * A partial quotation inside a sentence whose attribution closes it: "That
 * would create a “summer of agony” for Clinton, forcing her to fend off both
 * rivals, said Brad Bannon, a Democratic pollster." / "“We are horrified” by
 * the shooting at a nightclub that drew worldwide attention, Nefzi said." The
 * whole sentence is the speaker's, so the quotation in it is too: the tag
 * follows the sentence's last comma, and no other speech verb or quotation
 * stands in the sentence.
 */
function sentenceFinalTag(ctx: Context, q: RawQuote, afterEnd: number, segStart: number): Attribution | undefined {
  const { text } = ctx;
  const closeEnd = q.outerSpan.end;
  if (afterEnd - closeEnd > 260 || !/^[.!?]/u.test(text.slice(afterEnd, afterEnd + 1))) return undefined;
  const after = text.slice(closeEnd, afterEnd);
  const comma = after.lastIndexOf(',');
  if (comma < 0 || /["“”\n]/u.test(after) || /["“”]/u.test(text.slice(segStart, q.outerSpan.start))) return undefined;
  // The tag may carry an apposition after its own comma ("said Brad Bannon, a Democratic pollster"): the tag's comma
  // is the first one followed by the verb or by a name and the verb.
  const tagComma = /,\s*(?=(?:said|says|told|wrote|added|explained|noted|argued|insisted|warned)\s+\p{Lu}|(?:(?:the\s+)?\p{Lu}[\p{L}.'’-]*\s+){1,4}(?:said|says|wrote|added|explained|noted|argued|insisted|warned)\s*$)/u.exec(after);
  // Or the sentence's last clause is the tag, its subject written with a title and its verb followed by a short
  // adjunct: "…, Justice Department senior trial counsel Caroline Lewis Wolverton wrote in a court filing."
  const lastClause = tagComma && tagComma.index <= comma ? undefined : /,\s*(?=\p{Lu})/u.exec(after.slice(comma));
  if ((!tagComma || tagComma.index > comma) && !lastClause) return undefined;
  const tagAt = lastClause ? comma : tagComma!.index;
  const body = after.slice(0, tagAt);
  if (verbMatches(body, VERB_RE_SOURCE, true).length > 0 || verbMatches(text.slice(segStart, q.outerSpan.start), VERB_RE_SOURCE, true).length > 0) return undefined;
  const tagStart = closeEnd + tagAt + (lastClause ?? tagComma!)[0].length;
  const tag = text.slice(tagStart, afterEnd);
  const v = verbMatches(tag, VERB_RE_SOURCE, true)[0];
  if (!v) return undefined;
  if (lastClause && (v.index === 0 || !CLAUSE_TAIL_RE.test(tag.slice(v.index + v[0].length)))) return undefined;
  if (v.index === 0) {
    const sp = subjectAt(ctx, tagStart + v[0].length, afterEnd);
    return sp?.resolved ? { speaker: sp, cue: v[0] } : undefined;
  }
  const sp = subjectBefore(ctx, tagStart, tagStart + v.index, false, true);
  return sp?.resolved && sp.span && sp.span.start >= tagStart ? { speaker: sp, cue: v[0] } : undefined;
}

// A determiner or possessive right before a word: it is a noun ("the states", "his claims").
const DETERMINER_BEFORE_RE = /(?:^|[^\p{L}])(?:the|his|her|its|their|these|those|such|many|other|our|your|my)\s+$/iu;

/** What may follow the verb of a tag closing its sentence: a day or a short prepositional phrase ("in a court filing"). */
const CLAUSE_TAIL_RE = /^(?:\s+(?:\p{Lu}\p{Ll}+day|(?:in|on|at|to|during|after|before|last|this)\s[^,;:]{1,35}))?\s*$/u;

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
 * "“This is fantastic!” beamed Donald Hartley": a quotation left open by its
 * comma (or ?/!) and followed at once by a past-tense verb and a named
 * person — the inversion writers use with manner verbs ("beamed", "quipped",
 * "fumed") as with "said" — when the quotation opens its sentence.
 */
function invertedAgentAfter(ctx: Context, q: RawQuote, afterEnd: number, segStart: number): Attribution | undefined {
  const { text } = ctx;
  const closeEnd = q.outerSpan.end;
  // Only after a quotation opening its sentence: inside one ("Washington, star of “Scandal,” thanked Obama") the verb
  // is the sentence's own and the name its object.
  if (/\p{L}/u.test(text.slice(segStart, q.outerSpan.start))) return undefined;
  const v = /^[\s,]*(\p{Ll}{3,}ed)\s+(?=\p{Lu})/u.exec(text.slice(closeEnd, afterEnd));
  if (!v) return undefined;
  const start = closeEnd + v[0].length;
  const sp = leadingSubject(ctx, start, afterEnd);
  if (!sp?.resolved || sp.isOrganisation || !sp.span || sp.span.start !== start) return undefined;
  return { speaker: sp, cue: v[1] };
}

/**
 * A quotation signed with a dash, as in lists of reactions: "“…” ― Oscar P.
 * Quintero", "“…” - Bernie Sanders", "“…” -Michelle Marks, Philadelphia".
 * The dash must be followed at once by a capitalised name that the line or
 * sentence ends with (or an apposition after a comma); it may open the next
 * paragraph, under a quotation standing alone in its own.
 */
function dashSignature(ctx: Context, q: RawQuote, closeEnd: number): Attribution | undefined {
  const { text } = ctx;
  // On the quotation's line, or opening the next paragraph ("“…”\n\n-President Obama, tweeting after …").
  // Spaces of any kind (a no-break space often stands before the dash), but no line break but a paragraph's.
  const dash = /^(?:[^\S\n]*|[^\S\n]*\n\s*)[―—–-]{1,2}[^\S\n]*(?=\p{Lu})/u.exec(text.slice(closeEnd, closeEnd + 12));
  if (!dash) return undefined;
  // A signed quotation stands alone: nothing of its sentence before it (else the dash may open a byline after a report).
  const lineStart = lineStartWithin(text, q.outerSpan.start, CONTEXT_CHARS);
  if (!/^\s*$|[.!?]["”’]?\s*$/u.test(text.slice(lineStart, q.outerSpan.start))) return undefined;
  if (!/[.!?…]["'’]?\s*$/u.test(text.slice(q.span.start, q.span.end)) && !/^[.!?]/u.test(text.slice(q.span.end, closeEnd + 1))) return undefined;
  const start = closeEnd + dash[0].length;
  const lineEnd = paragraphEnd(text, start, Math.min(text.length, start + 120));
  const sp = leadingSubject(ctx, start, lineEnd);
  // Title words may come first ("-President Obama").
  if (!sp?.resolved || sp.isOrganisation || !sp.span || !/^(?:\p{Lu}[\p{L}.]*\s+){0,3}$/u.test(text.slice(start, sp.span.start))) return undefined;
  if (!/^\s*(?:[,.;]|[“"]|$)/u.test(text.slice(sp.span.end, lineEnd))) return undefined;
  return { speaker: sp, cue: '—' };
}
