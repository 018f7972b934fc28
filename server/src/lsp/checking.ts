/**
 * Checking open documents: when (a debounce after an edit, at once on open or
 * when the corpus or settings change), in pieces for long documents, dropped
 * when a newer version arrives (a superseded version is never published), and
 * with the sentence still being typed held back until the writer pauses.
 */
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { checkDraft, DraftChecker, DraftPreparation } from '../engine/api';
import type { CheckConfig, CorpusStore, Finding } from '../engine/api';
import { isInside } from '../host/paths';
import { splitForChecking } from './chunks';
import { uriToPath } from './conversions';
import { findingsToDiagnostics, openSentenceSpan } from './diagnostics';
import type { OpenDocument, OpenDocuments } from './documents';
import type { Guard } from './guard';
import type { ResolvedSettings } from './workspace';
import { isDraftDocument } from './draftKinds';
import { isMemoFile } from '../host/memo/memoFileName';
import { takeDraftNames, warmUpOnDraft, yieldExtractionWarmUp } from './extractionWarmUp';

/** Timing and limits of checking. */
export interface CheckingOptions {
  /** Delay after the last change before checking. */
  debounceMs: number;
  /** How long after the last edit the sentence being typed is held back. */
  typingPauseMs: number;
  /** Documents longer than this many characters are not checked. */
  maxDocumentChars: number;
  /** URL documenting the finding codes, for `codeDescription`. */
  docsUrl?: string;
}

/** What checking needs from the rest of the server. */
export interface CheckingDeps {
  documents: OpenDocuments;
  resolve(uri: string): Promise<ResolvedSettings>;
  /** The ready store of a corpus (waits while it is built), undefined when it failed. `confineTo`: see `ResolvedSettings.corpusConfinement`. */
  indexFor(roots: readonly string[], confineTo?: readonly string[]): Promise<CorpusStore | undefined>;
  /** Changes whenever folders, settings or trust change (`Workspace.generation`): a check begun before is stale. */
  settingsGeneration(): number;
  /** True for a file inside any corpus in use or the bundled corpus: a source, never checked as a draft. */
  isCorpusFile?(filePath: string): Promise<boolean>;
  /** The findings left once the draft's disable comments and its folder's ignore file are applied (`features/ignore.ts`). */
  withoutSuppressed(findings: Finding[], text: string, uri: string, folderPath: string | undefined): Promise<Finding[]>;
  publish(params: PublishDiagnosticsParams): void;
  log(message: string): void;
  guard: Guard;
}

/** Schedules and runs the checks of open documents. */
export class Checking {
  constructor(private readonly deps: CheckingDeps, private readonly options: CheckingOptions) {}

  /**
   * Checks a document after the debounce (it was just edited), unless its
   * folder checks on save (`factcheck.run: "onSave"`): then it waits for
   * {@link saved}, and its last findings stay.
   */
  afterEdit(record: OpenDocument): void {
    void this.deps.guard('afterEdit', async () => {
      const { settings } = await this.deps.resolve(record.uri);
      if (settings.run !== 'onSave') this.schedule(record, this.options.debounceMs);
    }, undefined);
  }

  /** A document was saved: checked now when its folder checks on save (on type, the edits already scheduled it). */
  saved(record: OpenDocument): void {
    void this.deps.guard('saved', async () => {
      const { settings } = await this.deps.resolve(record.uri);
      if (settings.run === 'onSave') this.schedule(record, 0);
    }, undefined);
  }

  /** Checks the open documents (all, or those `which` selects) now. */
  recheck(which: (record: OpenDocument) => boolean = () => true): void {
    for (const record of this.deps.documents.all()) if (which(record)) this.schedule(record, 0);
  }

  /** Checks a document now (it was just opened). */
  checkSoon(record: OpenDocument): void {
    this.schedule(record, 0);
  }

