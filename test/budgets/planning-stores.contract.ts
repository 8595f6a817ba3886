import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertCondition } from '../../src/core/alerting/alert-model.js';
import { parseBudget } from '../../src/core/budget/parse-budget.js';
import type { Stores } from '../../src/ports/stores.js';

export type PlanningStoresFactory = () => Promise<Stores>;

const condition = (key: string, severity: 'page' | 'ticket' = 'page'): AlertCondition => ({
  key,
  budget: 'payments',
  kind: 'burn-rate',
  severity,
  title: `title of ${key}`,
  details: { burnRate: { fast: 4.2 }, amount: '3100.0000000001' },
});

/** What every adapter of the budget, forecast and alert stores must do. */
export function runPlanningStoresContract(name: string, open: PlanningStoresFactory): void {
  describe(`${name} budget store`, () => {
    it('saves, replaces, lists and removes budgets with the amount exact', async () => {
      const stores = await open();
      try {
        const budget = parseBudget({
          name: 'payments',
          scope: ['tag:team=payments', 'service=Amazon EC2'],
          amount: '1234567890.1234567891',
          currency: 'EUR',
          period: 'fiscal-year',
          fiscalYearStartMonth: 4,
          class: 'capex',
          burnRate: { pageFastBurn: 5 },
        });
        assert.equal(await stores.budgets.saveBudget(budget), 'created');
        assert.deepEqual(await stores.budgets.getBudget('payments'), budget);
        assert.equal(await stores.budgets.saveBudget({ ...budget, amount: '10' }), 'updated');
        assert.deepEqual(
          (await stores.budgets.listBudgets()).map((b) => [b.name, b.amount]),
          [['payments', '10']],
        );
        assert.equal(await stores.budgets.removeBudget('payments'), true);
        assert.equal(await stores.budgets.removeBudget('payments'), false);
        assert.equal(await stores.budgets.getBudget('payments'), undefined);
      } finally {
        await stores.close();
      }
    });

    it('rolls back a save inside a failed transaction', async () => {
      const stores = await open();
      try {
        const budget = parseBudget({ name: 'x', scope: 'tag:a=b', amount: '1', currency: 'USD' });
        await assert.rejects(
          stores.transaction(async () => {
            await stores.budgets.saveBudget(budget);
            throw new Error('half way');
          }),
        );
        assert.deepEqual(await stores.budgets.listBudgets(), []);
      } finally {
        await stores.close();
      }
    });
  });

  describe(`${name} forecast store`, () => {
    it('keeps snapshots with their filters and days, newest first per scope', async () => {
      const stores = await open();
      try {
        const snapshot = {
          scopeKey: 'tag:team=payments',
          filters: [{ dimension: 'tag:team' as const, values: ['payments'] }],
          metric: 'effective' as const,
          currency: 'USD',
          firstDay: '2026-05-20',
          horizonDays: 2,
          method: 'holt-winters',
          mase: 0.73,
          intervalSource: 'backtest',
          warnings: ['w'],
          days: [
            { date: '2026-05-20', point: '100.5', lo80: '90', hi80: '110', lo95: '80', hi95: '120' },
            { date: '2026-05-21', point: '101.25', lo80: '91', hi80: '111', lo95: '81', hi95: '121' },
          ],
        };
        const first = await stores.forecasts.saveSnapshot(snapshot);
        const second = await stores.forecasts.saveSnapshot({ ...snapshot, firstDay: '2026-05-21' });
        await stores.forecasts.saveSnapshot({ ...snapshot, scopeKey: 'other' });
        const listed = await stores.forecasts.listSnapshots('tag:team=payments');
        assert.deepEqual(
          listed.map((s) => s.id),
          [second, first],
        );
        assert.deepEqual(listed[1]!.filters, snapshot.filters);
        assert.equal(listed[1]!.mase, 0.73);
        assert.deepEqual(listed[1]!.warnings, ['w']);
        const days = await stores.forecasts.snapshotDays(first);
        assert.deepEqual(
          days.map((d) => [d.date, Number(d.point), Number(d.hi95)]),
          [
            ['2026-05-20', 100.5, 120],
            ['2026-05-21', 101.25, 121],
          ],
        );
        assert.equal((await stores.forecasts.listSnapshots()).length, 3);
      } finally {
        await stores.close();
      }
    });
  });

  describe(`${name} alert store`, () => {
    it('opens one active alert per key, acknowledges, resolves, and keeps the history', async () => {
      const stores = await open();
      try {
        const at = '2026-05-20T08:00:00.000Z';
        const opened = await stores.alerts.openAlert(condition('k1'), at, false);
        assert.equal(opened.status, 'open');
        assert.deepEqual(opened.details, condition('k1').details);
        assert.equal((await stores.alerts.findActiveAlert('k1'))?.id, opened.id);
        await stores.alerts.touchAlert(opened.id, { seen: 2 }, 'new title', '2026-05-20T09:00:00.000Z');
        await stores.alerts.acknowledgeAlert(opened.id, 'alice', '2026-05-20T09:30:00.000Z');
        const acked = (await stores.alerts.getAlert(opened.id))!;
        assert.deepEqual(
          [acked.status, acked.acknowledgedBy, acked.title],
          ['acknowledged', 'alice', 'new title'],
        );
        assert.equal(
          (await stores.alerts.findActiveAlert('k1'))?.id,
          opened.id,
          'acknowledged is still active',
        );
        await stores.alerts.resolveAlert(opened.id, '2026-05-21T00:00:00.000Z', 'gone');
        assert.equal(await stores.alerts.findActiveAlert('k1'), undefined);
        assert.deepEqual(await stores.alerts.listAlerts(), []);
        assert.equal((await stores.alerts.listAlerts({ all: true })).length, 1);
        assert.deepEqual(
          (await stores.alerts.listEvents(opened.id)).map((e) => e.event),
          ['opened', 'acknowledged', 'resolved'],
        );
      } finally {
        await stores.close();
      }
    });

    it('queues deliveries to active webhooks, records every attempt, and keeps failures pending', async () => {
      const stores = await open();
      try {
        const at = '2026-05-20T08:00:00.000Z';
        const hook = await stores.alerts.addWebhook(
          { url: 'https://hooks.example.com/a', format: 'slack', secret: 's'.repeat(16) },
          at,
        );
        const gone = await stores.alerts.addWebhook(
          { url: 'https://hooks.example.com/b', format: 'json', secret: 's'.repeat(16) },
          at,
        );
        assert.equal(await stores.alerts.removeWebhook(gone.id), true);
        assert.deepEqual(
          (await stores.alerts.listWebhooks()).map((w) => w.id),
          [hook.id],
        );
        const alert = await stores.alerts.openAlert(condition('k2'), at, false);
        await stores.alerts.queueDeliveries(alert.id, at);
        await stores.alerts.queueDeliveries(alert.id, at);
        assert.deepEqual(await stores.alerts.pendingDeliveries(), [
          { alertId: alert.id, webhookId: hook.id, attempts: 0 },
        ]);
        const attempt = {
          alertId: alert.id,
          webhookId: hook.id,
          at,
          httpStatus: 500,
          error: 'HTTP 500',
          durationMs: 12,
        };
        await stores.alerts.recordAttempt({ ...attempt, attempt: 1 }, false);
        assert.deepEqual(await stores.alerts.pendingDeliveries(), [
          { alertId: alert.id, webhookId: hook.id, attempts: 1 },
        ]);
        await stores.alerts.recordAttempt({ ...attempt, attempt: 2, httpStatus: 200, error: null }, true);
        assert.deepEqual(await stores.alerts.pendingDeliveries(), []);
        assert.deepEqual(
          (await stores.alerts.listAttempts(alert.id)).map((a) => [a.attempt, a.httpStatus, a.error]),
          [
            [1, 500, 'HTTP 500'],
            [2, 200, null],
          ],
        );
      } finally {
        await stores.close();
      }
    });

    it('finds the silences active at a moment', async () => {
      const stores = await open();
      try {
        const silence = await stores.alerts.addSilence(
          {
            budget: 'payments',
            startsAt: '2026-05-20T08:00:00.000Z',
            endsAt: '2026-05-20T10:00:00.000Z',
            reason: 'load test',
          },
          '2026-05-20T08:00:00.000Z',
        );
        assert.deepEqual(
          (await stores.alerts.activeSilences('2026-05-20T09:00:00.000Z')).map((s) => [
            s.id,
            s.budget,
            s.reason,
          ]),
          [[silence.id, 'payments', 'load test']],
        );
        assert.deepEqual(await stores.alerts.activeSilences('2026-05-20T10:00:00.000Z'), []);
      } finally {
        await stores.close();
      }
    });
  });
}
