import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCli } from '../support/run-cli.js';

/** The tables that existed before, without the migration log (other areas' new migrations apply on open). */
export function comparable(
  snapshot: Record<string, string>,
  reference: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.keys(reference)
      .filter((table) => table !== 'schema_migrations')
      .map((table) => [table, snapshot[table] ?? '(missing)']),
  );
}

/** The built CLI against one database in a test folder: commands that must pass, or be refused. */
export function cliSession(dir: string, database: string) {
  const db = join(dir, database);
  async function ok(...args: string[]) {
    const result = await runCli(['--db', db, ...args]);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }
  async function json<T = Record<string, unknown>>(...args: string[]): Promise<T> {
    return JSON.parse(await ok(...args, '--json')) as T;
  }
  /** Runs a command that must be refused, and proves the database is exactly as before. */
  async function refused(code: string, exit: number, ...args: string[]) {
    const before = await snapshotDatabase(db);
    const result = await runCli(['--db', db, ...args]);
    assert.equal(
      result.code,
      exit,
      `${args.join(' ')} should exit ${exit}: ${result.stdout}${result.stderr}`,
    );
    assert.match(result.stderr, new RegExp(`error \\[${code}\\]`));
    assert.deepEqual(
      comparable(await snapshotDatabase(db), before),
      comparable(before, before),
      'a refused command changed the database',
    );
    return result.stderr;
  }
  function write(name: string, text: string) {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }
  return { db, ok, json, refused, write };
}
