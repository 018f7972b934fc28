/**
 * Identity evidence for speed work on the typing path: one build's findings
 * over many versions of drafts made from Reuters-21578, and its extraction of
 * real articles, each reduced to one SHA-1. Run it on the build before and
 * the build after a change that must not change what is found; the hashes
 * must be equal.
 *
 *   node out/bench/typingIdentity.js [--cache-dir DIR] [--articles N]
 *
 * Versions: the bench's 2,000-word draft, examples/draft.md, and 8 drafts of
 * 1,000–2,750 words, each followed through 30 random one-word inserts and
 * deletes. One DraftChecker follows each draft (the editor's path); every
 * 10th version it is also checked fresh with `checkDraft`, and the two must
 * agree (else it exits 1). Findings include verified ones. Extraction:
 * `extractFacts` of the first N articles of each corpus file (default 1,500).
 * Needs /work/shared/data (or FACTCHECK_DATA); says so and exits 0 without it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkDraft, DraftChecker, extractFacts, warmUpExtraction, type CorpusIndex } from '../server/src/engine/api';
import { openFsCorpus } from '../server/src/host/openFsCorpus';
import { makeDraft, seededRandom } from './draft';

const DATA = process.env.FACTCHECK_DATA ?? '/work/shared/data';
const REUTERS = path.join(DATA, 'reuters21578/reuters21578.jsonl');
const ARTICLE_FILES = ['polnear/articles.jsonl', 'bbc-news/bbc-news.jsonl', 'reuters21578/reuters21578.jsonl'].map((f) => path.join(DATA, f));
const REPO = path.resolve(__dirname, '..', '..');

/** A one-word edit: a word inserted after a space, or (three times in ten) the word after a space deleted. */
function edit(text: string, i: number, rnd: () => number): string {
  const at = text.indexOf(' ', Math.floor(text.length * rnd()));
  if (at < 0) return `${text} also`;
  if (rnd() < 0.3) {
    const next = text.indexOf(' ', at + 1);
    return next < 0 ? text : text.slice(0, at) + text.slice(next);
  }
  return `${text.slice(0, at)} ${i % 2 ? 'also' : 'however'}${text.slice(at)}`;
}

async function findingsHash(index: CorpusIndex): Promise<{ sha: string; versions: number; findings: number; freshChecks: number }> {
  const rnd = seededRandom(7);
  const sha = createHash('sha1');
  let versions = 0;
  let findings = 0;
  let freshChecks = 0;
  const drafts = [makeDraft(index, 2000, 42).text, readFileSync(path.join(REPO, 'examples/draft.md'), 'utf8')];
  for (let d = 0; d < 8; d++) drafts.push(makeDraft(index, 1000 + 250 * d, 100 + d).text);
  for (const draft of drafts) {
    const checker = new DraftChecker(index, { includeVerified: true });
    let text = draft;
    for (let v = 0; v <= 30; v++) {
      if (v > 0) text = edit(text, v, rnd);
      const json = JSON.stringify(await checker.check(text));
      sha.update(json);
      versions++;
      findings += (JSON.parse(json) as unknown[]).length;
      if (v % 10 === 0) {
        freshChecks++;
        if (JSON.stringify(await checkDraft(text, index, { includeVerified: true })) !== json) throw new Error(`incremental check differs from a fresh one (draft ${drafts.indexOf(draft)}, version ${v})`);
      }
    }
  }
  return { sha: sha.digest('hex'), versions, findings, freshChecks };
}

function extractionHash(perFile: number): { sha: string; articles: number } {
  const sha = createHash('sha1');
  let articles = 0;
  for (const file of ARTICLE_FILES) {
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, perFile);
    for (const line of lines) {
      const text = (JSON.parse(line) as { text?: string }).text;
      if (!text) continue;
      sha.update(JSON.stringify(extractFacts(text)));
      articles++;
    }
  }
  return { sha: sha.digest('hex'), articles };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (!existsSync(REUTERS)) {
    console.log(`skipped: ${REUTERS} not found`);
    return;
  }
  warmUpExtraction();
  const { index } = await openFsCorpus([REUTERS], { cacheDir: arg('--cache-dir') ?? path.join(tmpdir(), 'factcheck-typing-identity'), buildId: 'typing-identity' });
  const f = await findingsHash(index);
  console.log(`findings: ${f.versions} versions, ${f.findings} findings, incremental = fresh at ${f.freshChecks} versions, sha1 ${f.sha}`);
  const e = extractionHash(Number(arg('--articles') ?? 1500));
  console.log(`extraction: ${e.articles} articles, sha1 ${e.sha}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
