import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { openPostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { PgDatabase } from '../../src/adapters/postgres/pg-database.js';
import { loadPgMigrations, migratePostgres } from '../../src/adapters/postgres/pg-migrations.js';
import { ensureMonthPartitions } from '../../src/adapters/postgres/pg-month-partitions.js';
import { postgresDialect } from '../../src/adapters/postgres/postgres-dialect.js';
import { lockedAuditWriter } from '../../src/adapters/sql/access/locked-audit-writer.js';
import { createSqlAccessStores } from '../../src/adapters/sql/access/sql-access-stores.js';
import { SqlAlertStore } from '../../src/adapters/sql/finance/sql-alert-store.js';
import { SqlBudgetStore } from '../../src/adapters/sql/finance/sql-budget-store.js';
import { SqlForecastStore } from '../../src/adapters/sql/finance/sql-forecast-store.js';
import { SequenceDecisionAppender } from '../../src/adapters/sql/governance/sequence-decision-appender.js';
import { createSqlGovernanceStores } from '../../src/adapters/sql/governance/sql-governance-stores.js';
import { evaluateAlerts } from '../../src/app/alerting/evaluate-alerts.js';
import { acknowledgeAlert } from '../../src/app/alerting/manage-alerts.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { reportBudgetStatus } from '../../src/app/budget/budget-status-report.js';
import { setBudget } from '../../src/app/budget/manage-budgets.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { forecastCosts } from '../../src/app/forecast/forecast-costs.js';
import { reportConformance } from '../../src/app/governance/conformance/report-conformance.js';
import {
  computeGovernanceKpis,
  computeServiceProcessCost,
} from '../../src/app/governance/deployments/compute-governance-kpis.js';
import { gateDeployment } from '../../src/app/governance/gate/gate-deployment.js';
import { loadDemoGovernance } from '../../src/app/governance/load-demo-governance.js';
import { correctionFactors, showRelease } from '../../src/app/governance/releases/manage-releases.js';
import { generateDemoGovernance } from '../../src/demo/governance/generate-demo-governance.js';
import type { Notifier } from '../../src/ports/notifier.js';
import type { Stores } from '../../src/ports/stores.js';
import { daysFrom, weeklyCost, writeFocusFixture } from '../budgets/cost-fixture.js';
import { type PostgresCluster, sharedPostgresCluster } from '../support/postgres-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { appendAudit, runAccessStoresContract, verifyStoredChain } from './access-stores.contract.js';
import { runFinanceStoresContract } from './finance-stores.contract.js';
import {
  COST,
  type ContractStores,
  deployment,
  runGovernanceStoresContract,
  type SeedLine,
} from './governance-stores.contract.js';
import { runJobStoreContract } from './job-store.contract.js';

/** The stores of this suite over one PostgreSQL database, as one server process opens them. */
function storesOver(db: PgDatabase): ContractStores {
  return {
    governance: createSqlGovernanceStores(
      db,
      postgresDialect,
      new SequenceDecisionAppender(db, postgresDialect),
    ),
    budgets: new SqlBudgetStore(db, postgresDialect),
    forecasts: new SqlForecastStore(db, postgresDialect),
    alerts: new SqlAlertStore(db, postgresDialect),
    access: createSqlAccessStores(db, postgresDialect, lockedAuditWriter(db)),
    transaction: (work) => db.transaction(work),
    close: () => db.close(),
    async seedCostLines(lines: SeedLine[]) {
      await ensureMonthPartitions(db, [...new Set(lines.map((line) => `${line.day.slice(0, 7)}-01`))]);
      for (const [index, line] of lines.entries()) {
        await db.run(
          `INSERT INTO cost_lines (load_id, source_file, source_row, provider_name, billing_account_id, billing_period_start,
             charge_period_start, charge_period_end, billing_currency, service_name, billed_cost, effective_cost,
             charge_frequency, tags)
           VALUES (1, 'contract', $row, 'AWS', 'a1', date_trunc('month', CAST($day AS TIMESTAMP)), CAST($day AS TIMESTAMP),
             CAST($day AS TIMESTAMP) + INTERVAL '1 day', $currency, $service, CAST($billed AS NUMERIC(38,16)),
             CAST($effective AS NUMERIC(38,16)), CAST($frequency AS TEXT), CAST($tags AS JSONB))`,
          {
            row: index + 1,
            day: line.day,
            currency: line.currency,
            service: line.service,
            billed: line.billed,
            effective: line.effective,
            frequency: line.chargeFrequency,
            tags: line.tags === null ? null : JSON.stringify(line.tags),
          },
        );
      }
    },
  };
}

let cluster: PostgresCluster;

/** A fresh database with every PostgreSQL migration, and one process's stores over it. */
async function openDatabase(url?: string): Promise<{ url: string; db: PgDatabase }> {
  cluster ??= await sharedPostgresCluster();
  const target = url ?? (await cluster.createDatabase());
  const db = await PgDatabase.open({ url: target, poolSize: 6, connectRetryMs: 0 });
  await migratePostgres(db, await loadPgMigrations());
  return { url: target, db };
}

const openFresh = async () => storesOver((await openDatabase()).db);

runGovernanceStoresContract('PostgreSQL', openFresh);
runFinanceStoresContract('PostgreSQL', openFresh);
runAccessStoresContract('PostgreSQL', openFresh);
runJobStoreContract('PostgreSQL', openFresh);

describe('PostgreSQL stores shared by several processes', () => {
  let first: ContractStores;
  let second: ContractStores;
  let firstDb: PgDatabase;
  let secondDb: PgDatabase;

  before(async () => {
    const opened = await openDatabase();
    firstDb = opened.db;
    // A second pool on the same database stands for a second API process.
    secondDb = (await openDatabase(opened.url)).db;
    first = storesOver(firstDb);
    second = storesOver(secondDb);
  });
  after(async () => {
    await first?.close();
    await second?.close();
  });

  it('two processes appending to the audit log at once keep one valid chain', async () => {
    const writers = [first, second].flatMap((stores, process) =>
      Array.from({ length: 15 }, (_, index) =>
        appendAudit(stores, `user:p${process}`, 'budgets.set', `budget:${process}-${index}`, { index }),
      ),
    );
    const entries = await Promise.all(writers);
    assert.deepEqual(
      entries.map((entry) => entry.seq).sort((a, b) => a - b),
      Array.from({ length: 30 }, (_, index) => index + 1),
      'every entry got its own place',
    );
    for (const stores of [first, second]) {
      const chain = await verifyStoredChain(stores);
      assert.equal(chain.problem, undefined);
      assert.equal(chain.entries, 30);
    }
  });

  it('the same webhook delivery arriving at two processes at once is acted on and recorded once', async () => {
    let acted = 0;
    // The handler's pattern (handle-webhooks processOnce): look up, act, record, in one transaction.
    const receive = (stores: ContractStores) =>
      stores.transaction(async () => {
        const seen = await stores.access.deliveries.getDelivery('github', 'delivery-42');
        if (seen) return 'duplicate';
        acted += 1;
        await sleep(50); // acting takes a while: the other process's copy arrives meanwhile
        await stores.access.deliveries.saveDelivery({
          provider: 'github',
          deliveryId: 'delivery-42',
          event: 'deployment_status',
          receivedAt: new Date().toISOString(),
          outcome: 'recorded',
          detail: { acted },
        });
        return 'processed';
      });
    const outcomes = await Promise.all([receive(first), receive(second)]);
    assert.deepEqual([...outcomes].sort(), ['duplicate', 'processed']);
    assert.equal(acted, 1);
    assert.deepEqual((await second.access.deliveries.getDelivery('github', 'delivery-42'))?.detail, {
      acted: 1,
    });
  });

  it('two processes evaluating the same condition at once open one alert', async () => {
    const evaluate = (stores: ContractStores) =>
      stores.transaction(async () => {
        const active = await stores.alerts.findActiveAlert('cloud:2026-Q1:forecast-100');
        if (active) return active.id;
        await sleep(50);
        const alert = await stores.alerts.openAlert(
          {
            key: 'cloud:2026-Q1:forecast-100',
            budget: 'cloud',
            kind: 'threshold',
            severity: 'page',
            title: 'cloud over budget',
            details: {},
          },
          '2026-03-01T00:00:00Z',
          false,
        );
        return alert.id;
      });
    const [a, b] = await Promise.all([evaluate(first), evaluate(second)]);
    assert.equal(a, b);
    assert.equal((await first.alerts.listAlerts({ all: true, budget: 'cloud' })).length, 1);
  });

  it('the same deliveries arriving in batches at two processes at once are recorded once each', async () => {
    // The webhook batch's pattern (batch-webhook-deliveries): look the keys up, draw ids, insert.
    const receive = (stores: ContractStores, keys: string[]) =>
      stores.transaction(async () => {
        const deployments = stores.governance.deployments;
        const recorded = await deployments.findDeploymentIdsByDeliveryKeys(keys);
        const fresh = keys.filter((key) => !recorded.has(key));
        await sleep(50); // the other process's batch arrives meanwhile
        const ids = await deployments.nextDeploymentIds(fresh.length);
        await deployments.insertDeployments(
          fresh.map((key, index) => ({ record: deployment(ids[index]!, { deliveryKey: key }), cost: COST })),
        );
        return fresh.length;
      });
    const counts = await Promise.all([
      receive(first, ['batch:a', 'batch:b']),
      receive(second, ['batch:c', 'batch:b', 'batch:a']),
    ]);
    assert.equal(counts[0]! + counts[1]!, 3);
    const keys = (await second.governance.deployments.listDeployments()).map((d) => d.deliveryKey);
    assert.deepEqual(keys.filter((key) => key.startsWith('batch:')).sort(), [
      'batch:a',
      'batch:b',
      'batch:c',
    ]);
  });

  it('two processes applying rate cards and policies at once get distinct versions', async () => {
    const card = {
      entries: [{ role: 'engineer', hourlyRate: '100', currency: 'EUR', effectiveFrom: '2026-01-01' }],
    };
    const versions = await Promise.all(
      [first, second, first, second].map((stores, index) =>
        stores.governance.rateCards.saveRateCard(card, `p${index}`, 'rates.yaml'),
      ),
    );
    assert.deepEqual([...versions].sort(), [1, 2, 3, 4]);
    const current = await first.governance.rateCards.currentRateCard();
    assert.equal(current?.version, 4);
    assert.equal(current?.card.entries.length, 1);
  });

  it('two processes queueing the deliveries of one alert at once queue each delivery once', async () => {
    const at = '2026-03-01T00:00:00Z';
    const hooks: { id: number }[] = [];
    for (const index of [1, 2, 3])
      hooks.push(
        await first.alerts.addWebhook(
          { url: `https://hooks.example.com/q${index}`, format: 'json', secret: 's', route: null },
          at,
        ),
      );
    const alert = await first.alerts.openAlert(
      { key: 'queue-race', budget: 'q', kind: 'threshold', severity: 'ticket', title: 't', details: {} },
      at,
      false,
    );
    await Promise.all(
      [first, second, first, second].map((stores) =>
        stores.transaction(async () => {
          await stores.alerts.queueDeliveries(
            alert.id,
            at,
            hooks.map((h) => h.id),
          );
          await sleep(20); // the other processes queue meanwhile
        }),
      ),
    );
    assert.deepEqual(
      (await second.alerts.pendingDeliveries()).filter((delivery) => delivery.alertId === alert.id),
      hooks.map((hook) => ({ alertId: alert.id, webhookId: hook.id, attempts: 0 })),
    );
  });

  it('a batch of webhook deliveries arriving at two processes at once is acted on and recorded once', async () => {
    const ids = ['batch-3', 'batch-1', 'batch-2'];
    let acted = 0;
    // The batcher's pattern: look the batch up, act on the unseen ones, record them, in one transaction.
    const receive = (stores: ContractStores) =>
      stores.transaction(async () => {
        const seen = await stores.access.deliveries.getDeliveries('gitlab', ids);
        const fresh = ids.filter((id) => !seen.some((delivery) => delivery.deliveryId === id));
        acted += fresh.length;
        await sleep(50);
        await stores.access.deliveries.saveDeliveries(
          fresh.map((deliveryId) => ({
            provider: 'gitlab',
            deliveryId,
            event: 'deployment',
            receivedAt: new Date().toISOString(),
            outcome: 'recorded',
            detail: null,
          })),
        );
        return fresh.length;
      });
    const counts = await Promise.all([receive(first), receive(second)]);
    assert.deepEqual([...counts].sort(), [0, 3]);
    assert.equal(acted, 3);
    assert.equal((await first.access.deliveries.getDeliveries('gitlab', ids)).length, 3);
  });

  it('two processes saving the same budget at once create it once', async () => {
    const budget = (amount: string) => ({
      name: 'shared',
      scope: { filters: [] },
      period: 'month' as const,
      fiscalYearStartMonth: 1,
      amount,
      currency: 'EUR',
      metric: 'effective' as const,
      costClass: 'opex' as const,
      thresholds: [],
      burnRate: { pageFastBurn: 3, pageSlowBurn: 1.1, ticketSlowBurn: 1.2, ticketMinElapsedDays: 5 },
    });
    const actions = await Promise.all([
      first.budgets.saveBudget(budget('10')),
      second.budgets.saveBudget(budget('20')),
    ]);
    assert.deepEqual([...actions].sort(), ['created', 'updated']);
    assert.equal((await first.budgets.listBudgets()).length, 1);
  });

  it("lists gate decisions by period and by change through migration 064's partial indexes", async () => {
    // The plan, not a timing: with sequential scans priced out, a listing by the expressions
    // SqlDecisionLog selects by (copied here) uses its index only if the index matches them.
    const plans: string[] = [];
    await firstDb.transaction(async () => {
      await firstDb.run('SET LOCAL enable_seqscan = off');
      const query = (where: string) =>
        firstDb.all<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT seq, result_json FROM governance_decisions WHERE kind = 'gate' AND ${where}`,
        );
      for (const where of [
        "(CAST(result_json AS JSONB) ->> 'at') >= '2026-01-01T00:00:00.000Z'",
        "(CAST(result_json AS JSONB) ->> 'changeId') IN ('CHG-1', 'CHG-2')",
      ])
        plans.push((await query(where)).map((row) => row['QUERY PLAN']).join('\n'));
    });
    assert.match(plans[0]!, /governance_decisions_gate_at/);
    assert.match(plans[1]!, /governance_decisions_gate_change/);
  });

  it('the decision log refuses to change or remove an entry, whoever asks', async () => {
    const seq = await first.governance.decisions.appendDecision({
      kind: 'gate',
      subject: 'CHG-1',
      actor: 'olivia',
      decision: 'allow',
      inputs: {},
      result: {},
    });
    await assert.rejects(
      firstDb.run("UPDATE governance_decisions SET decision = 'deny' WHERE seq = $seq", { seq }),
      /append-only/,
    );
    await assert.rejects(
      secondDb.run('DELETE FROM governance_decisions WHERE seq = $seq', { seq }),
      /append-only/,
    );
    assert.equal(
      (await second.governance.decisions.listDecisions({ subject: 'CHG-1' }))[0]?.decision,
      'allow',
    );
  });
});

/**
 * Everything a reader of governance sees, read through the ports and the use cases: what two
 * engines holding the same history must answer alike.
 */
async function governanceView(stores: Stores) {
  const g = stores.governance;
  const changes = await g.changes.listChanges();
  const releases = await g.releases.listReleases();
  return {
    rateCard: (await g.rateCards.currentRateCard())?.card,
    policy: (await g.currentPolicy())?.policy,
    releases,
    releaseReports: await Promise.all(releases.map((release) => showRelease(stores, release.id))),
    timeEntries: await Promise.all(releases.map((release) => g.releases.listTimeEntries(release.id))),
    closings: await Promise.all(releases.map((release) => g.releases.getReleaseClosing(release.id))),
    deployments: await g.deployments.listDeployments(),
    incidents: await g.incidents.listIncidents(),
    changes,
    approvals: await Promise.all(changes.map((change) => g.changes.listApprovals(change.id))),
    freezes: await g.changes.listFreezes(),
    breakGlass: await g.changes.listBreakGlass(),
    // The time a decision was logged is the clock's when the use case gave none.
    decisions: (await g.decisions.listDecisions()).map(({ at: _at, ...decision }) => decision),
    kpis: await computeGovernanceKpis(stores, { from: '2025-01-01', to: '2025-03-01' }),
    kpisOfService: await computeGovernanceKpis(stores, {
      service: 'checkout-api',
      from: '2025-01-15',
      to: '2025-02-15',
    }),
    processCost: await computeServiceProcessCost(stores, 'checkout-api', 20),
    // Read through the gate-decision listing by period and by change (engine SQL on the JSON).
    conformance: await reportConformance(stores, {
      from: '2025-01-01',
      to: '2025-03-01',
      asOf: '2025-03-15',
    }),
    corrections: await correctionFactors(stores),
  };
}

describe('governance engine parity: the demo governance history in DuckDB and in PostgreSQL', () => {
  const opened: Stores[] = [];
  after(async () => {
    for (const stores of opened) await stores.close().catch(() => undefined);
  });

  it('gives the same records, decisions, KPIs, process costs and gate answers on both engines', async () => {
    cluster ??= await sharedPostgresCluster();
    const duck = await openDuckDbStores({
      path: join(makeTempDir(), 'parity.duckdb'),
      memoryLimit: '256MB',
      threads: 1,
    });
    opened.push(duck);
    const pg = await openPostgresStores({
      url: await cluster.createDatabase(),
      poolSize: 4,
      connectRetryMs: 0,
      migrate: true,
      memoryLimit: '256MB',
      threads: 1,
    });
    opened.push(pg);
    const demo = generateDemoGovernance(3, { weeks: 7 });
    const views = [];
    for (const stores of [duck, pg]) {
      await applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      );
      const summary = await loadDemoGovernance(stores, demo);
      const gate = await gateDeployment(stores, {
        service: 'checkout-api',
        environment: 'prod',
        changeType: 'standard',
        estimate: '200.005',
        at: '2025-02-18T10:00:00Z',
        actor: 'parity',
      });
      views.push({ summary, gate, view: await governanceView(stores) });
    }
    const [inDuckDb, inPostgres] = views as [(typeof views)[0], (typeof views)[0]];
    assert.ok(inDuckDb.summary.deployments > 100, `${inDuckDb.summary.deployments} deployments`);
    assert.ok(inDuckDb.view.decisions.length > 100);
    assert.ok(inDuckDb.view.kpisOfService.dora.deployments > 0, 'the service has deployments in the window');
    assert.ok(inDuckDb.view.processCost.changes > 0, 'the service has changes');
    assert.ok(inDuckDb.view.approvals.flat().length > 0 && inDuckDb.view.incidents.length > 0);
    assert.deepEqual(inPostgres.summary, inDuckDb.summary);
    assert.deepEqual(inPostgres.gate, inDuckDb.gate);
    for (const key of Object.keys(inDuckDb.view) as (keyof typeof inDuckDb.view)[]) {
      assert.deepEqual(inPostgres.view[key], inDuckDb.view[key], `${key} differs between the engines`);
    }
  });
});

/** Instants the use cases take from the clock (when an alert was opened, a snapshot made) differ by run. */
function withoutClock(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutClock);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(
          ([key]) =>
            !['openedAt', 'lastSeenAt', 'acknowledgedAt', 'resolvedAt', 'createdAt', 'at'].includes(key),
        )
        .map(([key, item]) => [key, withoutClock(item)]),
    );
  return value;
}

describe('finance engine parity: budgets, forecasts and alerts over the same billing file in DuckDB and PostgreSQL', () => {
  const opened: Stores[] = [];
  after(async () => {
    for (const stores of opened) await stores.close().catch(() => undefined);
  });

  it('gives the same budget status, forecasts, snapshots and alert history on both engines', async () => {
    const work = makeTempDir();
    // Payments spends ~100 a weekday until a runaway from 2026-05-16; search has a recurring fee too.
    const file = join(work, 'costs.csv');
    writeFocusFixture(
      file,
      daysFrom('2026-01-01', 139).flatMap((day) => [
        { day, cost: day >= '2026-05-16' ? '600' : weeklyCost(day, 100), team: 'payments' },
        { day, cost: weeklyCost(day, 40), team: 'search', service: 'Amazon Simple Storage Service' },
        ...(day.endsWith('-01')
          ? [{ day, cost: '250.125', team: 'search', frequency: 'Recurring' as const }]
          : []),
      ]),
    );
    const refuse: Notifier = {
      send: () => Promise.reject(new Error('no webhook is configured, so nothing may be sent')),
    };
    cluster ??= await sharedPostgresCluster();
    const duck = await openDuckDbStores({
      path: join(work, 'finance.duckdb'),
      memoryLimit: '256MB',
      threads: 1,
    });
    opened.push(duck);
    const pg = await openPostgresStores({
      url: await cluster.createDatabase(),
      poolSize: 4,
      connectRetryMs: 0,
      migrate: true,
      memoryLimit: '256MB',
      threads: 1,
    });
    opened.push(pg);
    const results = [];
    for (const stores of [duck, pg]) {
      await ingestBillingFiles(stores, [file], {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(work, 'rejects.csv'),
      });
      await setBudget(stores, {
        name: 'payments',
        scope: 'tag:team=payments',
        amount: '3100',
        currency: 'USD',
      });
      await setBudget(stores, {
        name: 'search',
        scope: ['tag:team=search'],
        amount: '4000.50',
        currency: 'USD',
        period: 'quarter',
      });
      const first = await evaluateAlerts(stores, refuse, '2026-05-20', commandLineActor());
      const page = first.opened.find((alert) => alert.severity === 'page');
      if (page) await acknowledgeAlert(stores, String(page.id), 'bea');
      const second = await evaluateAlerts(stores, refuse, '2026-05-25', commandLineActor());
      const forecasts = await forecastCosts(stores, {
        filters: [{ dimension: 'tag:team', values: ['search'] }],
        metric: 'effective',
        groupBy: 'service',
        horizon: 30,
        asOf: '2026-05-01',
        historyDays: 120,
        save: { actor: commandLineActor() },
      });
      const alerts = await stores.alerts.listAlerts({ all: true });
      results.push({
        first,
        second,
        forecasts,
        status: await Promise.all(
          (await stores.budgets.listBudgets()).map((budget) =>
            reportBudgetStatus(stores, budget, '2026-05-20'),
          ),
        ),
        alerts,
        events: await Promise.all(alerts.map((alert) => stores.alerts.listEvents(alert.id))),
        snapshots: await stores.forecasts.listSnapshots(),
        days: await Promise.all(
          (await stores.forecasts.listSnapshots()).map((snapshot) =>
            stores.forecasts.snapshotDays(snapshot.id),
          ),
        ),
      });
    }
    const [inDuckDb, inPostgres] = results as [(typeof results)[0], (typeof results)[0]];
    assert.ok(inDuckDb.first.opened.length > 0, 'the runaway opens alerts');
    assert.ok(inDuckDb.snapshots.length > 0 && inDuckDb.forecasts.length > 1, 'forecasts per service, saved');
    assert.ok(
      inDuckDb.alerts.some((alert) => alert.status === 'acknowledged'),
      'a page was acknowledged',
    );
    assert.ok(inDuckDb.second.stillOpen.length > 0, 'the second evaluation found alerts still open');
    for (const key of Object.keys(inDuckDb) as (keyof typeof inDuckDb)[]) {
      assert.deepEqual(
        withoutClock(inPostgres[key]),
        withoutClock(inDuckDb[key]),
        `${key} differs between the engines`,
      );
    }
  });
});
