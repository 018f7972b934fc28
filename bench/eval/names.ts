/**
 * Realistic name and role errors on real news: BBC News (2004–05), PolNeAR
 * (US politics, 2015–16) and Reuters-21578 (1987) together are the corpus, a
 * seeded sample of their articles are drafts. For each draft, one copy per
 * kind of error a writer or a summariser makes with people:
 *
 * - `first-name-swap`: a person introduced by full name gets the first name of
 *   another person of the same article ("Andrei Lankov" → "Peter Lankov");
 *   caught by `name-mismatch` (or `name-misspelled` when the two first names
 *   are near spellings);
 * - `surname-1-edit`: one letter of the surname changed, dropped or doubled;
 * - `surname-2-edits`: two such changes (surnames of 6+ letters);
 * - `surname-transposition`: two adjacent letters of the surname swapped;
 * - `surname-romanisation`: a spelling a transliteration gives ("oo"/"u",
 *   "ph"/"f", "y"/"i", "k"/"c", "sky"/"ski", a doubled or undoubled letter);
 * - `role-moved`: the role the article gives one person moved to another
 *   person of the same article ("Peter Ward, a professor at Kookmin University");
 *   caught by `role-mismatch` on the moved words;
 *
 * each caught when a finding of the expected code covers the changed words,
 * and a new spelling that is a corpus word or a corpus person is never
 * injected (it would be right). Beside them, `variant-unchanged`: the same
 * person written in an accepted variant (hyphens dropped or added, diacritics
 * dropped) must draw no warning.
 *
 * Quietness: the drafts unchanged, against the corpus that holds them: every
 * name or role finding of severity information or above is a false alarm
 * (per 1,000 words). Unseen same-story quietness is `sameStory.ts`.
 *
 * Run: `npm run eval` (or `node out/bench/eval/names.js`); `EVAL_SAMPLE`
 * drafts per dataset (default 120). Writes `bench/results/eval-names.json`
 * (figures only). `EVAL_DEBUG=1` prints misses and false alarms to stderr
 * (article text: never commit it).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorpusIndexBuilder, checkDraft, extractFacts, nameKey, tokenize, type CorpusIndex, type Finding, type FindingCode, type PersonMention } from '../../server/src/engine/api';
import { seededRandom } from '../draft';
import { writeEvalResult } from './results';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const dataRoot = path.resolve(repoRoot, '..', 'shared', 'data');
const SAMPLE = Number(process.env.EVAL_SAMPLE ?? 120);
const DEBUG = process.env.EVAL_DEBUG === '1';

const DATASETS = [
  { name: 'bbc-news', file: path.join(dataRoot, 'bbc-news', 'bbc-news.jsonl') },
  { name: 'polnear', file: path.join(dataRoot, 'polnear', 'articles.jsonl') },
  { name: 'reuters21578', file: path.join(dataRoot, 'reuters21578', 'reuters21578.jsonl') },
];

type Kind = 'first-name-swap' | 'surname-1-edit' | 'surname-2-edits' | 'surname-transposition' | 'surname-romanisation' | 'role-moved' | 'variant-unchanged';

interface Injection {
  kind: Kind;
  draft: string;
  /** The changed words' span in `draft`. */
  start: number;
  end: number;
  /** Codes that catch it (none for `variant-unchanged`: it must stay quiet). */
  codes: readonly FindingCode[];
}

const NAME_CODES: readonly FindingCode[] = ['name-misspelled', 'name-mismatch', 'name-unknown', 'role-mismatch'];

function replaceSpan(text: string, start: number, end: number, by: string): { draft: string; start: number; end: number } {
  return { draft: text.slice(0, start) + by + text.slice(end), start, end: start + by.length };
}

/** People introduced by a full name of two or three plain words, once per name. */
function fullNames(people: readonly PersonMention[]): PersonMention[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    if (p.cue === 'repeat' || p.cue === 'known' || p.text !== p.fullName || !/^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2}$/u.test(p.text)) return false;
    const key = nameKey(p.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the corpus would take `name` as right: a corpus person's name, or (for one word) a word of the corpus. */
function isRight(index: CorpusIndex, name: string): boolean {
  return index.people.byKey.has(nameKey(name)) || (!name.includes(' ') && index.tokens.vocabulary.has(name.toLowerCase()));
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

function firstNameSwap(text: string, people: PersonMention[], index: CorpusIndex, random: () => number): Injection | undefined {
  const named = fullNames(people);
  for (let tries = 0; tries < 6 && named.length >= 2; tries++) {
    const target = pick(named, random);
    const [first, ...rest] = target.text.split(' ');
    const surname = rest[rest.length - 1];
    const donors = named.filter((p) => {
      const f = p.text.split(' ')[0];
      return f !== first && !p.text.endsWith(' ' + surname);
    });
    if (donors.length === 0) continue;
    const donorFirst = pick(donors, random).text.split(' ')[0];
    const swapped = [donorFirst, ...rest].join(' ');
    if (isRight(index, swapped)) continue;
    const r = replaceSpan(text, target.span.start, target.span.end, swapped);
    return { kind: 'first-name-swap', ...r, codes: ['name-mismatch', 'name-misspelled'] };
  }
  return undefined;
}

const CONSONANTS = 'bcdfghklmnprstvz';

/** One edit of `word` not at its first letter: a substitution, a deletion or a doubled letter. */
function oneEdit(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 1));
  const c = word[at];
  const op = Math.floor(random() * 3);
  if (op === 0) {
    const by = 'aeiou'.includes(c) ? pick([...'aeiou'].filter((v) => v !== c), random) : pick([...CONSONANTS].filter((v) => v !== c), random);
    return word.slice(0, at) + by + word.slice(at + 1);
  }
  if (op === 1) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at) + c + word.slice(at);
}

