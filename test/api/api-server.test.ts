import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openApiPath } from '../../src/api/openapi-document.js';
import { startApi } from './api-harness.js';

describe('the API server', async () => {
  const api = await startApi({ bodyLimitBytes: 4096, requestTimeoutMs: 1000, uploadTimeoutMs: 2500 });

  it('answers liveness and readiness (database reachable, every migration applied)', async () => {
    assert.deepEqual((await api.json('/healthz', { role: null })).body, { status: 'ok' });
    const ready = await api.json('/readyz', { role: null });
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');
    assert.ok(ready.body.schemaVersion >= 40);
  });

  it('serves an OpenAPI 3.1 document generated from the route table, every route in it', async () => {
    const { status, body } = await api.json('/api/v1/openapi.json', { role: null });
    assert.equal(status, 200);
    assert.equal(body.openapi, '3.1.0');
    for (const route of api.server.routes) {
      const operation = body.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${route.path} is documented`);
      assert.equal(operation.operationId, route.id);
      assert.equal(operation['x-tollgate-permission'], route.permission);
      if (route.permission !== 'public') assert.ok(operation.responses['403'], `${route.id} documents 403`);
    }
    const costs = body.paths['/api/v1/costs'].get;
    const names = costs.parameters.map((parameter: { name: string }) => parameter.name);
    assert.deepEqual(names.sort(), ['by', 'currency', 'filter', 'from', 'metric', 'to', 'top'].sort());
    const metric = costs.parameters.find((parameter: { name: string }) => parameter.name === 'metric');
    assert.deepEqual(metric.schema.enum, ['billed', 'effective', 'list', 'contracted']);
  });

  it('answers unknown routes with 404 and known paths with a wrong method with 405, as JSON without a stack', async () => {
    const missing = await api.json('/api/v1/no-such-thing');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'ROUTE_NOT_FOUND');
    const wrong = await api.json('/api/v1/sources', {
      method: 'PUT',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.body.error.code, 'METHOD_NOT_ALLOWED');
    assert.match(wrong.headers.get('allow') ?? '', /GET/);
    for (const answer of [missing, wrong])
      assert.doesNotMatch(JSON.stringify(answer.body), /at .*\.(ts|js):\d+/);
  });

  it('refuses a body that is not JSON, and one over the size limit, with stable codes', async () => {
    const before = await api.stores.access.audit.listEntries({});
    const notJson = await api.json('/api/v1/sources/1', {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: '{"oops": ',
    });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.error.code, 'REQUEST_BAD_JSON');
    const big = await api.json('/api/v1/sources/1', {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filler: 'x'.repeat(10_000) }),
    });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'REQUEST_TOO_LARGE');
    assert.deepEqual(await api.stores.access.audit.listEntries({}), before, 'nothing was written');
  });

  it('validates query strings against the route schemas', async () => {
    const bad = await api.json('/api/v1/costs?metric=cheapest');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'REQUEST_INVALID');
    assert.equal(bad.body.error.details[0].path, 'metric');
    const top = await api.json('/api/v1/costs?top=-3');
    assert.equal(top.status, 400);
  });

  it('sends security headers and no CORS headers, even to a preflight', async () => {
    const response = await api.request('/api/v1/sources');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(response.headers.get('content-security-policy'));
    assert.ok(response.headers.get('strict-transport-security'));
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const preflight = await api.request('/api/v1/sources', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    assert.ok(preflight.status === 404 || preflight.status === 405);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  it('logs JSON lines with the request id and never the token', async () => {
    const response = await api.request('/api/v1/me', {
      role: 'analyst',
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    assert.equal(response.headers.get('x-request-id'), 'trace-abc-123');
    await response.text();
    // The completed line is written after the response is sent: wait for it, not for a clock.
    const mineOf = () =>
      api.logs
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.reqId === 'trace-abc-123');
    while (mineOf().length < 2) await new Promise((resolve) => setImmediate(resolve));
    const lines = api.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const mine = mineOf();
    assert.ok(mine.length >= 2, 'incoming and completed lines carry the request id');
    const requestLines = lines.filter((line) => line.req !== undefined || line.res !== undefined);
    assert.ok(requestLines.every((line) => typeof line.reqId === 'string'));
    const secrets = Object.values(api.tokens).map((token) => token.slice('tg_123456789abc_'.length));
    for (const line of api.logs)
      for (const secret of secrets) assert.ok(!line.includes(secret), 'no token secret in logs');
  });

  it('exports Prometheus metrics: requests and latencies by route', async () => {
    await api.request('/api/v1/me');
    const text = await (await api.request('/metrics', { role: null })).text();
    assert.match(text, /tollgate_http_requests_total\{method="GET",route="\/api\/v1\/me",status="200"\} \d+/);
    assert.match(
      text,
      /tollgate_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/me"\}/,
    );
    assert.match(text, /# TYPE tollgate_job_duration_seconds histogram/);
    assert.match(text, /# TYPE tollgate_ingest_rows_total counter/);
  });

  it('cuts off a slow client that never finishes its request', async () => {
    const address = new URL(api.base);
    const outcome = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(address.port), address.hostname, () => {
        socket.write('GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      // Bounded: the server must close well before this.
      setTimeout(() => {
        socket.destroy();
        resolve('still open');
      }, 8000).unref();
    });
    assert.notEqual(outcome, 'still open');
    assert.ok(outcome === '' || /^HTTP\/1\.1 408/.test(outcome), outcome);
  });
});

/**
 * Sends the headers at once, then the body one byte every 250 ms (often enough that the
 * connection never goes idle), and reports what the server answered before it closed.
 */
function trickle(base: string, head: string, body: string): Promise<string> {
  const address = new URL(base);
  return new Promise<string>((resolve, reject) => {
    let received = '';
    let sent = 0;
    const socket = connect(Number(address.port), address.hostname, () => socket.write(head));
    const drip = setInterval(() => {
      if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
    }, 250);
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('close', () => {
      clearInterval(drip);
      resolve(received);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer is how some closes arrive; the answer is what counts.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    // Bounded: the server must close well before the body could finish.
    setTimeout(() => {
      clearInterval(drip);
      socket.destroy();
      resolve('still open');
    }, 15000).unref();
  });
}

function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe('slow clients that trickle a body are cut off; nothing is changed', async () => {
  const api = await startApi({ requestTimeoutMs: 1000, uploadTimeoutMs: 2500 });

  it('a JSON body trickled past the request timeout gets 408 and a closed connection; the catalogue is not applied', async () => {
    const auditBefore = (await api.stores.access.audit.listEntries({})).length;
    const body = JSON.stringify({ yaml: 'business_units: []\nteams: []\n' });
    const head = [
      'POST /api/v1/catalog HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${api.tokens.admin}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      '',
    ].join('\r\n');
    const started = performance.now();
    const answer = await trickle(api.base, head, body);
    assert.notEqual(answer, 'still open');
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.match(answer, /"code":"REQUEST_TIMEOUT"/);
    assert.ok(performance.now() - started < body.length * 250, 'cut off before the body could finish');
    assert.equal((await api.json('/api/v1/catalog')).status, 404);
    assert.equal((await api.stores.access.audit.listEntries({})).length, auditBefore);
    assert.equal((await api.json('/healthz', { role: null })).status, 200, 'the server still serves others');
  });

  it('an upload trickled past the upload timeout is cut off; no file is kept and nothing is loaded', async () => {
    const sourcesBefore = (await api.json('/api/v1/sources')).body;
    const csv = 'BilledCost,EffectiveCost\n'.repeat(10);
    const head = [
      'POST /api/v1/ingest?filename=slow.csv HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${api.tokens.admin}`,
      'Content-Type: text/csv',
      `Content-Length: ${csv.length}`,
      '',
      '',
    ].join('\r\n');
    const answer = await trickle(api.base, head, csv);
    assert.notEqual(answer, 'still open');
    assert.ok(answer === '' || /^HTTP\/1\.1 408/.test(answer), answer);
    // The aborted stream's file is removed as the upload fails; give that a moment.
    for (let attempt = 0; attempt < 40 && listFiles(join(api.dir, 'uploads')).length > 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(listFiles(join(api.dir, 'uploads')), []);
    assert.deepEqual((await api.json('/api/v1/sources')).body, sourcesBefore);
    assert.deepEqual((await api.json('/api/v1/jobs?kind=ingest')).body, []);
  });
});

describe('client addresses behind a reverse proxy', async () => {
  it('believes X-Forwarded-For only from the configured proxies', async () => {
    const trusting = await startApi({ trustProxy: '127.0.0.1' });
    const plain = await startApi();
    for (const [api, expected] of [
      [trusting, '203.0.113.9'],
      [plain, '127.0.0.1'],
    ] as const) {
      const id = api.tokens.viewer.slice(3, 15);
      const revoked = await api.json(`/api/v1/tokens/${id}`, {
        method: 'DELETE',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      assert.equal(revoked.status, 200);
      const [entry] = await api.stores.access.audit.listEntries({ action: 'tokens.revoke' });
      assert.equal(entry!.address, expected);
    }
  });
});
