/**
 * The cue form with no speech verb: a quotation in the predicate of a clause
 * whose named subject owns the words ("Cruz knocked Rubio and called him a
 * “moderate”"). Holds the finite-verb test the other cue forms use to tell an
 * agent ("Trump barked") from a description ("Trump was “unfit”").
 */

import type { SpeakerMention } from '../types';
import { lastPersonEndingBy, spanOf, type Attribution, type Context } from './attributionContext';
import { NON_NAME_CAPITALS } from './lexicon';
import { leadingSubject } from './speakerPhrases';
import { describedPerson } from './speakerReference';

// Words after a subject that make it no agent of the clause: a copula or passive ("Trump was “unfit”"), a relative, a conjunction.
const NOT_AGENT_VERBS = new Set('is was are were be been being am seems seemed appears appeared remains remained became becomes looks looked sounds sounded of and or who whom whose which that in at on for with from by to as the a an than'.split(' '));

// Past forms without "-ed" that news prose puts between a subject and a partial quotation.
const IRREGULAR_PAST = new Set('said told wrote made took gave went came spoke thought felt held put set let brought sent read sang ran began hit shot fought struck knew saw found left kept stood won lost led drew threw swore bore taught sought sold paid meant heard'.split(' '));

const MODALS = new Set('will would could should can may might must did does do'.split(' '));

// Aspect and modal words and adverbs between the subject and its verb ("has even claimed", "did not want").
const VERB_LEADERS = new Set('has have had did does do will would could should can may might must also even further again later then once still never not just only already repeatedly openly'.split(' '));

/**
 * A quotation in the predicate of a clause whose subject is a named person or
 * organisation ("Walter Hewlett sniped that Fiorina was “learning on the
 * job”", "When Trump in a speech called them “rapists”"): the subject owns
 * the quoted words. The clause opens the sentence, follows a short opening
 * phrase and a comma, or follows a subordinating word; the subject is
 * followed (after an apposition and auxiliaries) by a finite verb, never a
 * copula or passive — "Trump was “unfit”" is a description, not his words.
 */
export function fromClauseSubject(ctx: Context, segStart: number, open: number): Attribution | undefined {
  const { text } = ctx;
  const before = text.slice(segStart, open);
  if (before.length > 300 || /\b(?:by|according to)\s+(?:the\s+)?\p{Lu}/u.test(before)) return undefined;
  // Words owned by someone named right before them are that person's, repeated: "Clinton mocked Trump's “bad hombres”".
  if (ownedByPerson(ctx, open)) return undefined;
  const starts = [segStart];
  // After an opening phrase and its comma ("Speaking to MSNBC on Monday, which …, Bush referred to …").
  const comma = /,\s*(?=\p{Lu})/gu;
  for (let m = comma.exec(before); m !== null; m = comma.exec(before)) starts.push(segStart + m.index + m[0].length);
  const sub = /\b(?:when|as|while|after|because|since|and|but|then|that|where)\s+(?=\p{Lu})/gu;
  for (let m = sub.exec(before); m !== null; m = sub.exec(before)) starts.push(segStart + m.index + m[0].length);
  // The nearest clause first: in "X did this, while Y proposed “…”" the words are Y's.
  starts.sort((a, b) => b - a);
  for (const start of starts) {
    const lead = start + (/^\s*/u.exec(text.slice(start, open))![0].length);
    const sp = leadingSubject(ctx, lead, open) ?? leadingDescription(ctx, lead, open) ?? knownSurnameAt(ctx, lead, open);
    if (!sp?.resolved || !sp.span || sp.span.start - lead > 60) continue;
    const verb = agentVerbAfter(text, sp.span.end, open);
    if (verb) return { speaker: sp, cue: verb };
  }
  return undefined;
}

