/**
 * The draft's date (issue 9): what relative dates of a draft are read
 * against — its front matter `date:`, else the `factcheck.draftDate` setting
 * or `--draft-date`, else today (SOURCE_DATE_EPOCH fixes it) — and the source
 * article's anchor: its metadata date, moved to its dateline's day, or the
 * dateline alone when it writes a year. Runs on the hand-written fixture
 * corpus `tests/fixtures/facts/corpus` (an article dated 2025-06-12, a
 * Thursday: "The carmaker Hanmoto said on Thursday it would cut 3,000 jobs").
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCorpusIndex, checkDraft, extractFacts, type CorpusIndex } from '../../server/src/engine/api';
import { articleReferenceDate } from '../../server/src/engine/extract/dateline';
import { draftDateProblem, hostDraftDate } from '../../server/src/host/draftDateOption';
import { createFsCorpusSource } from '../../server/src/host/fsCorpusSource';
import { checkConfigFor, parseSettings } from '../../server/src/lsp/settings';
import { cli } from '../cliRun';
import { fixturesDir } from '../helpers';

const factsCorpus = path.join(fixturesDir, 'facts', 'corpus');
/** A restatement of the fixture's "said on Thursday" sentence: its Thursday is the draft date's. */
const THURSDAY_DRAFT = 'The carmaker Hanmoto said on Thursday it would cut 3,000 jobs at its plant in Ulsan by the end of next year.\n';
let index: CorpusIndex;

before(async () => {
  ({ index } = await buildCorpusIndex(createFsCorpusSource([factsCorpus])));
});

async function dateFindings(draft: string, draftDate?: string): Promise<string[]> {
  const found = await checkDraft(draft, index, draftDate ? { draftDate } : {});
  return found.filter((f) => f.code.startsWith('date-')).map((f) => `${f.code} ${draft.slice(f.span.start, f.span.end)}`);
}

test('a draft date must be a real day written YYYY-MM-DD', () => {
  assert.equal(draftDateProblem('2025-06-13'), undefined);
  assert.equal(draftDateProblem('2024-02-29'), undefined);
  assert.match(draftDateProblem('2025-02-30')!, /not a day of the calendar/);
  assert.match(draftDateProblem('13/06/2025')!, /YYYY-MM-DD/);
  assert.match(draftDateProblem('2025-6-13')!, /YYYY-MM-DD/);
  assert.match(draftDateProblem('')!, /YYYY-MM-DD/);
});

test('today is the memo\'s day: SOURCE_DATE_EPOCH when set, else the clock in UTC; a given date wins', () => {
  assert.equal(hostDraftDate(undefined, { SOURCE_DATE_EPOCH: String(Date.UTC(2025, 5, 13) / 1000) }), '2025-06-13');
  assert.equal(hostDraftDate(undefined, {}, Date.UTC(2026, 0, 2, 23, 59)), '2026-01-02');
  assert.equal(hostDraftDate('2020-03-04', { SOURCE_DATE_EPOCH: '0' }), '2020-03-04');
});

test('factcheck.draftDate: a valid date is the checker\'s, an invalid one a clear message and today instead', () => {
  const ok = parseSettings({ draftDate: '2025-06-13' });
  assert.deepEqual(ok.problems, []);
  assert.equal(checkConfigFor(ok.settings, '2030-01-01').draftDate, '2025-06-13');
  // VS Code sends an unset string setting as "".
  assert.deepEqual(parseSettings({ draftDate: '' }).problems, []);
  assert.equal(checkConfigFor(parseSettings({ draftDate: '' }).settings, '2030-01-01').draftDate, '2030-01-01');
  for (const bad of ['June 13', '2025-13-01', 20250613]) {
    const parsed = parseSettings({ draftDate: bad });
    assert.equal(parsed.problems.length, 1, String(bad));
    assert.match(parsed.problems[0], /"factcheck\.draftDate" .*using today/);
    assert.equal(checkConfigFor(parsed.settings, '2030-01-01').draftDate, '2030-01-01');
  }
});

test('the draft date decides a relative date; the front matter\'s date wins over it', async () => {
  assert.deepEqual(await dateFindings(THURSDAY_DRAFT, '2025-06-13'), ['date-verified Thursday', 'date-verified next year']);
  const aWeekLater = await checkDraft(THURSDAY_DRAFT, index, { draftDate: '2025-06-20' });
  const wrong = aWeekLater.find((f) => f.code === 'date-mismatch');
  assert.ok(wrong, 'the Thursday of a week later is another day');
  assert.equal(wrong.suggestion, 'June 12, 2025');
  assert.match(wrong.message, /June 12, 2025.*June 19, 2025/);
  const withFrontMatter = `---\ndate: 2025-06-13\n---\n${THURSDAY_DRAFT}`;
  assert.ok(!(await dateFindings(withFrontMatter, '2025-06-20')).some((f) => f.startsWith('date-mismatch')));
});

