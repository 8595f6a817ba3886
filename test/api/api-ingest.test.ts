import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { buildServer } from '../../src/api/build-server.js';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { FOCUS_SAMPLE_PATH } from '../support/focus-sample.js';
import { runCli } from '../support/run-cli.js';
import { startApi, TEST_ACTOR, waitForJob } from './api-harness.js';

const SAMPLE = readFileSync(FOCUS_SAMPLE_PATH);

describe('ingestion and cost queries over HTTP', async () => {
  const api = await startApi({ uploadLimitBytes: SAMPLE.length + 1024, ownerTag: 'application' });

  async function countLines(): Promise<number> {
    const [row] = await api.stores.fileEngine.all<{ n: string }>(
      'SELECT count(*)::VARCHAR AS n FROM cost_lines',
    );
    return Number(row!.n);
  }

  it('refuses path traversal in a file name, an upload over the limit and an unsupported type, writing nothing', async () => {
    const auditBefore = (await api.stores.access.audit.listEntries({ limit: 1000 })).length;
    for (const name of [
      '../../etc/passwd.csv',
      '..%2F..%2Fx.csv',
      'a/b.csv',
      '.hidden.csv',
      'bill.exe',
      'C:\\x.csv',
    ]) {
      const { status, body } = await api.json(`/api/v1/ingest?filename=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: SAMPLE,
      });
      assert.equal(status, 400, name);
      assert.equal(body.error.code, 'UPLOAD_BAD_FILENAME', name);
    }
    const big = await api.json('/api/v1/ingest?filename=big.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: Buffer.concat([SAMPLE, Buffer.alloc(4096, 0x20)]),
    });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'UPLOAD_TOO_LARGE');
    const form = new FormData();
    form.set('file', new Blob([Buffer.concat([SAMPLE, Buffer.alloc(4096, 0x20)])]), 'big.csv');
    const bigForm = await api.json('/api/v1/ingest', { method: 'POST', body: form });
    assert.equal(bigForm.status, 413, JSON.stringify(bigForm.body));
    const xml = await api.json('/api/v1/ingest?filename=a.csv', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<a/>',
    });
    assert.equal(xml.status, 415);
    assert.equal(await countLines(), 0);
    assert.equal((await api.stores.access.audit.listEntries({ limit: 1000 })).length, auditBefore);
    const spooled = readdirSync(api.server.services.uploadDir, { recursive: true });
    assert.deepEqual(spooled, [], 'refused uploads leave no file behind');
  });

  it('streams a raw upload to disk, loads it in a job, and audits it as the token user', async () => {
    const accepted = await api.json('/api/v1/ingest?filename=focus_sample.csv', {
      method: 'POST',
      role: 'finance-admin',
      headers: { 'content-type': 'text/csv' },
      body: SAMPLE,
    });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    assert.equal(accepted.headers.get('location'), `/api/v1/jobs/${accepted.body.id}`);
    const job = await waitForJob(api, accepted.body.id);
    assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
    assert.equal(job.result.rowsLoaded, 1000);
    assert.equal(job.result.units[0].inputPath, 'focus_sample.csv');
    assert.equal(await countLines(), 1000);
    const [entry] = await api.stores.access.audit.listEntries({ action: 'ingest.load' });
    assert.equal(entry!.actor, 'user:finance-admin-user');
    assert.equal(entry!.tokenId, api.tokens['finance-admin'].slice(3, 15));
    const metrics = await (await api.request('/metrics', { role: null })).text();
    assert.match(metrics, /tollgate_ingest_rows_total\{outcome="loaded"\} 1000/);
    assert.match(metrics, /tollgate_job_duration_seconds_count\{kind="ingest",outcome="succeeded"\} 1/);
  });

  it('a second upload of the same file (multipart this time) is recognised and changes nothing', async () => {
    const form = new FormData();
    form.set('file', new Blob([SAMPLE]), 'focus_sample.csv');
    const accepted = await api.json('/api/v1/ingest', { method: 'POST', body: form });
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    const job = await waitForJob(api, accepted.body.id);
    assert.equal(job.result.units[0].status, 'already-loaded');
    assert.equal(await countLines(), 1000);
  });

  it('a file that is not FOCUS fails its job with the ingest error code and loads nothing', async () => {
    const accepted = await api.json('/api/v1/ingest?filename=notes.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'name,amount\nlunch,12.50\n',
    });
    const job = await waitForJob(api, accepted.body.id);
    assert.equal(job.status, 'failed');
    assert.equal(job.error.code, 'INGEST_NOT_FOCUS');
    assert.equal(await countLines(), 1000);
    const missing = await api.json('/api/v1/jobs/no-such-job');
    assert.equal(missing.status, 404);
  });

  it('masks resource ids and accounts for roles without detail rights; scoped owners see their own', async () => {
    const analyst = await api.json('/api/v1/costs?by=resource&metric=billed', { role: 'analyst' });
    assert.equal(analyst.status, 200);
    const clear = analyst.body.rows.map((row: { resource: string | null }) => row.resource).filter(Boolean);
    assert.ok(clear.some((value: string) => !value.startsWith('****')));
    assert.equal(analyst.headers.get('x-tollgate-masked'), null);
    const viewer = await api.json('/api/v1/costs?by=resource&metric=billed', { role: 'viewer' });
    assert.equal(viewer.headers.get('x-tollgate-masked'), 'resource');
    assert.equal(viewer.body.rows.length, analyst.body.rows.length);
    for (const row of viewer.body.rows)
      assert.ok(row.resource === null || /^\*{4}/.test(row.resource), row.resource);
    assert.deepEqual(
      viewer.body.rows.map((row: { cost: string }) => row.cost),
      analyst.body.rows.map((row: { cost: string }) => row.cost),
      'masking hides names, never amounts',
    );
    const probe = await api.json(`/api/v1/costs?filter=${encodeURIComponent(`resource=${clear[0]}`)}`, {
      role: 'viewer',
    });
    assert.equal(probe.status, 403);
    assert.equal(probe.body.error.code, 'AUTH_DETAIL_FORBIDDEN');
    const sources = await api.json('/api/v1/sources', { role: 'budget-owner' });
    assert.match(sources.body[0].periods[0].billingAccountId, /^\*{4}/);

    const apps = await api.json('/api/v1/costs?by=tag:application', { role: 'analyst' });
    const app = apps.body.rows
      .map((row: Record<string, string | null>) => row['tag:application'])
      .find(Boolean);
    await addUser(api.stores, TEST_ACTOR, { name: 'owner', role: 'budget-owner', scopes: [app] });
    const { token } = await createToken(api.stores, TEST_ACTOR, {
      user: 'owner',
      label: 't',
      expiresIn: '1h',
    });
    const own = await api.json(
      `/api/v1/costs?by=resource&filter=${encodeURIComponent(`tag:application=${app}`)}`,
      { token },
    );
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('x-tollgate-masked'), null, 'a budget owner sees their own resources');
    const everyone = await api.json('/api/v1/costs?by=resource', { token });
    assert.equal(
      everyone.headers.get('x-tollgate-masked'),
      'resource',
      'and only aggregates of everyone else',
    );
  });

  it('treats SQL in filters and dimensions as plain values', async () => {
    const injected = await api.json(
      `/api/v1/costs?by=service&filter=${encodeURIComponent("service=x' OR 1=1 --")}`,
    );
    assert.equal(injected.status, 200);
    assert.deepEqual(injected.body.rows, []);
    const tag = await api.json(
      `/api/v1/costs?by=${encodeURIComponent("tag:a'); DROP TABLE cost_lines; --")}`,
    );
    assert.equal(tag.status, 200);
    const dimension = await api.json(
      `/api/v1/costs?by=${encodeURIComponent('service;DROP TABLE cost_lines')}`,
    );
    assert.equal(dimension.status, 400);
    assert.equal(dimension.body.error.code, 'QUERY_BAD_DIMENSION');
    const date = await api.json(`/api/v1/costs?from=${encodeURIComponent("2024'--")}`);
    assert.equal(date.status, 400);
    assert.equal(date.body.error.code, 'QUERY_BAD_DATE');
    assert.equal(await countLines(), 1000);
  });

  it('refuses an over-limit upload sent without a length (chunked), leaving nothing', async () => {
    const chunks = [SAMPLE, Buffer.alloc(4096, 0x20)];
    const body = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const { status, body: answer } = await api.json('/api/v1/ingest?filename=chunked.csv', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(status, 413);
    assert.equal(answer.error.code, 'UPLOAD_TOO_LARGE');
    assert.deepEqual(readdirSync(api.server.services.uploadDir), []);
  });

  it('answers cost queries with the same JSON as tollgate costs --json', async () => {
    const queries: [string, string[]][] = [
      ['by=service,month&metric=billed', ['--by', 'service,month', '--metric', 'billed']],
      [
        `by=region&filter=${encodeURIComponent('service-category=Compute')}&filter=${encodeURIComponent('service-category=Storage')}&top=3`,
        [
          '--by',
          'region',
          '--filter',
          'service-category=Compute',
          '--filter',
          'service-category=Storage',
          '--top',
          '3',
        ],
      ],
      [
        'by=billing-account&from=2024-01-01&to=2024-12-01',
        ['--by', 'billing-account', '--from', '2024-01-01', '--to', '2024-12-01'],
      ],
    ];
    await api.close();
    const cliAnswers = [];
    for (const [, args] of queries) {
      const cli = await runCli(['--db', api.dbPath, 'costs', ...args, '--json']);
      assert.equal(cli.code, 0, cli.stderr);
      cliAnswers.push(JSON.parse(cli.stdout));
    }
    const again = await startApiOn(api.dbPath);
    for (const [index, [query]] of queries.entries()) {
      const { status, body } = await again.json(`/api/v1/costs?${query}`);
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(body, cliAnswers[index], query);
    }
  });
});

/** A server over an existing database, with a fresh admin token. */
async function startApiOn(dbPath: string) {
  const config = loadConfig({ db: dbPath }, {});
  const stores = await openTollgate(config);
  const server = await buildServer({
    stores,
    config: config.server,
    dbPath,
    logStream: { write: () => undefined },
    validateResponses: true,
  });
  const { token } = await createToken(
    stores,
    { name: 'cli:test', tokenId: null, address: 'local' },
    { user: 'admin-user', label: 'again', expiresIn: '1h' },
  );
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  after(async () => {
    await server.app.close();
    await stores.close();
  });
  return {
    async json(path: string) {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: await response.json() };
    },
  };
}
