/**
 * Speaker errors of the kinds real writers make, built from real articles
 * (BBC News 2004–05 and PolNeAR's political news), checked two ways:
 *
 * - **in the corpus**: the article itself is in the corpus (the draft copies
 *   a source and gets the speaker wrong);
 * - **same story, unseen**: the draft is a BBC article NOT in the corpus, the
 *   corpus holds the other articles (nine in ten); only quotations some other
 *   article holds word for word, given there to the draft's own speaker, are
 *   used — the errors a writer makes working from another outlet's copy.
 *
 * Kinds (each error is one edit of the article; the same quotation unchanged
 * is the control):
 * - `swap`: a quotation's named speaker replaced by another person named in
 *   the same article (a quote given to the wrong person of the story);
 * - `pronoun`: before a sentence whose quotation is given to "he"/"she", a
 *   sentence making another person of the article (of a gender the text does
 *   not contradict) the subject, so the pronoun now means that person; the
 *   control inserts a sentence naming nobody (the pronoun keeps its person);
 * - `org-other`: an organisation speaker replaced by a different
 *   organisation that speaks in another article; `org-same`: replaced by an
 *   equivalent name ("the U.S. State Department" → "a State Department
 *   spokesperson"), which must stay quiet;
 * - `short`: a quotation of two or three words given by a speech cue to a
 *   named speaker, given instead to another person of the article. Not a
 *   name in quotation marks (every word capitalised: "Black Lives Matter",
 *   "Meet the Press"): a name is nobody's words, and giving it to someone
 *   else is no misattribution.
 *
 * Caught: a `quote-misattributed` finding on the quotation (for `pronoun`,
 * `quote-speaker-unconfirmed` is counted apart: the words are the source's
 * and the draft's speaker is mentioned there, so "not confirmed" is the
 * verdict the evidence allows). Quiet: the unchanged article gives no
 * warning (the figure per 1,000 words is over whole unchanged articles);
 * `org-same` and the pronoun control must give no finding on the quotation.
 *
 * Run: `npm run eval` (or `node out/bench/eval/speakers.js`; `EVAL_SAMPLE`
 * drafts per dataset, default 150). Writes `bench/results/eval-speakers.json`
 * (figures only). `EVAL_DEBUG=1` prints misses and false alarms to stderr
 * (article text: never commit it).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CorpusIndexBuilder, checkDraft, extractFacts, tokenize, type CorpusIndex, type Finding, type QuoteMention } from '../../server/src/engine/api';
import { sameSpeaker } from '../../server/src/engine/match/speakers';
import { organisationKey } from '../../server/src/engine/extract/organisations';
import { KNOWN_ORGS, ORG_HEADS } from '../../server/src/engine/extract/lexicon';
import { genderEvidence, pronounGender } from '../../server/src/engine/extract/pronouns';
import { seededRandom } from '../draft';
import { writeEvalResult } from './results';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const dataRoot = path.resolve(repoRoot, '..', 'shared', 'data');
const SAMPLE = Number(process.env.EVAL_SAMPLE ?? 150);
const DEBUG = process.env.EVAL_DEBUG === '1';

type Kind = 'swap' | 'pronoun' | 'org-other' | 'short';
type Control = 'unchanged' | 'pronoun-kept' | 'org-same';

interface Edit {
  kind: Kind | Control;
  draft: string;
  /** The quotation's span in the edited draft. */
  quote: { start: number; end: number };
}

interface Article {
  id: string;
  text: string;
}

function readJsonl(file: string): Array<Record<string, unknown>> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const PRONOUNS = /^(?:he|she|they|it|i|we|you)$/i;
const isNamedPerson = (q: QuoteMention): boolean => !!q.speaker?.span && !!q.speaker.resolved && !q.speaker.isOrganisation && !PRONOUNS.test(q.speaker.text);
const wordCount = (s: string): number => tokenize(s).length;

/** Replaces `[start, end)` and returns the draft with the quotation's new span. */
function replaceAt(text: string, start: number, end: number, by: string, quote: { start: number; end: number }): { draft: string; quote: { start: number; end: number } } {
  const shift = by.length - (end - start);
  const q = quote.start >= end ? { start: quote.start + shift, end: quote.end + shift } : quote;
  return { draft: text.slice(0, start) + by + text.slice(end), quote: q };
}

/** People of the article (full names of two words or more, outside quotations), distinct. */
function castOf(text: string): string[] {
  const facts = extractFacts(text);
  const inQuote = (at: number): boolean => facts.quotes.some((q) => q.outerSpan.start <= at && at < q.outerSpan.end);
  const names: string[] = [];
  for (const p of facts.people) {
    if (inQuote(p.span.start) || p.fullName.split(/\s+/).length < 2) continue;
    if (!names.some((n) => sameSpeaker(n, p.fullName))) names.push(p.fullName);
  }
  return names;
}

