import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { FOCUS_SAMPLE_PATH } from '../support/focus-sample.js';
import { CLI_PATH, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

interface JobView {
  status: string;
  error: { code: string } | null;
}

interface Served {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `tollgate serve` in its own process on 127.0.0.1, port 0. */
async function serve(db: string, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI_PATH, '--db', db, 'serve', '--port', '0', '--json'], {
    env: { ...process.env, TOLLGATE_DB: undefined, TOLLGATE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk) => {
      err += chunk;
      const match = /"listening":"(http:\/\/[^"]+)"/.exec(err);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { child, base, output: () => text, exited };
}

async function setUp(): Promise<{ db: string; token: string }> {
  const db = join(makeTempDir('tollgate-serve-'), 'serve.duckdb');
  const added = await runCli(['--db', db, 'users', 'add', 'ops', '--role', 'admin']);
  assert.equal(added.code, 0, added.stderr);
  const created = await runCli(['--db', db, 'tokens', 'create', '--user', 'ops', '--json']);
  assert.equal(created.code, 0, created.stderr);
  return { db, token: JSON.parse(created.stdout).token };
}

/** A FOCUS file large enough that loading it takes a while: the sample's rows many times over. */
function bigFocusFile(copies: number): Buffer {
  const [header, ...rows] = readFileSync(FOCUS_SAMPLE_PATH, 'utf8').trimEnd().split('\n');
  const body = rows.join('\n');
  return Buffer.from(`${header}\n${Array.from({ length: copies }, () => body).join('\n')}\n`);
}

describe('tollgate serve as a process', () => {
  it('stops on SIGTERM after finishing the request and job in flight, then closes the database', async () => {
    const { db, token } = await setUp();
    const server = await serve(db);
    const auth = { authorization: `Bearer ${token}` };
    const accepted = await fetch(`${server.base}/api/v1/ingest?filename=sample.csv`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: readFileSync(FOCUS_SAMPLE_PATH),
    });
    assert.equal(accepted.status, 202);
    const job = (await accepted.json()) as { id: string };
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    const lines = server
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.ok(lines.some((line) => line.msg === 'stopped'));
    // The database is free again and the job finished rather than being cut off.
    const jobs = await runCli(['--db', db, 'sources', '--json']);
    assert.equal(jobs.code, 0, jobs.stderr);
    assert.equal(JSON.parse(jobs.stdout)[0].rowCount, 1000);
    const again = await serve(db);
    const status = (await (
      await fetch(`${again.base}/api/v1/jobs/${job.id}`, { headers: auth })
    ).json()) as JobView;
    assert.equal(status.status, 'succeeded');
    again.child.kill('SIGTERM');
    await again.exited;
  });

  it('killed with SIGKILL during an upload job: after a restart the job is failed as interrupted, nothing half-loaded', async () => {
    const { db, token } = await setUp();
    const server = await serve(db);
    const auth = { authorization: `Bearer ${token}` };
    const file = bigFocusFile(40);
    const accepted = await fetch(`${server.base}/api/v1/ingest?filename=big.csv`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: file,
    });
    assert.equal(accepted.status, 202);
    const job = (await accepted.json()) as { id: string };
    server.child.kill('SIGKILL');
    await server.exited;

    const restarted = await serve(db);
    const status = (await (
      await fetch(`${restarted.base}/api/v1/jobs/${job.id}`, { headers: auth })
    ).json()) as JobView;
    const sources = (await (await fetch(`${restarted.base}/api/v1/sources`, { headers: auth })).json()) as {
      rowCount: number;
    }[];
    restarted.child.kill('SIGTERM');
    await restarted.exited;
    assert.notEqual(status.status, 'running');
    assert.notEqual(status.status, 'queued');
    if (status.status === 'failed') {
      assert.equal(status.error?.code, 'JOB_INTERRUPTED');
      assert.deepEqual(sources, [], 'an interrupted load leaves no load behind');
    } else {
      assert.equal(sources[0]?.rowCount, 40_000, 'a load that committed is whole');
    }
    const snapshot = await snapshotDatabase(db);
    const lines = Number(snapshot.cost_lines!.split(':')[0]);
    assert.ok(lines === 0 || lines === 40_000, `cost lines are all or nothing, got ${lines}`);
  });

  it('refuses to start on a port already taken, with a clear error and exit 1', async () => {
    const { db } = await setUp();
    const server = await serve(db);
    const port = new URL(server.base).port;
    server.child.kill('SIGTERM');
    await server.exited;
    const holder = await serve(db);
    const second = await runCli(['--db', `${db}.other`, 'serve', '--port', new URL(holder.base).port]);
    holder.child.kill('SIGTERM');
    await holder.exited;
    assert.equal(second.code, 1);
    assert.match(second.stderr, /error \[SERVE_CANNOT_LISTEN\]: .*the port is in use/);
    assert.ok(port);
    const badPort = await runCli(['--db', db, 'serve', '--port', '70000']);
    assert.equal(badPort.code, 2);
  });
});
