import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertCondition } from '../../src/core/alerting/alert-model.js';
import { type Budget, DEFAULT_BURN_RATE, DEFAULT_THRESHOLDS } from '../../src/core/budget/budget-model.js';
import { parseBudget } from '../../src/core/budget/parse-budget.js';
import type { ChargeDayCost, NewForecastSnapshot } from '../../src/ports/forecast-store.js';
import { type ContractFactory, type SeedLine, withStores } from './governance-stores.contract.js';

function budget(name: string, amount: string, overrides: Partial<Budget> = {}): Budget {
  return {
    name,
    scope: {
      filters: [{ dimension: 'service', values: ['EC2', null] }],
      owner: { kind: 'team', id: 'payments' },
    },
    period: 'quarter',
    fiscalYearStartMonth: 4,
    amount,
    currency: 'EUR',
    metric: 'effective',
    costClass: 'opex',
    thresholds: DEFAULT_THRESHOLDS,
    burnRate: DEFAULT_BURN_RATE,
    ...overrides,
  };
}

function snapshot(scopeKey: string, firstDay: string, mase: number | null): NewForecastSnapshot {
  return {
    scopeKey,
    filters: [{ dimension: 'tag:team', values: ['payments'] }],
    metric: 'billed',
    currency: 'USD',
    firstDay,
    horizonDays: 2,
    method: 'ets',
    mase,
    intervalSource: 'residuals',
    warnings: mase === null ? ['short history'] : [],
    days: [
      { date: firstDay, point: '12.34', lo80: '10', hi80: '14.6789012345678901', lo95: '-1.5', hi95: '20' },
      { date: '2026-12-31', point: '0', lo80: '0', hi80: '0', lo95: '0', hi95: '0.0000000000000001' },
    ],
  };
}

function condition(key: string, budgetName = 'cloud'): AlertCondition {
  return {
    key,
    budget: budgetName,
    kind: 'threshold',
    severity: 'ticket',
    title: `Budget ${budgetName} over 80%`,
    details: { percent: 80, actual: '812.25' },
  };
}

const line = (
  day: string,
  service: string,
  effective: string,
  chargeFrequency: string | null,
  currency = 'USD',
  tags: Record<string, string> | null = { team: 'payments' },
): SeedLine => ({ day, service, currency, billed: effective, effective, chargeFrequency, tags });

const byKey = (rows: ChargeDayCost[]) =>
  [...rows].sort((a, b) =>
    `${a.day}|${a.charge}|${a.group}|${a.currency}`.localeCompare(
      `${b.day}|${b.charge}|${b.group}|${b.currency}`,
    ),
  );

