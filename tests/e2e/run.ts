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
import type { Browser, Locator, Page } from 'playwright-core';
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
/** What each screenshot showed, as judged by the steps (printed at the end for the closing note). */
const judgements: string[] = [];

/** followup.md, by line: 3 the quote draft.md also gives to Peter Ward; 5 a figure; 7 a quote no source gives to Peter Ward; 9–11 a disabled region; 13 the same name outside it. */
const FOLLOWUP_DRAFT = [
  '# Pyongyang keeps the door shut',
  '',
  'Peter Ward, a North Korea expert at the Sejong Institute, said, "Chairman Kim will not make a move until he knows what President Trump can offer."',
  '',
  'President Trump and Chairman Kim met four times to discuss denuclearization of the Korean Peninsula.',
  '',
  'Peter Ward said, "President Trump drafted a letter to be sent to Chairman Kim Jong Un of North Korea with the aim of resuming dialogue."',
  '',
  '<!-- factcheck-disable -->',
  'Andrei Lankow, a professor at Kookmin University, was not surprised.',
  '<!-- factcheck-enable -->',
  '',
  'Andrei Lankow, a professor at Kookmin University, was not surprised.',
  '',
].join('\n');
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

/** Waits until an element and its descendants have no running animation (a hover card's fade-in), at most 2 s. */
async function settled(el: Locator): Promise<void> {
  await el
    .evaluate(
      (node) =>
        Promise.race([
          Promise.all(((node as Dom).getAnimations({ subtree: true }) as Array<{ finished: Promise<unknown> }>).map((a) => a.finished.catch(() => undefined))),
          new Promise((resolve) => setTimeout(resolve, 2_000)),
        ]),
    )
    .catch(() => undefined); // the card closed meanwhile: readHover says so
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

/** Opens a workspace file through Quick Open (F1, then the file name), as a person would. */
async function openFile(page: Page, name: string, expect: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name });
  await poll(`quick open lists ${name}`, async () => (await row.count()) > 0, 15_000);
  await page.keyboard.press('Enter');
  await poll(`${name} active`, async () => (await page.locator('.tab.active', { hasText: name }).count()) > 0, 15_000);
  await poll(`editor shows ${name}`, async () => (await editorText(page)).includes(expect), 15_000);
}

/** A DOM object inside `page.evaluate` (this project compiles without the DOM library; that code runs in the page). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dom = any;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the `nth` occurrence of `words` is on screen in the active editor
 * (top to bottom), measured on the rendered text itself (word wrap and
 * proportional positions are the browser's business, not ours).
 */
async function wordBox(page: Page, words: string, nth = 0): Promise<Box | undefined> {
  return page.evaluate(
    ([words, nth]) => {
      const document = (globalThis as unknown as { document: Dom }).document;
      const group = document.querySelector('.editor-group-container.active') ?? document;
      const lines = ([...group.querySelectorAll('.editor-instance .view-lines .view-line')] as Dom[]).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      let seen = 0;
      for (const line of lines) {
        const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
          if (seen++ !== nth) continue;
          const range = document.createRange();
          const walker = document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
          let offset = 0;
          let started = false;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const len = node.textContent?.length ?? 0;
            if (!started && at < offset + len) {
              range.setStart(node, at - offset);
              started = true;
            }
            if (started && at + words.length <= offset + len) {
              range.setEnd(node, at + words.length - offset);
              const r = range.getBoundingClientRect();
              return { x: r.x, y: r.y, width: r.width, height: r.height };
            }
            offset += len;
          }
        }
      }
      return undefined;
    },
    [words, nth] as const,
  );
}

/** The kinds of squiggle (warning, info, error, hint) drawn under the `nth` occurrence of `words` in the active editor. */
async function squigglesUnder(page: Page, words: string, nth = 0): Promise<string[]> {
  const box = await wordBox(page, words, nth);
  if (!box) throw new Error(`"${words}" is not on screen`);
  return page.evaluate((box) => {
    const document = (globalThis as unknown as { document: Dom }).document;
    const group = document.querySelector('.editor-group-container.active') ?? document;
    const kinds: string[] = [];
    for (const el of group.querySelectorAll('.editor-instance [class*="squiggly-"]') as Dom[]) {
      const r = el.getBoundingClientRect();
      const overlaps = r.left < box.x + box.width - 1 && r.right > box.x + 1 && r.top < box.y + box.height + 4 && r.bottom > box.y - 1;
      if (overlaps) kinds.push(/squiggly-(\w+)/.exec(el.className)?.[1] ?? el.className);
    }
    return kinds;
  }, box);
}