function transpose(word: string, random: () => number): string | undefined {
  for (let tries = 0; tries < 5; tries++) {
    const at = 1 + Math.floor(random() * (word.length - 2));
    if (word[at] !== word[at + 1]) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  }
  return undefined;
}

/** Spelling changes a transliteration makes, each one way or the other. */
const ROMANISATIONS: Array<[RegExp, string]> = [
  [/oo/, 'u'], [/ou/, 'u'], [/u(?!u)/, 'oo'], [/ph/, 'f'], [/f/, 'ph'], [/y/, 'i'], [/(?<=\w)i(?=\w)/, 'y'],
  [/k/, 'c'], [/c(?![eih])/, 'k'], [/sky$/, 'ski'], [/ski$/, 'sky'], [/([lmnrst])\1/, '$1'], [/(?<=[aeiou])([lnrst])(?=[aeiou])/, '$1$1'],
  [/v/, 'w'], [/w/, 'v'], [/ei/, 'ai'], [/ai/, 'ei'], [/ch/, 'tch'],
];

function romanise(word: string, random: () => number): string | undefined {
  const options = ROMANISATIONS.map(([re, by]) => {
    const lower = word.slice(1);
    return re.test(lower) ? word[0] + lower.replace(re, by) : undefined;
  }).filter((w): w is string => w !== undefined && w !== word);
  return options.length > 0 ? pick(options, random) : undefined;
}

function surnameChange(kind: Kind, text: string, people: PersonMention[], index: CorpusIndex, random: () => number): Injection | undefined {
  const named = fullNames(people);
  for (let tries = 0; tries < 6 && named.length > 0; tries++) {
    const person = pick(named, random);
    const surname = person.text.split(' ').pop()!;
    if (surname.length < (kind === 'surname-2-edits' ? 6 : 4)) continue;
    let changed: string | undefined;
    if (kind === 'surname-1-edit') changed = oneEdit(surname, random);
    else if (kind === 'surname-2-edits') {
      changed = oneEdit(surname, random);
      const again = oneEdit(changed, random);
      changed = again === surname ? undefined : again;
    } else if (kind === 'surname-transposition') changed = transpose(surname, random);
    else changed = romanise(surname, random);
    if (!changed || changed === surname || isRight(index, changed)) continue;
    const start = person.span.end - surname.length;
    const r = replaceSpan(text, start, person.span.end, changed);
    return { kind, ...r, codes: ['name-misspelled'] };
  }
  return undefined;
}

/** Content words of a role, for telling two roles apart. */
function roleWords(role: string): Set<string> {
  return new Set(tokenize(role).map((t) => t.norm).filter((w) => w.length > 3 && !/^(?:former|senior|the|with|from)$/.test(w)));
}

function roleMoved(text: string, people: PersonMention[], random: () => number): Injection | undefined {
  const withRole = people.filter((p) => p.role && (p.cue === 'apposition' || p.cue === 'title') && tokenize(p.role.text).length >= 2 && /\p{Lu}/u.test(p.role.text));
  for (let tries = 0; tries < 6 && withRole.length >= 2; tries++) {
    const to = pick(withRole, random);
    const from = pick(withRole, random);
    if (to === from || nameKey(to.fullName) === nameKey(from.fullName) || to.cue !== from.cue) continue;
    const a = roleWords(to.role!.text);
    if ([...roleWords(from.role!.text)].some((w) => a.has(w))) continue;
    // The moved role must not be one the article also gives the target elsewhere.
    if (people.some((p) => p !== to && nameKey(p.fullName) === nameKey(to.fullName) && p.role && roleWords(p.role.text).size > 0 && [...roleWords(p.role.text)].some((w) => roleWords(from.role!.text).has(w)))) continue;
    const r = replaceSpan(text, to.role!.span.start, to.role!.span.end, from.role!.text);
    return { kind: 'role-moved', ...r, codes: ['role-mismatch'] };
  }
  return undefined;
}

