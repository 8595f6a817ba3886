import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDuckDbAuditLog } from '../../src/adapters/duckdb/duckdb-audit-writer.js';
import {
  type AppendColumn,
  DuckDbDatabase,
  timestampValue,
} from '../../src/adapters/duckdb/duckdb-database.js';
import { DuckDbDecisionAppender } from '../../src/adapters/duckdb/duckdb-decision-appender.js';
import { duckDbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { loadMigrations, migrateDuckDb } from '../../src/adapters/duckdb/duckdb-migrations.js';
import { SqlDecisionLog } from '../../src/adapters/sql/governance/sql-decision-log.js';
import { chainEntry, GENESIS_HASH, verifyChain } from '../../src/core/audit/audit-chain.js';
import { makeTempDir } from '../support/temp-dir.js';

/** The embedded decision log as the composition root builds it. */
function decisionLog(db: DuckDbDatabase): SqlDecisionLog {
  return new SqlDecisionLog(db, duckDbDialect, new DuckDbDecisionAppender(db));
}

const dir = makeTempDir();
const COLUMNS: readonly AppendColumn[] = ['bigint', 'timestamp', 'varchar'];

async function openWithTable(name: string): Promise<DuckDbDatabase> {
  const db = await DuckDbDatabase.open({ path: join(dir, name), memoryLimit: '128MB', threads: 1 });
  await db.run('CREATE TABLE entries (n BIGINT PRIMARY KEY, happened TIMESTAMP NOT NULL, note VARCHAR)');
  return db;
}

async function rows(db: DuckDbDatabase) {
  return db.all<{ n: string; at: string; note: string | null }>(
    "SELECT n::VARCHAR AS n, strftime(happened, '%Y-%m-%dT%H:%M:%S.%fZ') AS at, note FROM entries ORDER BY n",
  );
}

describe('DuckDbDatabase.append (rows held back until the next statement or the commit)', () => {
  let db: DuckDbDatabase;
  before(async () => {
    db = await openWithTable('append.duckdb');
  });
  after(() => db.close());

  it('commits appended rows with the transaction, exactly as given', async () => {
    await db.transaction(async () => {
      await db.append('entries', COLUMNS, [
        [1, '2026-03-01T10:00:00.123456Z', "it's quoted; DROP TABLE entries; --"],
        [2n, '2026-03-01T12:00:00+02:00', null],
        [3, '2026-03-01', 'ünïcødé and "double" quotes and a \\ backslash'],
      ]);
    });
    assert.deepEqual(await rows(db), [
      { n: '1', at: '2026-03-01T10:00:00.123456Z', note: "it's quoted; DROP TABLE entries; --" },
      { n: '2', at: '2026-03-01T10:00:00.000000Z', note: null },
      { n: '3', at: '2026-03-01T00:00:00.000000Z', note: 'ünïcødé and "double" quotes and a \\ backslash' },
    ]);
  });

  it('shows held-back rows to the same transaction, and to no one else before the commit', async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    let seenInside: unknown;
    const writing = db.transaction(async () => {
      await db.append('entries', COLUMNS, [[10, '2026-03-02T00:00:00Z', 'ten']]);
      // Two statements at once: both wait for BEGIN and the held-back insert.
      const [count, note] = await Promise.all([
        db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM entries WHERE n = 10'),
        db.one<{ note: string }>('SELECT note FROM entries WHERE n = 10'),
      ]);
      seenInside = { count: count?.n, note: note?.note };
      await paused;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(await db.all('SELECT n FROM entries WHERE n = 10'), [], 'not visible outside yet');
    release();
    await writing;
    assert.deepEqual(seenInside, { count: 1, note: 'ten' });
    assert.equal((await db.all('SELECT n FROM entries WHERE n = 10')).length, 1);
  });

  it('a transaction that throws after appending leaves nothing behind', async () => {
    const before = await rows(db);
    await assert.rejects(
      db.transaction(async () => {
        await db.append('entries', COLUMNS, [[20, '2026-03-03T00:00:00Z', 'twenty']]);
        await db.run("INSERT INTO entries VALUES (21, TIMESTAMP '2026-03-03 00:00:00', 'twenty-one')");
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.deepEqual(await rows(db), before);
  });

  it('a bad row fails the commit, and nothing of the transaction is written', async () => {
    const before = await rows(db);
    await assert.rejects(
      db.transaction(async () => {
        await db.run("INSERT INTO entries VALUES (30, TIMESTAMP '2026-03-04 00:00:00', 'thirty')");
        await db.append('entries', COLUMNS, [
          [31, '2026-03-04T00:00:00Z', 'fine'],
          [1, '2026-03-04T00:00:00Z', 'duplicate key'],
        ]);
      }),
      /Duplicate key|PRIMARY KEY|constraint/i,
    );
    assert.deepEqual(await rows(db), before);
    // The connection is usable again: the next transaction commits normally.
    await db.transaction(async () => {
      await db.append('entries', COLUMNS, [[32, '2026-03-04T00:00:00Z', 'after the failure']]);
    });
    assert.equal((await rows(db)).at(-1)?.note, 'after the failure');
  });

  it('text an SQL literal cannot carry (a NUL) goes through the appender, still in the transaction', async () => {
    const before = await rows(db);
    await assert.rejects(
      db.transaction(async () => {
        await db.append('entries', COLUMNS, [[40, '2026-03-05T00:00:00Z', 'nul\u0000inside']]);
        throw new Error('roll it back');
      }),
    );
    assert.deepEqual(await rows(db), before);
    await db.transaction(async () => {
      await db.append('entries', COLUMNS, [[41, '2026-03-05T00:00:00Z', 'nul\u0000inside']]);
    });
    assert.equal(
      (await db.one<{ note: string }>('SELECT note FROM entries WHERE n = 41'))?.note,
      'nul\u0000inside',
    );
  });

  it('outside a transaction appends at once; a bad row appends nothing of its call', async () => {
    await db.append('entries', COLUMNS, [[50, '2026-03-06T00:00:00Z', 'alone']]);
    assert.equal((await db.all('SELECT n FROM entries WHERE n = 50')).length, 1);
    const before = await rows(db);
    await assert.rejects(
      db.append('entries', COLUMNS, [
        [51, '2026-03-06T00:00:00Z', 'fine'],
        [50, '2026-03-06T00:00:00Z', 'duplicate'],
      ]),
    );
    assert.deepEqual(await rows(db), before);
  });

  it('refuses a row of the wrong width and a time that is not ISO-8601', async () => {
    await assert.rejects(
      db.transaction(() => db.append('entries', COLUMNS, [[60, '2026-03-07T00:00:00Z']])),
      /2 values for 3 columns/,
    );
    assert.throws(() => timestampValue('yesterday'), /not an ISO-8601 time/);
  });
});

describe('the embedded decision log numbering (counted in memory from the largest number in the log)', () => {
  it('numbers in order, continues after a reopen, and a rolled-back entry only leaves a gap', async () => {
    const path = join(dir, 'decisions.duckdb');
    const entry = (subject: string) => ({
      kind: 'gate',
      subject,
      actor: 'ci',
      decision: 'allow',
      inputs: { subject },
      result: { ok: true },
    });
    let db = await DuckDbDatabase.open({ path, memoryLimit: '128MB', threads: 1 });
    await migrateDuckDb(db, await loadMigrations());
    let log = decisionLog(db);
    assert.equal(await log.appendDecision(entry('a')), 1);
    assert.deepEqual(await log.appendDecisions([entry('b'), entry('c')]), [2, 3]);
    await assert.rejects(
      db.transaction(async () => {
        await log.appendDecision(entry('rolled back'));
        throw new Error('no');
      }),
    );
    // A transaction and a lone append at once: distinct numbers, the batch's consecutive.
    const [both, alone] = await Promise.all([
      db.transaction(() => log.appendDecisions([entry('d'), entry('e')])),
      log.appendDecision(entry('f')),
    ]);
    assert.equal(both[1]! - both[0]!, 1);
    assert.deepEqual(
      [...both, alone].sort((a, b) => a - b),
      [5, 6, 7],
    );
    db.close();

    db = await DuckDbDatabase.open({ path, memoryLimit: '128MB', threads: 1 });
    log = decisionLog(db);
    assert.equal(await log.appendDecision(entry('g')), 8);
    const listed = await log.listDecisions({ kind: 'gate' });
    assert.deepEqual(
      listed.map((decision) => decision.seq),
      [1, 2, 3, 5, 6, 7, 8],
    );
    assert.deepEqual(listed.map((decision) => decision.subject).sort(), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    db.close();
  });
});

describe('migration 042: the decision and audit logs without key indexes', () => {
  it('keeps every row and its order, drops the keys, and numbering and chaining go on', async () => {
    const path = join(dir, 'upgrade.duckdb');
    const all = await loadMigrations();
    let db = await DuckDbDatabase.open({ path, memoryLimit: '128MB', threads: 1 });
    await migrateDuckDb(
      db,
      all.filter((migration) => migration.version < 42),
    );
    const draft = (n: number) => ({
      actor: 'ann',
      tokenId: null,
      address: '127.0.0.1',
      action: 'gate.decide',
      target: `deployment:svc-${n}`,
      before: null,
      after: { n },
    });
    const first = chainEntry(draft(1), 1, '2026-03-01T00:00:00.000Z', GENESIS_HASH);
    const second = chainEntry(draft(2), 2, '2026-03-01T00:00:01.000Z', first.hash);
    await openDuckDbAuditLog(db).appendEntries([first, second]);
    await decisionLog(db).appendDecisions([
      { kind: 'gate', subject: 'a', actor: 'ann', decision: 'allow', inputs: {}, result: {} },
      { kind: 'gate', subject: 'b', actor: 'ann', decision: 'deny', inputs: {}, result: {} },
    ]);
    const snapshot = () =>
      db.all(
        `SELECT 'audit' AS log, seq::VARCHAR AS seq, hash AS detail FROM audit_log
         UNION ALL SELECT 'decision', seq::VARCHAR, subject || ' ' || decision FROM governance_decisions
         ORDER BY log, seq`,
      );
    const before = await snapshot();
    db.close();

    db = await DuckDbDatabase.open({ path, memoryLimit: '128MB', threads: 1 });
    // 042 and every later migration apply; 042 is the one under test.
    const applied = await migrateDuckDb(db, all);
    assert.deepEqual(
      applied,
      all.filter((migration) => migration.version >= 42).map((migration) => migration.version),
    );
    assert.equal(applied[0], 42);
    assert.deepEqual(await snapshot(), before);
    const keys = await db.all(
      `SELECT table_name FROM duckdb_constraints()
       WHERE table_name IN ('audit_log', 'governance_decisions') AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')`,
    );
    assert.deepEqual(keys, []);

    const audit = openDuckDbAuditLog(db);
    const head = await audit.lastEntry();
    assert.equal(head?.hash, second.hash, 'the head is found without the key');
    await audit.appendEntries([chainEntry(draft(3), 3, '2026-03-01T00:00:02.000Z', head!.hash)]);
    assert.equal(verifyChain(await audit.listEntries({ limit: 10 })), undefined);
    assert.equal(
      await decisionLog(db).appendDecision({
        kind: 'gate',
        subject: 'c',
        actor: 'ann',
        decision: 'allow',
        inputs: {},
        result: {},
      }),
      3,
    );
    db.close();
  });
});
