/**
 * Reading transcript files into cues: WebVTT (`.vtt`), SubRip (`.srt`) and
 * plain transcripts (`[00:12:31] Speaker Name: text` or
 * `SPEAKER NAME (00:12:31): text`). A cue is a start time and one or more
 * voices, each a speaker label (as written) and pieces of text that know
 * where they stand in the file. Turning cues into an article is
 * `parseTranscript.ts`'s business.
 */

import { decodeEntityAt } from './htmlEntities';

/** A run of cue text and where it came from in the file. */
export interface CuePiece {
  text: string;
  /** Source range that produced it. */
  from: number;
  to: number;
  /** True when `text` is `source.slice(from, to)` character for character. */
  verbatim: boolean;
}

/** One speaker's words within a cue. */
export interface CueVoice {
  /** The speaker label as written (`Peter Ward`, `PETER WARD`); absent when the cue names nobody. */
  label?: string;
  /** Where the label stands in the file (the cue's text start when unlabelled). */
  labelFrom: number;
  labelTo: number;
  pieces: CuePiece[];
}

/** A timed cue: when, and who says what. */
export interface RawCue {
  /** Start time, `HH:MM:SS`. */
  time: string;
  voices: CueVoice[];
}

/** What a transcript file says about itself (header, `NOTE` lines, front matter). */
export interface TranscriptHeader {
  title?: string;
  date?: unknown;
  interviewee?: string;
  publisher?: string;
  author?: string;
  url?: string;
}

/** Cues and header of one transcript file. */
export interface RawTranscript {
  format: 'webvtt' | 'srt' | 'plain';
  header: TranscriptHeader;
  cues: RawCue[];
}

/** A line of the source with its offset (line break excluded). */
interface Line {
  text: string;
  start: number;
}

function linesOf(source: string, from = 0): Line[] {
  const out: Line[] = [];
  let start = from;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    const textEnd = end > start && source.charCodeAt(end - 1) === 13 ? end - 1 : end;
    out.push({ text: source.slice(start, textEnd), start });
    if (end >= source.length) break;
    start = end + 1;
  }
  return out;
}

/** `HH:MM:SS` of a time written `H:MM:SS(.mmm)`, `MM:SS(.mmm)` or with a comma (SubRip). */
export function normaliseTime(h: string | undefined, m: string, s: string): string {
  const hh = h === undefined ? '00' : h.padStart(2, '0');
  return `${hh}:${m.padStart(2, '0')}:${s.padStart(2, '0')}`;
}

