/**
 * The draft side of the warm-up (see `engine/check/warmUp.ts`): drafts are
 * read and judged on the server's main thread, so that code is warmed there,
 * once per process, while the first corpus opens in its worker (the main
 * thread waits for it anyway). In this order:
 *
 * 1. the paragraphs of the drafts waiting for that corpus (the text the first
 *    check will read: its words, names and forms take paths no fixed text
 *    takes), as soon as one asks for its corpus — noting the names their
 *    checks will ask about ({@link takeDraftNames}); then each such draft is
 *    prepared for its check (`DraftPreparation`: read whole and its claims
 *    listed, kept for the document's checker, so its first check only asks
 *    the store, judges and cites);
 * 2. the fixed warm-up text, a few rounds (the first compiles, the next run
 *    often enough to be optimised);
 * 3. the checks themselves: the warm-up text, with errors, checked against a
 *    small index of the warm-up text (claims, verdicts, finding texts).
 *
 * One step per turn of the event loop, so status and hovers are answered in
 * between; all that is left is dropped as soon as a draft's check starts
 * (never ahead of it). Nothing it does changes an answer: what it reads and
 * finds is thrown away, and the memos it passes through are keyed by what
 * they read.
 */
import { CorpusIndexBuilder, WARM_UP_CHECKED_DRAFT, WARM_UP_DRAFT, warmUpChecks, warmUpExtraction, type CorpusIndex, type DraftPreparation } from '../engine/api';

/** Times the warm-up text is read. */
export const ROUNDS = 6;
/** Times the erroneous warm-up text is checked against the warm-up index. */
export const CHECK_ROUNDS = 3;
/** Drafts whose paragraphs are read ahead (the first checks are theirs). */
const MAX_DRAFTS = 2;
/** Characters of a draft read ahead: a book-length draft is not read whole before its corpus is ready. */
const MAX_DRAFT_CHARS = 30_000;
/** A longer paragraph is skipped: one step must stay short, or hovers would wait behind it. */
const MAX_PARAGRAPH_CHARS = 4_000;

/** One piece of the warm-up: a turn of the event loop's work. */
export type WarmUpStep = () => void | Promise<void>;

/**
 * The paragraphs of `text` read as a draft is (at most {@link MAX_DRAFT_CHARS}
 * of them, none over {@link MAX_PARAGRAPH_CHARS}); `onName` hears the names
 * its check would ask the store about.
 */
export function draftWarmUpSteps(text: string, onName?: (name: string) => void): WarmUpStep[] {
  const steps: WarmUpStep[] = [];
  let chars = 0;
  for (const paragraph of text.split(/\r?\n\s*\r?\n/)) {
    if (paragraph.trim() === '' || paragraph.length > MAX_PARAGRAPH_CHARS) continue;
    if ((chars += paragraph.length) > MAX_DRAFT_CHARS) break;
    steps.push(() => warmUpExtraction(paragraph, onName));
  }
  return steps;
}

/**
 * The preparation of `text` for its first check, one part per step (the
 * reading, then each check's claims); none for a draft over
 * {@link MAX_DRAFT_CHARS} (its reading would be one long step).
 */
export function preparationSteps(preparation: DraftPreparation, text: string): WarmUpStep[] {
  if (text.length > MAX_DRAFT_CHARS) return [];
  const parts = preparation.preparing(text);
  return Array.from({ length: preparation.checks.length + 1 }, (): WarmUpStep => () => void parts.next());
}

/** A small index whose articles are the warm-up text's paragraphs: what {@link warmUpChecks} checks against. */
export function warmUpIndex(): CorpusIndex {
  const builder = new CorpusIndexBuilder();
  const encoder = new TextEncoder();
  WARM_UP_DRAFT.split('\n\n').forEach((paragraph, i) => builder.setFile(`/factcheck-warm-up/${i}.md`, encoder.encode(paragraph)));
  return builder.build();
}

