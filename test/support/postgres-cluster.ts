import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

import { findPostgres, serverUser } from './find-postgres.js';

export interface PostgresCluster {
  port: number;
  /** A URL for one database of the cluster. */
  url(database: string): string;
  /** Creates a fresh, empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server at once and removes its folder. */
  stop(): void;
  /** Stops the server (fast shutdown) and keeps its folder, so start() can bring it back. */
  pause(): void;
  start(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Root may not run PostgreSQL: the server runs as the `postgres` user (or `nobody`), as in production. */
function asServerUser(command: string, args: string[]): string[] {
  const user = serverUser();
  return user ? ['runuser', '-u', user, '--', command, ...args] : [command, ...args];
}

function run(command: string, args: string[]): void {
  const [file, ...rest] = asServerUser(command, args);
  execFileSync(file!, rest, { stdio: 'pipe' });
}

let counter = 0;

/**
 * An ephemeral PostgreSQL cluster (15, the floor server mode supports; see find-postgres.ts) in a temporary folder, on a free loopback port, with
 * durability switched off (tests need speed, not crash safety of the test data).
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const found = findPostgres();
  if ('missing' in found) throw new Error(found.missing);
  const BIN = found.bin;
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-pg-'));
  const user = serverUser();
  if (user) {
    const uid = Number(execFileSync('id', ['-u', user]).toString());
    const gid = Number(execFileSync('id', ['-g', user]).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run(join(BIN, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = () => {
    try {
      run(join(BIN, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        options,
        'start',
      ]);
    } catch (error) {
      const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
      throw new Error(`PostgreSQL did not start: ${String(error)}\n${log.slice(-2000)}`);
    }
  };
  start();
  let stopped = false;
  const stopServer = (mode: 'immediate' | 'fast') => {
    const [file, ...rest] = asServerUser(join(BIN, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']);
    spawnSync(file!, rest, { stdio: 'ignore' });
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopServer('immediate');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const database = name ?? `tollgate_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } finally {
        await client.end();
      }
      return url(database);
    },
    stop,
    pause: () => stopServer('fast'),
    start,
  };
}

let shared: Promise<PostgresCluster> | undefined;

/** One cluster per test process, started on first use and stopped when the process exits. */
export function sharedPostgresCluster(): Promise<PostgresCluster> {
  shared ??= startPostgresCluster();
  return shared;
}