/** The squiggles drawn on screen (their kinds), in any editor: hidden editors' decorations are not counted. */
async function visibleSquiggles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const document = (globalThis as unknown as { document: Dom }).document;
    return ([...document.querySelectorAll('.editor-instance [class*="squiggly-"]')] as Dom[])
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && el.offsetParent !== null;
      })
      .map((el) => /squiggly-([\w-]+)/.exec(el.className)?.[1] ?? String(el.className));
  });
}

/** What a hover shows, and what a reporter would object to in it. */
interface HoverReading {
  text: string;
  /** The editor's own diagnostic part (our message), if the hover has one. */
  message: string;
  problems: string[];
}

/** Reads the visible hover and lists its presentation defects (raw markup, the message twice, a scrolled card). */
async function readHover(page: Page): Promise<HoverReading> {
  const hover = page.locator('.monaco-hover:visible').first();
  const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
  const message = (await hover.locator('.marker.hover-contents, .hover-row.markers .marker').first().innerText({ timeout: 1_000 }).catch(() => '')).replace(/\u00a0/g, ' ').split('\n')[0].trim(); // none on a verified claim
  const problems: string[] = [];
  for (const raw of ['[-', '-]', '{+', '+}', '**', '~~', '\\', '](command:']) if (text.includes(raw)) problems.push(`raw markup "${raw}"`);
  if (message) {
    const head = message.slice(0, Math.min(40, message.length));
    const times = text.split(head).length - 1;
    if (times > 1) problems.push(`the message is shown ${times} times ("${head}…")`);
  }
  const hidden = await hover.evaluate((el) =>
    Math.max(0, ...([...(el as Dom).querySelectorAll('.monaco-hover-content, .monaco-scrollable-element > *')] as Dom[]).map((c) => c.scrollHeight - c.clientHeight)),
  );
  if (hidden > 4) problems.push(`the hover needs scrolling (${hidden} px hidden)`);
  return { text, message, problems };
}

/** Hides the bottom panel (Problems) if it is open, so hovers and menus have the screen. */
async function hidePanel(page: Page): Promise<void> {
  const panel = page.locator('.part.panel');
  if ((await panel.count()) === 0 || !(await panel.first().isVisible())) return;
  await page.keyboard.press('Control+J');
  await poll('panel hidden', async () => !(await panel.first().isVisible()), 10_000);
}

/** Records what a hover screenshot shows, for the report. */
function judge(name: string, h: HoverReading): void {
  const lines = h.text.split('\n').map((l) => l.trim()).filter(Boolean);
  judgements.push(`${name}.png: ${h.problems.length > 0 ? `DEFECTS: ${h.problems.join('; ')}` : 'no raw markup, message once, no scrolling'} — ${lines.join(' | ').slice(0, 400)}`);
}

