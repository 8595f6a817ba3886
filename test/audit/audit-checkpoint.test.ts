import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileAuditAnchor } from '../../src/adapters/audit/file-audit-anchor.js';
import { recordAudit } from '../../src/app/audit/record-audit.js';
import { anchorAuditHead, verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { formatCheckpointLine } from '../../src/core/audit/audit-checkpoint.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const KEY = 'k'.repeat(40);
const ACTOR = { name: 'cli:test', tokenId: null, address: 'local' };

/** A database with `count` audited changes and its signed checkpoint file, anchored after each. */
async function anchoredDatabase(count: number) {
  const dir = makeTempDir('tollgate-anchor-');
  const db = join(dir, 'audit.duckdb');
  const file = join(dir, 'audit.head');
  await withStores(db, async (stores) => {
    for (let n = 1; n <= count; n++) {
      await recordAudit(stores, ACTOR, { action: 'test.note', target: `note:${n}` });
      await anchorAuditHead(stores, new FileAuditAnchor(file, KEY));
    }
  });
  const verify = (key: string | null = KEY) =>
    withStores(db, (stores) => verifyAuditLog(stores, undefined, new FileAuditAnchor(file, key)));
  const sql = (text: string) => withStores(db, (stores) => stores.fileEngine.run(text));
  return { db, file, verify, sql };
}

describe('the audit head kept apart (signed checkpoint file)', () => {
  it('checks an intact log against its furthest signed checkpoint', async () => {
    const { file, verify } = await anchoredDatabase(3);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 3);
    const result = await verify();
    assert.equal(result.ok, true, JSON.stringify(result.problem));
    assert.deepEqual(
      { seq: result.checkpoint?.seq, signed: result.checkpoint?.signed, head: result.checkpoint?.hash },
      { seq: 3, signed: true, head: result.headHash },
    );
  });

  it('finds entries cut from the end without being told the head', async () => {
    const { verify, sql } = await anchoredDatabase(4);
    await sql('DELETE FROM audit_log WHERE seq >= 3');
    const result = await verify();
    assert.equal(result.ok, false);
    assert.equal(result.entries, 2);
    assert.deepEqual([result.problem?.seq, result.problem?.problem], [3, 'missing']);
    assert.match(result.problem!.message, /ends at entry 2, but the checkpoint kept apart .* reach entry 4/);
  });

  it('finds a cut end written over with new entries (the old checkpoints no longer match)', async () => {
    const { db, verify, sql } = await anchoredDatabase(4);
    await sql('DELETE FROM audit_log WHERE seq >= 3');
    await withStores(db, async (stores) => {
      for (const n of [3, 4, 5])
        await recordAudit(stores, ACTOR, { action: 'test.forged', target: `note:${n}` });
    });
    const result = await verify();
    assert.deepEqual([result.ok, result.problem?.seq, result.problem?.problem], [false, 3, 'missing']);
    assert.match(result.problem!.message, /Entry 3 does not have the hash/);
  });

  it('never moves the checkpoint back: anchoring a shortened log appends nothing', async () => {
    const { db, file, sql } = await anchoredDatabase(3);
    await sql('DELETE FROM audit_log WHERE seq = 3');
    const before = readFileSync(file, 'utf8');
    await withStores(db, (stores) => anchorAuditHead(stores, new FileAuditAnchor(file, KEY)));
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  const forgeries: [string, (head: { seq: number; hash: string }) => string][] = [
    [
      'a checkpoint signed with another key',
      (head) => formatCheckpointLine({ ...head, seq: 9 }, '2026-01-01T00:00:00.000Z', 'x'.repeat(40)),
    ],
    [
      'an unsigned checkpoint while a key is set',
      (head) => formatCheckpointLine({ ...head, seq: 9 }, '2026-01-01T00:00:00.000Z', null),
    ],
    ['a line that is not a checkpoint', () => '{"seq":"nine"}\n'],
  ];
  for (const [what, line] of forgeries) {
    it(`refuses ${what} written into the file`, async () => {
      const { file, verify } = await anchoredDatabase(2);
      const intact = await verify();
      appendFileSync(file, line({ seq: 2, hash: intact.headHash }));
      const result = await verify();
      assert.deepEqual([result.ok, result.problem?.problem], [false, 'bad-checkpoint']);
      assert.match(result.problem!.message, /does not verify: line 3/);
      // The forged line is not taken as the head.
      assert.equal(result.checkpoint?.seq, 2);
    });
  }

  it('the CLI keeps the checkpoint beside its database after each change, and audit verify finds a cut end', async () => {
    const dir = makeTempDir('tollgate-anchor-cli-');
    const db = join(dir, 'cli.duckdb');
    const env = { TOLLGATE_AUDIT_KEY: KEY };
    for (const name of ['ann', 'bob'])
      assert.equal((await runCli(['--db', db, 'users', 'add', name, '--role', 'viewer'], { env })).code, 0);
    assert.ok(existsSync(`${db}.audit-head`), 'checkpoint file beside the database');
    const intact = await runCli(['--db', db, 'audit', 'verify'], { env });
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(
      intact.stdout,
      /intact: 2 entries.*signed checkpoint kept in .*cli\.duckdb\.audit-head \(entry 2/,
    );
    await withStores(db, (stores) => stores.fileEngine.run('DELETE FROM audit_log WHERE seq = 2'));
    const cut = await runCli(['--db', db, 'audit', 'verify'], { env });
    assert.equal(cut.code, 1);
    assert.match(
      cut.stderr,
      /error \[AUDIT_CHAIN_BROKEN\]: The log ends at entry 1, but the checkpoint kept apart/,
    );
    const wrongKey = await runCli(['--db', db, 'audit', 'verify'], {
      env: { TOLLGATE_AUDIT_KEY: 'z'.repeat(40) },
    });
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stderr, /does not verify: line 1 \(entry 1\) is not signed with the audit key/);
  });
});
