/**
 * Protocol tests of what a reporter does with a finding: ignore it here, in
 * this draft or everywhere (and undo it), switch checking off with a comment,
 * and take the quick fix each kind of finding offers. The real server bundle
 * over stdio, the bundled sample corpus. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { nextDiagnostics, openAndWait, serverPath, startHarness, uriOf } from './lspHarness';
import type { Harness } from './lspHarness';
import { scratchDir } from '../helpers';

/** A quotation with one word changed ("wants" for "needs"): quote-altered against the sample corpus. */
const ALTERED = 'Andrei Lankov, a professor at Kookmin University, said, "Kim Jong Un wants Trump much less now than he did in 2018 or 2019."';
const has = (diags: Diagnostic[], code: string) => diags.some((d) => d.code === code);

async function actionsFor(h: Harness, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return h.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
}

async function run(h: Harness, action: CodeAction | undefined): Promise<void> {
  assert.ok(action?.command, 'a command action');
  await h.conn.sendRequest('workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments });
}

describe('ignores, disable comments and quick fixes over LSP', { skip: !existsSync(serverPath) && 'dist/server.js missing: run npm run build' }, () => {
  let h: Harness;
  let folder: string;
  const uri = (name: string) => uriOf(path.join(folder, name));

  before(async () => {
    folder = scratchDir('factcheck-lsp-ignores-');
    h = await startHarness({ folders: [folder] });
  });
  after(async () => {
    await h?.close();
  });

  test('an ignore scoped to one file leaves the same claim in another file; undoing it brings the finding back', async () => {
    await fs.writeFile(path.join(folder, 'a.md'), `${ALTERED}\n`);
    await fs.writeFile(path.join(folder, 'b.md'), `${ALTERED}\n`);
    const a = await openAndWait(h, uri('a.md'), `${ALTERED}\n`);
    const b = await openAndWait(h, uri('b.md'), `${ALTERED}\n`);
    assert.ok(has(a, 'quote-altered') && has(b, 'quote-altered'), JSON.stringify([a, b].map((x) => x.map((d) => d.code))));
    const altered = a.find((d) => d.code === 'quote-altered')!;
    const actions = await actionsFor(h, uri('a.md'), altered);
    const before = h.publishes.length;
    await run(h, actions.find((x) => x.title === 'Ignore this claim in this file'));
    const aAfter = await nextDiagnostics(h, uri('a.md'), before);
    assert.ok(!has(aAfter, 'quote-altered'), 'ignored in a.md');
    const bAfter = await nextDiagnostics(h, uri('b.md'), before);
    assert.ok(has(bAfter, 'quote-altered'), 'b.md still shows the same claim');

    const listed = await h.conn.sendRequest<{ folders: Array<{ folder: string; entries: Array<Record<string, unknown>> }> }>('factcheck/ignored');
    assert.equal(listed.folders.length, 1);
    const [entry] = listed.folders[0].entries;
    assert.equal(entry.scope, 'file');
    assert.equal(entry.file, 'a.md');
    assert.equal(entry.draftUri, uri('a.md'));
    assert.match(String(entry.added), /^\d{4}-\d{2}-\d{2}T/);
    const onDisk = JSON.parse(await fs.readFile(path.join(folder, '.factcheck', 'ignore.json'), 'utf8'));
    assert.equal(onDisk.version, 2);

    const before2 = h.publishes.length;
    const { draftUri: _uri, ...stored } = entry;
    const removed = await h.conn.sendRequest('workspace/executeCommand', { command: 'factcheck.unignoreClaim', arguments: [{ folder: listed.folders[0].folder, entry: stored }] });
    assert.equal(removed, true);
    assert.ok(has(await nextDiagnostics(h, uri('a.md'), before2), 'quote-altered'), 'un-ignored: shown again');
    assert.equal(JSON.parse(await fs.readFile(path.join(folder, '.factcheck', 'ignore.json'), 'utf8')).ignored.length, 0);
  });

  test('"here" ignores one occurrence: the same claim elsewhere in the draft stays', async () => {
    const text = `${ALTERED}\n\nLater, a reader wrote: "Kim Jong Un wants Trump much less now than he did in 2018 or 2019."\n`;
    await fs.writeFile(path.join(folder, 'c.md'), text);
    const diags = await openAndWait(h, uri('c.md'), text);
    const both = diags.filter((d) => d.code === 'quote-altered');
    assert.equal(both.length, 2, JSON.stringify(diags.map((d) => d.code)));
    const before = h.publishes.length;
    await run(h, (await actionsFor(h, uri('c.md'), both[0])).find((x) => x.title === 'Ignore this claim here'));
    const left = (await nextDiagnostics(h, uri('c.md'), before)).filter((d) => d.code === 'quote-altered');
    assert.equal(left.length, 1);
    assert.equal(left[0].range.start.line, 2, 'the second occurrence is still reported');
  });

  test('a disable comment silences a region; checking resumes after the enable comment', async () => {
    const text = `<!-- factcheck-disable -->\n${ALTERED}\n<!-- factcheck-enable -->\n\nPeter Ward, a North Korea expert, said, "Kim Jong Un wants Trump much less now than he did in 2018 or 2019."\n`;
    const diags = await openAndWait(h, uri('d.md'), text);
    const altered = diags.filter((d) => d.code === 'quote-altered');
    assert.equal(altered.length, 1, JSON.stringify(diags.map((d) => [d.code, d.range.start.line])));
    assert.equal(altered[0].range.start.line, 4);
  });

  test('each kind of finding offers its quick fixes', async () => {
    const text = [
      'Peter Ward, a North Korea expert at the Sejong Institute, said, "Chairman Kim will not make a move until he knows what President Trump can offer."',
      '',
      '"The door to dialogue has never been closed, but Pyongyang will not walk through it this year," said Michael Brandt, a former State Department official.',
      '',
      'Andrei Lankow said the talks would be hard.',
      '',
      ALTERED,
    ].join('\n');
    const diags = await openAndWait(h, uri('e.md'), text);
    const titles = async (code: string) => {
      const d = diags.find((x) => x.code === code);
      assert.ok(d, `${code} in ${JSON.stringify(diags.map((x) => x.code))}`);
      return (await actionsFor(h, uri('e.md'), d)).map((a) => a.title);
    };
    const ignores = ['Ignore this claim here', 'Ignore this claim in this file', 'Ignore this claim everywhere in the workspace'];
    const misattributed = await titles('quote-misattributed');
    assert.ok(misattributed.includes('Change the attribution to Ryu Hyunwoo'), misattributed.join(' | '));
    for (const t of ignores) assert.ok(misattributed.includes(t));
    const unsourced = await titles('quote-unsourced');
    assert.ok(unsourced.includes('Search the corpus for these words'), unsourced.join(' | '));
    assert.ok((await titles('name-unknown')).includes('Search the corpus for these words'));
    const misspelled = await titles('name-misspelled');
    assert.ok(misspelled.includes(`Replace with the sources' wording: "Andrei Lankov"`), misspelled.join(' | '));
    assert.ok((await titles('quote-altered')).some((t) => t.startsWith("Replace with the sources' wording")));
    // The attribution fix replaces the draft's speaker with the sources'.
    const d = diags.find((x) => x.code === 'quote-misattributed')!;
    const change = (await actionsFor(h, uri('e.md'), d)).find((a) => a.title === 'Change the attribution to Ryu Hyunwoo')!;
    const edit = change.edit!.changes![uri('e.md')][0];
    assert.deepEqual(edit.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } });
    assert.equal(edit.newText, 'Ryu Hyunwoo');
  });
});
