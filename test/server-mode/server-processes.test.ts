import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { CLI_PATH, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, TOLLGATE_DB: undefined, TOLLGATE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(running: Running): Promise<number | null> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGTERM');
  return running.exited;
}

describe('server-mode processes: readiness, waiting for PostgreSQL, broken arguments', () => {
  let cluster: PostgresCluster;
  const started: Running[] = [];

  before(async () => {
    // A cluster of this file's own: one test stops it.
    cluster = await startPostgresCluster();
  });
  after(async () => {
    for (const running of started) await stop(running);
    cluster?.stop();
  });

  test('serve started while PostgreSQL is down answers /readyz 503, then serves once it is up', async () => {
    const url = await cluster.createDatabase();
    cluster.pause();
    let paused = true;
    try {
      const server = start(['--db', url, 'serve', '--port', '0', '--json', '--workers', '0']);
      started.push(server);
      const waiting = await waitFor('the not-ready placeholder', () => {
        const match = /"notReady":"(http:\/\/[^"]+)"/.exec(server.stderr());
        return match?.[1];
      });
      assert.match(
        server.stderr(),
        /"waiting":"database not reachable yet; retrying".*Cannot reach PostgreSQL/,
      );
      assert.equal((await fetch(`${waiting}/healthz`)).status, 200);
      const ready = await fetch(`${waiting}/readyz`);
      assert.equal(ready.status, 503);
      const body = (await ready.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'NOT_READY');
      assert.match(body.error.message, /Cannot reach PostgreSQL at 127\.0\.0\.1:\d+/);
      assert.equal((await fetch(`${waiting}/api/v1/sources`)).status, 503);
      cluster.start();
      paused = false;
      const base = await waitFor('the server after PostgreSQL came back', () => {
        const match = /"listening":"(http:\/\/[^"]+)"/.exec(server.stderr());
        return match?.[1];
      });
      assert.equal(base, waiting, 'the same port');
      const now = await fetch(`${base}/readyz`);
      assert.equal(now.status, 200, await now.text());
      assert.equal(await stop(server), 0);
    } finally {
      if (paused) cluster.start();
    }
  });

  test('without migration on start, serve answers /readyz 503 until tollgate migrate has run', async () => {
    const url = await cluster.createDatabase();
    const server = start(['--db', url, 'serve', '--port', '0', '--json', '--workers', '0'], {
      TOLLGATE_MIGRATE_ON_START: 'false',
    });
    started.push(server);
    const waiting = await waitFor(
      'the not-ready placeholder',
      () => /"notReady":"(http:\/\/[^"]+)"/.exec(server.stderr())?.[1],
    );
    const before = await fetch(`${waiting}/readyz`);
    assert.equal(before.status, 503);
    const body = (await before.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'NOT_READY');
    assert.match(body.error.message, /lacks migrations 001, .*run tollgate migrate/);
    const migrated = await runCli(['--db', url, 'migrate']);
    assert.equal(migrated.code, 0, migrated.stderr);
    const base = await waitFor(
      'listening',
      () => /"listening":"(http:\/\/[^"]+)"/.exec(server.stderr())?.[1],
    );
    const afterwards = await fetch(`${base}/readyz`);
    assert.equal(afterwards.status, 200);
    assert.ok(((await afterwards.json()) as { schemaVersion: number }).schemaVersion >= 41);
    assert.equal(await stop(server), 0);
  });

  test('broken arguments: worker and --workers outside server mode, bad counts', async () => {
    const file = join(makeTempDir('tollgate-args-'), 'e.duckdb');
    const url = await cluster.createDatabase();
    const cases: [string[], number, RegExp][] = [
      [['--db', file, 'worker'], 2, /error \[WORKER_NEEDS_SERVER_MODE\]: .*postgres:\/\//],
      [['--db', file, 'serve', '--workers', '2'], 2, /error \[SERVE_WORKERS_NEED_SERVER_MODE\]/],
      [['--db', url, 'worker', '--concurrency', 'two'], 2, /whole number of workers/],
      [['--db', url, 'worker', '--concurrency', '0'], 2, /error \[WORKER_CONCURRENCY_INVALID\]/],
      [['--db', url, 'serve', '--workers', '65'], 2, /whole number of workers from 0 to 64/],
      [['--db', url, 'serve', '--workers', '-1'], 2, /./],
    ];
    for (const [args, code, message] of cases) {
      const result = await runCli(args);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
    }
    const badInterval = await runCli(['--db', url, 'worker'], {
      env: { TOLLGATE_ALERT_INTERVAL_MINUTES: '7' },
    });
    assert.equal(badInterval.code, 2, badInterval.stderr);
    assert.match(
      badInterval.stderr,
      /error \[CONFIG_INTERVAL_NOT_SCHEDULABLE\]: TOLLGATE_ALERT_INTERVAL_MINUTES is 7/,
    );
    const badAttempts = await runCli(['--db', url, 'worker'], { env: { TOLLGATE_JOB_ATTEMPTS: '0' } });
    assert.equal(badAttempts.code, 2);
    assert.match(
      badAttempts.stderr,
      /error \[CONFIG_INVALID\]: Setting TOLLGATE_JOB_ATTEMPTS \(0\) is invalid/,
    );
  });
});
