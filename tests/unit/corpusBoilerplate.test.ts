import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findBody, publisherFromCopyright } from '../../server/src/engine/corpus/boilerplate';
import { normalizeDate, cleanMetaString, cleanAuthor } from '../../server/src/engine/corpus/meta';
import { createLocator, mapToSource, OffsetMapBuilder } from '../../server/src/engine/corpus/locate';
import { computeLineStarts, positionAt } from '../../server/src/engine/text/lineIndex';

const body = (text: string): string => {
  const b = findBody(text);
  return text.slice(b.start, b.end);
};

test('publisher from copyright lines', () => {
  assert.equal(publisherFromCopyright('© The Asia Business Daily(www.asiae.co.kr). All rights reserved.'), 'The Asia Business Daily');
  assert.equal(publisherFromCopyright('Copyright 2024 The Associated Press. All rights reserved.'), 'The Associated Press');
  assert.equal(publisherFromCopyright('© 2019-2024 Yonhap News Agency'), 'Yonhap News Agency');
  assert.equal(publisherFromCopyright('(c) Reuters 2021. All rights reserved'), 'Reuters');
  assert.equal(publisherFromCopyright('© All rights reserved.'), undefined);
});

test('leading navigation is removed only up to the last known navigation line', () => {
  const text = 'Menu\nSearch\n\nKim dies\n\nKim Jong-nam died on Monday, police said.';
  assert.equal(body(text), 'Kim dies\n\nKim Jong-nam died on Monday, police said.');
  assert.equal(findBody(text).headline, 'Kim dies');
  // Without a known navigation line, a short first line is a headline and stays.
  assert.equal(body('Kim dies\n\nKim Jong-nam died.'), 'Kim dies\n\nKim Jong-nam died.');
  // A sentence line stops the search: "Close" after it is body text.
  assert.equal(body('He said it was over.\nClose\nAll went home.'), 'He said it was over.\nClose\nAll went home.');
});

test('trailing furniture and copyright are removed; short body lines above them stay', () => {
  const text = 'Body sentence one.\nReporter Kim Min-ji\n\n© Example Times. All rights reserved.\n\nTop';
  const b = findBody(text);
  assert.equal(text.slice(b.start, b.end), 'Body sentence one.\nReporter Kim Min-ji');
  assert.equal(b.publisher, 'Example Times');
  // A short last line without any known marker is kept.
  assert.equal(body('Body sentence one.\nMore to come'), 'Body sentence one.\nMore to come');
  // Only boilerplate: nothing left.
  const only = findBody('Close\n\nTop\n');
  assert.equal(only.end - only.start, 0);
});

test('wire sign-off after the last sentence is removed, a sentence ending in "Reuters" is not', () => {
  assert.equal(body('Prices rose 3 pct. REUTER'), 'Prices rose 3 pct.');
  assert.equal(body('The story was first reported by Reuters'), 'The story was first reported by Reuters');
});

test('normalizeDate accepts ISO and common formats, rejects nonsense', () => {
  const cases: Array<[unknown, string | undefined]> = [
    ['2025-06-12', '2025-06-12'],
    ['2025-06-12T23:30:00-05:00', '2025-06-12'],
    ['1987-02-26T15:01:01', '1987-02-26'],
    ['2025/6/1', '2025-06-01'],
    ['2025.06.12 09:00', '2025-06-12'],
    ['20250612', '2025-06-12'],
    ['June 12, 2025', '2025-06-12'],
    ['Sept. 3 2019', '2019-09-03'],
    ['12 Jun 2025', '2025-06-12'],
    ['26-FEB-1987 15:01:01.79', '1987-02-26'],
    ['Thu, 12 Jun 2025 10:00:00 GMT', '2025-06-12'],
    ['06/12/2025', '2025-06-12'],
    ['26/02/1987', '1987-02-26'],
    [new Date(Date.UTC(2020, 0, 2)), '2020-01-02'],
    ['2025-02-30', undefined],
    ['Mayday 3, 2020', undefined],
    ['yesterday', undefined],
    ['', undefined],
    [null, undefined],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeDate(input), expected, String(input));
});

test('placeholder metadata values are absent', () => {
  assert.equal(cleanMetaString('None'), undefined);
  assert.equal(cleanMetaString('  '), undefined);
  assert.equal(cleanMetaString(' Jane  Roe '), 'Jane Roe');
  assert.equal(cleanAuthor([{ name: 'A B' }, 'C D', 'None']), 'A B, C D');
});

test('positionAt and offset maps', () => {
  const src = 'ab\r\ncd\ne\rf';
  const starts = computeLineStarts(src);
  assert.deepEqual(starts, [0, 4, 7, 9]);
  assert.deepEqual(positionAt(starts, 5), { line: 1, character: 1 });
  assert.deepEqual(positionAt(starts, 9), { line: 3, character: 0 });
  assert.deepEqual(positionAt(starts, src.length), { line: 3, character: 1 });

  // "x&amp;y" → "x&y": the entity maps to its start, the rest moves in step.
  const b = new OffsetMapBuilder();
  b.copy(10, 1);
  b.replace(11, 16, 1);
  b.copy(16, 1);
  const map = b.build();
  assert.deepEqual([0, 1, 2, 3].map((o) => mapToSource(map, o)), [10, 11, 16, 17]);
  // Verbatim runs that continue each other are one piece.
  const c = new OffsetMapBuilder();
  c.copy(0, 3);
  c.copy(3, 4);
  assert.equal(c.build().textStarts.length, 1);

  const locate = createLocator(starts, 4);
  assert.deepEqual(locate(1), { line: 1, character: 1 });
});