function pick<T>(items: readonly T[], random: () => number): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

/** A quotation's speaker swapped for another person of the article (`short`: quotes of 2–3 words). */
function swapEdit(text: string, quotes: QuoteMention[], cast: string[], random: () => number, short: boolean, usable: (q: QuoteMention) => boolean): Edit | undefined {
  // A short quotation must be the speaker's own words in the clause of the cue ("Blair said it would be a “tough fight”").
  const shortOk = (q: QuoteMention): boolean =>
    wordCount(q.text) >= 2 && wordCount(q.text) <= 3 && !/^\p{Lu}\S*(?:\s+(?:\p{Lu}\S*|of|the|and|for|in|on))*[.,!?]?$/u.test(q.text.trim()) && /^(?:said|says|told|added|called|described|predicted|warned|insisted)/i.test(q.cue ?? '') && q.speaker!.span!.end < q.outerSpan.start && text.slice(q.speaker!.span!.end, q.outerSpan.start).length < 80 && !/[.!?]/.test(text.slice(q.speaker!.span!.end, q.outerSpan.start));
  const candidates = quotes.filter((q) => isNamedPerson(q) && usable(q) && (short ? shortOk(q) : wordCount(q.text) >= 6));
  const q = pick(candidates, random);
  if (!q) return undefined;
  const other = pick(cast.filter((n) => !sameSpeaker(n, q.speaker!.resolved!)), random);
  if (!other) return undefined;
  const r = replaceAt(text, q.speaker!.span!.start, q.speaker!.span!.end, other, q.span);
  return { kind: short ? 'short' : 'swap', ...r };
}

