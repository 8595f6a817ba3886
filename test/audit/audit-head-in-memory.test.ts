import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDuckDbAuditLog } from '../../src/adapters/duckdb/duckdb-audit-writer.js';
import type { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { recordAudit } from '../../src/app/audit/record-audit.js';
import { verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { makeTempDir } from '../support/temp-dir.js';

const ACTOR = { name: 'user:ci', tokenId: 'tok1', address: '127.0.0.1' };

/** The embedded audit log keeps its head in memory; these check it never disagrees with the file. */
describe('audit head kept in memory (real DuckDB file)', async () => {
  const dir = makeTempDir();
  const path = join(dir, 'audit.duckdb');
  const stores = await openTollgate(loadConfig({ db: path }, {}));
  after(() => stores.close());

  async function headInFile() {
    const rows = await stores.fileEngine.all<{ seq: string; hash: string }>(
      'SELECT seq::VARCHAR AS seq, hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1',
    );
    return rows[0] && { seq: Number(rows[0].seq), hash: rows[0].hash };
  }

  it('a rolled-back append leaves the committed head, and the next entry chains to it', async () => {
    await recordAudit(stores, ACTOR, { action: 'probe.first', target: 'a' });
    const committed = await stores.access.audit.lastEntry();
    await assert.rejects(
      stores.transaction(async () => {
        await recordAudit(stores, ACTOR, { action: 'probe.rolled-back', target: 'b' });
        // Inside its own transaction the uncommitted entry is the head.
        assert.equal((await stores.access.audit.lastEntry())?.action, 'probe.rolled-back');
        throw new Error('undo');
      }),
      /undo/,
    );
    const head = await stores.access.audit.lastEntry();
    assert.deepEqual(head, committed);
    assert.deepEqual({ seq: head!.seq, hash: head!.hash }, await headInFile());
    await recordAudit(stores, ACTOR, { action: 'probe.after', target: 'c' });
    const next = await stores.access.audit.lastEntry();
    assert.equal(next!.seq, committed!.seq + 1);
    assert.equal(next!.prevHash, committed!.hash);
    assert.equal((await verifyAuditLog(stores)).ok, true);
  });

  it('many concurrent audited writes (shared commits, reads in between) form one chain whose head the file agrees with', async () => {
    const reads: Promise<unknown>[] = [];
    const writes = Array.from({ length: 80 }, (_, n) => {
      if (n % 4 === 0) reads.push(stores.access.audit.lastEntry());
      return n % 10 === 9
        ? stores
            .transaction(async () => {
              await recordAudit(stores, ACTOR, { action: 'probe.failing', target: `f-${n}` });
              throw new Error(`fail ${n}`);
            })
            .catch(() => 'failed')
        : recordAudit(stores, ACTOR, { action: 'probe.many', target: `m-${n}` });
    });
    const outcomes = await Promise.all(writes);
    await Promise.all(reads);
    assert.equal(outcomes.filter((outcome) => outcome === 'failed').length, 8);
    const head = await stores.access.audit.lastEntry();
    assert.deepEqual({ seq: head!.seq, hash: head!.hash }, await headInFile());
    const verified = await verifyAuditLog(stores);
    assert.equal(verified.ok, true, JSON.stringify(verified.problem));
    assert.equal(verified.headHash, head!.hash);
    const failing = await stores.access.audit.listEntries({ action: 'probe.failing', limit: 100 });
    assert.equal(failing.length, 0, 'no entry of a rolled-back write is stored');
  });

  it("a second audit log over the same database sees the first one's appends", async () => {
    const second = openDuckDbAuditLog(stores.fileEngine as DuckDbDatabase);
    await second.lastEntry();
    await recordAudit(stores, ACTOR, { action: 'probe.seen-by-both', target: 'd' });
    assert.equal((await second.lastEntry())?.action, 'probe.seen-by-both');
  });

  it('transactions sharing one commit chain to each other, and readers outside see the committed head, without reading the file', async () => {
    const engine = stores.fileEngine as DuckDbDatabase;
    await stores.access.audit.lastEntry();
    let headReads = 0;
    const one = engine.one.bind(engine);
    engine.one = ((sql: string, params?: Record<string, unknown>) => {
      if (sql.includes('FROM audit_log')) headReads += 1;
      return one(sql, params as never);
    }) as typeof engine.one;
    try {
      const committed = await stores.access.audit.lastEntry();
      // Queued together while the writer is busy: they share a commit (group commit).
      await Promise.all(
        Array.from({ length: 12 }, (_, n) =>
          stores.transaction(async () => {
            await recordAudit(stores, ACTOR, { action: 'probe.grouped', target: `g-${n}` });
          }),
        ),
      );
      assert.equal(headReads, 0, 'the head came from memory every time');
      const head = await stores.access.audit.lastEntry();
      assert.equal(head!.seq, committed!.seq + 12);
      assert.deepEqual({ seq: head!.seq, hash: head!.hash }, await headInFile());
      const verified = await verifyAuditLog(stores);
      assert.equal(verified.ok, true, JSON.stringify(verified.problem));
    } finally {
      engine.one = one;
    }
  });

  it('a reader outside the write transaction gets the committed head while the transaction holds uncommitted entries', async () => {
    const committed = await stores.access.audit.lastEntry();
    let appended: () => void = () => undefined;
    const wasAppended = new Promise<void>((resolve) => {
      appended = resolve;
    });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const writing = stores.transaction(async () => {
      await recordAudit(stores, ACTOR, { action: 'probe.open', target: 'o' });
      appended();
      await finished;
    });
    await wasAppended;
    // Not in the transaction's async context: another request asking.
    const seenOutside = await new Promise((resolve) =>
      setImmediate(() => resolve(stores.access.audit.lastEntry())),
    );
    finish();
    await writing;
    assert.deepEqual(seenOutside, committed);
    assert.equal((await stores.access.audit.lastEntry())?.action, 'probe.open');
  });

  it('a second process is refused the file while this one writes it (DB_LOCKED), so the head in memory cannot go stale', async () => {
    const cli = fileURLToPath(new URL('../../bin/tollgate.js', import.meta.url));
    const second = spawnSync(process.execPath, [cli, '--db', path, 'audit', 'verify'], { encoding: 'utf8' });
    assert.notEqual(second.status, 0);
    assert.match(second.stderr, /DB_LOCKED/);
  });

  it('reopening the file reads the head from the file', async () => {
    const before = await stores.access.audit.lastEntry();
    await stores.close();
    const reopened = await openTollgate(loadConfig({ db: path }, {}));
    try {
      assert.deepEqual(await reopened.access.audit.lastEntry(), before);
    } finally {
      await reopened.close();
    }
  });
});