test('"last June" is placed by the draft\'s date: June 2019 in a draft of March 2020, June 2025 in one of December 2026', async () => {
  const draft = 'Pyongwatch first reported on the back channel last June, when the two leaders met at Panmunjom.';
  assert.deepEqual(await dateFindings(draft, '2020-03-01'), ['date-verified last June']);
  assert.deepEqual(await dateFindings(draft, '2026-12-01'), ['date-mismatch last June']);
  const [june] = extractFacts('They met last June and again this March.', { referenceDate: '2020-07-15' }).dates;
  assert.deepEqual(june.value, { year: 2020, month: 6 });
});

test('a source article\'s anchor: its metadata date, moved to its dateline\'s day; a dateline with a year when there is no metadata', () => {
  const wire = 'SEOUL, June 12 (Reuters) - Officials said on Thursday they had met.';
  assert.equal(articleReferenceDate(wire, [0], '2025-06-13T01:30:00'), '2025-06-12', 'the reporter\'s day, not the UTC timestamp\'s');
  assert.equal(articleReferenceDate(wire, [0], '2025-09-01'), '2025-09-01', 'a dateline far from the metadata is not this story\'s');
  assert.equal(articleReferenceDate(wire, [0], undefined), undefined, 'no year: no anchor');
  assert.equal(articleReferenceDate('WASHINGTON, Dec. 31, 2019 (AP) — Talks ended.', [0], undefined), '2019-12-31');
  assert.equal(articleReferenceDate('WASHINGTON (AP) — Talks ended on Monday.', [0], '2019-12-31'), '2019-12-31');
  assert.equal(articleReferenceDate('LONDON, Dec 31 (Reuters) - Shares fell.', [0], '2020-01-01'), '2019-12-31', 'the year that puts it nearest');
  // Read through the extractor: "yesterday" counts from the reporter's day.
  const yesterday = extractFacts('SEOUL, June 12 (Reuters) - Officials said yesterday they had met.', { referenceDate: '2025-06-13T01:30:00' }).dates.find((d) => d.text === 'yesterday');
  assert.deepEqual(yesterday?.value, { year: 2025, month: 6, day: 11 });
  // A wire story's "the 11th (local time)" is the dateline month's 11th.
  const [day] = extractFacts('SEOUL, June 12 (Yonhap) - The two sides met on the 11th (local time) in Panmunjom.').dates.filter((d) => d.text.includes('11th'));
  assert.deepEqual(day.value, { day: 11 }, 'without a year only the day is known');
  const [dated] = extractFacts('SEOUL, June 12 (Yonhap) - The two sides met on the 11th (local time) in Panmunjom.', { referenceDate: '2019-06-12' }).dates.filter((d) => d.text.includes('11th'));
  assert.deepEqual(dated.value, { year: 2019, month: 6, day: 11 });
});

test('CLI --draft-date: the same draft is verified or contradicted by it; a bad date is a usage error', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'factcheck-draftdate-'));
  try {
    const draft = path.join(dir, 'story.md');
    writeFileSync(draft, THURSDAY_DRAFT);
    const right = await cli(['check', '--corpus', factsCorpus, '--draft-date', '2025-06-13', draft]);
    assert.equal(right.code, 0, right.out + right.err);
    const late = await cli(['check', '--corpus', factsCorpus, '--draft-date=2025-06-20', draft]);
    assert.equal(late.code, 1, late.out + late.err);
    assert.match(late.out, /warning date-mismatch .*June 12, 2025/);
    const bad = await cli(['check', '--corpus', factsCorpus, '--draft-date', '2025-02-30', draft]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--draft-date is not a day of the calendar/);
    assert.equal((await cli(['search', '--draft-date', '2025-06-13', 'Hanmoto'])).code, 2);
    // Without the option: today, which SOURCE_DATE_EPOCH fixes.
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2025, 5, 20) / 1000);
    try {
      assert.equal((await cli(['check', '--corpus', factsCorpus, draft])).code, 1);
      process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2025, 5, 13) / 1000);
      assert.equal((await cli(['check', '--corpus', factsCorpus, draft])).code, 0);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
