/**
 * The open-document records without a connection: a fake connection drives
 * TextDocuments; the edit offset comes from the change ranges.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges, endOfChange, OpenDocuments } from '../../server/src/lsp/documents';
import type { DocumentSyncConnection, OpenDocument } from '../../server/src/lsp/documents';

type Handler<P> = (params: P) => void;

/** A connection that only syncs documents, and the events the records produced. */
function harness() {
  const handlers: { open?: Handler<DidOpenTextDocumentParams>; change?: Handler<DidChangeTextDocumentParams>; close?: Handler<DidCloseTextDocumentParams> } = {};
  const none = { dispose: () => undefined };
  const connection = {
    onDidOpenTextDocument: (h: Handler<DidOpenTextDocumentParams>) => ((handlers.open = h), none),
    onDidChangeTextDocument: (h: Handler<DidChangeTextDocumentParams>) => ((handlers.change = h), none),
    onDidCloseTextDocument: (h: Handler<DidCloseTextDocumentParams>) => ((handlers.close = h), none),
    onWillSaveTextDocument: () => none,
    onWillSaveTextDocumentWaitUntil: () => none,
    onDidSaveTextDocument: () => none,
  } as unknown as DocumentSyncConnection;
  let clock = 1000;
  const documents = new OpenDocuments(() => clock);
  const events: string[] = [];
  const tell = (kind: string) => (r: OpenDocument) => events.push(`${kind} ${r.uri} v${r.document.version}`);
  documents.listen(connection, { opened: tell('opened'), edited: tell('edited'), closed: tell('closed') });
  const uri = 'file:///w/draft.md';
  return {
    documents,
    events,
    uri,
    tick: (ms: number) => (clock += ms),
    open: (text: string) => handlers.open!({ textDocument: { uri, languageId: 'markdown', version: 1, text } }),
    change: (version: number, contentChanges: DidChangeTextDocumentParams['contentChanges']) => handlers.change!({ textDocument: { uri, version }, contentChanges }),
    close: () => handlers.close!({ textDocument: { uri } }),
  };
}

const at = (line: number, character: number) => ({ line, character });

describe('OpenDocuments', () => {
  test('one record per open document, made on open and dropped on close', () => {
    const h = harness();
    h.open('First line.\nSecond line.\n');
    const record = h.documents.get(h.uri);
    assert.ok(record);
    assert.equal(record.document.getText(), 'First line.\nSecond line.\n');
    assert.equal(record.lastEdit, undefined, 'opening is not an edit');
    assert.deepEqual(h.events, [`opened ${h.uri} v1`]);
    h.close();
    assert.equal(h.documents.get(h.uri), undefined);
    assert.deepEqual(h.documents.all(), []);
    assert.deepEqual(h.events, [`opened ${h.uri} v1`, `closed ${h.uri} v1`]);
  });

  test('the edit offset is where the typed text ends, from the change range', () => {
    const h = harness();
    h.open('First line.\nSecond line.\n');
    h.tick(500);
    // Type "Andrei " at the start of the second line.
    h.change(2, [{ range: { start: at(1, 0), end: at(1, 0) }, text: 'Andrei ' }]);
    const record = h.documents.get(h.uri)!;
    assert.equal(record.document.getText(), 'First line.\nAndrei Second line.\n');
    assert.deepEqual(record.lastEdit, { offset: 'First line.\nAndrei '.length, time: 1500, version: 2 });
    assert.deepEqual(h.events.slice(1), [`edited ${h.uri} v2`]);
  });

  test('a deletion ends where it started; several changes: the last one counts, in the text it left', () => {
    const h = harness();
    h.open('abcdef\nghijkl\n');
    h.change(2, [{ range: { start: at(0, 2), end: at(0, 4) }, text: '' }]);
    assert.equal(h.documents.get(h.uri)!.document.getText(), 'abef\nghijkl\n');
    assert.equal(h.documents.get(h.uri)!.lastEdit?.offset, 2);
    // Two changes in one notification: the second's range refers to the text after the first.
    h.change(3, [
      { range: { start: at(1, 0), end: at(1, 0) }, text: 'XX\n' },
      { range: { start: at(0, 0), end: at(0, 0) }, text: '>' },
    ]);
    const record = h.documents.get(h.uri)!;
    assert.equal(record.document.getText(), '>abef\nXX\nghijkl\n');
    assert.equal(record.lastEdit?.offset, 1);
    assert.equal(record.lastEdit?.version, 3);
  });

  test('a whole-text replacement ends where the texts agree again; an unchanged text is no edit', () => {
    const h = harness();
    h.open('Notes.\n\n');
    h.change(2, [{ text: 'Notes.\n\nAndrei Lankoff said that' }]);
    assert.equal(h.documents.get(h.uri)!.lastEdit?.offset, 'Notes.\n\nAndrei Lankoff said that'.length);
    h.change(3, [{ text: 'Notes.\n\nAndrei Lankoff said that' }]);
    assert.equal(h.documents.get(h.uri)!.lastEdit?.version, 2, 'the same text again is not an edit');
    assert.deepEqual(h.events, [`opened ${h.uri} v1`, `edited ${h.uri} v2`]);
    // A word typed mid-document by a client that resends the whole text: the caret is after that word.
    h.change(4, [{ text: 'Notes.\n\nAndrei Lankoff, a professor, said that' }]);
    assert.equal(h.documents.get(h.uri)!.lastEdit?.offset, 'Notes.\n\nAndrei Lankoff, a professor,'.length);
  });

  test('endOfChange: the start of the shared suffix, never inside the shared prefix', () => {
    assert.equal(endOfChange('abc', 'abXc'), 3);
    assert.equal(endOfChange('aaaa', 'aaaaa'), 5, 'an appended repeat ends at the end');
    assert.equal(endOfChange('abc', 'ac'), 1, 'a deletion ends where it was');
  });

  test('isCurrent is true only for the latest version of an open document', () => {
    const h = harness();
    h.open('x');
    const record = h.documents.get(h.uri)!;
    assert.equal(h.documents.isCurrent(record, 1), true);
    h.change(2, [{ range: { start: at(0, 1), end: at(0, 1) }, text: 'y' }]);
    assert.equal(h.documents.isCurrent(record, 1), false, 'superseded');
    assert.equal(h.documents.isCurrent(record, 2), true);
    h.close();
    assert.equal(h.documents.isCurrent(record, 2), false, 'closed');
    assert.equal(h.documents.isOpen(record), false);
  });

  test('a document closed and reopened at version 1 is a new record: work for the old one is not current', () => {
    const h = harness();
    h.open('a long old text');
    const old = h.documents.get(h.uri)!;
    h.close();
    h.open('short');
    const reopened = h.documents.get(h.uri)!;
    assert.notEqual(reopened, old);
    assert.equal(reopened.document.version, 1);
    assert.equal(h.documents.isCurrent(old, 1), false, 'same URI and version, but another opening');
    assert.equal(h.documents.isCurrent(reopened, 1), true);
  });
});

describe('applyChanges', () => {
  test('gives the updated document and no edit end for an empty change', () => {
    const doc = TextDocument.create('untitled:1', 'markdown', 1, 'abc');
    const { document, editEnd } = applyChanges(doc, [{ range: { start: at(0, 1), end: at(0, 1) }, text: '' }], 2);
    assert.equal(document.getText(), 'abc');
    assert.equal(document.version, 2);
    assert.equal(editEnd, undefined);
  });
});
