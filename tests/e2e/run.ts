/**
 * End-to-end test in a real VS Code (code-server) driven through headless
 * Chromium: packages the .vsix, installs it into a fresh code-server, opens a
 * workspace holding the example draft, and checks what a person sees —
 * squiggles, Problems rows with our codes, the hover with its citation, a
 * quick fix applied to the text, the search command's results, the status
 * bar. Screenshots go to tests/e2e/artifacts/. Every wait polls for state.
 *
 *   node out/tests/e2e/run.js     (npm run test:e2e)
 *   env: CODE_SERVER (binary), CHROMIUM (binary), CI (missing tools fail instead of skip)
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { fixturesDir, repoRoot } from '../helpers';

const artifacts = path.join(repoRoot, 'tests', 'e2e', 'artifacts');
const codeServer = process.env.CODE_SERVER ?? path.join(os.homedir(), '.cache', 'code-server-4.100.3', 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const isCI = !!process.env.CI && process.env.CI !== 'false';

interface Result {
  name: string;
  ok: boolean;
  detail: string;
}
const results: Result[] = [];
const timings: Record<string, number> = {};

function log(msg: string): void {
  process.stdout.write(`${msg}\n`);
}

/** Polls `fn` until it returns a truthy value. */
async function poll<T>(what: string, fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 20_000, stepMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms: ${what}${lastErr ? ` (${(lastErr as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

async function step(name: string, fn: () => Promise<string | void>): Promise<boolean> {
  const t = Date.now();
  try {
    const detail = (await fn()) ?? '';
    results.push({ name, ok: true, detail });
    log(`ok - ${name} (${Date.now() - t} ms)${detail ? `: ${detail}` : ''}`);
    return true;
  } catch (e) {
    results.push({ name, ok: false, detail: (e as Error).message });
    log(`not ok - ${name}: ${(e as Error).message}`);
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], cwd = repoRoot): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

/** Text of the active editor's visible lines (Monaco renders spaces as U+00A0). */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await poll(`command "${title}" listed`, async () => (await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).count()) > 0);
  await page.keyboard.press('Enter');
}

/** Moves the cursor with Go to Line (Ctrl+G), as a person would: 1-based line and column. */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await poll(`cursor at ${line}:${column}`, async () => ((await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText()) ?? '').includes(`Ln ${line}, Col ${column}`), 5_000);
}

async function main(): Promise<number> {
  const missing = [!existsSync(codeServer) && `code-server (${codeServer})`, !existsSync(chromiumPath) && `chromium (${chromiumPath})`].filter(Boolean);
  if (missing.length > 0) {
    const msg = `E2E: ${missing.join(' and ')} not found. Install them with ../shared/tools/install-code-server.sh (it also installs Debian's chromium).`;
    if (isCI) {
      log(`${msg}\nE2E FAILED: CI is set, so missing tools are an error.`);
      return 1;
    }
    log(`${msg}\nE2E SKIPPED (not run, not passed).`);
    return 0;
  }
  mkdirSync(artifacts, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'factcheck-e2e-'));
  const vsix = path.join(tmp, 'factcheck.vsix');
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  const exampleDraft = path.join(repoRoot, 'examples', 'draft.md');
  copyFileSync(existsSync(exampleDraft) ? exampleDraft : path.join(fixturesDir, 'lsp', 'draft.md'), path.join(workspace, 'draft.md'));
  // A second draft, never opened by hand: "Check Workspace" must find it.
  writeFileSync(path.join(workspace, 'second.md'), 'Ryu Hyunwo, a defector, said the North would wait.\n');
  // Quiet first-run UI only; workspace trust stays on and is answered like a user would.
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'editor.hover.delay': 150,
    }),
  );

  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const serverLog: string[] = [];
  try {
    const ok = await step('package the .vsix with vsce', async () => {
      run(process.execPath, ['scripts/build.mjs', '--production']);
      // The same flags as `npm run package`; stdin is closed, so a vsce prompt (a missing licence, say) fails the step.
      run(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', vsix]);
      const listing = run(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies']);
      for (const f of ['dist/client.js', 'dist/server.js', 'corpus/003_4a9a46e10c6725df.txt', 'package.json', 'LICENSE', 'images/icon.png', 'README.md']) {
        if (!listing.includes(f)) throw new Error(`.vsix lacks ${f}:\n${listing}`);
      }
      const bad = listing.split('\n').filter((l) => /(^|\/)(src|tests|node_modules)\/|\.ts$|\.map$/.test(l));
      if (bad.length > 0) throw new Error(`.vsix includes sources/tests: ${bad.join(', ')}`);
      return `${listing.trim().split('\n').length} files`;
    });
    if (!ok) return 1;
    await step('install the .vsix into a fresh code-server', async () => {
      const out = run(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix]);
      const list = run(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--list-extensions']);
      if (!/factcheck\.factcheck/.test(list)) throw new Error(`not installed: ${out}\n${list}`);
      return list.trim();
    });

    const port = await freePort();
    server = spawn(
      codeServer,
      ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
        '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PASSWORD: undefined } },
    );
    server.stdout!.on('data', (d) => serverLog.push(String(d)));
    server.stderr!.on('data', (d) => serverLog.push(String(d)));
    const base = `http://127.0.0.1:${port}`;
    await poll('code-server healthz', async () => (await fetch(`${base}/healthz`)).ok, 60_000, 200);

    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });

    await step('answer the workspace trust dialog', async () => {
      const yes = page.getByRole('button', { name: /Yes, I trust the authors/i });
      // The dialog appears once the workbench restores; a trusted folder would show the explorer with no dialog.
      const answered = await poll('trust dialog or trusted workbench', async () => {
        if (await yes.isVisible()) return 'dialog';
        return false;
      }, 30_000);
      await shot(page, '01-trust-dialog');
      if (answered === 'dialog') await yes.click();
      await poll('trust dialog closed', async () => !(await yes.isVisible()));
      return answered;
    });

    let opened = 0;
    const sawSquiggles = await step('open draft.md: squiggles appear', async () => {
      await poll('explorer shows draft.md', async () => (await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' }).count()) > 0, 30_000);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' }).first().click();
      opened = Date.now();
      await poll('editor shows draft', async () => (await editorText(page)).includes('Trump'), 20_000);
      await poll('squiggles', async () => (await page.locator('.editor-instance .squiggly-warning').count()) > 0, 30_000, 25);
      timings.openToSquigglesMs = Date.now() - opened;
      await shot(page, '02-squiggles');
      const n = await page.locator('.editor-instance .squiggly-warning').count();
      return `${n} warning squiggles, ${timings.openToSquigglesMs} ms after opening`;
    });
    // Reported, not asserted: a wall-clock figure from a browser driving a workbench on a shared
    // 2-core machine varies two-fold from run to run (2.6 s to 6.4 s seen for the same build), so a
    // threshold here would fail builds at random. Speed is judged in `npm run bench`; this figure is
    // written to the artifacts for a human to read.
    if (timings.openToSquigglesMs !== undefined) log(`open draft.md → squiggles: ${timings.openToSquigglesMs} ms`);

    await step('status bar shows the corpus size', async () => {
      const item = page.locator('.statusbar-item', { hasText: /articles?/ });
      await poll('status bar item', async () => (await item.count()) > 0, 15_000);
      const text = (await item.first().innerText()).trim();
      if (!/2 articles/.test(text)) throw new Error(`status bar says "${text}"`);
      return text;
    });

    await step('Problems panel lists our findings with their codes', async () => {
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await poll('problem rows', async () => (await rows.count()) >= 3, 15_000);
      const text = (await page.locator('.markers-panel').innerText()).replace(/\u00a0/g, ' ');
      await shot(page, '03-problems');
      const wanted = ['name-misspelled', 'quote-altered', 'quote-misattributed', 'date-mismatch', 'role-mismatch'];
      const missingCodes = wanted.filter((c) => !text.includes(c));
      if (missingCodes.length > 0) throw new Error(`Problems lacks ${missingCodes.join(', ')}:\n${text}`);
      if (!text.includes('factcheck')) throw new Error('Problems rows do not name the source "factcheck"');
      return `${await rows.count()} rows incl. ${wanted.join(', ')}`;
    });

    if (sawSquiggles) {
      await step('hover on a flagged claim shows the verdict and a citation', async () => {
        await page.keyboard.press('Control+Shift+M'); // close the panel again
        const target = page.locator('.editor-instance .view-line span', { hasText: 'Lankow' }).first();
        await target.waitFor({ state: 'visible' });
        const box = (await target.boundingBox())!;
        const text = await target.innerText();
        const at = text.indexOf('Lankow');
        const x = box.x + (box.width * (at + 3)) / Math.max(1, text.length);
        const hover = page.locator('.monaco-hover:visible', { hasText: 'Kookmin' });
        await poll('hover with a citation', async () => {
          await page.mouse.move(x, box.y + box.height / 2 + 1);
          await page.mouse.move(x + 1, box.y + box.height / 2);
          return (await hover.count()) > 0;
        }, 15_000, 400);
        const content = (await hover.first().innerText()).replace(/\u00a0/g, ' ');
        await shot(page, '04-hover');
        for (const want of ['Name spelled differently', 'Andrei Lankov', 'Kookmin']) {
          if (!content.includes(want)) throw new Error(`hover lacks "${want}":\n${content}`);
        }
        return content.split('\n').slice(0, 3).join(' | ');
      });

      await step('quick fix replaces the misspelled name with the sources\' spelling', async () => {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        const target = page.locator('.editor-instance .view-line span', { hasText: 'Lankow' }).first();
        const box = (await target.boundingBox())!;
        const text = await target.innerText();
        const at = text.indexOf('Lankow');
        await page.mouse.click(box.x + (box.width * (at + 2)) / Math.max(1, text.length), box.y + box.height / 2);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Andrei Lankov' });
        await poll('quick fix menu', async () => (await fix.count()) > 0, 10_000);
        await shot(page, '05-quickfix-menu');
        // The first (preferred) fix is focused; Enter applies it, as a person would.
        await poll('replace fix focused', async () => ((await page.locator('.action-widget .monaco-list-row.focused').first().innerText()) ?? '').includes('Andrei Lankov'), 5_000);
        await page.keyboard.press('Enter');
        await poll('text fixed', async () => {
          const t = await editorText(page);
          return t.includes('said Andrei Lankov, a professor') && !t.includes('Lankow');
        }, 10_000);
        await shot(page, '06-quickfix-applied');
        return 'Andrei Lankow → Andrei Lankov';
      });
    }

    await step('Search Corpus: live results, then open the article at the sentence', async () => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Fact Check: Search Corpus');
      const input = page.locator('.quick-input-widget input');
      await poll('search box', async () => (await input.getAttribute('placeholder'))?.includes('Search the corpus'), 10_000);
      await input.pressSequentially('Kookmin professor', { delay: 30 });
      const hit = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Kookmin University' });
      await poll('search results', async () => (await hit.count()) > 0, 10_000);
      await shot(page, '07-search');
      const label = (await hit.first().innerText()).replace(/\s+/g, ' ');
      await page.keyboard.press('Enter');
      await poll('article opened', async () => (await page.locator('.tab.active', { hasText: '003_4a9a46e10c6725df.txt' }).count()) > 0, 10_000);
      await poll('sentence selected', async () => (await page.locator('.editor-instance .selected-text').count()) > 0, 10_000);
      await shot(page, '08-search-opened');
      return label.slice(0, 100);
    });

    await step('Show Sources for Claim lists the evidence of the claim at the cursor', async () => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'View: Close All Editors');
      await poll('editors closed', async () => (await page.locator('.tab').count()) === 0, 10_000);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' }).first().click();
      await poll('editor shows draft', async () => (await editorText(page)).includes('Chairman Kim'), 10_000);
      // Line 13 holds the misattributed quotation; column 70 is inside it.
      await goTo(page, 13, 70);
      await runCommand(page, 'Fact Check: Show Sources for Claim');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'quote-misattributed' });
      await poll('sources listed', async () => (await row.count()) > 0, 10_000);
      const label = (await row.first().innerText()).replace(/\s+/g, ' ');
      await shot(page, '09-show-sources');
      if (!label.includes('Ryu Hyunwoo')) throw new Error(`source row lacks the cited sentence: ${label}`);
      await page.keyboard.press('Escape');
      return label.slice(0, 100);
    });

    await step('Search Corpus: the item button inserts a citation at the cursor', async () => {
      if ((await editorText(page)).includes('Asia Business Daily')) throw new Error('draft already cites the publisher');
      // The end of line 15 (Ryu Hyunwoo's paragraph, wrapped on screen) is where the citation goes.
      await goTo(page, 16, 1);
      await page.keyboard.press('ArrowLeft');
      await runCommand(page, 'Fact Check: Search Corpus');
      const input = page.locator('.quick-input-widget input');
      await poll('search box', async () => (await input.getAttribute('placeholder'))?.includes('Search the corpus'), 10_000);
      await input.pressSequentially('Sejong Institute', { delay: 30 });
      const hit = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Sejong Institute' }).first();
      await poll('search results', async () => (await hit.count()) > 0, 10_000);
      await hit.hover();
      const button = hit.locator('.action-label[aria-label*="Insert citation"], .action-label[title*="Insert citation"]').first();
      await poll('insert-citation button', async () => (await button.count()) > 0 && (await button.isVisible()), 5_000);
      await button.click();
      await poll('citation inserted', async () => (await editorText(page)).includes('The Asia Business Daily'), 10_000);
      await shot(page, '10-citation-inserted');
      const text = (await editorText(page)).replace(/\s+/g, ' ');
      if (!text.includes('war in Ukraine. (The Asia Business Daily)')) throw new Error(`citation not at the end of the paragraph: ${text.slice(text.indexOf('Ryu Hyunwoo, a professor'), text.indexOf('Ryu Hyunwoo, a professor') + 240)}`);
      return 'war in Ukraine. (The Asia Business Daily)';
    });

    await step('Check Workspace fills Problems for every draft', async () => {
      await runCommand(page, 'Fact Check: Check Workspace');
      const panel = page.locator('.markers-panel');
      await poll('Problems panel open', async () => (await panel.count()) > 0 && (await panel.isVisible()), 20_000);
      // Problems is a virtual list: filter it down to the second draft's rows.
      const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
      await filter.fill('second.md');
      await poll('Problems lists second.md', async () => (await panel.innerText()).includes('second.md'), 20_000);
      await poll('second.md finding', async () => (await panel.innerText()).includes('Ryu Hyunwoo'), 20_000);
      await shot(page, '11-check-workspace');
      const text = (await panel.innerText()).replace(/\u00a0/g, ' ');
      if (!/name-misspelled/.test(text)) throw new Error(`no name-misspelled row:\n${text}`);
      return 'second.md: name-misspelled (Ryu Hyunwo → Ryu Hyunwoo)';
    });
  } catch (e) {
    results.push({ name: 'harness', ok: false, detail: (e as Error).stack ?? String(e) });
    log(`not ok - harness: ${(e as Error).stack ?? e}`);
  } finally {
    if (browser) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      if (pages[0] && results.some((r) => !r.ok)) await pages[0].screenshot({ path: path.join(artifacts, '99-failure.png') }).catch(() => undefined);
      await browser.close().catch(() => undefined);
    }
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM'); // the whole group setsid gave it
      } catch {
        // already gone
      }
    }
    const extLog = findExtensionLog(userData);
    if (extLog) writeFileSync(path.join(artifacts, 'factcheck-output.log'), extLog);
    if (results.some((r) => !r.ok)) {
      log(`--- code-server output ---\n${serverLog.join('').slice(-4000)}`);
      if (extLog) log(`--- Fact Check output channel ---\n${extLog.slice(-4000)}`);
    }
    if (!process.env.KEEP_E2E_TMP) rmSync(tmp, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  log(`E2E timing: open draft.md → squiggles ${timings.openToSquigglesMs ?? 'n/a'} ms (reported, not asserted; the README's 3 s aim)`);
  log(`screenshots: ${artifacts}`);
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** The Fact Check output channel's log (code-server writes output channels to files under logs/). */
function findExtensionLog(userData: string): string | undefined {
  const r = spawnSync('bash', ['-c', `find "${userData}/logs" -name "*Fact Check*.log" 2>/dev/null | head -1`], { encoding: 'utf8' });
  const file = r.stdout.trim();
  return file ? readFileSync(file, 'utf8') : undefined;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(`E2E harness error: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
