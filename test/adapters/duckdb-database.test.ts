import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();

describe('DuckDbDatabase under concurrent use', () => {
  it('keeps a transaction to itself: concurrent reads see only committed rows', async () => {
    const db = await DuckDbDatabase.open({ path: join(dir, 'iso.duckdb'), memoryLimit: '128MB', threads: 1 });
    try {
      await db.run('CREATE TABLE t (x INTEGER)');
      let release!: () => void;
      const paused = new Promise<void>((resolve) => {
        release = resolve;
      });
      const writing = db.transaction(async () => {
        await db.run('INSERT INTO t VALUES (1)');
        await db.run('CREATE TEMP TABLE scratch AS SELECT 1 AS y');
        await paused;
        assert.equal(
          (await db.all('SELECT * FROM scratch')).length,
          1,
          'the transaction sees its own temp table',
        );
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(
        await db.all('SELECT count(*)::INTEGER AS n FROM t'),
        [{ n: 0 }],
        'uncommitted rows are not visible outside',
      );
      release();
      await writing;
      assert.deepEqual(await db.all('SELECT count(*)::INTEGER AS n FROM t'), [{ n: 1 }]);
    } finally {
      db.close();
    }
  });

  it('runs transactions one at a time, and a failed one leaves nothing behind', async () => {
    const db = await DuckDbDatabase.open({
      path: join(dir, 'serial.duckdb'),
      memoryLimit: '128MB',
      threads: 1,
    });
    try {
      await db.run('CREATE TABLE counter (n INTEGER)');
      await db.run('INSERT INTO counter VALUES (0)');
      const increment = () =>
        db.transaction(async () => {
          const [row] = await db.all<{ n: number }>('SELECT n FROM counter');
          await new Promise((resolve) => setTimeout(resolve, 2));
          await db.run('UPDATE counter SET n = $n', { n: row!.n + 1 });
        });
      const failing = db.transaction(async () => {
        await db.run('UPDATE counter SET n = 1000');
        throw new Error('changed my mind');
      });
      const results = await Promise.allSettled([increment(), failing, increment(), increment()]);
      assert.deepEqual(
        results.map((result) => result.status),
        ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
      );
      assert.deepEqual(await db.all('SELECT n FROM counter'), [{ n: 3 }]);
    } finally {
      db.close();
    }
  });

  it('lets queued transactions share a commit, in order, and isolates the one that fails', async () => {
    const db = await DuckDbDatabase.open({
      path: join(dir, 'group.duckdb'),
      memoryLimit: '128MB',
      threads: 1,
    });
    try {
      await db.run('CREATE SEQUENCE seq');
      await db.run('CREATE TABLE log (n INTEGER, position BIGINT)');
      const writes = Array.from({ length: 40 }, (_, n) =>
        db.transaction(async () => {
          await db.run("INSERT INTO log VALUES ($n, nextval('seq'))", { n });
          if (n === 17) throw new Error('number 17 fails');
          return n;
        }),
      );
      const results = await Promise.allSettled(writes);
      assert.equal(results.filter((result) => result.status === 'rejected').length, 1);
      assert.equal((results[17] as PromiseRejectedResult).reason.message, 'number 17 fails');
      assert.deepEqual(
        results
          .filter((result) => result.status === 'fulfilled')
          .map((result) => (result as PromiseFulfilledResult<number>).value),
        Array.from({ length: 40 }, (_, n) => n).filter((n) => n !== 17),
      );
      const rows = await db.all<{ n: number }>('SELECT n FROM log ORDER BY position');
      assert.deepEqual(
        rows.map((row) => row.n),
        Array.from({ length: 40 }, (_, n) => n).filter((n) => n !== 17),
        'every other write committed once, in the order asked',
      );
    } finally {
      db.close();
    }
  });
});
