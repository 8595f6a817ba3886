import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { daysFrom, ingestFixture, weeklyCost } from './cost-fixture.js';

const dir = makeTempDir();
const db = join(dir, 'alerts.duckdb');
// The receivers run on this machine: on-premises receivers allowed, as their operator would set it.
const tollgate = (...args: string[]) =>
  runCli(['--db', db, ...args], { env: { TOLLGATE_WEBHOOK_ALLOW_PRIVATE: 'true' } });
const SECRET = 'a-shared-secret-of-32-characters';
// The timeout only has to end the receiver that never answers; a loaded machine can take seconds
// to answer one that does, which must not count as a timeout.
const FAST = ['--webhook-timeout', '4000', '--webhook-attempts', '2', '--webhook-backoff', '20'];

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real receiver on 127.0.0.1: /ok answers 204, /flaky 500 until healed, /hang never answers. */
function startReceiver(): Promise<{ server: Server; base: string; received: Received[]; heal: () => void }> {
  const received: Received[] = [];
  let flakyHealed = false;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      if (request.url === '/hang') return;
      if (request.url === '/flaky' && !flakyHealed) {
        response.writeHead(500).end('down');
        return;
      }
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        base: `http://127.0.0.1:${port}`,
        received,
        heal: () => {
          flakyHealed = true;
        },
      });
    });
  });
}

