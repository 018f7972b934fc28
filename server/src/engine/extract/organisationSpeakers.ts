/**
 * Organisations and outlets as speakers ("The U.S. State Department said",
 * "according to Reuters"): capitalised runs recognised as bodies, never a
 * dateline.
 */

import type { SpeakerMention } from '../types';
import { spanOf } from './attributionContext';
import { KNOWN_ORGS, KNOWN_PLACES, NON_NAME_CAPITALS, ORG_CUES, ORG_HEADS } from './lexicon';

// Dotted acronyms first: the regex engine does not come back to try them after "U" matched.
const CAP_WORD = String.raw`(?:(?:\p{Lu}\.)+\p{Lu}?\.?|\p{Lu}[\p{L}\p{M}'’&-]*)`;

const ORG_RUN_RE = new RegExp(String.raw`((?:[Tt]he\s+)?${CAP_WORD}(?:\s+(?:of|for|and|on|the|de)?\s*${CAP_WORD}){0,6})`, 'u');

const TRAILING_ORG_RE = new RegExp(ORG_RUN_RE.source + String.raw`\s*$`, 'u');

const LEADING_ORG_RE = new RegExp('^' + ORG_RUN_RE.source, 'u');

/**
 * A capitalised run as an organisation speaker, when the text shows it is one: an organisation head
 * noun ("Department"), a known organisation or place, a cue word before it ("the newspaper X"), or an
 * all-capitals acronym. A person's name is left to the person rules.
 */
function orgSpeaker(start: number, phrase: string, cueBefore: string): { speaker: SpeakerMention; start: number } | undefined {
  // A sentence adverb opening the run ("Then the Burlington Free Press") is not part of the name.
  const adverb = /^(?:Then|Now|Also|Meanwhile|Later|But|And|So|Yet|Still|Earlier)\s+/u.exec(phrase);
  if (adverb) {
    start += adverb[0].length;
    phrase = phrase.slice(adverb[0].length);
  }
  const name = phrase.replace(/^[Tt]he\s+/u, '');
  const words = name.split(/\s+/);
  const lowers = words.map((w) => w.toLowerCase().replace(/['’]s$/, ''));
  const last = lowers[lowers.length - 1].replace(/\./g, '');
  const isOrg =
    ORG_HEADS.has(last) ||
    KNOWN_ORGS.has(lowers.join('').replace(/\./g, '')) ||
    KNOWN_ORGS.has(last) ||
    KNOWN_PLACES.has(lowers.join(' ').replace(/\./g, '')) ||
    ORG_CUES.has(cueBefore.toLowerCase()) ||
    (words.length === 1 && /^\p{Lu}{2,}$/u.test(name));
  if (!isOrg || NON_NAME_CAPITALS.has(lowers[0]) && words.length === 1) return undefined;
  return { speaker: { text: phrase, span: spanOf(start, phrase), resolved: name, isOrganisation: true }, start };
}

/** An organisation named at the end of `text[from, end)` ("… the State Department"), with where its phrase starts. */
export function trailingOrg(text: string, from: number, end: number): { speaker: SpeakerMention; start: number } | undefined {
  const s = text.slice(from, end);
  const m = TRAILING_ORG_RE.exec(s);
  if (!m) return undefined;
  const start = from + m.index;
  const cueBefore = /(\p{L}+)\s*$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1] ?? '';
  return orgSpeaker(start, m[1], cueBefore);
}

/** An organisation named at the start of `text[from, end)` ("The Associated Press reported …"), with where it starts. */
export function leadingOrg(text: string, from: number, end: number): { speaker: SpeakerMention; start: number } | undefined {
  const m = LEADING_ORG_RE.exec(text.slice(from, end));
  if (!m) return undefined;
  return orgSpeaker(from, m[1], '');
}
