/**
 * `factcheck.draftDate` over the protocol: the date a draft without front
 * matter is read against. The fixture article (2025-06-12, a Thursday) says
 * Hanmoto spoke "on Thursday"; the same draft sentence is right in a draft of
 * 2025-06-13 and wrong in one of 2025-06-20. A bad value is a clear warning,
 * and today is used instead.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixturesDir, scratchDir } from '../helpers';
import { nextDiagnostics, openAndWait, serverPath, startHarness, uriOf, waitFor } from './lspHarness';

const DRAFT = 'The carmaker Hanmoto said on Thursday it would cut 3,000 jobs at its plant in Ulsan by the end of next year.\n';

test('factcheck.draftDate decides the draft\'s relative dates; a bad value is reported and ignored', { skip: !existsSync(serverPath) && 'run npm run build first' }, async () => {
  const folder = scratchDir('factcheck-lsp-draftdate-');
  const corpus = path.join(folder, 'sources');
  mkdirSync(corpus);
  const fixture = path.join(fixturesDir, 'facts', 'corpus');
  for (const f of readdirSync(fixture)) copyFileSync(path.join(fixture, f), path.join(corpus, f));
  const h = await startHarness({ folders: [folder], settings: { corpus: { paths: ['sources'] }, draftDate: '2025-06-20' } });
  try {
    const uri = uriOf(path.join(folder, 'story.md'));
    const late = await openAndWait(h, uri, DRAFT);
    const wrong = late.find((d) => d.code === 'date-mismatch');
    assert.ok(wrong, JSON.stringify(late));
    assert.match(wrong.message, /June 12, 2025/);
    h.settings.value = { corpus: { paths: ['sources'] }, draftDate: '2025-06-13' };
    let before = h.publishes.length;
    await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const right = await nextDiagnostics(h, uri, before, (d) => !d.some((x) => x.code === 'date-mismatch'));
    assert.ok(!right.some((d) => d.code === 'date-mismatch'));
    h.settings.value = { corpus: { paths: ['sources'] }, draftDate: '13 June 2025' };
    before = h.publishes.length;
    await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor('a warning about factcheck.draftDate', () => h.messages.find((m) => m.type === 2 && /factcheck\.draftDate" must be a date written YYYY-MM-DD.*using today/.test(m.message)));
  } finally {
    await h.close();
  }
});
