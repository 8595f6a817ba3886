import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_NOTIFIER_OPTIONS, WebhookNotifier } from '../../src/adapters/notify/webhook-notifier.js';
import { evaluateAlerts } from '../../src/app/alerting/evaluate-alerts.js';
import { addWebhook } from '../../src/app/alerting/manage-alerts.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { setBudget } from '../../src/app/budget/manage-budgets.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';
import { daysFrom, ingestFixture } from './cost-fixture.js';

const dir = makeTempDir();
const db = join(dir, 'grouping.duckdb');
const posts: string[] = [];
const routed: Record<string, number> = {};
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    if (request.url === '/hook') posts.push(body);
    else routed[request.url ?? ''] = (routed[request.url ?? ''] ?? 0) + 1;
    response.writeHead(204).end();
  });
});
// The receivers run on this machine: on-premises receivers allowed, as their operator would set it.
const notifier = new WebhookNotifier({
  ...DEFAULT_NOTIFIER_OPTIONS,
  allowPrivate: true,
  timeoutMs: 2000,
  attempts: 1,
  backoffMs: 10,
});

const evaluate = (asOf: string) =>
  withStores(db, (stores) => evaluateAlerts(stores, notifier, asOf, commandLineActor()));
const thresholdAlerts = () =>
  withStores(db, async (stores) =>
    (await stores.alerts.listAlerts({ all: true, budget: 'payments' })).filter((a) => a.kind === 'threshold'),
  );

describe('budget threshold alerts: grouped, escalating, and safe to evaluate as of an earlier day', () => {
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // A steady 100 a day: a 3,000 May budget passes 50% after 15 days, 80% after 24, 100% after 30.
    await ingestFixture(
      db,
      dir,
      'costs.csv',
      daysFrom('2026-02-01', 130).map((day) => ({ day, cost: '100', team: 'payments' })),
    );
    await withStores(db, async (stores) => {
      await setBudget(stores, {
        name: 'payments',
        scope: 'tag:team=payments',
        amount: '3000',
        currency: 'USD',
        thresholds: ['actual:50', 'actual:80', 'actual:100'],
      });
      await addWebhook(stores, {
        url: `http://127.0.0.1:${port}/hook`,
        format: 'json',
        secret: 'a-shared-secret-of-32-characters',
        allowPrivate: true,
      });
      // Routed by owner: the payments team's channel, the budget's own, and another team's.
      for (const route of ['tag:team=payments', 'budget=payments', 'tag:team=search'])
        await addWebhook(stores, {
          url: `http://127.0.0.1:${port}/${route.replace(/[^a-z]/g, '-')}`,
          allowPrivate: true,
          format: 'slack',
          secret: 'a-shared-secret-of-32-characters',
          route,
        });
    });
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('opens one threshold alert for the budget, not one per threshold reached', async () => {
    const result = await evaluate('2026-05-20');
    const opened = result.opened.filter((a) => a.kind === 'threshold');
    assert.equal(opened.length, 1, JSON.stringify(opened.map((a) => a.title)));
    assert.equal(opened[0]!.details.level, 50);
    assert.equal(
      opened[0]!.details.explorer,
      '/?view=explorer&by=service&metric=effective&currency=USD&from=2026-05-01&until=2026-05-31&grain=day&filter=tag%3Ateam%3Dpayments',
    );
    assert.equal(posts.length, result.opened.length);
    assert.deepEqual(routed, {
      '/tag-team-payments': result.opened.length,
      '/budget-payments': result.opened.length,
    });
  });

  it('refuses a route that is neither budget=NAME nor a scope term, adding nothing', async () => {
    await withStores(db, async (stores) => {
      const before = await stores.alerts.listWebhooks();
      await assert.rejects(
        addWebhook(stores, {
          url: 'http://127.0.0.1:9/x',
          allowPrivate: true,
          format: 'json',
          secret: 'a-shared-secret-of-32-characters',
          route: 'payments',
        }),
        (error: Error & { code?: string }) =>
          error.code === 'WEBHOOK_BAD_ROUTE' && /budget=NAME/.test(error.message),
      );
      assert.deepEqual(await stores.alerts.listWebhooks(), before);
    });
  });

  it('escalates the same alert from 50 to 80 to 100% and sends it again each time', async () => {
    const [first] = await thresholdAlerts();
    const sent = posts.length;
    const at80 = await evaluate('2026-05-27');
    assert.deepEqual(at80.escalated, [first!.id]);
    assert.equal(at80.opened.filter((a) => a.kind === 'threshold').length, 0);
    assert.equal(posts.length, sent + 1);
    const at100 = await evaluate('2026-05-31');
    assert.deepEqual(at100.escalated, [first!.id]);
    const alerts = await thresholdAlerts();
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.details.level, 100);
    assert.match(alerts[0]!.title, /threshold 100% reached; 3 thresholds reached in all/);
    const again = await evaluate('2026-05-31');
    assert.deepEqual(again.escalated, []);
    assert.equal(posts.length, sent + 2, 'an alert that stays at its level is not sent again');
  });

  it('an evaluation as of an earlier day neither resolves nor rewrites alerts seen later', async () => {
    const [before] = await thresholdAlerts();
    const early = await evaluate('2026-05-10');
    assert.deepEqual(early.resolved, []);
    const earlier = await evaluate('2026-05-20');
    assert.deepEqual(earlier.resolved, []);
    assert.deepEqual(earlier.escalated, []);
    const [after] = await thresholdAlerts();
    assert.equal(after!.status, 'open');
    assert.deepEqual(after!.details, before!.details);
  });

  it('resolves it once a later evaluation finds the condition gone (a new period)', async () => {
    const [may] = await thresholdAlerts();
    const june = await evaluate('2026-06-05');
    assert.ok(june.resolved.includes(may!.id));
  });
});
