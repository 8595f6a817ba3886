import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { buildStatement } from '../../src/app/allocation/build-statement.js';
import { loadDrivers } from '../../src/app/allocation/load-drivers.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { applyRules } from '../../src/app/allocation/manage-rules.js';
import { allocatePeriods } from '../../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { type CostReport, queryCosts } from '../../src/app/costs/query-costs.js';
import type { CostQuery } from '../../src/core/costs/cost-query.js';
import { demoDriversCsv } from '../../src/demo/allocation/demo-drivers.js';
import { DEMO_TEAMS } from '../../src/demo/demo-organisation.js';
import { DEMO_YEAR, MIN_DEMO_ROWS } from '../../src/demo/plan-demo-billing.js';
import { writeDemoExports } from '../../src/demo/write-demo-exports.js';
import type { Stores } from '../../src/ports/stores.js';
import { FOCUS_SAMPLE_PATH } from '../support/focus-sample.js';
import { type PostgresCluster, sharedPostgresCluster } from '../support/postgres-cluster.js';
import { CLI_PATH, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const DEMO_FILES = packageRootPath('src', 'demo', 'allocation');
const MONTHS = Array.from({ length: 12 }, (_, index) => `${DEMO_YEAR}-${String(index + 1).padStart(2, '0')}`);
const YEAR = `${MONTHS[0]}..${MONTHS.at(-1)}`;

/** A tollgate process (serve or worker) on loopback, with its output kept for the assertions. */
interface Running {
  name: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startTollgate(name: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, TOLLGATE_DB: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, child, stdout: () => out, stderr: () => err, exited };
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

interface JobView {
  id: string;
  status: string;
  error: { code: string; message: string } | null;
  result: { units?: { status: string; rowsLoaded: number }[] } | null;
  progress: Record<string, unknown> | null;
}

/** Log lines (pino JSON) of a process about one job. */
function jobLines(process: Running, jobId: string): { msg: string; attempt?: number }[] {
  return process
    .stdout()
    .split('\n')
    .filter((line) => line.includes(jobId))
    .map((line) => JSON.parse(line) as { msg: string; attempt?: number });
}

/** The same user actions as the API runs, on the embedded engine: the answer to compare with. */
async function embeddedAnswer(stores: Stores, files: string[], work: string): Promise<void> {
  for (const file of files) {
    await ingestBillingFiles(stores, [file], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(work, 'rejects.csv'),
    });
  }
  await applyOwnersAndRules(stores, work);
  await allocatePeriods(stores, YEAR, commandLineActor());
}

async function applyOwnersAndRules(stores: Stores, work: string): Promise<void> {
  await applyCatalog(stores, join(DEMO_FILES, 'demo-catalog.yaml'), commandLineActor());
  await applyRules(stores, join(DEMO_FILES, 'demo-rules.yaml'), { actor: commandLineActor() });
  const drivers = join(work, 'drivers.csv');
  writeFileSync(drivers, demoDriversCsv(MONTHS));
  await loadDrivers(stores, drivers, commandLineActor());
}

const QUERIES: CostQuery[] = (['billed', 'effective'] as const).flatMap((metric) =>
  (
    [
      [],
      ['service'],
      ['provider', 'month'],
      ['billing-account', 'region'],
      ['day'],
      ['team'],
      ['team', 'service', 'month'],
      ['catalog-service', 'environment'],
    ] as CostQuery['groupBy'][]
  ).map((groupBy) => ({ groupBy, metric, filters: [] })),
);

function canonical(report: CostReport): CostReport {
  const rows = report.rows.map((row) => ({ key: JSON.stringify(row), row }));
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...report, rows: rows.map((entry) => entry.row) };
}

/** The FOCUS sample's rows many times over: a load that takes a few seconds. */
function bigFocusFile(copies: number): Buffer {
  const [header, ...rows] = readFileSync(FOCUS_SAMPLE_PATH, 'utf8').trimEnd().split('\n');
  return Buffer.from(`${header}\n${Array.from({ length: copies }, () => rows.join('\n')).join('\n')}\n`);
}