/** The contract every adapter of budgets, forecasts and alerts keeps. */
export function runFinanceStoresContract(adapter: string, open: ContractFactory): void {
  describe(`Budget, forecast and alert stores contract: ${adapter}`, () => {
    it('lists alerts, silences, webhooks and snapshots in numeric id order past nine', () =>
      withStores(open, async (s) => {
        const alerts: number[] = [];
        const silences: number[] = [];
        const webhooks: number[] = [];
        const snapshots: number[] = [];
        for (let index = 0; index < 11; index++) {
          alerts.push(
            (await s.alerts.openAlert(condition(`order-${index}`), '2026-03-01T00:00:00Z', false)).id,
          );
          const silence = {
            budget: null,
            startsAt: '2026-03-01T00:00:00Z',
            endsAt: '2026-04-01T00:00:00Z',
            reason: 'x',
          };
          silences.push((await s.alerts.addSilence(silence, '2026-03-01T00:00:00Z')).id);
          const hook = {
            url: `https://hooks.example.com/${index}`,
            format: 'json' as const,
            secret: 's',
            route: null,
          };
          webhooks.push((await s.alerts.addWebhook(hook, '2026-03-01T00:00:00Z')).id);
        }
        // Saved in one transaction, so they share one creation time and only the id orders them.
        await s.transaction(async () => {
          for (let index = 0; index < 11; index++) {
            snapshots.push(await s.forecasts.saveSnapshot(snapshot('same', '2026-03-01', null)));
          }
        });
        assert.deepEqual(
          (await s.alerts.listAlerts()).map((a) => a.id),
          alerts,
        );
        assert.deepEqual(
          (await s.alerts.activeSilences('2026-03-02T00:00:00Z')).map((x) => x.id),
          silences,
        );
        assert.deepEqual(
          (await s.alerts.listWebhooks()).map((x) => x.id),
          webhooks,
        );
        assert.deepEqual(
          (await s.forecasts.listSnapshots('same')).map((x) => x.id),
          [...snapshots].reverse(),
        );
      }));

    it('saves budgets by name (created, then updated), reads them exactly and removes them', () =>
      withStores(open, async (s) => {
        assert.equal(await s.budgets.saveBudget(budget('web', '1000')), 'created');
        assert.equal(await s.budgets.saveBudget(budget('cloud', '12345.6789012345678')), 'created');
        assert.equal(await s.budgets.saveBudget(budget('web', '2500.50', { period: 'month' })), 'updated');
        assert.deepEqual(await s.budgets.getBudget('web'), budget('web', '2500.5', { period: 'month' }));
        assert.deepEqual(
          (await s.budgets.listBudgets()).map((b) => [b.name, b.amount]),
          [
            ['cloud', '12345.6789012345678'],
            ['web', '2500.5'],
          ],
        );
        assert.equal(await s.budgets.getBudget('none'), undefined);
        assert.equal(await s.budgets.removeBudget('web'), true);
        assert.equal(await s.budgets.removeBudget('web'), false);
        assert.deepEqual(
          (await s.budgets.listBudgets()).map((b) => b.name),
          ['cloud'],
        );
      }));

    it('keeps every field of a budget as parsed: fiscal year, capital class, burn-rate policy, a long amount', () =>
      withStores(open, async (s) => {
        const parsed = parseBudget({
          name: 'payments',
          scope: ['tag:team=payments', 'service=Amazon EC2'],
          amount: '1234567890.1234567891',
          currency: 'EUR',
          period: 'fiscal-year',
          fiscalYearStartMonth: 4,
          class: 'capex',
          burnRate: { pageFastBurn: 5 },
        });
        assert.equal(await s.budgets.saveBudget(parsed), 'created');
        assert.deepEqual(await s.budgets.getBudget('payments'), parsed);
        assert.equal(await s.budgets.saveBudget({ ...parsed, amount: '10', costClass: 'opex' }), 'updated');
        assert.deepEqual(await s.budgets.listBudgets(), [{ ...parsed, amount: '10', costClass: 'opex' }]);
      }));

    it('numbers budget versions per name from 1, keeps a removal as a version without a budget, and rolls back with its transaction', () =>
      withStores(open, async (s) => {
        const first = budget('web', '1000.0000000000000001');
        const v1 = await s.budgets.appendBudgetVersion('web', first, 'user:ann');
        assert.deepEqual([v1.name, v1.version, v1.budget, v1.changedBy], ['web', 1, first, 'user:ann']);
        assert.match(v1.changedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        await s.budgets.appendBudgetVersion('other', budget('other', '5'), 'cli:root');
        await s.budgets.appendBudgetVersion('web', budget('web', '2'), 'cli:root');
        await assert.rejects(
          s.transaction(async () => {
            await s.budgets.appendBudgetVersion('web', budget('web', '3'), 'cli:root');
            throw new Error('undo');
          }),
          /undo/,
        );
        await s.budgets.appendBudgetVersion('web', null, 'user:bob');
        const versions = await s.budgets.listBudgetVersions('web');
        assert.deepEqual(
          versions.map((v) => [v.version, v.budget?.amount ?? null, v.changedBy]),
          [
            [1, '1000.0000000000000001', 'user:ann'],
            [2, '2', 'cli:root'],
            [3, null, 'user:bob'],
          ],
        );
        assert.deepEqual(await s.budgets.listBudgetVersions('never'), []);
      }));

    it('leaves no budget, snapshot or alert behind when the transaction that wrote them fails', () =>
      withStores(open, async (s) => {
        await s.budgets.saveBudget(budget('kept', '1'));
        await assert.rejects(
          s.transaction(async () => {
            await s.budgets.saveBudget(budget('kept', '2'));
            await s.budgets.saveBudget(budget('new', '3'));
            await s.forecasts.saveSnapshot(snapshot('scope', '2026-03-01', null));
            const alert = await s.alerts.openAlert(condition('k'), '2026-03-01T00:00:00Z', false);
            const hook = await s.alerts.addWebhook(
              { url: 'https://hooks.example.com/a', format: 'json', secret: 's', route: null },
              '2026-03-01T00:00:00Z',
            );
            await s.alerts.queueDeliveries(alert.id, '2026-03-01T00:00:00Z', [hook.id]);
            throw new Error('half way');
          }),
          /half way/,
        );
        assert.deepEqual(
          (await s.budgets.listBudgets()).map((b) => [b.name, b.amount]),
          [['kept', '1']],
        );
        assert.deepEqual(await s.forecasts.listSnapshots(), []);
        assert.deepEqual(await s.alerts.listAlerts({ all: true }), []);
        assert.deepEqual(await s.alerts.listWebhooks(), []);
        assert.deepEqual(await s.alerts.pendingDeliveries(), []);
      }));

    it('keeps forecast snapshots with their days exactly, newest first, by scope', () =>
      withStores(open, async (s) => {
        const first = await s.forecasts.saveSnapshot(snapshot('team=payments', '2026-03-01', 0.8125));
        const second = await s.forecasts.saveSnapshot(snapshot('team=search', '2026-03-02', null));
        const third = await s.forecasts.saveSnapshot(snapshot('team=payments', '2026-03-03', 1.5));
        assert.ok(first < second && second < third, 'ids only grow');
        const all = await s.forecasts.listSnapshots();
        assert.deepEqual(
          all.map((x) => x.id),
          [third, second, first],
        );
        const { days: _days, ...withoutDays } = snapshot('team=search', '2026-03-02', null);
        const stored = all[1]!;
        assert.match(stored.createdAt, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        assert.deepEqual(stored, { ...withoutDays, id: second, createdAt: stored.createdAt });
        assert.deepEqual(
          (await s.forecasts.listSnapshots('team=payments')).map((x) => [x.id, x.mase]),
          [
            [third, 1.5],
            [first, 0.8125],
          ],
        );
        assert.deepEqual(await s.forecasts.snapshotDays(first), [
          {
            date: '2026-03-01',
            point: '12.3400000000000000',
            lo80: '10.0000000000000000',
            hi80: '14.6789012345678901',
            lo95: '-1.5000000000000000',
            hi95: '20.0000000000000000',
          },
          {
            date: '2026-12-31',
            point: '0.0000000000000000',
            lo80: '0.0000000000000000',
            hi80: '0.0000000000000000',
            lo95: '0.0000000000000000',
            hi95: '0.0000000000000001',
          },
        ]);
        assert.deepEqual(await s.forecasts.snapshotDays(third + 100), []);
      }));

    it('rounds amounts past sixteen decimals half away from zero, as DECIMAL(38,16) does', () =>
      withStores(open, async (s) => {
        const id = await s.forecasts.saveSnapshot({
          ...snapshot('rounding', '2026-03-01', null),
          days: [
            {
              date: '2026-03-01',
              point: '1.23456789012345675',
              lo80: '-2.00000000000000025',
              hi80: '0.00000000000000005',
              lo95: '-0.00000000000000005',
              hi95: '12.345678901234567891',
            },
          ],
        });
        assert.deepEqual(await s.forecasts.snapshotDays(id), [
          {
            date: '2026-03-01',
            point: '1.2345678901234568',
            lo80: '-2.0000000000000003',
            hi80: '0.0000000000000001',
            lo95: '-0.0000000000000001',
            hi95: '12.3456789012345679',
          },
        ]);
        await s.budgets.saveBudget(budget('tiny', '0.00000000000000015'));
        assert.equal((await s.budgets.getBudget('tiny'))?.amount, '0.0000000000000002');
      }));

    it('splits daily cost by charge frequency, exactly, per currency, optionally grouped', () =>
      withStores(open, async (s) => {
        await s.seedCostLines([
          line('2026-01-05', 'EC2', '10.0000000000000001', 'Usage-Based'),
          line('2026-01-05', 'EC2', '0.5', null),
          line('2026-01-05', 'S3', '2', 'Usage-Based'),
          line('2026-01-05', 'Support', '100', 'Recurring'),
          line('2026-01-06', 'EC2', '-1.25', 'Usage-Based'),
          line('2026-01-06', 'RI', '999', 'One-Time'),
          line('2026-01-06', 'VMs', '80.25', 'Usage-Based', 'EUR', { team: 'search' }),
          line('2026-01-07', 'EC2', '3', 'Usage-Based', 'USD', null),
          line('2025-12-31', 'EC2', '7', 'Usage-Based'),
        ]);
        const all = await s.forecasts.dailyCharges({
          filters: [],
          metric: 'effective',
          from: '2026-01-01',
          to: '2026-01-07',
        });
        assert.deepEqual(
          all.map((row) => row.day),
          [...all.map((row) => row.day)].sort(),
          'in day order',
        );
        const cost = (day: string, charge: ChargeDayCost['charge'], value: string, currency = 'USD') => ({
          day,
          charge,
          group: null,
          currency,
          cost: value,
        });
        assert.deepEqual(byKey(all), [
          cost('2026-01-05', 'recurring', '100.0000000000000000'),
          cost('2026-01-05', 'usage', '12.5000000000000001'),
          cost('2026-01-06', 'one-time', '999.0000000000000000'),
          cost('2026-01-06', 'usage', '80.2500000000000000', 'EUR'),
          cost('2026-01-06', 'usage', '-1.2500000000000000'),
        ]);

        const grouped = await s.forecasts.dailyCharges({
          filters: [{ dimension: 'tag:team', values: ['payments'] }],
          metric: 'billed',
          groupBy: 'service',
        });
        assert.deepEqual(
          byKey(grouped).map((row) => [row.day, row.charge, row.group, row.cost]),
          [
            ['2025-12-31', 'usage', 'EC2', '7.0000000000000000'],
            ['2026-01-05', 'recurring', 'Support', '100.0000000000000000'],
            ['2026-01-05', 'usage', 'EC2', '10.5000000000000001'],
            ['2026-01-05', 'usage', 'S3', '2.0000000000000000'],
            ['2026-01-06', 'one-time', 'RI', '999.0000000000000000'],
            ['2026-01-06', 'usage', 'EC2', '-1.2500000000000000'],
          ],
        );
        assert.deepEqual(
          await s.forecasts.dailyCharges({
            filters: [{ dimension: 'service', values: ['none'] }],
            metric: 'list',
          }),
          [],
        );
      }));

    it('scans daily charges in one pass with the same rows as dailyCharges, in day order', () =>
      withStores(open, async (s) => {
        await s.seedCostLines([
          line('2026-01-05', 'EC2', '10.0000000000000001', 'Usage-Based'),
          line('2026-01-05', 'EC2', '0.5', null),
          line('2026-01-05', 'S3', '2', 'Usage-Based'),
          line('2026-01-05', 'Support', '100', 'Recurring'),
          line('2026-01-06', 'EC2', '-1.25', 'Usage-Based'),
          line('2026-01-06', 'RI', '999', 'One-Time'),
          line('2026-01-06', 'VMs', '80.25', 'Usage-Based', 'EUR', { team: 'search' }),
          line('2026-01-07', 'EC2', '3', 'Usage-Based', 'USD', null),
          line('2025-12-31', 'EC2', '7', 'Usage-Based'),
        ]);
        const queries: Parameters<typeof s.forecasts.dailyCharges>[0][] = [
          { filters: [], metric: 'effective', from: '2026-01-01', to: '2026-01-07' },
          {
            filters: [{ dimension: 'tag:team', values: ['payments'] }],
            metric: 'billed',
            groupBy: 'service',
          },
          {
            filters: [{ dimension: 'currency', values: ['USD', 'EUR'] }],
            metric: 'effective',
            groupBy: 'tag:team',
          },
          { filters: [{ dimension: 'tag:team', values: [null] }], metric: 'effective' },
          // Every column the one pass could borrow is in use: it takes the three passes.
          {
            filters: [
              { dimension: 'pricing-category', values: ['Standard', null] },
              { dimension: 'charge-category', values: ['Usage', 'Purchase'] },
            ],
            metric: 'effective',
            groupBy: 'service-category',
          },
          { filters: [{ dimension: 'service', values: ['none'] }], metric: 'list' },
        ];
        for (const query of queries) {
          const passes = await s.forecasts.dailyCharges(query);
          const scanned = await s.budgets.scanDailyCharges(query);
          assert.deepEqual(byKey(scanned), byKey(passes), JSON.stringify(query));
          assert.deepEqual(
            scanned.map((row) => row.day),
            passes.map((row) => row.day),
            'in day order',
          );
        }
        const charges = new Set((await s.budgets.scanDailyCharges(queries[0]!)).map((row) => row.charge));
        assert.deepEqual([...charges].sort(), ['one-time', 'recurring', 'usage']);
      }));

    it('opens one alert per key, touches, acknowledges and resolves it, and keeps its history', () =>
      withStores(open, async (s) => {
        assert.equal(await s.alerts.findActiveAlert('cloud:q1:80'), undefined);
        const alert = await s.alerts.openAlert(condition('cloud:q1:80'), '2026-03-01T10:00:00Z', false);
        assert.deepEqual(alert, {
          ...condition('cloud:q1:80'),
          id: alert.id,
          status: 'open',
          silenced: false,
          openedAt: '2026-03-01T10:00:00Z',
          lastSeenAt: '2026-03-01T10:00:00Z',
          acknowledgedAt: null,
          acknowledgedBy: null,
          resolvedAt: null,
        });
        const quiet = await s.alerts.openAlert(condition('web:q1:50', 'web'), '2026-03-01T10:00:00Z', true);
        assert.ok(quiet.id > alert.id);
        assert.equal(quiet.silenced, true);
        assert.equal((await s.alerts.findActiveAlert('cloud:q1:80'))?.id, alert.id);

        await s.alerts.touchAlert(alert.id, { percent: 91 }, 'Budget cloud over 90%', '2026-03-02T10:00:00Z');
        await s.alerts.acknowledgeAlert(alert.id, 'bea', '2026-03-02T11:00:00Z');
        const acknowledged = await s.alerts.getAlert(alert.id);
        assert.equal(acknowledged?.status, 'acknowledged');
        assert.equal(acknowledged?.title, 'Budget cloud over 90%');
        assert.deepEqual(acknowledged?.details, { percent: 91 });
        assert.equal(acknowledged?.lastSeenAt, '2026-03-02T10:00:00Z');
        assert.equal(acknowledged?.acknowledgedBy, 'bea');
        assert.equal(
          (await s.alerts.findActiveAlert('cloud:q1:80'))?.id,
          alert.id,
          'acknowledged is still active',
        );

        await s.alerts.resolveAlert(alert.id, '2026-03-02T11:00:00Z', 'condition no longer holds');
        assert.equal(await s.alerts.findActiveAlert('cloud:q1:80'), undefined);
        const reopened = await s.alerts.openAlert(condition('cloud:q1:80'), '2026-03-03T00:00:00Z', false);
        assert.ok(reopened.id > quiet.id);

        assert.deepEqual(
          (await s.alerts.listAlerts()).map((a) => a.id),
          [quiet.id, reopened.id],
        );
        assert.deepEqual(
          (await s.alerts.listAlerts({ all: true })).map((a) => [a.id, a.status]),
          [
            [alert.id, 'resolved'],
            [quiet.id, 'open'],
            [reopened.id, 'open'],
          ],
        );
        assert.deepEqual(
          (await s.alerts.listAlerts({ all: true, budget: 'web' })).map((a) => a.id),
          [quiet.id],
        );
        assert.deepEqual(await s.alerts.listEvents(alert.id), [
          { alertId: alert.id, at: '2026-03-01T10:00:00Z', event: 'opened', note: null },
          { alertId: alert.id, at: '2026-03-02T11:00:00Z', event: 'acknowledged', note: 'by bea' },
          {
            alertId: alert.id,
            at: '2026-03-02T11:00:00Z',
            event: 'resolved',
            note: 'condition no longer holds',
          },
        ]);
        assert.deepEqual(await s.alerts.listEvents(quiet.id), [
          {
            alertId: quiet.id,
            at: '2026-03-01T10:00:00Z',
            event: 'silenced',
            note: 'opened during a silence',
          },
        ]);
      }));

    it('finds the silences active at an instant', () =>
      withStores(open, async (s) => {
        const all = await s.alerts.addSilence(
          {
            budget: null,
            startsAt: '2026-03-01T00:00:00Z',
            endsAt: '2026-03-02T00:00:00Z',
            reason: 'migration',
          },
          '2026-02-28T12:00:00Z',
        );
        const web = await s.alerts.addSilence(
          {
            budget: 'web',
            startsAt: '2026-03-01T12:00:00Z',
            endsAt: '2026-03-05T00:00:00Z',
            reason: 'launch',
          },
          '2026-02-28T12:00:00Z',
        );
        assert.ok(web.id > all.id);
        assert.deepEqual(await s.alerts.activeSilences('2026-03-01T12:00:00Z'), [all, web]);
        assert.deepEqual(
          await s.alerts.activeSilences('2026-03-02T00:00:00Z'),
          [web],
          'the end is exclusive',
        );
        assert.deepEqual(await s.alerts.activeSilences('2026-02-28T23:59:59Z'), []);
      }));

    it('queues one delivery per alert and active webhook, however often asked, and records every attempt', () =>
      withStores(open, async (s) => {
        const slack = await s.alerts.addWebhook(
          { url: 'https://hooks.example.com/a', format: 'slack', secret: 's1', route: null },
          '2026-03-01T00:00:00Z',
        );
        const json = await s.alerts.addWebhook(
          { url: 'https://hooks.example.com/b', format: 'json', secret: 's2', route: 'tag:team=payments' },
          '2026-03-01T00:00:00Z',
        );
        const gone = await s.alerts.addWebhook(
          { url: 'https://hooks.example.com/c', format: 'json', secret: 's3', route: 'budget=x' },
          '2026-03-01T00:00:00Z',
        );
        assert.equal(await s.alerts.removeWebhook(gone.id), true);
        assert.equal(await s.alerts.removeWebhook(gone.id), false);
        assert.deepEqual(await s.alerts.listWebhooks(), [slack, json]);

        const alert = await s.alerts.openAlert(condition('k1'), '2026-03-01T10:00:00Z', false);
        // Only the webhooks named, active ones only (the removed one is skipped), each once.
        await s.alerts.queueDeliveries(alert.id, '2026-03-01T10:00:00Z', [slack.id, gone.id]);
        await s.alerts.queueDeliveries(alert.id, '2026-03-01T10:05:00Z', [slack.id, json.id]);
        assert.deepEqual(await s.alerts.pendingDeliveries(), [
          { alertId: alert.id, webhookId: slack.id, attempts: 0 },
          { alertId: alert.id, webhookId: json.id, attempts: 0 },
        ]);
        const attempt = (webhookId: number, n: number, at: string, httpStatus: number | null) => ({
          alertId: alert.id,
          webhookId,
          attempt: n,
          at,
          httpStatus,
          error: httpStatus === null ? 'connection refused' : null,
          durationMs: 120 + n,
        });
        await s.alerts.recordAttempt(attempt(slack.id, 1, '2026-03-01T10:00:01Z', 200), true);
        await s.alerts.recordAttempt(attempt(json.id, 1, '2026-03-01T10:00:02Z', null), false);
        assert.deepEqual(await s.alerts.pendingDeliveries(), [
          { alertId: alert.id, webhookId: json.id, attempts: 1 },
        ]);
        await s.alerts.recordAttempt(attempt(json.id, 2, '2026-03-01T10:05:00Z', 200), true);
        assert.deepEqual(await s.alerts.pendingDeliveries(), []);
        assert.deepEqual(await s.alerts.listAttempts(alert.id), [
          attempt(slack.id, 1, '2026-03-01T10:00:01Z', 200),
          attempt(json.id, 1, '2026-03-01T10:00:02Z', null),
          attempt(json.id, 2, '2026-03-01T10:05:00Z', 200),
        ]);
        assert.equal((await s.alerts.listAttempts()).length, 3);
        assert.deepEqual(await s.alerts.listAttempts(alert.id + 1), []);
        // It escalates: the webhooks named hear of it again, attempts counted on.
        await s.alerts.requeueDeliveries(alert.id, '2026-03-02T10:00:00Z', [slack.id]);
        assert.deepEqual(await s.alerts.pendingDeliveries(), [
          { alertId: alert.id, webhookId: slack.id, attempts: 1 },
        ]);
      }));
  });
}
