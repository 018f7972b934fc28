/**
 * The HTML memo opened once in headless Chromium: it renders (the summary
 * and every claim row), scripts never run, and its print layout holds (a PDF
 * prints). A screenshot and the PDF go to tests/e2e/artifacts/. Skips with a
 * message where Chromium is missing (CHROMIUM names another binary).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli } from '../cliRun';
import { repoRoot } from '../helpers';

const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.join(repoRoot, 'tests', 'e2e', 'artifacts');

test('the HTML memo renders and prints in headless Chromium', { timeout: 60_000 }, async (t) => {
  if (!existsSync(chromiumPath)) {
    t.skip(`Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const saved = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = '1764547200';
  const html = await cli(['report', '--format', 'html', 'examples/draft.md']).finally(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });
  assert.equal(html.code, 0, html.err);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'factcheck-memo-html-'));
  const file = path.join(dir, 'draft.factcheck.html');
  writeFileSync(file, html.out);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => errors.push(m.text()));
    await page.goto(pathToFileURL(file).href);
    assert.equal(await page.title(), 'Fact-check memo — examples/draft.md');
    const summary = await page.$$eval('table.summary tbody tr', (rows) => rows.map((r) => (r as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()));
    assert.deepEqual(summary, ['Verified 19', 'Needs attention 5', 'Unsourced 2', 'Ignored 0', 'Disabled 0']);
    const rows = await page.$$eval('table.claims tbody tr', (trs) => trs.length);
    assert.equal(rows, 26);
    assert.deepEqual(errors, [], 'no script ran, nothing failed to load');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'memo-html.png'), fullPage: false });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
    writeFileSync(path.join(artifacts, 'memo-print.pdf'), pdf);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
