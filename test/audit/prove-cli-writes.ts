import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { runCliInProcess } from '../support/in-process-cli.js';
import { withStores } from '../support/with-stores.js';
import { CLI_PROVEN_ELSEWHERE } from './proven-elsewhere.js';

/** One state-changing command: a valid call and a broken one, run in the order given. */
export interface CliWrite {
  /** A valid call: one audit entry naming `action`. */
  valid: () => string[];
  /** A broken call: refused (non-zero exit), no audit entry, the database exactly as before. */
  broken: () => string[];
  action: string;
  /** Who the entry must name; the OS user by default. */
  actor?: () => string;
  /** Runs before the valid call (to learn an id made by an earlier step). */
  prepare?: () => Promise<void>;
}

export function auditEntriesOf(db: string) {
  return withStores(db, (stores) => stores.access.audit.listEntries({}));
}

interface DatabaseState {
  /** Each table's row count and content hash (as test/support/database-snapshot.ts). */
  tables: Record<string, string>;
  entries: number;
  last: { action: string; actor: string } | null;
}

/**
 * Reads, in one read-only open of the file (opening the stores per look made the file slow):
 * every table's count and hash, and the audit log's length and last entry.
 */
async function readDatabaseState(path: string): Promise<DatabaseState> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  try {
    const tables: Record<string, string> = {};
    for (const { table_name } of (await rows(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
    )) as { table_name: string }[]) {
      const [row] = (await rows(
        `SELECT count(*)::VARCHAR AS n, COALESCE(sum(hash(t)), 0)::VARCHAR AS h FROM "${table_name}" t`,
      )) as { n: string; h: string }[];
      tables[table_name] = `${row!.n}:${row!.h}`;
    }
    const [last] = (await rows('SELECT action, actor FROM audit_log ORDER BY seq DESC LIMIT 1')) as {
      action: string;
      actor: string;
    }[];
    return { tables, entries: Number(tables.audit_log!.split(':')[0]), last: last ?? null };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Proves each write in turn on one database file, through the in-process CLI: the valid call
 * exits 0 and adds exactly one entry with the right action and actor; the broken call exits
 * non-zero with an error, adds no entry and leaves every table as it was (row counts and hashes).
 */
export async function proveCliWrites(db: string, writes: Record<string, CliWrite>): Promise<void> {
  const osActor = commandLineActor().name;
  for (const [path, write] of Object.entries(writes)) {
    await write.prepare?.();
    const before = await readDatabaseState(db);
    const ok = await runCliInProcess(['--db', db, ...write.valid()]);
    assert.equal(ok.code, 0, `${path}: ${ok.stderr}`);
    const afterValid = await readDatabaseState(db);
    assert.equal(afterValid.entries, before.entries + 1, `${path}: one entry for a valid call`);
    assert.deepEqual(afterValid.last, { action: write.action, actor: write.actor?.() ?? osActor }, path);
    const refused = await runCliInProcess(['--db', db, ...write.broken()]);
    assert.notEqual(refused.code, 0, `${path}: the broken call was not refused`);
    assert.match(refused.stderr, /error \[|error:/, path);
    assert.deepEqual(
      (await readDatabaseState(db)).tables,
      afterValid.tables,
      `${path}: a refused call changed the database`,
    );
  }
}

/** `tollgate audit verify` passes on the database: the chain the writes made is whole. */
export async function assertAuditVerifies(db: string): Promise<void> {
  const verified = await runCliInProcess(['--db', db, 'audit', 'verify']);
  assert.equal(verified.code, 0, `audit verify: ${verified.stdout}${verified.stderr}`);
}

/**
 * The two tests every CLI proof file holds, inside its `describe`: the file proves exactly the
 * commands CLI_PROVEN_ELSEWHERE names for it (a command left out of WRITES, or one not listed
 * there, fails), and each write is proven on `db` after `setUp`, with the chain verified.
 */
export function describeAuditedWrites(
  file: string,
  writes: Record<string, CliWrite>,
  setUp: () => Promise<void>,
  db: string,
): void {
  before(setUp);
  it('proves exactly the commands the enumeration test says it proves', () => {
    const here = Object.keys(CLI_PROVEN_ELSEWHERE).filter((path) => CLI_PROVEN_ELSEWHERE[path] === file);
    assert.deepEqual(Object.keys(writes).sort(), here.sort());
  });
  it('each write: a valid call adds one entry; a broken call adds none and changes nothing', async () => {
    await proveCliWrites(db, writes);
    await assertAuditVerifies(db);
  });
}
