/**
 * The open documents: vscode-languageserver's TextDocuments, and one
 * {@link OpenDocument} record per URI holding everything the server keeps
 * about a document (its checker, its last findings, its pending check, its
 * last edit). The record is made when the document opens and dropped when it
 * closes, so nothing about a closed document lingers.
 *
 * Where the last edit ended (for the typing hold-back) is read from the change
 * ranges as TextDocuments applies them: no second copy of the text, no diff.
 */
import { TextDocuments } from 'vscode-languageserver';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DraftChecker, DraftPreparation, Finding } from '../engine/api';

/** The findings of one checked version (including those not published), for hovers. */
export interface CheckedVersion {
  version: number;
  text: string;
  findings: Finding[];
}

/** A document's incremental checker, with the configuration it was made for. */
export interface HeldChecker {
  checker: DraftChecker;
  /** The configuration as JSON: a different one needs a new checker. */
  configKey: string;
}

/** Where the last edit left the caret, and when. */
export interface LastEdit {
  /** Offset in the edited version where the last change ended. */
  offset: number;
  time: number;
  /** The version the edit produced. */
  version: number;
}

/** What the server keeps about one open document. */
export interface OpenDocument {
  readonly uri: string;
  /** The document as last synced (its version and text). */
  document: TextDocument;
  /** Kept while the document is checked whole, so an edit re-matches only the claims it touched. */
  checker?: HeldChecker;
  /** The draft read ahead while its corpus opened, until its checker is made (`lsp/extractionWarmUp.ts`). */
  preparation?: { preparation: DraftPreparation; configKey: string };
  /** The last checked version, for hovers. */
  result?: CheckedVersion;
  /** The pending check, if one is scheduled. */
  timer?: NodeJS.Timeout;
  /** Undefined until the first edit after opening. */
  lastEdit?: LastEdit;
}

/** The part of a connection that syncs documents (a test can fake it). */
export type DocumentSyncConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/** What the owner of the documents is told. */
export interface DocumentEvents {
  opened(record: OpenDocument): void;
  edited(record: OpenDocument): void;
  closed(record: OpenDocument): void;
  /** The document was saved (`factcheck.run: "onSave"` checks then). */
  saved?(record: OpenDocument): void;
}

/**
 * Applies content changes in order and says where the last real change ended
 * in the result (undefined when nothing changed). A ranged change ends after
 * its new text; a whole-text replacement (a client syncing full texts) ends
 * where the new text starts to agree with the old one again.
 */
export function applyChanges(
  document: TextDocument,
  changes: readonly TextDocumentContentChangeEvent[],
  version: number,
): { document: TextDocument; editEnd: number | undefined } {
  let doc = document;
  let editEnd: number | undefined;
  for (const change of changes) {
    // Each change's range refers to the text left by the previous ones: apply them one at a time.
    if ('range' in change && change.range) {
      const start = doc.offsetAt(change.range.start);
      if (doc.offsetAt(change.range.end) > start || change.text.length > 0) editEnd = start + change.text.length;
    } else {
      // A client that syncs whole texts: the edit ends where the old and new texts start to agree again
      // at the end (the old text is still at hand here, so this costs one pass and no copy).
      const before = doc.getText();
      if (change.text !== before) editEnd = endOfChange(before, change.text);
    }
    doc = TextDocument.update(doc, [change], version);
  }
  return { document: doc, editEnd };
}

/** Where the changed part of `after` ends: the start of the longest suffix it shares with `before` (not overlapping their common prefix). */
export function endOfChange(before: string, after: string): number {
  const n = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < n && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return after.length - suffix;
}

/** The open documents and their records. */
export class OpenDocuments {
  private readonly records = new Map<string, OpenDocument>();
  /** The TextDocuments manager, built on the hooks that keep the records. */
  readonly synced: TextDocuments<TextDocument>;

  constructor(private readonly now: () => number = Date.now) {
    this.synced = new TextDocuments<TextDocument>({
      create: (uri, languageId, version, content) => {
        const document = TextDocument.create(uri, languageId, version, content);
        this.records.set(uri, { uri, document });
        return document;
      },
      update: (document, changes, version) => {
        const { document: updated, editEnd } = applyChanges(document, changes, version);
        const record = this.records.get(document.uri);
        if (record) {
          record.document = updated;
          if (editEnd !== undefined) record.lastEdit = { offset: editEnd, time: this.now(), version };
        }
        return updated;
      },
    });
  }

  /** The record of an open document. */
  get(uri: string): OpenDocument | undefined {
    return this.records.get(uri);
  }

  /** Every open document's record. */
  all(): OpenDocument[] {
    return [...this.records.values()];
  }

  /**
   * True while `record` is still the open document of its URI and `version`
   * its latest: work for an older version, or for a document closed since
   * (even if reopened: a reopened document starts at version 1 again, so the
   * version alone cannot tell), is dropped, never published.
   */
  isCurrent(record: OpenDocument, version: number): boolean {
    return this.records.get(record.uri) === record && record.document.version === version;
  }

  /** True while `record` is the open document of its URI (not closed, not replaced by a reopening). */
  isOpen(record: OpenDocument): boolean {
    return this.records.get(record.uri) === record;
  }

  /** Starts syncing documents over `connection`, telling `events` what happened. */
  listen(connection: DocumentSyncConnection, events: DocumentEvents): void {
    this.synced.onDidOpen((e) => this.tell(e.document.uri, events.opened));
    this.synced.onDidChangeContent((e) => {
      // Fired for opening too: only a version an edit produced counts as edited.
      const record = this.records.get(e.document.uri);
      if (record && record.lastEdit?.version === e.document.version) events.edited(record);
    });
    this.synced.onDidSave((e) => {
      const record = this.records.get(e.document.uri);
      if (record) events.saved?.(record);
    });
    this.synced.onDidClose((e) => {
      const record = this.records.get(e.document.uri);
      this.records.delete(e.document.uri);
      if (record) events.closed(record);
    });
    this.synced.listen(connection);
  }

  private tell(uri: string, event: (record: OpenDocument) => void): void {
    const record = this.records.get(uri);
    if (record) event(record);
  }
}
