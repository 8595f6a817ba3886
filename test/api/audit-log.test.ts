import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser, removeUser } from '../../src/app/access/manage-users.js';
import { recordAudit } from '../../src/app/audit/record-audit.js';
import { verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { verifyChain } from '../../src/core/audit/audit-chain.js';
import type { Stores } from '../../src/ports/stores.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { FOCUS_SAMPLE_PATH } from '../support/focus-sample.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startApi, TEST_ACTOR, waitForJob } from './api-harness.js';

async function withDatabase<T>(path: string, work: (stores: Stores) => Promise<T>): Promise<T> {
  const stores = await openTollgate(loadConfig({ db: path }, {}));
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

/** A database with five audited changes, made through the use cases. */
async function auditedDatabase(): Promise<string> {
  const path = join(makeTempDir('tollgate-audit-'), 'audit.duckdb');
  await withDatabase(path, async (stores) => {
    await addUser(stores, TEST_ACTOR, { name: 'alice', role: 'admin', scopes: [] });
    await addUser(stores, TEST_ACTOR, { name: 'bob', role: 'viewer', scopes: [] });
    await createToken(stores, TEST_ACTOR, { user: 'bob', label: 'ci', expiresIn: '1d' });
    await removeUser(stores, TEST_ACTOR, 'bob');
    await recordAudit(stores, TEST_ACTOR, {
      action: 'test.note',
      target: 'note:1',
      after: { amount: '12.3400000000' },
    });
  });
  return path;
}

async function tamper(path: string, sql: string): Promise<void> {
  await withDatabase(path, (stores) => stores.fileEngine.run(sql));
}

describe('the hash-chained audit log', () => {
  it('verifies an untouched log and reports its head', async () => {
    const path = await auditedDatabase();
    const result = await withDatabase(path, (stores) => verifyAuditLog(stores));
    assert.equal(result.ok, true);
    assert.equal(result.entries, 5);
    assert.match(result.headHash, /^[0-9a-f]{64}$/);
    const cli = await runCli(['--db', path, 'audit', 'verify', '--json']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(JSON.parse(cli.stdout).entries, 5);
  });

  const tampering: [string, string, number, string][] = [
    ['an edited entry', `UPDATE audit_log SET after_json = '{"amount":"99.0"}' WHERE seq = 5`, 5, 'edited'],
    ['an edited actor', `UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 2`, 2, 'edited'],
    ['a deleted entry', 'DELETE FROM audit_log WHERE seq = 3', 3, 'missing'],
    [
      'two entries swapped',
      'UPDATE audit_log SET seq = CASE seq WHEN 2 THEN 3 ELSE 2 END WHERE seq IN (2, 3)',
      2,
      'broken-link',
    ],
  ];
  for (const [name, sql, seq, problem] of tampering) {
    it(`finds ${name} and says where (CLI exit 1)`, async () => {
      const path = await auditedDatabase();
      await tamper(path, sql);
      const result = await withDatabase(path, (stores) => verifyAuditLog(stores));
      assert.equal(result.ok, false);
      assert.equal(result.problem!.seq, seq);
      assert.equal(result.problem!.problem, problem);
      const cli = await runCli(['--db', path, 'audit', 'verify']);
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, /error \[AUDIT_CHAIN_BROKEN\]: Entry \d/);
    });
  }

  it('finds entries removed from the end when given the head recorded earlier', async () => {
    const path = await auditedDatabase();
    const head = (await withDatabase(path, (stores) => verifyAuditLog(stores))).headHash;
    await tamper(path, 'DELETE FROM audit_log WHERE seq = 5');
    const cli = await runCli(['--db', path, 'audit', 'verify', '--expect-head', head]);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /ends at entry 4/);
  });

  it('a failed change writes no audit entry (the entry shares its transaction)', async () => {
    const path = await auditedDatabase();
    const before = await snapshotDatabase(path);
    const cli = await runCli(['--db', path, 'users', 'add', 'alice', '--role', 'admin']);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /USER_EXISTS/);
    const badRole = await runCli(['--db', path, 'users', 'add', 'carol', '--role', 'emperor']);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /ACCESS_BAD_ROLE/);
    assert.deepEqual(await snapshotDatabase(path), before);
  });

  it('exports JSON lines, filtered, that still verify as a chain when complete', async () => {
    const path = await auditedDatabase();
    const out = join(makeTempDir(), 'audit.jsonl');
    const cli = await runCli(['--db', path, 'audit', 'export', '--output', out]);
    assert.equal(cli.code, 0, cli.stderr);
    const entries = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(entries.length, 5);
    assert.equal(verifyChain(entries), undefined);
    const users = await runCli(['--db', path, 'audit', 'export', '--action', 'users']);
    assert.deepEqual(
      users.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).action),
      ['users.add', 'users.add', 'users.remove'],
    );
    const badSince = await runCli(['--db', path, 'audit', 'export', '--since', "2026' OR 1=1"]);
    assert.equal(badSince.code, 2);
  });

  it('GET /api/v1/audit filters by actor, action, target and time, and pages', async () => {
    const api = await startApi();
    await api.json('/api/v1/tokens/000000000000', { method: 'DELETE' });
    const all = await api.json('/api/v1/audit?limit=5');
    assert.equal(all.status, 200);
    assert.equal(all.body.entries.length, 5);
    const next = await api.json(`/api/v1/audit?afterSeq=${all.body.nextAfterSeq}&limit=1000`);
    assert.equal(next.body.entries[0].seq, 6);
    const tokens = await api.json('/api/v1/audit?action=tokens&actor=cli:test&limit=1000');
    assert.equal(tokens.body.entries.length, 6);
    assert.ok(tokens.body.entries.every((entry: { action: string }) => entry.action === 'tokens.create'));
    const one = await api.json('/api/v1/audit?target=user:viewer-user');
    assert.equal(one.body.entries.length, 1);
    const future = await api.json('/api/v1/audit?since=2999-01-01T00:00:00Z');
    assert.deepEqual(future.body.entries, []);
    const injected = await api.json(`/api/v1/audit?actor=${encodeURIComponent("x' OR '1'='1")}`);
    assert.equal(injected.status, 200);
    assert.deepEqual(injected.body.entries, []);
    const badTime = await api.json('/api/v1/audit?since=yesterday');
    assert.equal(badTime.status, 400);
    const exported = await api.request('/api/v1/audit/export?action=tokens');
    assert.equal(exported.headers.get('content-type'), 'application/x-ndjson');
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      lines.map((entry) => entry.action),
      ['tokens.create', 'tokens.create', 'tokens.create', 'tokens.create', 'tokens.create', 'tokens.create'],
    );
  });

  it('ingest and sources remove write audit entries from the command line and over HTTP', async () => {
    const path = join(makeTempDir('tollgate-audit-'), 'loads.duckdb');
    assert.equal((await runCli(['--db', path, 'ingest', FOCUS_SAMPLE_PATH])).code, 0);
    assert.equal(
      (await runCli(['--db', path, 'ingest', FOCUS_SAMPLE_PATH])).code,
      0,
      'already loaded: no change, no entry',
    );
    assert.equal((await runCli(['--db', path, 'sources', 'remove', '1'])).code, 0);
    assert.equal((await runCli(['--db', path, 'sources', 'remove', '1'])).code, 1, 'refused: no entry');
    const entries = (await runCli(['--db', path, 'audit', 'export'])).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.target]),
      [
        ['ingest.load', 'load:1'],
        ['sources.remove', 'load:1'],
      ],
    );
    assert.match(entries[0].actor, /^cli:/);
    assert.equal(entries[1].before.status, 'active');
    assert.equal(entries[1].after.status, 'removed');

    const api = await startApi();
    const upload = await api.json('/api/v1/ingest?filename=focus.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: readFileSync(FOCUS_SAMPLE_PATH),
    });
    await waitForJob(api, upload.body.id);
    const removed = await api.json('/api/v1/sources/1', { method: 'DELETE', role: 'finance-admin' });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.equal(removed.body.linesDeleted, 1000);
    const [entry] = await api.stores.access.audit.listEntries({ action: 'sources.remove' });
    assert.equal(entry!.actor, 'user:finance-admin-user');
    assert.equal(entry!.address, '127.0.0.1');
    assert.equal(
      (await api.json('/api/v1/sources/1', { method: 'DELETE' })).body.error.code,
      'SOURCE_NOT_FOUND',
    );
    assert.equal(
      (await api.json('/api/v1/sources/abc', { method: 'DELETE' })).body.error.code,
      'SOURCE_BAD_ID',
    );
    assert.equal((await verifyAuditLog(api.stores)).ok, true);
  });
});