/** A lone capitalised word that is the surname of a person the text names in full ("Clinton accused him of …"). */
function knownSurnameAt(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const m = /^\p{Lu}[\p{Ll}'’-]+(?=\s+\p{Ll})/u.exec(ctx.text.slice(from, end));
  if (!m || NON_NAME_CAPITALS.has(m[0].toLowerCase())) return undefined;
  const full = ctx.fullNameBySurname.get(m[0].toLowerCase());
  return full && full.includes(' ') ? { text: m[0], span: spanOf(from, m[0]), resolved: full } : undefined;
}

/** A definite description opening a clause ("The Democratic presidential candidate blasted …"), resolved to the person it stands for. */
function leadingDescription(ctx: Context, from: number, end: number): SpeakerMention | undefined {
  const m = /^(?:the|this)\s+(?:[\p{L}.'’-]+\s+){0,4}[\p{L}-]+(?=[\s,])/iu.exec(ctx.text.slice(from, end));
  if (!m) return undefined;
  // The shortest description whose next word is no noun of it: try growing prefixes, longest resolvable wins last.
  const words = m[0].split(/\s+/u);
  for (let n = words.length; n >= 2; n--) {
    const phrase = words.slice(0, n).join(' ');
    const resolved = describedPerson(ctx, phrase, from);
    if (resolved) return { text: phrase, span: spanOf(from, phrase), resolved };
  }
  return undefined;
}

/** Whether a person's possessive stands right before a quotation ("Moravec’s “daylight robbery”"): the words are theirs. */
function ownedByPerson(ctx: Context, open: number): boolean {
  const m = /(\p{Lu}[\p{L}.-]*)['’]s?\s*$/u.exec(ctx.text.slice(Math.max(0, open - 40), open));
  if (!m) return false;
  const end = open - m[0].length + m[1].length;
  const person = lastPersonEndingBy(ctx.people, end);
  return (person !== undefined && person.span.end === end) || ctx.fullNameBySurname.has(m[1].toLowerCase());
}

/** The finite verb right after a subject ending at `from` (past an apposition, a party tag and auxiliaries), if any. */
export function agentVerbAfter(text: string, from: number, end: number): string | undefined {
  let rest = text.slice(from, end);
  const apposition = /^,[^,“”"]{1,120},\s*/u.exec(rest);
  if (apposition) rest = rest.slice(apposition[0].length);
  const tag = /^\s*\([^()]{1,25}\)/u.exec(rest);
  if (tag) rest = rest.slice(tag[0].length);
  // A time phrase between subject and verb: "Trump last week invited …", "Cruz on Tuesday called …".
  const when = /^\s*(?:(?:last|this|next|earlier|late)\s+(?:week|month|year|night|weekend)|(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?)(?=\s)/iu.exec(rest);
  if (when) rest = rest.slice(when[0].length);
  const words = rest.trimStart().split(/\s+/u);
  let limit = Math.min(words.length, 5);
  for (let k = 0; k < limit; k++) {
    const w = words[k].replace(/[,;:]$/u, '');
    // A short adjunct between subject and verb: "Trump in his announcement speech called …".
    if (k === 0 && /^(?:in|at|on|during|over)$/u.test(w)) {
      limit = Math.min(words.length, 8);
      for (k = 1; k < limit - 1 && !/[,;:]$/u.test(words[k]) && !isFiniteVerb(words[k + 1]); k++);
      continue;
    }
    if (!/^\p{Ll}[\p{Ll}’'-]*$/u.test(w)) return undefined;
    // "is stressing", "are asking": a progressive is an act of the subject; "is unfit" is not.
    if ((w === 'is' || w === 'are' || w === 'was' || w === 'were') && /^\p{Ll}+ing$/u.test(words[k + 1] ?? '')) return words[k + 1];
    if (NOT_AGENT_VERBS.has(w)) return undefined;
    // After a modal or "did", the bare verb: "Trump would denounce “…”".
    if (k > 0 && MODALS.has(words[k - 1]) && !VERB_LEADERS.has(w)) return w;
    if (VERB_LEADERS.has(w) || /^\p{Ll}+n[’']t$/u.test(w) || /ly$/u.test(w)) continue;
    if (isFiniteVerb(w)) return w;
    return undefined;
  }
  return undefined;
}

/** A lower-case word shaped like a past or present-tense verb ("sniped", "likened", "assures", "wrote"). */
function isFiniteVerb(word: string | undefined): boolean {
  if (word === undefined || !/^\p{Ll}[\p{Ll}’'-]*$/u.test(word)) return false;
  return IRREGULAR_PAST.has(word) || /[^e]ed$|eed$|ied$|[^s]ed$/u.test(word) || (/[^su’']s$/u.test(word) && word.length > 3);
}