  /** A document closed: cancel its check, clear its diagnostics, and let go of what it held. */
  closed(record: OpenDocument): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = undefined;
    // A check still running holds the record: without its checker and findings it holds little.
    record.checker = undefined;
    record.preparation = undefined;
    this.clear(record);
  }

  private schedule(record: OpenDocument, delay: number): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = undefined;
    // A run that finishes after its document closed must not leave a timer behind (it would check the reopened one).
    if (!this.deps.documents.isOpen(record)) return;
    record.timer = setTimeout(() => {
      record.timer = undefined;
      void this.deps.guard('check', () => this.check(record), undefined);
    }, delay);
  }

  /** No findings for a document: forgotten for hovers, cleared in the editor. */
  private clear(record: OpenDocument): void {
    record.result = undefined;
    this.deps.publish({ uri: record.uri, diagnostics: [] });
  }

  private async check(record: OpenDocument): Promise<void> {
    const { documents } = this.deps;
    if (!documents.isOpen(record)) return;
    const { uri } = record;
    const { version, languageId } = record.document;
    const text = record.document.getText();
    const generation = this.deps.settingsGeneration();
    /** Still the document, version and settings this run began with: otherwise its results are stale and dropped. */
    const current = () => documents.isCurrent(record, version) && this.deps.settingsGeneration() === generation;
    const resolved = await this.deps.resolve(uri);
    if (!current()) return; // the settings this run would use changed while they were read
    let skip = skipReason(uri, text, languageId, resolved, this.options.maxDocumentChars);
    const docPath = uriToPath(uri);
    // A source opened from a search hit or a citation (another folder's corpus, the bundled one) is no draft either.
    if (skip === undefined && docPath !== undefined && (await this.deps.isCorpusFile?.(docPath))) skip = '';
    if (!current()) return;
    if (skip !== undefined) {
      if (skip) this.deps.log(`factcheck: not checking ${uri}: ${skip}`);
      this.clear(record);
      return;
    }
    // While its corpus opens (the first time), the warm-up reads this draft's paragraphs (the paths its check
    // takes), then prepares it for its check: read whole, its claims listed, for the document's checker.
    warmUpOnDraft(text, () => preparationFor(record, text, resolved.checkConfig));
    const index = await this.deps.indexFor(resolved.corpusRoots, resolved.corpusConfinement);
    if (!current()) return; // superseded while the corpus was loading
    // No corpus, or an empty one (a wrong path): every quote would be "not in the sources". That is said once,
    // in the status and one notification, not as a finding on every claim.
    if (!index || index.stats.articles === 0) {
      record.preparation = undefined;
      this.clear(record);
      return;
    }
    const started = Date.now();
    yieldExtractionWarmUp();
    // The names the warm-up found in the waiting drafts (the first time only): asked now, the store looks them up
    // while this check reads the draft, and the check's own question about them finds them answered.
    const names = takeDraftNames();
    if (names.length > 0) void index.knowsPeople(names).catch(() => undefined);
    const all = await this.findings(record, text, index, resolved.checkConfig, current);
    if (!all) return;
    // Switched off or ignored: neither published nor hovered.
    const findings = await this.deps.withoutSuppressed(all, text, uri, resolved.folder?.path);
    const elapsed = Date.now() - started;
    if (elapsed > 500 || !record.result) this.deps.log(`factcheck: checked ${uri} v${version} in ${elapsed} ms: ${findings.length} findings`);
    if (!current()) return; // a newer version, a reopening or new settings are on their way; drop this run
    record.result = { version, text, findings };
    await this.publish(record, resolved, current);
  }

  /** The findings of a text, checked piecewise when long; undefined once the run is no longer current. */
  private async findings(record: OpenDocument, text: string, index: CorpusStore, config: CheckConfig, current: () => boolean): Promise<Finding[] | undefined> {
    const findings: Finding[] = [];
    const pieces = splitForChecking(text);
    for (const piece of pieces) {
      if (pieces.length > 1) {
        // Let hovers, searches and newer versions in between pieces.
        await new Promise((r) => setImmediate(r));
        if (!current()) return undefined;
      }
      const whole = piece.start === 0 && piece.end === text.length;
      const found = whole ? await checkerFor(record, index, config).check(text) : await checkDraft(text.slice(piece.start, piece.end), index, config);
      for (const f of found) findings.push(piece.start === 0 ? f : { ...f, span: { start: f.span.start + piece.start, end: f.span.end + piece.start } });
    }
    return findings;
  }

  /** Publishes a checked version, holding back the sentence being typed (and checking again after the pause). */
  private async publish(record: OpenDocument, resolved: ResolvedSettings, current: () => boolean): Promise<void> {
    const { result, lastEdit, document } = record;
    if (!result) return;
    let heldBack;
    const since = lastEdit ? Date.now() - lastEdit.time : Infinity;
    // Checked on save, the writer has stopped: nothing is held back.
    if (lastEdit && since < this.options.typingPauseMs && resolved.settings.run !== 'onSave') {
      heldBack = openSentenceSpan(result.text, lastEdit.offset);
      if (heldBack) this.schedule(record, this.options.typingPauseMs - since);
    }
    const diagnostics = findingsToDiagnostics(result.findings, { document, settings: resolved.settings, heldBack, docsUrl: this.options.docsUrl });
    if (!current()) return;
    this.deps.publish({ uri: record.uri, version: result.version, diagnostics });
  }
}

