import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { verifyPassword } from '../../src/core/access/password-hash.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { CLI_PATH, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

async function readTable(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function runWithStdin(
  args: string[],
  input: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('tollgate users and tokens', () => {
  const db = join(makeTempDir('tollgate-users-'), 'users.duckdb');
  const tg = (...args: string[]) => runCli(['--db', db, ...args]);

  it('adds the first admin, a scoped budget owner with a password, and lists them', async () => {
    assert.equal((await tg('users', 'add', 'root-admin', '--role', 'admin')).code, 0);
    const owner = await runWithStdin(
      [
        '--db',
        db,
        'users',
        'add',
        'pat@example.com',
        '--role',
        'budget-owner',
        '--scope',
        'payments',
        '--password-stdin',
        '--json',
      ],
      'correct horse battery staple\n',
    );
    assert.equal(owner.code, 0, owner.stderr);
    assert.deepEqual(JSON.parse(owner.stdout).scopes, ['payments']);
    const list = JSON.parse((await tg('users', 'list', '--json')).stdout);
    assert.deepEqual(
      list.map((user: { name: string; role: string; hasPassword: boolean }) => [
        user.name,
        user.role,
        user.hasPassword,
      ]),
      [
        ['pat@example.com', 'budget-owner', true],
        ['root-admin', 'admin', false],
      ],
    );
    assert.ok(!JSON.stringify(list).includes('scrypt'), 'no password hash is shown');
    const [row] = await readTable(db, "SELECT password_hash FROM users WHERE name = 'pat@example.com'");
    assert.match(String(row!.password_hash), /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('correct horse battery staple', String(row!.password_hash)), true);
    assert.equal(await verifyPassword('wrong horse battery staple', String(row!.password_hash)), false);
  });

  it('creates a token shown once and stored only as a hash, lists and revokes it', async () => {
    const created = await tg(
      'tokens',
      'create',
      '--user',
      'root-admin',
      '--label',
      'ci',
      '--expires-in',
      '30d',
      '--json',
    );
    assert.equal(created.code, 0, created.stderr);
    const { token, id, expiresAt } = JSON.parse(created.stdout);
    assert.match(token, /^tg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    assert.ok(Date.parse(expiresAt) > Date.now() + 29 * 86_400_000);
    const stored = await readTable(db, 'SELECT * FROM api_tokens');
    assert.ok(!JSON.stringify(stored).includes(token.slice(16)), 'the secret is not stored');
    const listed = await tg('tokens', 'list');
    assert.match(listed.stdout, new RegExp(`${id}\\s+root-admin\\s+ci`));
    assert.ok(!listed.stdout.includes(token.slice(16)));
    const revoked = await tg('tokens', 'revoke', id);
    assert.equal(revoked.code, 0, revoked.stderr);
    const again = await tg('tokens', 'revoke', id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /TOKEN_ALREADY_REVOKED/);
  });

  it('refuses bad input with a clear message, a non-zero exit and the database as it was', async () => {
    const before = await snapshotDatabase(db);
    const cases: [string[], string, number][] = [
      [['users', 'add', 'Bad Name', '--role', 'viewer'], 'USER_BAD_NAME', 2],
      [['users', 'add', 'eve', '--role', 'root'], 'ACCESS_BAD_ROLE', 2],
      [['users', 'add', 'eve', '--role', 'budget-owner'], 'USER_SCOPE_REQUIRED', 2],
      [['users', 'add', 'eve', '--role', 'approver', '--scope', '../etc'], 'USER_BAD_SCOPE', 2],
      [['users', 'add', 'root-admin', '--role', 'viewer'], 'USER_EXISTS', 1],
      [['users', 'remove', 'nobody'], 'USER_NOT_FOUND', 1],
      [['tokens', 'create', '--user', 'nobody'], 'USER_NOT_FOUND', 1],
      [['tokens', 'create', '--user', 'root-admin', '--expires-in', 'forever'], 'TOKEN_BAD_EXPIRY', 2],
      [['tokens', 'create', '--user', 'root-admin', '--expires-in', '0d'], 'TOKEN_BAD_EXPIRY', 2],
      [['tokens', 'revoke', 'ffffffffffff'], 'TOKEN_NOT_FOUND', 1],
    ];
    for (const [args, code, exit] of cases) {
      const result = await tg(...args);
      assert.equal(result.code, exit, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`error \\[${code}\\]`), args.join(' '));
    }
    const unscoped = await tg('users', 'add', 'eve', '--role', 'approver');
    assert.match(
      unscoped.stderr,
      /at least one team with --scope, for example payments/,
      'named as the CLI names it',
    );
    const weak = await runWithStdin(
      ['--db', db, 'users', 'add', 'eve', '--role', 'viewer', '--password-stdin'],
      'short\n',
    );
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /USER_WEAK_PASSWORD/);
    assert.deepEqual(await snapshotDatabase(db), before);
  });

  it('removing a user revokes their tokens; every change is in the audit log', async () => {
    const created = JSON.parse((await tg('tokens', 'create', '--user', 'pat@example.com', '--json')).stdout);
    const removed = await tg('users', 'remove', 'pat@example.com', '--json');
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(JSON.parse(removed.stdout).revokedTokens, [created.id]);
    const actions = (await tg('audit', 'export')).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).action);
    assert.deepEqual(actions, [
      'users.add',
      'users.add',
      'tokens.create',
      'tokens.revoke',
      'tokens.create',
      'users.remove',
    ]);
    const verify = await tg('audit', 'verify');
    assert.equal(verify.code, 0);
  });
});
