/**
 * The team's `.factcheck/config.json`: validation (every bad part reported and
 * left out, JSON errors with their line), finding it walking up from a draft,
 * reading it safely, its corpus paths, and how the workspace applies it over
 * the settings (the file wins for its folder; what it leaves out keeps the
 * settings' value).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { configCorpusRoots, findTeamConfig, MAX_CONFIG_BYTES, parseTeamConfig, readTeamConfig, teamConfigPath } from '../../server/src/host/teamConfig';
import { checkConfigFor, parseSettings, withTeamConfig } from '../../server/src/lsp/settings';
import { Workspace } from '../../server/src/lsp/workspace';

const file = path.resolve('/repo/.factcheck/config.json');

describe('parseTeamConfig', () => {
  test('a full file', () => {
    const text = JSON.stringify({
      corpus: { paths: ['sources', '${workspaceFolder}/archive'] },
      severity: { 'quote-unsourced': 'off', 'quote-altered': 'error' },
      people: ['Maria Gonzalez', { name: 'Karoline Leavitt', aliases: ['Leavitt'], role: 'White House press secretary', note: 'not Caroline' }],
    });
    const { config, problems } = parseTeamConfig(text, file);
    assert.deepEqual(problems, []);
    assert.equal(config?.root, path.resolve('/repo'));
    assert.deepEqual(config?.corpusPaths, ['sources', '${workspaceFolder}/archive']);
    assert.deepEqual(config?.severity, { 'quote-unsourced': 'off', 'quote-altered': 'error' });
    assert.deepEqual(config?.people, [
      { name: 'Maria Gonzalez' },
      { name: 'Karoline Leavitt', aliases: ['Leavitt'], roles: ['White House press secretary'] },
    ]);
  });

  test('a JSON error names its line and column, and nothing of the file is used', () => {
    const text = '{\n  "severity": {\n    "quote-altered": "error",\n  }\n}\n';
    const { config, problems } = parseTeamConfig(text, file);
    assert.equal(config, undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^not valid JSON \(line 4, column 3: .+\); the file is not used$/);
    assert.match(parseTeamConfig('{"people": [', file).problems[0], /line 1, column 13/);
  });

  test('bad parts are reported and left out, the rest is kept', () => {
    const text = JSON.stringify({
      corpus: 'sources',
      severity: { 'quote-altered': 'loud', 'name-unknown': 'off', 'no-such-code': 'error' },
      people: ['Ann Lee', 42, { aliases: ['x'] }, { name: 'Bo Chen', aliases: 'Chen' }, { name: 'Cy Dow', roles: [1] }],
      colour: 'blue',
    });
    const { config, problems } = parseTeamConfig(text, file);
    assert.equal(config?.corpusPaths, undefined);
    assert.deepEqual(config?.severity, { 'name-unknown': 'off' });
    assert.deepEqual(config?.people, [{ name: 'Ann Lee' }, { name: 'Bo Chen', aliases: ['Chen'] }]);
    const all = problems.join('\n');
    assert.match(all, /unknown key "colour"/);
    assert.match(all, /"corpus" must be/);
    assert.match(all, /"severity\.quote-altered" must be one of/);
    assert.match(all, /unknown finding code under "severity": "no-such-code"/);
    assert.match(all, /3 entries of "people" left out \(#2, #3, #5\)/);
    assert.match(parseTeamConfig('[1, 2]', file).problems[0], /must hold a JSON object/);
  });

  test('corpus paths: relative to the folder holding .factcheck, ${workspaceFolder} and ~ expanded', () => {
    const { config } = parseTeamConfig(JSON.stringify({ corpus: { paths: ['sources', '../shared', '${workspaceFolder}/x', '~/desk', '/abs/y'] } }), file);
    assert.deepEqual(configCorpusRoots(config!, path.resolve('/ws'), path.resolve('/home/me')), [
      path.resolve('/repo/sources'),
      path.resolve('/shared'),
      path.resolve('/ws/x'),
      path.resolve('/home/me/desk'),
      path.resolve('/abs/y'),
    ]);
    assert.deepEqual(configCorpusRoots(config!, undefined, '/h')?.[2], path.resolve('/repo/x'), 'without an editor, the folder holding .factcheck');
    assert.equal(configCorpusRoots(parseTeamConfig('{}', file).config!), undefined, 'no corpus: the settings decide');
  });
});

describe('finding and reading the file', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'factcheck-teamconfig-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const repo = path.join(tmp, 'repo');
  mkdirSync(path.join(repo, '.factcheck'), { recursive: true });
  mkdirSync(path.join(repo, 'desk', 'politics', '.factcheck'), { recursive: true });
  mkdirSync(path.join(repo, 'desk', 'sport'), { recursive: true });
  writeFileSync(teamConfigPath(repo), '{"severity": {"name-unknown": "off"}}');
  writeFileSync(teamConfigPath(path.join(repo, 'desk', 'politics')), '{"people": ["Ann Lee"]}');

  test('the nearest file walking up from the draft, not above the boundary', async () => {
    assert.equal(await findTeamConfig(path.join(repo, 'desk', 'sport')), teamConfigPath(repo));
    assert.equal(await findTeamConfig(path.join(repo, 'desk', 'politics')), teamConfigPath(path.join(repo, 'desk', 'politics')));
    assert.equal(await findTeamConfig(path.join(repo, 'desk', 'sport'), path.join(repo, 'desk')), undefined, 'stops at the boundary');
    assert.equal(await findTeamConfig(tmp, repo), undefined, 'a start outside the boundary finds nothing');
  });

  test('read safely: a link out of the folder, a linked file and an oversized file are refused with a reason', async () => {
    assert.deepEqual((await readTeamConfig(teamConfigPath(repo), repo)).config?.severity, { 'name-unknown': 'off' });
    const outside = path.join(tmp, 'elsewhere');
    mkdirSync(path.join(outside, '.factcheck'), { recursive: true });
    writeFileSync(teamConfigPath(outside), '{"corpus": {"paths": ["/etc"]}}');
    const linked = path.join(tmp, 'linked');
    mkdirSync(linked);
    symlinkSync(path.join(outside, '.factcheck'), path.join(linked, '.factcheck'));
    const out = await readTeamConfig(teamConfigPath(linked), linked);
    assert.equal(out.config, undefined);
    assert.match(out.problems[0], /leads outside the workspace folder/);
    const fileLink = path.join(tmp, 'filelink');
    mkdirSync(path.join(fileLink, '.factcheck'), { recursive: true });
    symlinkSync(teamConfigPath(outside), teamConfigPath(fileLink));
    assert.match((await readTeamConfig(teamConfigPath(fileLink), fileLink)).problems[0], /symbolic link; not followed/);
    const big = path.join(tmp, 'big');
    mkdirSync(path.join(big, '.factcheck'), { recursive: true });
    writeFileSync(teamConfigPath(big), `{"people": [${'"A B",'.repeat(MAX_CONFIG_BYTES / 6)}"C D"]}`);
    assert.match((await readTeamConfig(teamConfigPath(big), big)).problems[0], /larger than 1024 KB; not read/);
  });

  test('the workspace applies the nearest file over the settings, and forgets it when it changes', async () => {
    const warnings: string[] = [];
    const ws = new Workspace({ warn: (m) => warnings.push(m), log: () => undefined }, { bundledCorpusDir: path.join(tmp, 'bundled'), homeDir: tmp });
    const settings = { severity: { 'name-unknown': 'warning', 'quote-altered': 'error' }, corpus: { paths: ['sourcez'] } };
    ws.initialize([{ uri: pathToFileURL(repo).href, name: 'repo' }], true, async () => settings);
    const sport = await ws.resolve(pathToFileURL(path.join(repo, 'desk', 'sport', 'a.md')).href);
    assert.equal(sport.settings.severity['name-unknown'], 'off', 'the file wins');
    assert.equal(sport.settings.severity['quote-altered'], 'error', 'what the file leaves out keeps the settings');
    assert.deepEqual(sport.corpusRoots, [path.join(repo, 'sourcez')], 'no corpus in the file: the settings decide');
    assert.equal(sport.teamConfig?.file, teamConfigPath(repo));
    const politics = await ws.resolve(pathToFileURL(path.join(repo, 'desk', 'politics', 'b.md')).href);
    assert.deepEqual(politics.settings.people, [{ name: 'Ann Lee' }]);
    assert.deepEqual(politics.checkConfig.people, [{ name: 'Ann Lee' }]);
    assert.equal(politics.settings.severity['name-unknown'], 'warning', 'the nearest file only; it does not inherit');
    assert.equal((await ws.resolveAll()).length, 2, 'the nested configuration is in use');
    writeFileSync(teamConfigPath(repo), '{"corpus": {"paths": ["sources"]}, "severity": {"name-unknown": "oops"}}');
    const stale = await ws.resolve(pathToFileURL(path.join(repo, 'a.md')).href);
    assert.deepEqual(stale.corpusRoots, [path.join(repo, 'sourcez')], 'cached until told');
    ws.teamConfigChanged();
    const fresh = await ws.resolve(pathToFileURL(path.join(repo, 'a.md')).href);
    assert.deepEqual(fresh.corpusRoots, [path.join(repo, 'sources')]);
    assert.equal(fresh.teamConfig?.setsCorpus, true);
    assert.equal(fresh.settings.severity['name-unknown'], 'warning', 'a bad value keeps the settings');
    await new Promise((r) => setImmediate(r));
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /config\.json: "severity\.name-unknown" must be one of/);
    writeFileSync(teamConfigPath(repo), '{"corpus": ');
    ws.teamConfigChanged();
    const broken = await ws.resolve(pathToFileURL(path.join(repo, 'a.md')).href);
    assert.deepEqual(broken.corpusRoots, [path.join(repo, 'sourcez')], 'a file that does not parse falls back to the settings');
    await new Promise((r) => setImmediate(r));
    assert.match(warnings[1], /not valid JSON \(line 1, column \d+: .*\); the file is not used\. Using the settings instead\./);
    assert.ok(await ws.isCorpusFile(path.join(repo, 'sourcez', 'x.md')));
    assert.ok(await ws.isCorpusFile(path.join(tmp, 'bundled', 'y.txt')), 'the bundled corpus is a source whatever the settings');
    assert.ok(!(await ws.isCorpusFile(path.join(repo, 'draft.md'))));
  });
});

describe('settings', () => {
  test('factcheck.run: onType by default, onSave when asked, a bad value reported', () => {
    assert.equal(parseSettings({}).settings.run, 'onType');
    assert.equal(parseSettings({ run: 'onSave' }).settings.run, 'onSave');
    const bad = parseSettings({ run: 'sometimes' });
    assert.equal(bad.settings.run, 'onType');
    assert.match(bad.problems[0], /"factcheck.run" must be "onType" or "onSave"/);
  });

  test('${workspaceFolder} in the corpus paths setting', async () => {
    const ws = new Workspace({ warn: () => undefined, log: () => undefined }, { bundledCorpusDir: '/b', homeDir: '/h' });
    ws.initialize([{ uri: pathToFileURL(path.resolve('/ws')).href, name: 'ws' }], false, async () => ({ corpus: { paths: ['${workspaceFolder}/sources'] } }));
    assert.deepEqual((await ws.resolve(pathToFileURL(path.resolve('/ws/d.md')).href)).corpusRoots, [path.resolve('/ws/sources')]);
  });

  test('withTeamConfig: the file wins per key; no people list keeps the engine configuration as it was', () => {
    const base = parseSettings({ severity: { 'quote-altered': 'error' } }).settings;
    const { config } = parseTeamConfig('{"severity": {"quote-unsourced": "off"}, "people": ["Ann Lee"]}', file);
    const merged = withTeamConfig(base, config!, undefined);
    assert.equal(merged.severity['quote-altered'], 'error');
    assert.equal(merged.severity['quote-unsourced'], 'off');
    assert.equal(base.severity['quote-unsourced'], 'information', 'the settings object is not changed');
    assert.equal(checkConfigFor(base).people, undefined);
    assert.deepEqual(checkConfigFor(merged).people, [{ name: 'Ann Lee' }]);
  });
});