/** Steps 2 and 3 of the file comment: the fixed text read, then checked against its own index. */
export function fixedWarmUpSteps(): WarmUpStep[] {
  const paragraphs = WARM_UP_DRAFT.split('\n\n');
  const steps: WarmUpStep[] = Array.from({ length: ROUNDS }, () => paragraphs.map((p): WarmUpStep => () => warmUpExtraction(p))).flat();
  let index: CorpusIndex | undefined;
  steps.push(() => void (index = warmUpIndex()));
  const checked = WARM_UP_CHECKED_DRAFT.split('\n\n');
  for (let round = 0; round < CHECK_ROUNDS; round++) for (const p of checked) steps.push(() => (index ? warmUpChecks(index, p) : undefined));
  return steps;
}

/** Runs `steps` one after the other, each in its own turn (what the server does; the benchmark awaits it whole). */
export async function runWarmUpSteps(steps: readonly WarmUpStep[], stop: () => boolean = () => false): Promise<void> {
  for (const step of steps) {
    await new Promise((r) => setImmediate(r));
    if (stop()) return;
    try {
      await step();
    } catch {
      // A warm-up failing costs the first check its speed only; the check reports its own problems.
    }
  }
}

/** Names asked of the store ahead of the first check, at most. */
const MAX_DRAFT_NAMES = 300;
/** Names the drafts read ahead would ask the store about, until taken. */
const draftNames = new Set<string>();
let namesTaken = false;

/**
 * The names the drafts read ahead would ask the store about, once (then
 * none): the server asks its store about them as soon as the corpus is ready,
 * so the corpus worker looks them up while the first check reads its draft
 * (the check then finds them answered). Asking never changes an answer.
 */
export function takeDraftNames(): string[] {
  namesTaken = true;
  const names = [...draftNames];
  draftNames.clear();
  return names;
}

function noteDraftName(name: string): void {
  if (!namesTaken && draftNames.size < MAX_DRAFT_NAMES) draftNames.add(name);
}

/** The steps left, once started. */
let queue: WarmUpStep[] | undefined;
/** Set once a draft is being checked: its check warms the same code, and the rest would only compete with it. */
let yielded = false;
let draftsRead = 0;

/**
 * A draft's check is starting: the warm-up's remaining steps are dropped
 * (the open draft is checked as soon as its corpus is ready, never behind them).
 */
export function yieldExtractionWarmUp(): void {
  yielded = true;
  // What is left is let go (the warm-up index and the draft's paragraphs with it).
  if (queue) queue.length = 0;
}

/** Whether a step is scheduled or running (the queue is worked through until empty or yielded). */
let running = false;

function runQueue(): void {
  if (running) return;
  running = true;
  const next = (): void => {
    setImmediate(() => {
      const step = queue?.shift();
      if (yielded || !step) {
        running = false;
        return;
      }
      void (async () => {
        try {
          await step();
        } catch {
          // As in runWarmUpSteps.
        }
        next();
      })();
    });
  };
  next();
}

/** Starts the warm-up, the first time only; returns at once. */
export function warmUpExtractionOnce(): void {
  if (queue) return;
  queue = fixedWarmUpSteps();
  runQueue();
}

/**
 * A draft is about to wait for its corpus: while the warm-up runs, its
 * paragraphs are read next (the first drafts only), then it is prepared for
 * its check when `preparation` gives a {@link DraftPreparation} (asked only
 * when the draft is read ahead). Starts the warm-up if it has not started;
 * does nothing once a check has started.
 */
export function warmUpOnDraft(text: string, preparation?: () => DraftPreparation | undefined): void {
  if (yielded || draftsRead >= MAX_DRAFTS) return;
  draftsRead++;
  if (!queue) queue = fixedWarmUpSteps();
  const prepared = preparation?.();
  queue.unshift(...draftWarmUpSteps(text, noteDraftName), ...(prepared ? preparationSteps(prepared, text) : []));
  runQueue();
}