function variantUnchanged(text: string, people: PersonMention[]): Injection | undefined {
  const hyphenated = people.find((p) => p.cue !== 'repeat' && /\p{L}-\p{Ll}/u.test(p.text));
  if (hyphenated) {
    const by = hyphenated.text.replace(/(\p{L})-(\p{Ll})/u, (_, a: string, b: string) => `${a} ${b.toUpperCase()}`);
    return { kind: 'variant-unchanged', ...replaceSpan(text, hyphenated.span.start, hyphenated.span.end, by), codes: [] };
  }
  const accented = people.find((p) => p.cue !== 'repeat' && /[^\x00-\x7f]/.test(p.text));
  if (accented) {
    const by = accented.text.normalize('NFKD').replace(/\p{M}+/gu, '');
    return { kind: 'variant-unchanged', ...replaceSpan(text, accented.span.start, accented.span.end, by), codes: [] };
  }
  return undefined;
}

interface KindTally {
  injected: number;
  caught: number;
  /** Warnings elsewhere on the injected drafts. */
  otherWarnings: number;
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function covers(f: Finding, inj: Injection): boolean {
  return f.span.start < inj.end && inj.start < f.span.end;
}

async function main(): Promise<void> {
  const present = DATASETS.filter((d) => fs.existsSync(d.file));
  if (present.length === 0) {
    console.log('names evaluation: skipped (no ../shared/data)');
    return;
  }
  const t0 = Date.now();
  const builder = new CorpusIndexBuilder();
  for (const d of present) builder.setFile(d.file, fs.readFileSync(d.file));
  const index = builder.build();
  const buildMs = Date.now() - t0;
  const random = seededRandom(20050517);

  const kinds: Record<string, KindTally> = {};
  const quiet = { drafts: 0, words: 0, falseAlarms: 0, byCode: {} as Record<string, number> };
  for (const d of present) {
    const articles = fs
      .readFileSync(d.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; text: string })
      .filter((a) => typeof a.text === 'string' && a.text.length > 600);
    const sample = [...articles].sort(() => random() - 0.5).slice(0, SAMPLE);
    for (const a of sample) {
      const found = await checkDraft(a.text, index, { includeVerified: false });
      quiet.drafts++;
      quiet.words += words(a.text);
      for (const f of found) {
        if (f.severity === 'hint' || !NAME_CODES.includes(f.code)) continue;
        quiet.falseAlarms++;
        quiet.byCode[f.code] = (quiet.byCode[f.code] ?? 0) + 1;
        if (DEBUG) console.error(`ALARM ${a.id} ${f.code}: «${a.text.slice(f.span.start, f.span.end)}» — ${f.message}`);
      }
      const people = extractFacts(a.text).people;
      const injections = [
        firstNameSwap(a.text, people, index, random),
        surnameChange('surname-1-edit', a.text, people, index, random),
        surnameChange('surname-2-edits', a.text, people, index, random),
        surnameChange('surname-transposition', a.text, people, index, random),
        surnameChange('surname-romanisation', a.text, people, index, random),
        roleMoved(a.text, people, random),
        variantUnchanged(a.text, people),
      ];
      for (const inj of injections) {
        if (!inj) continue;
        const tally = (kinds[inj.kind] ??= { injected: 0, caught: 0, otherWarnings: 0 });
        tally.injected++;
        const results = await checkDraft(inj.draft, index, { includeVerified: false });
        const onIt = results.filter((f) => covers(f, inj) && f.severity !== 'hint');
        const caught = inj.codes.length === 0 ? !onIt.some((f) => f.severity === 'warning' || f.severity === 'error') : onIt.some((f) => inj.codes.includes(f.code));
        if (caught) tally.caught++;
        else if (DEBUG) {
          const got = onIt.map((f) => `${f.code}: ${f.message}`).join(' | ') || 'nothing';
          console.error(`MISSED ${d.name} ${a.id} ${inj.kind}: «${inj.draft.slice(Math.max(0, inj.start - 60), inj.end + 60).replace(/\s+/g, ' ')}» → ${got}`);
        }
        tally.otherWarnings += results.filter((f) => (f.severity === 'warning' || f.severity === 'error') && !covers(f, inj) && NAME_CODES.includes(f.code)).length;
      }
    }
  }

  const report = {
    corpus: { datasets: present.map((d) => d.name), articles: index.stats.articles, people: index.stats.people, buildMs },
    sample: SAMPLE,
    quiet: { ...quiet, perThousandWords: +((1000 * quiet.falseAlarms) / Math.max(1, quiet.words)).toFixed(3) },
    kinds: Object.fromEntries(Object.entries(kinds).map(([k, t]) => [k, { ...t, recall: +(t.caught / Math.max(1, t.injected)).toFixed(3) }])),
  };
  console.log(`\nNames and roles on real news (${report.corpus.datasets.join(', ')}: ${index.stats.articles} articles as corpus, ${quiet.drafts} of them as drafts; index built in ${buildMs} ms)`);
  console.log(`quiet: ${quiet.falseAlarms} name/role findings of information or above on ${quiet.words} words of unchanged articles (${report.quiet.perThousandWords} per 1,000 words)`, quiet.byCode);
  console.log('| error | injected | caught | recall | other name warnings |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [k, t] of Object.entries(report.kinds)) console.log(`| ${k} | ${t.injected} | ${t.caught} | ${t.recall.toFixed(3)} | ${t.otherWarnings} |`);
  const out = writeEvalResult('names', report);
  console.log(`written: ${out}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