const TIMING = /^\s*(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,]\d{1,3})?\s+-->\s+(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?/;

/** Keys of header and NOTE lines, and which header field each fills. */
const HEADER_KEYS: ReadonlyArray<[RegExp, keyof TranscriptHeader]> = [
  [/^(?:title|headline|subject)$/i, 'title'],
  [/^(?:date|recorded|recorded on|interview date|interviewed|recording date)$/i, 'date'],
  [/^(?:interviewee|guest|subject name|speaker)$/i, 'interviewee'],
  [/^(?:publisher|source|outlet)$/i, 'publisher'],
  [/^(?:author|interviewer|reporter)$/i, 'author'],
  [/^(?:url|link)$/i, 'url'],
];

/** Fills `header` from a `Key: value` line; true when the key was one of ours. */
function readHeaderLine(line: string, header: TranscriptHeader): boolean {
  const m = /^\s*([A-Za-z][A-Za-z ]{0,24}?)\s*[:=]\s*(.+?)\s*$/.exec(line);
  if (!m) return false;
  for (const [re, field] of HEADER_KEYS) {
    if (!re.test(m[1])) continue;
    if (header[field] === undefined) (header as Record<string, unknown>)[field] = m[2];
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Speaker labels at the start of a caption line: "Peter Ward:", ">> WARD:", "- Speaker 1:"
// ---------------------------------------------------------------------------

/** Words a line may start with before a colon that are not speakers. */
const NOT_SPEAKERS = new Set(['note', 'update', 'warning', 'editor', 'source', 'caption', 'captions', 'music', 'applause', 'laughter', 'translation']);

const LABEL_PREFIX = /^(\s*(?:>>\s*|-\s+)?)((?:\p{Lu}[\p{L}'’.\-]*|Dr\.|Mr\.|Ms\.|Mrs\.)(?:[ \t]+(?:\p{Lu}[\p{L}'’.\-]*|\d{1,2}|de|van|von|der|bin|al|la|le|da)){0,4})[ \t]*:[ \t]+(?=\S)/u;

/** A speaker label opening a caption line, with its offsets in the line. */
function labelPrefix(line: string): { label: string; from: number; to: number; textFrom: number } | undefined {
  const m = LABEL_PREFIX.exec(line);
  if (!m || m[2].length > 40) return undefined;
  if (NOT_SPEAKERS.has(m[2].toLowerCase())) return undefined;
  return { label: m[2], from: m[1].length, to: m[1].length + m[2].length, textFrom: m[0].length };
}

// ---------------------------------------------------------------------------
// WebVTT and SubRip
// ---------------------------------------------------------------------------

/** Splits a caption payload line into text pieces, dropping tags and decoding entities; reports voice tags. */
function payloadPieces(line: string, at: number, onVoice: (label: string, from: number, to: number) => void): CuePiece[] {
  const pieces: CuePiece[] = [];
  let i = 0;
  let runStart = 0;
  const flush = (end: number): void => {
    if (end > runStart) pieces.push({ text: line.slice(runStart, end), from: at + runStart, to: at + end, verbatim: true });
  };
  while (i < line.length) {
    const c = line[i];
    if (c === '<') {
      const close = line.indexOf('>', i);
      if (close < 0) break;
      flush(i);
      const tag = line.slice(i + 1, close);
      const voice = /^v(?:\.[^\s>]*)?\s+(.+)$/.exec(tag);
      if (voice) {
        const nameFrom = i + 1 + tag.length - voice[1].length;
        onVoice(voice[1].trim(), at + nameFrom, at + nameFrom + voice[1].trim().length);
      }
      i = close + 1;
      runStart = i;
    } else if (c === '&') {
      const decoded = decodeEntityAt(line, i);
      if (decoded !== undefined) {
        flush(i);
        // Direction marks (&lrm; &rlm;) are layout, not words.
        const value = decoded.value === '\u200e' || decoded.value === '\u200f' ? '' : decoded.value === '\u00a0' ? ' ' : decoded.value;
        pieces.push({ text: value, from: at + i, to: at + decoded.end, verbatim: false });
        i = decoded.end;
        runStart = i;
      } else i++;
    } else i++;
  }
  flush(Math.min(i, line.length));
  return pieces.filter((p) => p.text.length > 0);
}

/** Reads the payload lines of one cue into voices; `carried` is the speaker of the cue before (captions label only changes). */
function cueVoices(lines: readonly Line[], carried: CueVoice | undefined): CueVoice[] {
  const voices: CueVoice[] = [];
  let current: CueVoice | undefined;
  const startVoice = (label: string | undefined, from: number, to: number): CueVoice => {
    const v: CueVoice = { label, labelFrom: from, labelTo: to, pieces: [] };
    voices.push(v);
    current = v;
    return v;
  };
  for (const line of lines) {
    let text = line.text;
    let at = line.start;
    const prefix = labelPrefix(text);
    if (prefix) {
      startVoice(prefix.label, at + prefix.from, at + prefix.to);
      text = text.slice(prefix.textFrom);
      at += prefix.textFrom;
    }
    const pieces = payloadPieces(text, at, (label, from, to) => {
      startVoice(label, from, to);
    });
    // Pieces before a voice tag on this line belong to the voice before; a simple model: attach all to the last voice opened.
    if (pieces.length === 0) continue;
    if (!current) {
      current = carried ? startVoice(carried.label, carried.labelFrom, carried.labelTo) : startVoice(undefined, pieces[0].from, pieces[0].from);
    }
    attachPieces(voices, pieces);
  }
  return voices.filter((v) => v.pieces.length > 0);
}

/** Gives each piece to the voice opened last before it in the file. */
function attachPieces(voices: CueVoice[], pieces: readonly CuePiece[]): void {
  for (const p of pieces) {
    let owner = voices[voices.length - 1];
    for (let k = voices.length - 1; k >= 0; k--) {
      owner = voices[k];
      if (voices[k].labelTo <= p.from || k === 0) break;
    }
    owner.pieces.push(p);
  }
}

/** Cue blocks: runs of non-blank lines. */
function blocksOf(lines: readonly Line[], from: number): Line[][] {
  const blocks: Line[][] = [];
  let cur: Line[] = [];
  for (let i = from; i < lines.length; i++) {
    if (lines[i].text.trim() === '') {
      if (cur.length > 0) blocks.push(cur);
      cur = [];
    } else cur.push(lines[i]);
  }
  if (cur.length > 0) blocks.push(cur);
  return blocks;
}

/** Reads timed cue blocks (WebVTT after its header, or SubRip). */
function readTimedCues(blocks: readonly Line[][], header: TranscriptHeader, notes: boolean): RawCue[] {
  const cues: RawCue[] = [];
  let carried: CueVoice | undefined;
  for (const block of blocks) {
    if (notes && /^NOTE(?:\s|$)/.test(block[0].text)) {
      const first = block[0].text.replace(/^NOTE\s*/, '');
      for (const l of [first, ...block.slice(1).map((b) => b.text)]) readHeaderLine(l, header);
      continue;
    }
    if (notes && /^(?:STYLE|REGION)(?:\s|$)/.test(block[0].text)) continue;
    const t = block.findIndex((l) => l.text.includes('-->'));
    if (t < 0 || t > 1) continue;
    const m = TIMING.exec(block[t].text);
    if (!m) continue;
    const voices = cueVoices(block.slice(t + 1), carried);
    if (voices.length === 0) continue;
    carried = voices[voices.length - 1];
    cues.push({ time: normaliseTime(m[1], m[2], m[3]), voices });
  }
  return cues;
}

/** Reads a WebVTT file: the `WEBVTT` line (text after it as title), header lines, `NOTE` blocks, cues. */
export function readWebVtt(source: string): RawTranscript {
  const lines = linesOf(source);
  const header: TranscriptHeader = {};
  const first = /^WEBVTT(?:[ \t]+-?[ \t]*(.*))?$/.exec(lines[0]?.text ?? '');
  if (first?.[1]) header.title = first[1].trim();
  let i = 1;
  for (; i < lines.length && lines[i].text.trim() !== '' && !lines[i].text.includes('-->'); i++) readHeaderLine(lines[i].text, header);
  return { format: 'webvtt', header, cues: readTimedCues(blocksOf(lines, i), header, true) };
}

/** Reads a SubRip file: numbered cues with `00:00:01,000 --> …` timings. */
export function readSubRip(source: string): RawTranscript {
  const header: TranscriptHeader = {};
  return { format: 'srt', header, cues: readTimedCues(blocksOf(linesOf(source), 0), header, false) };
}

// ---------------------------------------------------------------------------
// Plain transcripts
// ---------------------------------------------------------------------------

const TIME = String.raw`(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,]\d{1,3})?`;
const NAME = String.raw`(?:\*\*|__)?(\p{Lu}[\p{L}'’.\-]*(?:[ \t]+(?:[\p{L}][\p{L}'’.\-]*|\d{1,2})){0,4})(?:\*\*|__)?`;
/** `[00:12:31] Speaker Name: text` */
const BRACKET_TURN = new RegExp(String.raw`^[ \t]*\[${TIME}\][ \t]*${NAME}[ \t]*:(?:[ \t]+|$)`, 'u');
/** `SPEAKER NAME (00:12:31): text`, or the label alone on its line with the words below. */
const PAREN_TURN = new RegExp(String.raw`^[ \t]*${NAME}[ \t]+\(${TIME}\)[ \t]*:?(?:[ \t]+|$)`, 'u');

/** A turn-opening line of a plain transcript: time, label and where the words start. */
function plainTurn(line: string): { time: string; label: string; labelFrom: number; textFrom: number } | undefined {
  let m = BRACKET_TURN.exec(line);
  if (m) {
    const label = m[4];
    return { time: normaliseTime(m[1], m[2], m[3]), label, labelFrom: line.indexOf(label, line.indexOf(']')), textFrom: m[0].length };
  }
  m = PAREN_TURN.exec(line);
  if (m && m[1].length <= 40) {
    return { time: normaliseTime(m[2], m[3], m[4]), label: m[1], labelFrom: line.indexOf(m[1]), textFrom: m[0].length };
  }
  return undefined;
}

/**
 * Whether a `.txt`/`.md` text is shaped like a plain transcript: at least
 * three turn lines (`[00:12:31] Name: …` or `NAME (00:12:31): …`), the first
 * within the first 15 non-blank lines of the body, and turn lines making up
 * at least a fifth of the non-blank lines from the first one on. A news
 * article has no line opening with a bracketed time followed by a name and a
 * colon, so it is never taken for one (tested on the sample corpus and on
 * thousands of real articles).
 */
export function looksLikePlainTranscript(source: string, bodyStart = 0): boolean {
  const lines = linesOf(source, bodyStart).filter((l) => l.text.trim() !== '');
  const first = lines.findIndex((l, i) => i < 15 && plainTurn(l.text) !== undefined);
  if (first < 0) return false;
  let turns = 0;
  for (let i = first; i < lines.length; i++) if (plainTurn(lines[i].text)) turns++;
  return turns >= 3 && turns * 5 >= lines.length - first;
}

/** Reads a plain transcript from `bodyStart` (after any front matter): header lines, then turns. */
export function readPlainTranscript(source: string, bodyStart: number, header: TranscriptHeader): RawTranscript {
  const cues: RawCue[] = [];
  let current: RawCue | undefined;
  for (const line of linesOf(source, bodyStart)) {
    const turn = plainTurn(line.text);
    if (turn) {
      const text = line.text.slice(turn.textFrom);
      const at = line.start + turn.textFrom;
      current = {
        time: turn.time,
        voices: [{ label: turn.label, labelFrom: line.start + turn.labelFrom, labelTo: line.start + turn.labelFrom + turn.label.length, pieces: [] }],
      };
      cues.push(current);
      addPlainText(current, text, at);
    } else if (current) {
      addPlainText(current, line.text, line.start);
    } else if (!/^\s*#/.test(line.text)) {
      readHeaderLine(line.text, header);
    } else if (header.title === undefined) {
      header.title = line.text.replace(/^\s*#+\s*/, '').trim() || undefined;
    }
  }
  return { format: 'plain', header, cues: cues.filter((c) => c.voices[0].pieces.length > 0) };
}

function addPlainText(cue: RawCue, text: string, at: number): void {
  const lead = text.length - text.trimStart().length;
  const body = text.trim();
  if (body) cue.voices[0].pieces.push({ text: body, from: at + lead, to: at + lead + body.length, verbatim: true });
}
