import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDraftDocument } from '../../server/src/lsp/draftKinds';

const defaults = ['markdown', 'plaintext'];

test('drafts are recognised by the ids other editors use and by file ending', () => {
  assert.equal(isDraftDocument('file:///w/a.md', 'markdown', defaults), true);
  assert.equal(isDraftDocument('file:///w/notes.txt', 'text', defaults), true, "Emacs's eglot in text-mode");
  assert.equal(isDraftDocument('file:///w/story', 'text', defaults), true, 'an alias of plaintext without an ending');
  assert.equal(isDraftDocument('file:///w/story.markdown', 'fundamental', defaults), true, 'by its ending');
  assert.equal(isDraftDocument('untitled:Untitled-1', 'gfm', defaults), true);
  assert.equal(isDraftDocument('file:///w/app.ts', 'typescript', defaults), false);
  assert.equal(isDraftDocument('file:///w/data.json', 'json', defaults), false);
});

test('only the configured kinds: markdown alone leaves text files out', () => {
  assert.equal(isDraftDocument('file:///w/notes.txt', 'text', ['markdown']), false);
  assert.equal(isDraftDocument('file:///w/a.md', 'text', ['markdown']), true, 'the ending says markdown');
  assert.equal(isDraftDocument('file:///w/x.rst', 'restructuredtext', ['restructuredtext']), true, 'any configured id');
});
