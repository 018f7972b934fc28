import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displaySafe, hasUnsafeCharacters } from '../../server/src/engine/api';

test('displaySafe makes terminal and bidi controls visible and inert, keeping the length', () => {
  const hostile = 'All checks passed\u001b[2J\u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u202Eevil\u200B\u0085\uFEFF\u007f';
  const safe = displaySafe(hostile);
  assert.equal(safe.length, hostile.length, 'one unit for one: spans into the text stay right');
  assert.equal(hasUnsafeCharacters(safe), false);
  assert.ok(safe.includes('␛[2J'), safe);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u200b-\u200f\ufeff]/.test(safe), safe);
  assert.ok(safe.includes('\u2421'), 'DEL shown as ␡');
});

test('displaySafe leaves ordinary text, tabs and line breaks alone', () => {
  const text = 'Kim Jong-un said, “Déjà vu” — 2019.\tNext\r\nline; 한국어; العربية';
  assert.equal(displaySafe(text), text);
  assert.equal(hasUnsafeCharacters(text), false);
});
