/**
 * The date-event look-up stops at `MAX_EVENT_DATES` (a bare event word such
 * as "meeting" is tied to ~142,000 dates at 1M articles). A list cut there
 * may miss the one date that agrees with the draft, so it can verify a date
 * but never contradict one. The store below answers as the sample corpus
 * does, with the event list padded to the cap by repeating its own dates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCorpusIndex, checkDraft, MAX_EVENT_DATES, type CorpusStore } from '../../server/src/engine/api';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { sampleCorpusDir } from '../helpers';

function cutAtTheCap(inner: CorpusStore): CorpusStore {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop !== 'findDatesByEvent') {
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      }
      return async (keys: ReadonlyArray<readonly string[]>) => {
        const lists = await target.findDatesByEvent(keys);
        return lists.map((l) => (l.length === 0 ? l : Array.from({ length: MAX_EVENT_DATES }, (_, i) => l[i % l.length])));
      };
    },
  });
}

const WRONG = 'The two leaders held the Vietnam summit in February 2020.';
const RIGHT = 'The two leaders held the Vietnam summit in February 2019.';

test('an event list cut at the cap verifies a date but never contradicts one', async () => {
  const { index } = await buildCorpusIndex(createFsCorpusSource([sampleCorpusDir]));
  const codes = async (text: string, store: CorpusStore): Promise<string[]> =>
    (await checkDraft(text, store, { includeVerified: true })).filter((f) => f.code.startsWith('date-')).map((f) => f.code);
  // Whole lists: the wrong year is contradicted by the sources' date for the same event.
  assert.deepEqual(await codes(WRONG, index), ['date-mismatch']);
  assert.deepEqual(await codes(RIGHT, index), ['date-verified']);
  // Cut lists: the same answer for the right year, silence for the wrong one.
  assert.deepEqual(await codes(RIGHT, cutAtTheCap(index)), ['date-verified']);
  assert.deepEqual(await codes(WRONG, cutAtTheCap(index)), []);
});
