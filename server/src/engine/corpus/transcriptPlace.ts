/**
 * Where an offset of a transcript article stands in the recording: the turn
 * holding it (its speaker) and the cue it falls in (its start time). Citations
 * carry both, so evidence reads `interview.vtt 00:12:31 Peter Ward: …`.
 */
import type { Transcript } from '../types';
import { lastAtOrBefore } from '../text/sortedSearch';

/** The time and speaker of the words at `offset`, or undefined outside every turn. */
export function transcriptPlace(transcript: Transcript, offset: number): { time: string; speaker?: string } | undefined {
  const turns = transcript.turns;
  // A label belongs to its turn: search by where each turn's paragraph starts (its label, else its words).
  const t = lastAtOrBefore(turns.length, offset, (i) => turns[i].label?.start ?? turns[i].span.start);
  if (t < 0) return undefined;
  const turn = turns[t];
  if (offset > turn.span.end) return undefined;
  const c = Math.max(0, lastAtOrBefore(turn.cues.length, offset, (i) => turn.cues[i].start));
  const cue = turn.cues[c];
  if (!cue) return undefined;
  return turn.speaker !== undefined ? { time: cue.time, speaker: turn.speaker } : { time: cue.time };
}
