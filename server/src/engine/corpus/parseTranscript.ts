/**
 * Transcripts as corpus articles. A reporter's own interview recordings come
 * back from transcription tools as WebVTT or SubRip captions, or as plain
 * text with a time and a speaker on each turn; the speaker labels are the
 * attribution a quote check needs.
 *
 * The article text is one paragraph per turn, `Speaker: words`, so people,
 * sentences and quotations are found by the same extractors as in any
 * article; consecutive cues of one speaker are joined into one turn (a
 * sentence split across cues reads whole). The transcript's structure —
 * each turn's speaker, label, words and cue times — rides along as
 * `ParsedArticle.transcript`, and `locate` maps every offset back to the
 * file, so a citation points at the cue's line.
 */

import { parse as parseYaml } from 'yaml';
import type { ArticleMeta, CorpusWarning, ParsedArticle, ParsedCorpusFile, Transcript, TranscriptTurn } from '../types';
import { computeLineStarts } from '../text/lineIndex';
import { editDistance, typoBudget } from '../text/editDistance';
import { createLocator, OffsetMapBuilder } from './locate';
import { cleanAuthor, cleanMetaString, compactMeta, normalizeDate } from './meta';
import { looksLikePlainTranscript, readPlainTranscript, readSubRip, readWebVtt, type CuePiece, type RawTranscript, type TranscriptHeader } from './transcriptCues';

/** Parses a `.vtt` file. */
export function parseWebVttFile(path: string, source: string): ParsedCorpusFile {
  if (!/^WEBVTT(?:[ \t]|\r?\n|$)/.test(source)) return { articles: [], warnings: [{ path, message: 'not a WebVTT file (no WEBVTT line), skipped' }] };
  return transcriptArticle(path, source, readWebVtt(source), []);
}

/** Parses a `.srt` file. */
export function parseSubRipFile(path: string, source: string): ParsedCorpusFile {
  return transcriptArticle(path, source, readSubRip(source), []);
}

/**
 * A `.txt` or `.md` file shaped like a plain transcript (see
 * `looksLikePlainTranscript`), parsed as one; undefined for anything else,
 * which the caller parses as an article.
 */
export function parsePlainTranscriptFile(path: string, source: string): ParsedCorpusFile | undefined {
  const { data, bodyStart, warning } = frontMatter(path, source);
  if (!looksLikePlainTranscript(source, bodyStart)) return undefined;
  const header: TranscriptHeader = {
    title: cleanMetaString(data.title),
    date: data.date ?? data.recorded ?? data.interview_date,
    interviewee: cleanMetaString(data.interviewee ?? data.guest),
    publisher: cleanMetaString(data.publisher ?? data.source),
    author: cleanAuthor(data.author ?? data.interviewer),
    url: cleanMetaString(data.url),
  };
  return transcriptArticle(path, source, readPlainTranscript(source, bodyStart, header), warning ? [warning] : []);
}

/** YAML front matter of a Markdown transcript, as a mapping (empty when absent or invalid). */
function frontMatter(path: string, source: string): { data: Record<string, unknown>; bodyStart: number; warning?: CorpusWarning } {
  if (!source.startsWith('---')) return { data: {}, bodyStart: 0 };
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  if (!m) return { data: {}, bodyStart: 0 };
  try {
    const data: unknown = parseYaml(m[1]);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return { data: data as Record<string, unknown>, bodyStart: m[0].length };
  } catch {
    return { data: {}, bodyStart: m[0].length, warning: { path, message: 'invalid YAML front matter; metadata ignored' } };
  }
  return { data: {}, bodyStart: m[0].length };
}

/** One speaker's run of pieces from one cue, with its label's place in the file. */
interface Segment {
  time: string;
  speaker?: string;
  labelFrom: number;
  labelTo: number;
  pieces: CuePiece[];
}

/** A turn being built: consecutive segments of one speaker. */
interface TurnDraft {
  speaker?: string;
  labelFrom: number;
  labelTo: number;
  segments: Segment[];
}

function transcriptArticle(path: string, source: string, raw: RawTranscript, warnings: CorpusWarning[]): ParsedCorpusFile {
  const interviewee = raw.header.interviewee !== undefined ? displayLabel(raw.header.interviewee) : undefined;
  const segments: Segment[] = [];
  for (const cue of raw.cues) {
    for (const v of cue.voices) segments.push({ time: cue.time, speaker: v.label === undefined ? undefined : displayLabel(v.label), labelFrom: v.labelFrom, labelTo: v.labelTo, pieces: v.pieces });
  }
  if (segments.length === 0) return { articles: [], warnings: [...warnings, { path, message: 'transcript without any cue text, skipped' }] };
  const canonical = canonicalSpeakers(segments.map((s) => s.speaker), interviewee);
  for (const s of segments) if (s.speaker !== undefined) s.speaker = canonical.get(s.speaker);

  const turns: TurnDraft[] = [];
  for (const s of segments) {
    const last = turns[turns.length - 1];
    if (last && last.speaker === s.speaker) last.segments.push(s);
    else turns.push({ speaker: s.speaker, labelFrom: s.labelFrom, labelTo: s.labelTo, segments: [s] });
  }
  const { text, map, transcriptTurns } = layOut(turns);
  const transcript: Transcript = { format: raw.format, turns: transcriptTurns };
  if (interviewee !== undefined) transcript.interviewee = interviewee;
  const article: ParsedArticle = {
    id: path,
    path,
    meta: transcriptMeta(raw.header, interviewee),
    text,
    locate: createLocator(computeLineStarts(source), 0, map),
    transcript,
  };
  return { articles: [article], warnings };
}

