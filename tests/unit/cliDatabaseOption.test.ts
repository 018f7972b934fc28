/**
 * The CLI's database options without a database: `--db` / FACTCHECK_DATABASE_URL
 * resolution, parsing of `ingest` and `db init`, and that no message ever
 * carries a password (URLs masked, errors described in the user's words).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { describeDatabaseError, maskDatabaseUrl, resolveDatabaseUrl } from '../../server/src/cli/databaseOption';
import { runCli } from '../../server/src/cli/main';

// The tests name their databases themselves.
delete process.env.FACTCHECK_DATABASE_URL;

test('the database URL comes from --db, else FACTCHECK_DATABASE_URL', () => {
  assert.equal(resolveDatabaseUrl('postgres://a@h/db', { FACTCHECK_DATABASE_URL: 'postgres://b@h/db' }), 'postgres://a@h/db');
  assert.equal(resolveDatabaseUrl(undefined, { FACTCHECK_DATABASE_URL: 'postgres://b@h/db' }), 'postgres://b@h/db');
  assert.equal(resolveDatabaseUrl(undefined, { FACTCHECK_DATABASE_URL: '  ' }), undefined);
  assert.equal(resolveDatabaseUrl(undefined, {}), undefined);
});

test('passwords are masked in URLs and in error messages', () => {
  assert.equal(maskDatabaseUrl('postgres://ann:s3cr3t-pw@db.example:5432/news'), 'postgres://ann:***@db.example:5432/news');
  assert.equal(maskDatabaseUrl('postgres://ann@db.example/news?password=s3cr3t-pw&sslmode=require'), 'postgres://ann@db.example/news?password=***&sslmode=require');
  assert.equal(maskDatabaseUrl('postgres://ann@db.example/news'), 'postgres://ann@db.example/news');
  const url = 'postgres://ann:s3cr3t-pw@db.example/news';
  const refused = describeDatabaseError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), url);
  assert.match(refused, /cannot reach the corpus database postgres:\/\/ann:\*\*\*@db\.example\/news/);
  const login = describeDatabaseError(Object.assign(new Error('password authentication failed for user "ann"'), { code: '28P01' }), url);
  assert.match(login, /refused the login.*PGPASSWORD or ~\/\.pgpass/);
  const other = describeDatabaseError(new Error(`something odd with ${url} and s3cr3t-pw`), url);
  assert.ok(!other.includes('s3cr3t-pw'), other);
  assert.match(describeDatabaseError(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), url), /took too long/);
  assert.match(describeDatabaseError(Object.assign(new Error('database "news" does not exist'), { code: '3D000' }), url), /does not exist/);
});

test('ingest and db init parse; --db with --corpus is refused', () => {
  assert.deepEqual(parseArgs(['ingest', '--db', 'postgres://h/db', '--prune', 'a', 'b']), { kind: 'ingest', db: 'postgres://h/db', prune: true, paths: ['a', 'b'] });
  assert.deepEqual(parseArgs(['ingest', 'a']), { kind: 'ingest', db: undefined, prune: false, paths: ['a'] });
  assert.deepEqual(parseArgs(['db', 'init', '--db=postgres://h/db']), { kind: 'db-init', db: 'postgres://h/db' });
  assert.throws(() => parseArgs(['ingest', '--db', 'postgres://h/db']), UsageError);
  assert.throws(() => parseArgs(['db', 'drop']), UsageError);
  assert.throws(() => parseArgs(['check', '--db=', 'x.md']), UsageError);
  assert.throws(() => parseArgs(['check', '--prune', 'x.md']), UsageError);
  assert.equal((parseArgs(['check', '--db', 'postgres://h/db', 'x.md']) as { db?: string }).db, 'postgres://h/db');
});

test('a check against an unreachable database says so, exit 2, no password printed', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: process.cwd() };
  const code = await runCli(['search', '--db', 'postgres://ann:s3cr3t-pw@127.0.0.1:1/news', 'talks'], io);
  assert.equal(code, 2);
  assert.match(err.join('\n'), /cannot reach the corpus database postgres:\/\/ann:\*\*\*@127\.0\.0\.1:1\/news/);
  assert.ok(!err.join('\n').includes('s3cr3t-pw'));
  assert.equal(await runCli(['check', '--db', 'postgres://h/db', '--corpus', 'c', 'x.md'], io), 2);
  assert.equal(await runCli(['ingest', 'nowhere'], { ...io }), 2, 'ingest without a database URL is a usage error');
});