/** Hovers the `nth` occurrence of `words` in the active editor until a hover containing `expect` shows; screenshot `hover-<code>`. */
async function hoverCard(page: Page, code: string, words: string, expect: string, nth = 0): Promise<HoverReading> {
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home'); // the drafts fit the editor from their first line
  const hover = page.locator('.monaco-hover:visible', { hasText: expect });
  await poll(`hover for ${code} on "${words}" showing "${expect}"`, async () => {
    const box = await wordBox(page, words, nth);
    if (!box) return false;
    // The middle of the words; two moves so the editor sees a mouse move even when the pointer is already there.
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x - 2, y + 1);
    await page.mouse.move(x, y);
    // Then keep still (a moving pointer restarts the hover) and give a busy machine time to answer.
    const shown = await poll('hover shown', async () => (await hover.count()) > 0, 5_000, 100).then(() => true, () => false);
    if (!shown) {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
    }
    return shown;
  }, 40_000, 100);
  // The card fades in: a screenshot taken mid-animation shows the text behind it through the card.
  await settled(hover.first());
  const reading = await readHover(page);
  await shot(page, `hover-${code}`);
  return reading;
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
  // A third draft for the scoped ignore (the same misattributed quote as draft.md, word for word), a
  // disable comment (the same misspelled name inside and outside the region), a figure the source gives
  // otherwise and a quote whose speaker no source confirms.
  writeFileSync(path.join(workspace, 'followup.md'), FOLLOWUP_DRAFT);
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
      // The sticky heading would lie over the draft's upper lines, where the pointer must reach the words.
      'editor.stickyScroll.enabled': false,
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
        const h = await hoverCard(page, 'name-misspelled', 'Lankow', 'Copy citation');
        for (const want of ['Name spelled differently', 'Andrei Lankov', 'Kookmin', 'Open source at this sentence', 'Copy citation']) {
          if (!h.text.includes(want)) throw new Error(`hover lacks "${want}":\n${h.text}`);
        }
        judge('hover-name-misspelled', h);
        if (h.problems.length > 0) throw new Error(`hover-name-misspelled: ${h.problems.join('; ')}:\n${h.text}`);
        return h.text.split('\n').slice(0, 3).join(' | ');
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

    await step('an article opened from search is not checked as a draft', async () => {
      // Verified names are off by default, so a corpus article checked against itself would show
      // nothing either way: make them hints for this step, so a checked article would be dotted.
      const settings = path.join(workspace, '.vscode', 'settings.json');
      mkdirSync(path.dirname(settings), { recursive: true });
      writeFileSync(settings, JSON.stringify({ 'factcheck.severity.name-verified': 'hint' }));
      try {
        const groups = page.locator('.editor-group-container');
        await poll('the draft and the article side by side', async () => (await groups.count()) === 2, 10_000);
        const draftGroup = groups.nth(0);
        const articleGroup = groups.nth(1);
        if ((await articleGroup.locator('.tab.active', { hasText: '003_4a9a46e10c6725df.txt' }).count()) === 0) throw new Error('the article is not in the second group');
        // Positive control: the draft, checked again with the new severity, gets hint dots under its names.
        await poll('hint dots on the draft (the setting took effect)', async () => (await draftGroup.locator('.squiggly-hint').count()) > 0, 30_000, 100);
        // The article names the same people: had it been checked, it would be dotted by now or within moments.
        const dotted = await poll('squiggles on the article', async () => (await articleGroup.locator('[class*="squiggly-"]').count()) > 0, 4_000, 100).then(() => true, () => false);
        await shot(page, '08b-article-not-checked');
        if (dotted) throw new Error('the corpus article has squiggles: it was checked as a draft');
        return `draft: ${await draftGroup.locator('.squiggly-hint').count()} hint dots; article: none`;
      } finally {
        writeFileSync(settings, '{}');
      }
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

    await step('Search Corpus highlights the matched words in a window around them', async () => {
      await openFile(page, 'draft.md', 'Chairman Kim');
      await hidePanel(page);
      await runCommand(page, 'Fact Check: Search Corpus');
      const input = page.locator('.quick-input-widget input');
      await poll('search box', async () => (await input.getAttribute('placeholder'))?.includes('Search the corpus'), 10_000);
      await input.pressSequentially('paper trail', { delay: 30 });
      const hit = page.locator('.quick-input-list .monaco-list-row', { hasText: 'paper trail' }).first();
      await poll('a row showing "paper trail"', async () => (await hit.count()) > 0, 10_000);
      const marked = async () => (await hit.locator('.monaco-icon-label .highlight, .label-name .highlight').allInnerTexts()).map((t) => t.toLowerCase());
      await poll('matched words highlighted', async () => (await marked()).join(' ').includes('paper'), 5_000);
      await shot(page, '12-search-highlights');
      const label = (await hit.locator('.label-name').first().innerText().catch(() => hit.innerText())).replace(/\s+/g, ' ');
      await page.keyboard.press('Escape');
      const highlights = await marked().catch(() => [] as string[]);
      return `row "${label.slice(0, 110)}", highlighted: ${highlights.join(', ')}`;
    });

    /** The hover cards: one screenshot per kind of finding, each judged for raw markup, repetition, scrolling. */
    const hoverCases: Array<{ code: string; file: string; words: string; expect: string; wants: string[] }> = [
      { code: 'quote-altered', file: 'draft.md', words: 'interested in talks', expect: 'Copy citation', wants: ['Quote differs from the source', 'negotiations', 'Open source at this sentence'] },
      { code: 'quote-misattributed', file: 'draft.md', words: 'make a move', expect: 'Copy citation', wants: ['Ryu Hyunwoo', 'Peter Ward'] },
      { code: 'role-mismatch', file: 'draft.md', words: 'professor at the Sejong', expect: 'Copy citation', wants: ['Role differs', 'former acting ambassador'] },
      { code: 'date-mismatch', file: 'draft.md', words: 'February 2020', expect: 'Copy citation', wants: ['Date differs', 'February 2019'] },
      { code: 'quote-unsourced', file: 'draft.md', words: 'door to dialogue', expect: 'Search the corpus for these words', wants: ['No source contains this quote', 'Search the corpus for these words'] },
      { code: 'name-unknown', file: 'draft.md', words: 'Michael Brandt', expect: 'Search the corpus for these words', wants: ['Michael Brandt', 'Search the corpus for these words'] },
      { code: 'quote-verified', file: 'draft.md', words: 'remains receptive', expect: 'Copy citation', wants: ['Quote verified', 'Open source at this sentence'] },
      { code: 'name-verified', file: 'draft.md', words: 'Caroline Leavitt', expect: 'Copy citation', wants: ['Name verified'] },
      { code: 'date-verified', file: 'draft.md', words: 'June 2018', expect: 'Copy citation', wants: ['Date verified'] },
      { code: 'number-mismatch', file: 'followup.md', words: 'four', expect: 'Copy citation', wants: ['three'] },
      { code: 'quote-speaker-unconfirmed', file: 'followup.md', words: 'drafted a letter', expect: 'Copy citation', wants: ['Peter Ward', 'speaker not confirmed'] },
    ];
    const defects: string[] = [];
    for (const c of hoverCases) {
      await step(`hover card: ${c.code}`, async () => {
        if (!(await page.locator('.tab.active', { hasText: c.file }).count())) await openFile(page, c.file, c.file === 'draft.md' ? 'Chairman Kim' : 'Pyongyang keeps');
        const h = await hoverCard(page, c.code, c.words, c.expect);
        judge(`hover-${c.code}`, h);
        const lacking = c.wants.filter((w) => !h.text.includes(w));
        if (lacking.length > 0) throw new Error(`hover lacks ${lacking.map((w) => `"${w}"`).join(', ')}:\n${h.text}`);
        if (h.problems.length > 0) defects.push(`hover-${c.code}: ${h.problems.join('; ')}`);
        if (h.problems.length > 0) throw new Error(`${h.problems.join('; ')}:\n${h.text}`);
        return h.text.split('\n').filter((l) => l.trim()).slice(0, 4).join(' | ').slice(0, 200);
      });
    }
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    /** Opens the quick-fix menu on the words (click in them, Ctrl+.) and waits for a row. */
    const quickFixMenu = async (words: string, row: string) => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      const box = await poll(`"${words}" on screen`, () => wordBox(page, words), 10_000);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: row });
      await poll(`quick fix "${row}"`, async () => {
        if ((await fix.count()) > 0) return true;
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        return poll('menu', async () => (await fix.count()) > 0, 3_000).then(() => true, () => false);
      }, 20_000);
      return fix.first();
    };
    /** Applies the row of the open quick-fix menu whose title holds `row`: arrows to it and Enter, as a person would (the menu's overlay swallows clicks). */
    const chooseAction = async (row: string) => {
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      await poll(`"${row}" focused`, async () => {
        if (((await focused.first().innerText().catch(() => '')) ?? '').includes(row)) return true;
        await page.keyboard.press('ArrowDown');
        return false;
      }, 10_000, 150);
      await page.keyboard.press('Enter');
    };

    await step('quick fix on a misattributed quote: change the attribution', async () => {
      await openFile(page, 'draft.md', 'Chairman Kim');
      await quickFixMenu('make a move', 'Change the attribution to Ryu Hyunwoo');
      await shot(page, 'quickfix-quote-misattributed');
      const rows = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      await page.keyboard.press('Escape');
      for (const want of ['Ignore this claim here', 'Ignore this claim in this file', 'Ignore this claim everywhere in the workspace']) {
        if (!rows.some((r) => r.includes(want))) throw new Error(`menu lacks "${want}": ${rows.join(' / ')}`);
      }
      return rows.join(' / ');
    });

    await step('quick fix on an unsourced quote: search the corpus for its words', async () => {
      await quickFixMenu('door to dialogue', 'Search the corpus for these words');
      await shot(page, 'quickfix-quote-unsourced');
      await chooseAction('Search the corpus for these words');
      const input = page.locator('.quick-input-widget input');
      await poll('search opened with the quote', async () => ((await input.inputValue()) ?? '').includes('door to dialogue'), 10_000);
      // The corpus lacks the quote (that is the finding), so a near match or nothing may come back: say which.
      const rows = page.locator('.quick-input-list .monaco-list-row');
      const found = await poll('search results for the quote', async () => (await rows.count()) > 0, 8_000, 200).then(() => true, () => false);
      await shot(page, 'search-from-quickfix');
      const value = await input.inputValue();
      const first = found ? (await rows.first().innerText()).replace(/\s+/g, ' ').slice(0, 100) : '';
      await page.keyboard.press('Escape');
      return `search box: "${value.slice(0, 80)}"; ${found ? `${await rows.count()} rows, first: ${first}` : 'no rows (the QuickPick shows an empty list)'}`;
    });

    const ignoreFile = path.join(workspace, '.factcheck', 'ignore.json');
    const scoped = await step('"Ignore this claim in this file" leaves the same claim flagged in another draft', async () => {
      await openFile(page, 'followup.md', 'Pyongyang keeps');
      await poll('followup.md: the quote is flagged', async () => (await squigglesUnder(page, 'make a move')).includes('warning'), 30_000, 200);
      await openFile(page, 'draft.md', 'Chairman Kim');
      await poll('draft.md: the quote is flagged', async () => (await squigglesUnder(page, 'make a move')).includes('warning'), 30_000, 200);
      await quickFixMenu('make a move', 'Ignore this claim in this file');
      await chooseAction('Ignore this claim in this file');
      await poll('draft.md: the quote is no longer flagged', async () => !(await squigglesUnder(page, 'make a move')).includes('warning'), 30_000, 200);
      await shot(page, 'ignore-in-file-draft');
      const entries = (JSON.parse(readFileSync(ignoreFile, 'utf8')) as { ignored: Array<{ code: string; text: string; scope?: string; file?: string; by?: string }> }).ignored;
      const entry = entries.find((e) => e.code === 'quote-misattributed');
      if (!entry || entry.scope !== 'file' || entry.file !== 'draft.md') throw new Error(`ignore.json does not hold a file-scoped entry for draft.md: ${JSON.stringify(entries)}`);
      // The other draft holds the very same words: only the scope keeps its finding.
      if (!FOLLOWUP_DRAFT.includes(entry.text)) throw new Error(`the ignored text is not in followup.md, so this step proves nothing: ${entry.text}`);
      await openFile(page, 'followup.md', 'Pyongyang keeps');
      await poll('followup.md: the quote is still flagged', async () => (await squigglesUnder(page, 'make a move')).includes('warning'), 30_000, 200);
      await shot(page, 'ignore-in-file-other-draft');
      return `ignored in draft.md (${entry.scope}, ${entry.file}${entry.by ? `, by ${entry.by}` : ''}); followup.md still flagged`;
    });

    if (scoped) {
      await step('Show Ignored Claims lists the ignore; un-ignore brings the finding back', async () => {
        await openFile(page, 'draft.md', 'Chairman Kim');
        await runCommand(page, 'Fact Check: Show Ignored Claims');
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Chairman Kim will not make a move' }).first();
        await poll('ignored claim listed', async () => (await row.count()) > 0, 10_000);
        const label = (await row.innerText()).replace(/\s+/g, ' ');
        if (!label.includes('quote-misattributed') || !label.includes('in this file') || !label.includes('draft.md')) throw new Error(`row lacks code, scope or file: ${label}`);
        await row.hover();
        await shot(page, 'show-ignored');
        const button = row.locator('.action-label[aria-label*="Un-ignore"], .action-label[title*="Un-ignore"]').first();
        await poll('un-ignore button', async () => (await button.count()) > 0 && (await button.isVisible()), 5_000);
        await button.click();
        await poll('draft.md: the quote is flagged again', async () => (await squigglesUnder(page, 'make a move')).includes('warning'), 30_000, 200);
        const left = (JSON.parse(readFileSync(ignoreFile, 'utf8')) as { ignored: unknown[] }).ignored.length;
        if (left !== 0) throw new Error(`ignore.json still holds ${left} entries`);
        await page.keyboard.press('Escape');
        await shot(page, 'unignored');
        return label.slice(0, 140);
      });
    }

    await step('a factcheck-disable … factcheck-enable region has no squiggles; the same text outside has', async () => {
      await openFile(page, 'followup.md', 'Pyongyang keeps');
      await poll('the name outside the region is flagged', async () => (await squigglesUnder(page, 'Andrei Lankow', 1)).includes('warning'), 30_000, 200);
      const inside = await squigglesUnder(page, 'Andrei Lankow', 0);
      await shot(page, 'disable-comment');
      if (inside.length > 0) throw new Error(`the name inside the disabled region has squiggles: ${inside.join(', ')}`);
      return 'inside: none; outside: warning';
    });

    await step('Get Started walkthrough is listed and opens', async () => {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Fact Check' });
      await poll('walkthrough listed', async () => (await row.count()) > 0, 15_000);
      await row.first().click();
      const steps = ['Choose your corpus', 'Open a draft', 'Hover a finding', 'Search the corpus'];
      const body = page.locator('.gettingStartedContainer, .part.editor');
      await poll('walkthrough steps shown', async () => {
        const text = await body.first().innerText();
        return steps.every((t) => text.includes(t));
      }, 20_000);
      // The step's media (walkthrough/chooseCorpus.md) renders in a webview: wait for its text.
      await poll('the first step\'s media rendered', async () => {
        for (const frame of page.frames()) {
          const text = await frame.locator('body').innerText({ timeout: 500 }).catch(() => '');
          if (text.includes('Fact Check compares your draft')) return true;
        }
        return false;
      }, 30_000, 300);
      await shot(page, '13-walkthrough');
      await runCommand(page, 'View: Close Editor');
      return steps.join(' → ');
    });

    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    const status = (text: string | RegExp) => page.locator('.statusbar-item', { hasText: text });
    await step('a wrong corpus path: warning notification, status bar warning, no findings', async () => {
      await openFile(page, 'draft.md', 'Chairman Kim');
      await poll('squiggles before', async () => (await page.locator('.editor-instance .squiggly-warning').count()) > 0, 30_000);
      writeFileSync(settingsFile, JSON.stringify({ 'factcheck.corpus.paths': ['sourcez'] }));
      try {
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'corpus not found' });
        await poll('warning notification', async () => (await toast.count()) > 0, 60_000, 200);
        const toastText = (await toast.first().innerText()).replace(/\s+/g, ' ');
        if (!toastText.includes('sourcez')) throw new Error(`notification lacks the path: ${toastText}`);
        const openSettings = toast.first().locator('.monaco-button', { hasText: 'Open Settings' });
        await poll('"Open Settings" button visible on the notification', async () => (await openSettings.count()) > 0 && (await openSettings.first().isVisible()), 10_000);
        await poll('status bar warning', async () => (await status('corpus not found').count()) > 0, 30_000, 200);
        await poll('no findings on an empty corpus', async () => (await visibleSquiggles(page)).length === 0, 30_000, 200);
        await shot(page, '14-corpus-not-found');
        return toastText.slice(0, 200);
      } finally {
        writeFileSync(settingsFile, '{}');
        await poll('corpus back', async () => (await status(/2 articles/).count()) > 0, 60_000, 200).catch(() => undefined);
        await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
      }
    });

    await step('factcheck.enable false shows in the status bar and clears the squiggles', async () => {
      await poll('squiggles back after the corpus is fixed', async () => (await page.locator('.editor-instance .squiggly-warning').count()) > 0, 60_000, 200);
      writeFileSync(settingsFile, JSON.stringify({ 'factcheck.enable': false }));
      try {
        await poll('status bar says off', async () => (await status('Fact Check: off').count()) > 0, 30_000, 200);
        await poll('no squiggles while off', async () => (await visibleSquiggles(page)).length === 0, 30_000, 200);
        await shot(page, '15-disabled');
        return (await status('Fact Check: off').first().innerText()).trim();
      } finally {
        writeFileSync(settingsFile, '{}');
        await poll('checking again', async () => (await status(/2 articles/).count()) > 0, 60_000, 200).catch(() => undefined);
      }
    });

    await step('.factcheck/config.json people list: a confirmed name is not flagged, a near spelling is', async () => {
      await openFile(page, 'draft.md', 'Chairman Kim');
      await poll('Michael Brandt flagged before', async () => (await squigglesUnder(page, 'Michael Brandt')).length > 0, 60_000, 200);
      if ((await squigglesUnder(page, 'Caroline Leavitt')).length > 0) throw new Error('Caroline Leavitt is flagged before the people list');
      const config = path.join(workspace, '.factcheck', 'config.json');
      mkdirSync(path.dirname(config), { recursive: true });
      writeFileSync(config, JSON.stringify({ people: ['Michael Brandt', { name: 'Karoline Leavitt', aliases: ['Leavitt'] }] }, null, 2));
      try {
        await poll('Michael Brandt confirmed by the list', async () => (await squigglesUnder(page, 'Michael Brandt')).length === 0, 60_000, 200);
        await poll('Caroline Leavitt flagged for the list\'s spelling', async () => (await squigglesUnder(page, 'Caroline Leavitt')).includes('warning'), 30_000, 200);
        const h = await hoverCard(page, 'name-misspelled-people-list', 'Caroline Leavitt', 'Karoline Leavitt');
        judge('hover-name-misspelled-people-list', h);
        return h.text.split('\n').filter((l) => l.trim()).slice(0, 3).join(' | ').slice(0, 200);
      } finally {
        rmSync(config, { force: true });
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await poll('list removed: Michael Brandt flagged again', async () => (await squigglesUnder(page, 'Michael Brandt')).length > 0, 60_000, 200).catch(() => undefined);
      }
    });

    await step('Export Fact-Check Memo writes the memo beside the draft and opens it', async () => {
      await openFile(page, 'draft.md', 'Chairman Kim');
      await poll('squiggles', async () => (await page.locator('.editor-instance .squiggly-warning').count()) > 0, 60_000, 200);
      await runCommand(page, 'Fact Check: Export Fact-Check Memo');
      const md = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Markdown' });
      await poll('format choice', async () => (await md.count()) > 0, 10_000);
      await md.first().click();
      await poll('memo opened', async () => (await page.locator('.tab.active', { hasText: 'draft.factcheck.md' }).count()) > 0, 60_000, 200);
      await poll('memo shown', async () => (await editorText(page)).includes('Fact-check memo'), 10_000);
      const memo = path.join(workspace, 'draft.factcheck.md');
      if (!existsSync(memo)) throw new Error(`no memo at ${memo}`);
      const text = readFileSync(memo, 'utf8');
      for (const want of ['Ryu Hyunwoo', 'quote-misattributed']) if (!text.includes(want)) throw new Error(`memo lacks "${want}"`);
      await shot(page, '16-memo');
      // The memo quotes the draft and its sources: it is a record, not a draft, and must not be checked.
      const checked = await poll('squiggles on the memo', async () => (await visibleSquiggles(page)).length > 0, 4_000, 100).then(() => true, () => false);
      if (checked) throw new Error(`the memo draft.factcheck.md is checked as a draft: squiggles ${(await visibleSquiggles(page)).join(', ')} on screen (see 16-memo.png)`);
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'memo written' });
      const said = (await toast.count()) > 0 ? (await toast.first().innerText()).replace(/\s+/g, ' ') : '';
      return `${text.split('\n').length} lines; ${said.slice(0, 160)}`;
    });
    if (defects.length > 0) log(`hover defects:\n  ${defects.join('\n  ')}`);
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
  if (judgements.length > 0) log(`hover screenshots, as judged:\n  ${judgements.join('\n  ')}`);
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