function transcriptMeta(header: TranscriptHeader, interviewee: string | undefined): ArticleMeta {
  return compactMeta({
    title: cleanMetaString(header.title) ?? (interviewee !== undefined ? `Interview with ${interviewee}` : undefined),
    date: normalizeDate(header.date),
    publisher: cleanMetaString(header.publisher),
    author: cleanAuthor(header.author),
    url: cleanMetaString(header.url),
  });
}

/**
 * The article text (`Speaker: words` paragraphs), its map to the file, and the
 * turns with offsets into it. Pieces of one turn are joined by a space where
 * neither side has one; turns by a blank line.
 */
function layOut(turns: readonly TurnDraft[]): { text: string; map: ReturnType<OffsetMapBuilder['build']>; transcriptTurns: TranscriptTurn[] } {
  const b = new OffsetMapBuilder();
  let text = '';
  // Joiners (a space between cues, a blank line between turns) map to where the words before them end, so the
  // end of a sentence or turn locates at the end of its own cue, not at the next one.
  let lastTo = 0;
  const out: TranscriptTurn[] = [];
  const add = (s: string, from: number, to: number, verbatim: boolean): void => {
    if (s.length === 0) return;
    if (verbatim) b.copy(from, s.length);
    else b.replace(from, to, s.length);
    text += s;
    lastTo = to;
  };
  for (const turn of turns) {
    if (text.length > 0) add('\n\n', lastTo, lastTo, false);
    const labelStart = text.length;
    if (turn.speaker !== undefined) add(`${turn.speaker}: `, turn.labelFrom, turn.labelTo, false);
    const spanStart = text.length;
    const cues: TranscriptTurn['cues'] = [];
    for (const seg of turn.segments) {
      let cueStart = -1;
      for (const p of seg.pieces) {
        const piece = text.length === spanStart ? p.text.replace(/^\s+/, '') : p.text;
        if (piece.length === 0) continue;
        const lead = p.text.length - piece.length;
        if (text.length > spanStart && !/\s$/.test(text) && !/^\s/.test(piece)) add(' ', lastTo, lastTo, false);
        if (cueStart < 0) cueStart = text.length + (piece.length - piece.trimStart().length);
        add(piece, p.from + (p.verbatim ? lead : 0), p.to, p.verbatim);
      }
      if (cueStart >= 0) cues.push({ start: cueStart, time: seg.time });
    }
    const spanEnd = spanStart + text.slice(spanStart).trimEnd().length;
    if (cues.length === 0) continue;
    const t: TranscriptTurn = { span: { start: spanStart, end: spanEnd }, cues };
    if (turn.speaker !== undefined) {
      t.speaker = turn.speaker;
      t.label = { start: labelStart, end: labelStart + turn.speaker.length };
    }
    out.push(t);
  }
  return { text, map: b.build(), transcriptTurns: out };
}

/**
 * A label as shown: spaces collapsed, bold marks dropped, an all-capitals
 * label (`PETER WARD`, the style of many transcription tools) in title case.
 */
export function displayLabel(label: string): string {
  const s = label.replace(/[*_]{2}/g, '').replace(/\s+/g, ' ').trim();
  if (/\p{Ll}/u.test(s) || !/\p{Lu}.*\p{Lu}/u.test(s)) return s;
  return s.toLowerCase().replace(/(^|[\s\-'’.])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/**
 * Each label's canonical spelling: labels of one speaker that differ by a
 * typo (`Peter Wrad` among many `Peter Ward`), or a surname alone (`Ward`),
 * fold into the most used spelling — the interviewee's as the file's header
 * gives it, when it does.
 */
export function canonicalSpeakers(labels: ReadonlyArray<string | undefined>, interviewee?: string): Map<string, string> {
  const counts = new Map<string, number>();
  for (const l of labels) if (l !== undefined) counts.set(l, (counts.get(l) ?? 0) + 1);
  const order = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
  const canon: string[] = interviewee !== undefined ? [interviewee] : [];
  const out = new Map<string, string>();
  for (const label of order) {
    const same = canon.find((c) => sameLabel(label, c));
    if (same !== undefined) out.set(label, same);
    else {
      canon.push(label);
      out.set(label, label);
    }
  }
  return out;
}

/** Whether two labels name one speaker: word for word a typo apart, or a surname alone against a full name. */
function sameLabel(a: string, b: string): boolean {
  const wa = a.toLowerCase().split(' ');
  const wb = b.toLowerCase().split(' ');
  const close = (x: string, y: string): boolean => {
    if (/\d/.test(x) || /\d/.test(y)) return x === y;
    const budget = typoBudget(Math.max(x.length, y.length));
    return editDistance(x, y, budget) <= budget;
  };
  if (wa.length === wb.length) return wa.every((w, i) => close(w, wb[i]));
  if (wa.length === 1 && wb.length > 1 && wa[0].length > 2) return close(wa[0], wb[wb.length - 1]);
  return false;
}
