import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();

/** Statements with parameters are prepared once per connection and kept; they must behave as if prepared afresh. */
describe('DuckDbDatabase keeps prepared statements', () => {
  it('writes into the current table after it is altered, dropped and re-created', async () => {
    const db = await DuckDbDatabase.open({
      path: join(dir, 'kept.duckdb'),
      memoryLimit: '128MB',
      threads: 1,
    });
    try {
      const insert = 'INSERT INTO t (a) VALUES ($a)';
      await db.run('CREATE TABLE t (a INTEGER)');
      await db.run(insert, { a: 1 });
      await db.run("ALTER TABLE t ADD COLUMN b VARCHAR DEFAULT 'x'");
      await db.run(insert, { a: 2 });
      assert.deepEqual(await db.all('SELECT * FROM t ORDER BY a'), [
        { a: 1, b: 'x' },
        { a: 2, b: 'x' },
      ]);
      await db.run('DROP TABLE t');
      await db.run('CREATE TABLE t (a VARCHAR, z INTEGER DEFAULT 5)');
      await db.run(insert, { a: 'three' });
      assert.deepEqual(await db.all('SELECT * FROM t'), [{ a: 'three', z: 5 }]);
      // Long strings written through a kept statement read back whole.
      await db.run('CREATE TABLE long_text (s VARCHAR)');
      const texts = Array.from({ length: 30 }, (_, n) => `${'é'.repeat(40 + n)}-${n}`);
      for (const text of texts) await db.run('INSERT INTO long_text VALUES ($s)', { s: text });
      assert.deepEqual(
        (await db.all<{ s: string }>('SELECT s FROM long_text')).map((row) => row.s).sort(),
        [...texts].sort(),
      );
    } finally {
      db.close();
    }
  });

  it('a failing run does not spoil the statement, a missing parameter is still refused, and concurrent uses of one text in a transaction each get their own values', async () => {
    const db = await DuckDbDatabase.open({
      path: join(dir, 'kept2.duckdb'),
      memoryLimit: '128MB',
      threads: 1,
    });
    try {
      await db.run('CREATE TABLE u (id INTEGER PRIMARY KEY, v VARCHAR)');
      const insert = 'INSERT INTO u VALUES ($id, $v)';
      await db.run(insert, { id: 1, v: 'one' });
      await assert.rejects(db.run(insert, { id: 1, v: 'again' }), /constraint|duplicate/i);
      await db.run(insert, { id: 2, v: 'two' });
      // Bindings of an earlier run never fill in for a parameter left out.
      await assert.rejects(db.run(insert, { id: 3 }));
      await db.transaction(async () => {
        await Promise.all(Array.from({ length: 20 }, (_, n) => db.run(insert, { id: 10 + n, v: `v${n}` })));
      });
      const rows = await db.all<{ id: number; v: string }>(
        'SELECT id, v FROM u WHERE id >= $from ORDER BY id',
        {
          from: 10,
        },
      );
      assert.deepEqual(
        rows,
        Array.from({ length: 20 }, (_, n) => ({ id: 10 + n, v: `v${n}` })),
      );
      assert.deepEqual(await db.all('SELECT count(*)::INTEGER AS n FROM u'), [{ n: 22 }]);
    } finally {
      db.close();
    }
  });

  it('calls afterTransaction hooks with whether the transaction committed', async () => {
    const db = await DuckDbDatabase.open({
      path: join(dir, 'hooks.duckdb'),
      memoryLimit: '128MB',
      threads: 1,
    });
    try {
      const seen: string[] = [];
      await db.transaction(async () => {
        db.afterTransaction((committed) => seen.push(`a:${committed}`));
      });
      await db
        .transaction(async () => {
          db.afterTransaction((committed) => seen.push(`b:${committed}`));
          throw new Error('undo');
        })
        .catch(() => undefined);
      db.afterTransaction((committed) => seen.push(`outside:${committed}`));
      assert.deepEqual(seen, ['a:true', 'b:false', 'outside:true']);
    } finally {
      db.close();
    }
  });
});