/**
 * Why a document is not checked: '' when it is simply not to be checked
 * (disabled, another language, a corpus article), a message worth logging for
 * oversized or binary content, undefined when it is to be checked.
 */
export function skipReason(uri: string, text: string, languageId: string, resolved: ResolvedSettings, maxChars: number): string | undefined {
  if (!resolved.settings.enable || !isDraftDocument(uri, languageId, resolved.settings.languages)) return '';
  if (text.length > maxChars) return `longer than ${maxChars} characters`;
  if (looksBinary(text)) return 'binary content';
  // A source article opened from the corpus is evidence, not a draft: checking it against itself is noise.
  if (isCorpusDocument(uri, resolved.corpusRoots)) return '';
  // A fact-check memo quotes the draft's claims and their sources: it is the record of a check, not a draft.
  if (isMemoFile(uri)) return '';
  return undefined;
}

/**
 * The document's incremental checker, made anew when the corpus or the
 * configuration changes. (Its memos keep only what recent checks used, so a
 * long session does not grow: `npm run bench:soak`.)
 */
function checkerFor(record: OpenDocument, store: CorpusStore, config: CheckConfig): DraftChecker {
  const configKey = JSON.stringify(config);
  const held = record.checker;
  const ahead = record.preparation;
  record.preparation = undefined;
  // A store stands for one index: an update or reindex gives a new one, and the memos of the old are dropped.
  if (held && held.checker.store === store && held.configKey === configKey) return held.checker;
  // The draft read while its corpus opened (same configuration): its first check starts from that reading.
  const checker = ahead?.configKey === configKey ? DraftChecker.fromPreparation(ahead.preparation, store) : new DraftChecker(store, config);
  record.checker = { checker, configKey };
  return checker;
}

/**
 * A preparation of the document for its first check, kept on its record for
 * {@link checkerFor}; none for a document checked in pieces (its pieces are
 * checked by checkers of their own).
 */
function preparationFor(record: OpenDocument, text: string, config: CheckConfig): DraftPreparation | undefined {
  if (splitForChecking(text).length > 1) return undefined;
  const preparation = new DraftPreparation(config);
  record.preparation = { preparation, configKey: JSON.stringify(config) };
  return preparation;
}

/** True for a `file:` document inside one of the corpus roots. */
function isCorpusDocument(uri: string, roots: readonly string[]): boolean {
  const docPath = uriToPath(uri);
  return docPath !== undefined && roots.some((root) => isInside(root, docPath));
}

/** True for text that is evidently not prose (NUL characters, or mostly replacement characters). */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0xfffd) bad++;
  return sample.length > 0 && bad / sample.length > 0.1;
}
