import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { evaluateAlerts } from '../../src/app/alerting/evaluate-alerts.js';
import { openNotifier } from '../../src/app/alerting/open-notifier.js';
import { loadDrivers } from '../../src/app/allocation/load-drivers.js';
import { CATALOG_YAML, RULES_YAML, writeFixture } from '../allocation/cli-fixture.js';
import { startApi, TEST_ACTOR } from '../api/api-harness.js';
import { daysFrom, writeFocusFixture } from '../budgets/cost-fixture.js';
import { type ApiWrite, csv, describeAuditedRoutes, json, lastTarget } from './prove-api-writes.js';

const FILE = 'api-billing-writes-are-audited';
const INVOICE_HEADER = 'invoice_id,account,period,currency,amount,tax';
const costEntry = (amount: string) => ({
  kind: 'saas',
  provider: 'Atlassian',
  service: 'Jira',
  start: '2026-01-01',
  end: '2026-01-31',
  currency: 'USD',
  amount,
  tags: 'team=payments',
});

/**
 * Billing, allocation, budgets, alerts and invoices over HTTP: each route proven on one server
 * whose database the earlier steps fill (lines, catalogue, rules, an allocated period, a budget
 * over it with open alerts), in the order below.
 */
describe('billing, allocation, budget, alert and invoice routes each record exactly one audit entry', async () => {
  const api = await startApi();
  const paths = writeFixture(api.dir);
  const march = join(api.dir, 'march.csv');
  writeFocusFixture(
    march,
    daysFrom('2026-03-01', 5).map((day) => ({ day, cost: '12.5', team: 'search' })),
  );
  let alertId = '';
  let loadToRemove = '';

  /** By route id, in the order they run: later calls use what earlier ones made. */
  const WRITES: Record<string, ApiWrite> = {
    uploadBillingFile: {
      path: () => '/api/v1/ingest?filename=billing.csv',
      brokenPath: () => '/api/v1/ingest?filename=../billing.csv',
      valid: () => csv(readFileSync(paths.billing)),
      broken: () => csv(readFileSync(paths.billing)),
      action: 'ingest.load',
      job: true,
    },
    applyCatalog: {
      path: () => '/api/v1/catalog',
      valid: () => json({ yaml: CATALOG_YAML }),
      broken: () => json({ yaml: 'teams:\n  - id: payments\n    name: [unclosed\n' }),
      action: 'catalog.apply',
    },
    applyRules: {
      path: () => '/api/v1/rules/versions',
      valid: () => json({ yaml: RULES_YAML }),
      broken: () =>
        json({
          yaml: 'mapping:\n  - id: ghosts\n    when:\n      tag:team: ghosts\n    set: { team: ghosts }\n',
        }),
      action: 'rules.apply',
    },
    startAllocationRun: {
      prepare: async () => {
        // The rules split the cluster by these drivers (drivers have no route; the CLI's is proven).
        await loadDrivers(api.stores, paths.drivers, TEST_ACTOR);
      },
      path: () => '/api/v1/allocation/runs',
      valid: () => json({ period: '2026-01' }),
      // Not a period: refused before a job is queued.
      broken: () => json({ period: '2026-1' }),
      action: 'allocation.run',
      job: true,
    },
    closePeriod: {
      path: () => '/api/v1/periods/2026-01/close',
      valid: () => undefined,
      broken: () => undefined,
      action: 'period.close',
    },
    reopenPeriod: {
      path: () => '/api/v1/periods/2026-01/reopen',
      valid: () => json({ reason: 'late credit' }),
      broken: () => json({ reason: 'late credit' }),
      action: 'period.reopen',
    },
    restoreRuleVersion: {
      prepare: async () => {
        const v2 = RULES_YAML.replace(/ {2}- id: search-account[\s\S]*$/, '');
        const applied = await api.json('/api/v1/rules/versions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ yaml: v2 }),
        });
        assert.ok(applied.status < 300, JSON.stringify(applied.body));
      },
      path: () => '/api/v1/rules/versions/1/restore',
      brokenPath: () => '/api/v1/rules/versions/99/restore',
      valid: () => json({}),
      broken: () => json({}),
      action: 'rules.restore',
    },
    removeSource: {
      prepare: async () => {
        const upload = await api.json('/api/v1/ingest?filename=march.csv', {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: readFileSync(march),
        });
        assert.ok(upload.status < 300, JSON.stringify(upload.body));
        for (
          let i = 0;
          i < 1200 && (await api.json(`/api/v1/jobs/${upload.body.id}`)).body.status !== 'succeeded';
          i++
        )
          await new Promise((resolve) => setTimeout(resolve, 50));
        await api.server.services.scheduler.idle();
        loadToRemove = await lastTarget(api, 'ingest.load');
      },
      path: () => `/api/v1/sources/${loadToRemove}`,
      valid: () => undefined,
      broken: () => undefined,
      action: 'sources.remove',
    },
    putBudget: {
      path: () => '/api/v1/budgets/payments',
      valid: () => json({ scope: ['tag:team=payments', 'currency=USD'], amount: '10', currency: 'USD' }),
      broken: () => json({ scope: ['planet=mars'], amount: '10', currency: 'USD' }),
      action: 'budgets.set',
    },
    acknowledgeAlert: {
      prepare: async () => {
        // The budget above is overspent as of the data's end: evaluating opens its alerts.
        const evaluation = await evaluateAlerts(api.stores, openNotifier(), '2026-02-28', TEST_ACTOR);
        alertId = String(evaluation.opened[0]!.id);
      },
      path: () => `/api/v1/alerts/${alertId}/acknowledge`,
      brokenPath: () => '/api/v1/alerts/99999/acknowledge',
      valid: () => undefined,
      broken: () => undefined,
      action: 'alerts.acknowledge',
    },
    recordAlertFeedback: {
      path: () => `/api/v1/alerts/${alertId}/feedback`,
      valid: () => json({ verdict: 'true-positive', note: 'real' }),
      broken: () => json({ verdict: 'maybe' }),
      action: 'alerts.feedback',
    },
    removeBudget: {
      path: () => '/api/v1/budgets/payments',
      valid: () => undefined,
      broken: () => undefined,
      action: 'budgets.remove',
    },
    addCostEntries: {
      path: () => '/api/v1/costs/entries',
      valid: () => json({ ledger: 'saas', lines: [costEntry('120.00')] }),
      broken: () => json({ ledger: 'saas', lines: [costEntry('ten')] }),
      action: 'costs.add',
    },
    uploadInvoices: {
      path: () => '/api/v1/invoices?filename=invoices.csv',
      valid: () => csv(`${INVOICE_HEADER}\nINV-1,a9,2026-02,USD,5,0\n`),
      broken: () => csv(`${INVOICE_HEADER}\nINV-2,a9,2026-02,USD,ten,0\n`),
      action: 'invoices.load',
    },
    setInvoiceTolerance: {
      path: () => '/api/v1/invoices/tolerances',
      valid: () => json({ scope: 'default', absolute: '0.01' }),
      broken: () => json({ scope: 'default', absolute: 'lots' }),
      action: 'invoices.tolerance.set',
    },
    removeInvoiceTolerance: {
      path: () => '/api/v1/invoices/tolerances/default',
      valid: () => undefined,
      broken: () => undefined,
      action: 'invoices.tolerance.remove',
    },
    acceptInvoiceDifference: {
      path: () => '/api/v1/invoices/INV-1/accept',
      brokenPath: () => '/api/v1/invoices/INV-9/accept',
      valid: () => json({ reason: 'a credit the bill shows next month' }),
      broken: () => json({ reason: 'no such invoice' }),
      action: 'invoices.accept',
    },
  };

  describeAuditedRoutes(FILE, WRITES, async () => {}, api);
});