describe('server mode: two API processes and two workers on one PostgreSQL', () => {
  const work = makeTempDir('tollgate-multi-');
  const uploads = join(work, 'uploads');
  let cluster: PostgresCluster;
  let url: string;
  let duck: Stores;
  let pg: PostgresStores;
  let files: string[];
  let token: string;
  const apis: { process: Running; base: string }[] = [];
  const workers: Running[] = [];
  const env = (): NodeJS.ProcessEnv => ({
    TOLLGATE_UPLOAD_DIR: uploads,
    TOLLGATE_JOB_POLL_SECONDS: '0.5',
    TOLLGATE_JOB_LIVENESS_SECONDS: '1',
    TOLLGATE_JOB_RETRY_DELAY_SECONDS: '1',
    TOLLGATE_LOG_LEVEL: 'info',
    TOLLGATE_SHUTDOWN_GRACE_MS: '5000',
  });
  const call = async (api: number, path: string, init: RequestInit = {}) => {
    const response = await fetch(`${apis[api]!.base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
    return { status: response.status, body: (await response.json()) as JobView };
  };
  const finished = (id: string, api = 0) =>
    waitFor(
      `job ${id}`,
      async () => {
        const { body } = await call(api, `/api/v1/jobs/${id}`);
        return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
      },
      180_000,
    );

  before(async () => {
    mkdirSync(uploads, { recursive: true });
    const demo = await writeDemoExports({ outDir: join(work, 'demo'), seed: 23, rows: MIN_DEMO_ROWS });
    files = demo.folders.map((folder) => join(folder, 'part-00001.csv'));
    duck = await openDuckDbStores({ path: join(work, 'embedded.duckdb'), memoryLimit: '256MB', threads: 1 });
    await embeddedAnswer(duck, files, work);

    cluster = await sharedPostgresCluster();
    url = await cluster.createDatabase();
    const added = await runCli(['--db', url, 'users', 'add', 'ops', '--role', 'admin']);
    assert.equal(added.code, 0, added.stderr);
    const created = await runCli(['--db', url, 'tokens', 'create', '--user', 'ops', '--json']);
    assert.equal(created.code, 0, created.stderr);
    token = JSON.parse(created.stdout).token;

    for (const name of ['api-1', 'api-2']) {
      const process = startTollgate(
        name,
        ['--db', url, 'serve', '--port', '0', '--json', '--workers', '0'],
        env(),
      );
      const base = await waitFor(`${name} listening`, () => {
        const match = /"listening":"(http:\/\/[^"]+)"/.exec(process.stderr());
        return match?.[1];
      });
      apis.push({ process, base });
    }
    for (const name of ['worker-1', 'worker-2']) {
      const process = startTollgate(name, ['--db', url, 'worker', '--json'], env());
      await waitFor(`${name} started`, () =>
        /"worker":"started"/.test(process.stderr()) ? true : undefined,
      );
      workers.push(process);
    }
    pg = await openPostgresStores({
      url,
      poolSize: 2,
      connectRetryMs: 0,
      migrate: false,
      memoryLimit: '256MB',
      threads: 1,
    });
  });

  after(async () => {
    for (const running of [...apis.map((api) => api.process), ...workers]) {
      if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGTERM');
      await running.exited;
    }
    await duck?.close();
    await pg?.close();
  });

  test('parallel uploads to both API processes, run by both workers, give embedded mode’s totals', async () => {
    // Four uploads at a time, alternating between the two API processes.
    const jobs: { id: string; file: string }[] = [];
    for (let start = 0; start < files.length; start += 4) {
      const batch = files.slice(start, start + 4).map(async (file, offset) => {
        const name = relative(join(work, 'demo'), file).replaceAll('/', '-');
        const { status, body } = await call((start + offset) % 2, `/api/v1/ingest?filename=${name}`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: readFileSync(file),
        });
        assert.equal(status, 202, JSON.stringify(body));
        jobs.push({ id: body.id, file: name });
      });
      await Promise.all(batch);
    }
    for (const job of jobs) {
      const done = await finished(job.id, jobs.indexOf(job) % 2);
      assert.equal(done.status, 'succeeded', `${job.file}: ${JSON.stringify(done.error)}`);
      assert.equal(done.result?.units?.[0]?.status, 'loaded');
    }
    // Both workers took part.
    for (const worker of workers) assert.match(worker.stdout(), /"msg":"job succeeded"/, worker.name);

    await applyOwnersAndRules(pg, work);
    const allocation = await call(1, '/api/v1/allocation/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ period: YEAR }),
    });
    assert.equal(allocation.status, 202);
    const allocated = await finished(allocation.body.id);
    assert.equal(allocated.status, 'succeeded', JSON.stringify(allocated.error));

    const pgLines = await pg.pg.one<{ n: string }>('SELECT count(*) AS n FROM cost_lines');
    const [duckLines] = await duck.fileEngine.all<{ n: number }>('SELECT count(*) AS n FROM cost_lines');
    assert.equal(Number(pgLines?.n), Number(duckLines?.n));
    assert.deepEqual(
      readdirSync(uploads),
      [],
      'every upload was removed from the shared folder after its job',
    );
    for (const query of QUERIES) {
      assert.deepEqual(
        canonical(await queryCosts(pg.costs, query)),
        canonical(await queryCosts(duck.costs, query)),
        `costs differ for ${JSON.stringify(query)}`,
      );
    }
    for (const team of DEMO_TEAMS.slice(0, 4)) {
      for (const period of ['2025-02', '2025-11']) {
        const input = { team: team.id, period, model: 'full' as const };
        const expected = await buildStatement(duck, input);
        const actual = await buildStatement(pg, input);
        // Run and load ids follow the order the parallel uploads happened to commit in.
        const comparable = (statement: typeof actual) => ({
          ...statement,
          run: { ...statement.run, id: 0, startedAt: '', loadIds: statement.run.loadIds.length },
        });
        assert.deepEqual(
          comparable(actual),
          comparable(expected),
          `statement differs for ${JSON.stringify(input)}`,
        );
      }
    }
  });

  test('a worker killed (SIGKILL) in the middle of a load: the other worker runs it again, no row missing or twice', async () => {
    const file = bigFocusFile(20);
    writeFileSync(join(work, 'big.csv'), file);
    const linesBefore = Number((await pg.pg.one<{ n: string }>('SELECT count(*) AS n FROM cost_lines'))!.n);
    const { status, body } = await call(1, '/api/v1/ingest?filename=big.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: file,
    });
    assert.equal(status, 202);
    const id = body.id;
    // Wait until a worker has started it and is reading the file, then kill that worker.
    const victim = await waitFor('a worker to start the big load', () =>
      workers.find((worker) => jobLines(worker, id).some((line) => line.msg === 'job started')),
    );
    await waitFor('the load to be under way', async () => {
      const { body: view } = await call(0, `/api/v1/jobs/${id}`);
      return view.status === 'running' && view.progress ? true : undefined;
    });
    victim.child.kill('SIGKILL');
    await victim.exited;
    const survivor = workers.find((worker) => worker !== victim)!;

    const done = await finished(id);
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
    assert.equal(done.result?.units?.[0]?.status, 'loaded', 'the first attempt committed nothing');
    assert.equal(done.result?.units?.[0]?.rowsLoaded, 20_000);
    const retried = jobLines(survivor, id).find((line) => line.msg === 'job succeeded');
    assert.equal(retried?.attempt, 2, 'the surviving worker ran the second attempt');
    assert.equal(
      jobLines(victim, id).some((line) => line.msg === 'job succeeded'),
      false,
      'the killed worker did not finish it',
    );

    // Exactly the file's rows were added, once: one load of it, and the same figures as embedded mode.
    const linesAfter = Number((await pg.pg.one<{ n: string }>('SELECT count(*) AS n FROM cost_lines'))!.n);
    assert.equal(linesAfter - linesBefore, 20_000);
    await ingestBillingFiles(duck, [join(work, 'big.csv')], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(work, 'rejects.csv'),
    });
    // Owner dimensions come from allocation, which only server mode re-ran after this load.
    const ownerFree = QUERIES.filter(
      (candidate) =>
        !candidate.groupBy.some((dimension) => dimension === 'team' || dimension === 'catalog-service'),
    );
    for (const query of ownerFree) {
      assert.deepEqual(
        canonical(
          await queryCosts(pg.costs, { ...query, filters: [{ dimension: 'provider', values: ['AWS'] }] }),
        ),
        canonical(
          await queryCosts(duck.costs, { ...query, filters: [{ dimension: 'provider', values: ['AWS'] }] }),
        ),
        `costs differ after the retried load for ${JSON.stringify(query)}`,
      );
    }
    const loads = (await pg.state.listLoads({ includeInactive: true })).filter(
      (load) => load.rowCount === 20_000,
    );
    assert.equal(loads.length, 1, 'one load of the file');
    assert.deepEqual(readdirSync(uploads), [], 'the retried upload was removed after its job');
  });
});