/** A sentence before a "he said" quotation making someone else (or nobody, for the control) the subject. */
function pronounEdits(text: string, quotes: QuoteMention[], cast: string[], random: () => number, usable: (q: QuoteMention) => boolean): Edit[] {
  // The pronoun must stand in the quotation's own attribution ("“…,” he said"), not be carried over from an earlier quotation.
  const candidates = quotes.filter((q) => q.speaker?.resolved && q.speaker.span && Math.abs(q.speaker.span.start - q.outerSpan.end) < 40 && /^(?:he|she)$/i.test(q.speaker.text) && !q.speaker.isOrganisation && wordCount(q.text) >= 6 && usable(q));
  const q = pick(candidates, random);
  if (!q) return [];
  // The sentence holding the quotation starts after the last sentence end before it.
  const before = text.slice(0, q.outerSpan.start);
  const m = /[.!?]["”’]?\s+(?=[^.!?]*$)/u.exec(before);
  const sentenceStart = m ? m.index + m[0].length : 0;
  // Someone the pronoun can stand for: a person the text gives no other gender (a "she" after a man is no error of ours to find).
  const facts = extractFacts(text);
  const genders = genderEvidence(text, facts.sentences, [...facts.people].sort((a, b) => a.span.start - b.span.start));
  const gender = pronounGender(q.speaker!.text);
  const other = pick(cast.filter((n) => !sameSpeaker(n, q.speaker!.resolved!) && (genders.get(n) ?? gender) === gender), random);
  const out: Edit[] = [];
  if (other) {
    const by = `${other} has followed the matter closely for years. `;
    out.push({ kind: 'pronoun', draft: text.slice(0, sentenceStart) + by + text.slice(sentenceStart), quote: { start: q.span.start + by.length, end: q.span.end + by.length } });
  }
  const neutral = 'The matter has been followed closely for years. ';
  out.push({ kind: 'pronoun-kept', draft: text.slice(0, sentenceStart) + neutral + text.slice(sentenceStart), quote: { start: q.span.start + neutral.length, end: q.span.end + neutral.length } });
  return out;
}

/** Equivalent names of a body, as writers vary them. */
function equivalentNames(name: string): string[] {
  const bare = name.replace(/^(?:the|The)\s+/u, '').replace(/^(?:U\.S\.|US|UK)\s+/u, '');
  return [`the ${bare}`, `a ${bare} spokesperson`, `${bare} officials`];
}

/** An organisation speaker renamed: to an equivalent name (control) and to a different body. */
function orgEdits(text: string, quotes: QuoteMention[], otherBodies: readonly string[], random: () => number, usable: (q: QuoteMention) => boolean): Edit[] {
  const candidates = quotes.filter((q) => q.speaker?.span && q.speaker.resolved && q.speaker.isOrganisation && wordCount(q.text) >= 6 && organisationKey(q.speaker.resolved).length > 0 && usable(q));
  const q = pick(candidates, random);
  if (!q) return [];
  const { start, end } = q.speaker!.span!;
  const capital = /^\p{Lu}/u.test(text.slice(start, end));
  const cap = (s: string): string => (capital ? s[0].toUpperCase() + s.slice(1) : s);
  const out: Edit[] = [];
  const same = pick(equivalentNames(q.speaker!.resolved!), random)!;
  out.push({ kind: 'org-same', ...replaceAt(text, start, end, cap(same), q.span) });
  const key = organisationKey(q.speaker!.resolved!);
  const other = pick(otherBodies.filter((b) => organisationKey(b) !== key && !sameSpeaker(b, q.speaker!.resolved!)), random);
  if (other) out.push({ kind: 'org-other', ...replaceAt(text, start, end, cap(`the ${other}`), q.span) });
  return out;
}

interface Tally {
  tried: number;
  caught: number;
  unconfirmed: number;
  quiet: number;
}

interface DatasetResult {
  name: string;
  drafts: number;
  words: number;
  unchangedWarnings: number;
  unchangedInformation: number;
  kinds: Record<string, Tally>;
}

function onQuote(f: Finding, q: { start: number; end: number }): boolean {
  return f.span.start < q.end && q.start < f.span.end;
}

async function evaluate(name: string, drafts: Article[], index: CorpusIndex, otherBodies: readonly string[], random: () => number, usable: (text: string) => (q: QuoteMention) => boolean, countUnchanged: boolean): Promise<DatasetResult> {
  const result: DatasetResult = { name, drafts: 0, words: 0, unchangedWarnings: 0, unchangedInformation: 0, kinds: {} };
  const tally = (k: string): Tally => (result.kinds[k] ??= { tried: 0, caught: 0, unconfirmed: 0, quiet: 0 });
  for (const a of drafts) {
    result.drafts++;
    result.words += a.text.split(/\s+/).filter(Boolean).length;
    if (countUnchanged) {
      const findings = await checkDraft(a.text, index, { includeVerified: false });
      for (const f of findings) {
        if (f.severity === 'warning' || f.severity === 'error') {
          result.unchangedWarnings++;
          if (DEBUG) process.stderr.write(`[${name}] UNCHANGED ${f.code}: «${a.text.slice(f.span.start, f.span.end).slice(0, 80)}» — ${f.message.slice(0, 160)}\n`);
        } else if (f.severity === 'information') result.unchangedInformation++;
      }
    }
    const facts = extractFacts(a.text);
    const cast = castOf(a.text);
    const ok = usable(a.text);
    const edits = [
      swapEdit(a.text, facts.quotes, cast, random, false, ok),
      swapEdit(a.text, facts.quotes, cast, random, true, ok),
      ...pronounEdits(a.text, facts.quotes, cast, random, ok),
      ...orgEdits(a.text, facts.quotes, otherBodies, random, ok),
    ].filter((e): e is Edit => e !== undefined);
    for (const e of edits) {
      const t = tally(e.kind);
      t.tried++;
      const findings = (await checkDraft(e.draft, index, { includeVerified: false })).filter((f) => onQuote(f, e.quote));
      const misattributed = findings.some((f) => f.code === 'quote-misattributed');
      const unconfirmed = findings.some((f) => f.code === 'quote-speaker-unconfirmed');
      if (misattributed) t.caught++;
      else if (unconfirmed) t.unconfirmed++;
      if (findings.length === 0) t.quiet++;
      if (DEBUG) {
        const control = e.kind === 'pronoun-kept' || e.kind === 'org-same';
        if (control ? findings.length > 0 : !misattributed) {
          const around = e.draft.slice(Math.max(0, e.quote.start - 160), e.quote.end + 80).replace(/\s+/g, ' ');
          process.stderr.write(`[${name}] ${control ? 'FALSE ALARM' : 'MISSED'} ${e.kind} ${findings.map((f) => f.code).join(',')}: ${around}\n`);
        }
      }
    }
  }
  return result;
}

function buildIndex(name: string, articles: readonly Article[]): CorpusIndex {
  const builder = new CorpusIndexBuilder();
  const lines = articles.map((a) => JSON.stringify({ id: a.id, text: a.text }));
  builder.setFile(`/${name}.jsonl`, new TextEncoder().encode(lines.join('\n')));
  return builder.build();
}

/** Organisation speakers of a set of articles, for `org-other`. */
function bodiesOf(articles: readonly Article[]): string[] {
  const seen = new Map<string, string>();
  for (const a of articles) {
    for (const q of extractFacts(a.text).quotes) {
      const r = q.speaker?.isOrganisation ? q.speaker.resolved : undefined;
      if (!r || r.split(/\s+/).length > 4 || /^\p{Lu}{2,}$/u.test(r)) continue;
      // Bodies only: a name ending in an organisation's head word ("State Department", "Labour Party") or a known one.
      const last = r.toLowerCase().split(/\s+/).pop()!;
      if (!ORG_HEADS.has(last) && !KNOWN_ORGS.has(last)) continue;
      const key = organisationKey(r);
      if (key && !seen.has(key)) seen.set(key, r.replace(/^(?:the|The)\s+/u, ''));
    }
  }
  return [...seen.values()];
}

function sample<T>(items: readonly T[], n: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

/**
 * For the unseen drafts: a quotation is usable when the corpus holds its
 * words verbatim and gives them to the draft's own speaker (so the draft,
 * before the edit, is right and checkable).
 */
async function sameStoryUsable(index: CorpusIndex, draft: string): Promise<(q: QuoteMention) => boolean> {
  const facts = extractFacts(draft);
  const found = await checkDraft(draft, index, { includeVerified: true });
  const ok = new Set<number>();
  for (const q of facts.quotes) {
    if (found.some((f) => f.code === 'quote-verified' && f.span.start === q.span.start && (!q.speaker?.resolved || / as words of /.test(f.message)))) ok.add(q.span.start);
  }
  return (q) => ok.has(q.span.start);
}

function printResult(r: DatasetResult, label: string): void {
  console.log(`\nSpeaker errors — ${r.name} (${label}): ${r.drafts} drafts, ${r.words} words`);
  console.log('| kind | edits | misattributed | speaker unconfirmed | recall (misattributed) | quiet on the quote |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [k, t] of Object.entries(r.kinds).sort()) {
    const control = k === 'pronoun-kept' || k === 'org-same' || k === 'unchanged';
    const recall = t.tried && !control ? (t.caught / t.tried).toFixed(3) : '—';
    console.log(`| ${k} | ${t.tried} | ${t.caught} | ${t.unconfirmed} | ${recall} | ${t.quiet} |`);
  }
  if (r.unchangedWarnings >= 0 && label === 'in the corpus') {
    console.log(`Unchanged articles: ${r.unchangedWarnings} warnings (${((r.unchangedWarnings * 1000) / Math.max(1, r.words)).toFixed(2)} per 1,000 words), ${r.unchangedInformation} information`);
  }
}

async function main(): Promise<void> {
  const bbcFile = path.join(dataRoot, 'bbc-news', 'bbc-news.jsonl');
  const polnearFile = path.join(dataRoot, 'polnear', 'articles.jsonl');
  if (!fs.existsSync(bbcFile) && !fs.existsSync(polnearFile)) {
    console.log('speaker evaluation: skipped (no ../shared/data)');
    return;
  }
  const results: Array<DatasetResult & { setting: string }> = [];
  const everything = () => () => true;
  for (const [name, file] of [['polnear', polnearFile], ['bbc-news', bbcFile]] as const) {
    if (!fs.existsSync(file)) continue;
    const random = seededRandom(8);
    const articles: Article[] = readJsonl(file)
      .filter((r) => typeof r.text === 'string')
      .map((r, i) => ({ id: String(r.id ?? i), text: r.text as string }));
    const index = buildIndex(name, articles);
    const drafts = sample(articles, SAMPLE, random);
    const r = await evaluate(name, drafts, index, bodiesOf(articles), random, everything, true);
    results.push({ ...r, setting: 'in the corpus' });
    printResult(r, 'in the corpus');
  }
  if (fs.existsSync(bbcFile)) {
    const random = seededRandom(9);
    const articles: Article[] = readJsonl(bbcFile).map((r, i) => ({ id: String(r.id ?? i), text: String(r.text ?? '') }));
    const drafts = articles.filter((_, i) => i % 10 === 0);
    const corpus = articles.filter((_, i) => i % 10 !== 0);
    const index = buildIndex('bbc-news-others', corpus);
    const usable = new Map<string, (q: QuoteMention) => boolean>();
    for (const d of drafts) usable.set(d.text, await sameStoryUsable(index, d.text));
    const r = await evaluate('bbc-news', drafts, index, bodiesOf(corpus), random, (text) => usable.get(text)!, false);
    results.push({ ...r, setting: 'same story, unseen' });
    printResult(r, 'same story, unseen');
  }
  const out = writeEvalResult('speakers', { sample: SAMPLE, generated: new Date().toISOString(), results });
  console.log(`Wrote ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