async function json(args: string[]) {
  const result = await tollgate(...args, '--json');
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('tollgate alerts', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    receiver = await startReceiver();
    // Payments spends ~100 a weekday until a runaway from 2026-05-16: 600 a day.
    const lines = daysFrom('2026-01-01', 139).flatMap((day) => [
      { day, cost: day >= '2026-05-16' ? '600' : weeklyCost(day, 100), team: 'payments' },
      { day, cost: weeklyCost(day, 40), team: 'search', service: 'Amazon Simple Storage Service' },
    ]);
    await ingestFixture(db, dir, 'costs.csv', lines);
    const set = await tollgate(
      'budgets',
      'set',
      'payments',
      '--scope',
      'tag:team=payments',
      '--amount',
      '3100',
      '--currency',
      'USD',
    );
    assert.equal(set.code, 0, set.stderr);
  });
  after(() => {
    receiver.server.closeAllConnections();
    receiver.server.close();
  });

  it('refuses webhook URLs that are not http(s) or point at metadata addresses, and weak secrets', async () => {
    const cases: [string, string, RegExp][] = [
      ['ftp://example.com/hook', SECRET, /scheme 'ftp:' is not allowed/],
      ['http://169.254.169.254/latest/meta-data/iam', SECRET, /link-local or cloud metadata/],
      ['http://metadata.google.internal/computeMetadata/v1/', SECRET, /link-local or cloud metadata/],
      [`${receiver.base}/ok`, 'short', /at least 16 characters/],
    ];
    for (const [url, secret, pattern] of cases) {
      const before = await snapshotDatabase(db);
      const result = await tollgate('alerts', 'webhooks', 'add', url, '--secret', secret);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, pattern);
      assert.deepEqual(await snapshotDatabase(db), before);
    }
  });

  it('opens a page on a runaway, posts signed JSON and Slack bodies, retries a 500 and times out a hang', async () => {
    for (const [path, format] of [
      ['/ok', 'json'],
      ['/slack', 'slack'],
      ['/flaky', 'json'],
      ['/hang', 'json'],
    ] as const) {
      await json([
        'alerts',
        'webhooks',
        'add',
        `${receiver.base}${path}`,
        '--format',
        format,
        '--secret',
        SECRET,
      ]);
    }
    const result = await json(['alerts', 'evaluate', '--as-of', '2026-05-20', ...FAST]);
    const page = result.opened.find(
      (a: { kind: string; severity: string }) => a.kind === 'burn-rate' && a.severity === 'page',
    );
    assert.ok(page, JSON.stringify(result.opened.map((a: { key: string }) => a.key)));
    assert.match(page.title, /burning \d+\.\dx its daily rate/);
    assert.ok(result.budgets[0].burnRate.fast > 5);

    const ok = receiver.received.filter((r) => r.path === '/ok');
    assert.equal(ok.length, result.opened.length, 'one post per new alert');
    for (const request of ok) {
      const timestamp = request.headers['x-tollgate-timestamp'] as string;
      const expected = `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex')}`;
      assert.equal(request.headers['x-tollgate-signature'], expected);
      assert.ok(Math.abs(Number(timestamp) - Date.now() / 1000) < 120);
      assert.equal(JSON.parse(request.body).type, 'tollgate.alert');
    }
    const slack = receiver.received.filter((r) => r.path === '/slack').map((r) => JSON.parse(r.body));
    assert.ok(slack.some((body) => /\[page\]/.test(body.text) && Array.isArray(body.blocks)));

    const shown = await json(['alerts', 'show', String(page.id)]);
    const attemptsTo = (webhookId: number) =>
      shown.attempts.filter((a: { webhookId: number }) => a.webhookId === webhookId);
    assert.deepEqual(
      attemptsTo(3).map((a: { httpStatus: number; error: string }) => [a.httpStatus, a.error]),
      [
        [500, 'receiver answered HTTP 500'],
        [500, 'receiver answered HTTP 500'],
      ],
    );
    assert.deepEqual(
      attemptsTo(4).map((a: { error: string }) => a.error),
      ['no answer within 4000 ms', 'no answer within 4000 ms'],
    );
    assert.deepEqual(
      attemptsTo(1).map((a: { httpStatus: number }) => a.httpStatus),
      [204],
    );
    assert.deepEqual(
      shown.history.map((e: { event: string }) => e.event),
      ['opened'],
    );
    // Stop posting to the receiver that never answers; its history stays.
    await json(['alerts', 'webhooks', 'remove', '4']);
    const hooks = await json(['alerts', 'webhooks', 'list']);
    assert.deepEqual(
      hooks.map((h: { id: number }) => h.id),
      [1, 2, 3],
    );
    assert.ok(!('secret' in hooks[0]), 'secrets are not shown');
    const missing = await tollgate('alerts', 'webhooks', 'remove', '4');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /WEBHOOK_NOT_FOUND/);
  });

  it('keeps one open alert per condition, and delivers what a healed receiver missed', async () => {
    const before = receiver.received.filter((r) => r.path === '/ok').length;
    receiver.heal();
    const again = await json(['alerts', 'evaluate', '--as-of', '2026-05-20', ...FAST]);
    assert.deepEqual(again.opened, []);
    assert.ok(again.stillOpen.length > 0);
    assert.equal(receiver.received.filter((r) => r.path === '/ok').length, before, 'no duplicate posts');
    const flaky = again.deliveries.filter((d: { webhookId: number }) => d.webhookId === 3);
    assert.ok(flaky.length > 0 && flaky.every((d: { delivered: boolean }) => d.delivered));
    const open = await json(['alerts', 'list']);
    assert.equal(open.length, again.stillOpen.length);
  });

  it('acknowledges, silences for a planned event, and resolves when the condition is gone', async () => {
    const [first] = await json(['alerts', 'list']);
    // Who acknowledges is who runs the command; --by naming someone else is refused, nothing changed.
    const otherName = await tollgate('alerts', 'ack', String(first.id), '--by', 'alice');
    assert.equal(otherName.code, 2);
    assert.match(otherName.stderr, /BY_NOT_ACTOR/);
    const acked = await json(['alerts', 'ack', String(first.id)]);
    assert.equal(acked.status, 'acknowledged');
    assert.equal(acked.acknowledgedBy, commandLineActor().name.replace(/^cli:/, ''));
    const twice = await tollgate('alerts', 'ack', String(first.id));
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /ALERT_NOT_OPEN/);
    const missing = await tollgate('alerts', 'ack', '999');
    assert.match(missing.stderr, /ALERT_NOT_FOUND/);

    const badSilence = await tollgate(
      'alerts',
      'silence',
      '--budget',
      'payments',
      '--for',
      'forever',
      '--reason',
      'x',
    );
    assert.equal(badSilence.code, 2);
    assert.match(badSilence.stderr, /ALERT_BAD_DURATION/);
    const unknown = await tollgate('alerts', 'silence', '--budget', 'nope', '--for', '2h', '--reason', 'x');
    assert.equal(unknown.code, 1);
    await json(['alerts', 'silence', '--all-budgets', '--for', '2h', '--reason', 'load test']);
    const search = await tollgate(
      'budgets',
      'set',
      'search',
      '--scope',
      'tag:team=search',
      '--amount',
      '500',
      '--currency',
      'USD',
    );
    assert.equal(search.code, 0, search.stderr);
    const posts = receiver.received.length;
    const silenced = await json(['alerts', 'evaluate', '--as-of', '2026-05-20', ...FAST]);
    const searchAlerts = silenced.opened.filter((a: { budget: string }) => a.budget === 'search');
    assert.ok(searchAlerts.length > 0 && searchAlerts.every((a: { silenced: boolean }) => a.silenced));
    assert.equal(receiver.received.length, posts, 'silenced alerts are recorded, not posted');

    const raised = await tollgate(
      'budgets',
      'set',
      'payments',
      '--scope',
      'tag:team=payments',
      '--amount',
      '1000000',
      '--currency',
      'USD',
    );
    assert.equal(raised.code, 0, raised.stderr);
    const calm = await json(['alerts', 'evaluate', '--as-of', '2026-05-20', ...FAST]);
    assert.ok(calm.resolved.includes(first.id));
    const all = await json(['alerts', 'list', '--all', '--budget', 'payments']);
    const burn = all.filter((a: { kind: string }) => a.kind === 'burn-rate');
    assert.ok(burn.length > 0 && burn.every((a: { status: string }) => a.status === 'resolved'));
    const history = await json(['alerts', 'show', String(first.id)]);
    assert.deepEqual(
      history.history.map((e: { event: string }) => e.event),
      ['opened', 'acknowledged', 'resolved'],
    );
  });
});
