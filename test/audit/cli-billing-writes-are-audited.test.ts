import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES_YAML, writeFixture } from '../allocation/cli-fixture.js';
import { daysFrom, writeFocusFixture } from '../budgets/cost-fixture.js';
import { runCliInProcess } from '../support/in-process-cli.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { auditEntriesOf, type CliWrite, describeAuditedWrites } from './prove-cli-writes.js';

const FILE = 'cli-billing-writes-are-audited';

/**
 * Billing, allocation, budgets, alerts, forecasts and invoices: each command proven on one
 * database that the earlier steps fill (billing lines, rules, an allocated period, budgets over
 * them, open alerts), in the order below.
 */
describe('billing, allocation, budget, alert and invoice commands each record exactly one audit entry', () => {
  const dir = makeTempDir();
  const db = join(dir, 'billing.duckdb');
  const paths = writeFixture(dir);
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const extraBilling = join(dir, 'march.csv');
  writeFocusFixture(
    extraBilling,
    daysFrom('2026-03-01', 5).map((day) => ({ day, cost: '12.5', team: 'search' })),
  );
  const badCosts = write(
    'bad-costs.csv',
    'kind,provider,service,start,currency,amount\nsaas,X,Y,2026-01-01,USD,ten\n',
  );
  const badRules = write(
    'bad-rules.yaml',
    'mapping:\n  - id: x\n    when: { planet: mars }\n    set: { team: nobody }\n',
  );
  const rulesV2 = write('rules-v2.yaml', RULES_YAML.replace(/ {2}- id: search-account[\s\S]*$/, ''));
  const badDrivers = write(
    'bad-drivers.csv',
    'period,driver,team,quantity\n2026-01,cpu-hours,payments,lots\n',
  );
  const budgetsFile = write(
    'budgets.yaml',
    'budgets:\n  - name: platform\n    scope: [tag:team=platform, currency=USD]\n    amount: "5"\n    currency: USD\n',
  );
  const badBudgets = write('bad-budgets.yaml', 'budgets: [unclosed\n');
  const invoices = write(
    'invoices.csv',
    'invoice_id,account,period,currency,amount,tax\nINV-1,a9,2026-02,USD,5,0\n',
  );
  const badInvoices = write(
    'bad-invoices.csv',
    'invoice_id,account,period,currency,amount,tax\nINV-2,a9,2026-02,USD,ten,0\n',
  );
  let loadToRemove = '';
  let alertId = '';
  let webhookId = '';
  const lastTarget = async (action: string) =>
    String((await auditEntriesOf(db)).findLast((entry) => entry.action === action)!.target).replace(
      /^[a-z]+:/,
      '',
    );

  /** In the order they run: later calls use what earlier ones made. */
  const WRITES: Record<string, CliWrite> = {
    ingest: {
      valid: () => ['ingest', paths.billing],
      broken: () => ['ingest', paths.catalog],
      action: 'ingest.load',
    },
    'costs add': {
      valid: () => ['costs', 'add', join(REPO_ROOT, 'examples/costs/it-costs.csv')],
      broken: () => ['costs', 'add', badCosts],
      action: 'costs.add',
    },
    'sources remove': {
      prepare: async () => {
        assert.equal((await runCliInProcess(['--db', db, 'ingest', extraBilling])).code, 0);
        loadToRemove = await lastTarget('ingest.load');
      },
      valid: () => ['sources', 'remove', loadToRemove],
      // Twice: the load is gone.
      broken: () => ['sources', 'remove', loadToRemove],
      action: 'sources.remove',
    },
    'rules apply': {
      valid: () => ['rules', 'apply', paths.rules],
      broken: () => ['rules', 'apply', badRules],
      action: 'rules.apply',
    },
    'drivers load': {
      valid: () => ['drivers', 'load', paths.drivers],
      broken: () => ['drivers', 'load', badDrivers],
      action: 'drivers.load',
    },
    allocate: {
      valid: () => ['allocate', '--period', '2026-01'],
      broken: () => ['allocate', '--period', '2026-13'],
      action: 'allocation.run',
    },
    'periods close': {
      valid: () => ['periods', 'close', '2026-01'],
      broken: () => ['periods', 'close', '2026-01'],
      action: 'period.close',
    },
    'periods reopen': {
      valid: () => ['periods', 'reopen', '2026-01', '--reason', 'late credit'],
      broken: () => ['periods', 'reopen', '2026-01', '--reason', 'late credit'],
      action: 'period.reopen',
    },
    'rules restore': {
      prepare: async () => {
        assert.equal((await runCliInProcess(['--db', db, 'rules', 'apply', rulesV2])).code, 0);
      },
      valid: () => ['rules', 'restore', '1'],
      broken: () => ['rules', 'restore', '99'],
      action: 'rules.restore',
    },
    'budgets set': {
      valid: () => [
        'budgets',
        'set',
        'payments',
        '--scope',
        'tag:team=payments',
        '--scope',
        'currency=USD',
        '--amount',
        '10',
        '--currency',
        'USD',
      ],
      broken: () => ['budgets', 'set', 'x', '--scope', 'planet=mars', '--amount', '10', '--currency', 'USD'],
      action: 'budgets.set',
    },
    'budgets apply': {
      valid: () => ['budgets', 'apply', budgetsFile],
      broken: () => ['budgets', 'apply', badBudgets],
      action: 'budgets.apply',
    },
    'alerts evaluate': {
      valid: () => ['alerts', 'evaluate', '--as-of', '2026-02-28'],
      broken: () => ['alerts', 'evaluate', '--as-of', 'yesterday'],
      action: 'alerts.evaluate',
    },
    'alerts ack': {
      prepare: async () => {
        const open = await runCliInProcess(['--db', db, 'alerts', 'list', '--json']);
        alertId = String(JSON.parse(open.stdout)[0].id);
      },
      valid: () => ['alerts', 'ack', alertId],
      broken: () => ['alerts', 'ack', '99999'],
      action: 'alerts.acknowledge',
    },
    'alerts feedback': {
      valid: () => ['alerts', 'feedback', alertId, '--verdict', 'true-positive', '--note', 'real'],
      broken: () => ['alerts', 'feedback', alertId, '--verdict', 'maybe'],
      action: 'alerts.feedback',
    },
    'alerts webhooks add': {
      valid: () => [
        'alerts',
        'webhooks',
        'add',
        'https://hooks.example.com/tollgate',
        '--secret',
        'a-secret-of-16-chars',
      ],
      broken: () => [
        'alerts',
        'webhooks',
        'add',
        'ftp://hooks.example.com/x',
        '--secret',
        'a-secret-of-16-chars',
      ],
      action: 'alerts.webhooks.add',
    },
    'alerts webhooks remove': {
      prepare: async () => {
        webhookId = await lastTarget('alerts.webhooks.add');
      },
      valid: () => ['alerts', 'webhooks', 'remove', webhookId],
      broken: () => ['alerts', 'webhooks', 'remove', webhookId],
      action: 'alerts.webhooks.remove',
    },
    forecast: {
      valid: () => ['forecast', '--horizon', '14d', '--json'],
      broken: () => ['forecast', '--as-of', 'soon'],
      action: 'forecasts.save',
    },
    'budgets remove': {
      valid: () => ['budgets', 'remove', 'platform'],
      broken: () => ['budgets', 'remove', 'platform'],
      action: 'budgets.remove',
    },
    'invoices load': {
      valid: () => ['invoices', 'load', invoices],
      broken: () => ['invoices', 'load', badInvoices],
      action: 'invoices.load',
    },
    'invoices tolerance set': {
      valid: () => ['invoices', 'tolerance', 'set', '--default', '--absolute', '0.01'],
      broken: () => ['invoices', 'tolerance', 'set', '--default', '--absolute', 'lots'],
      action: 'invoices.tolerance.set',
    },
    'invoices tolerance remove': {
      valid: () => ['invoices', 'tolerance', 'remove', '--default'],
      broken: () => ['invoices', 'tolerance', 'remove', '--default'],
      action: 'invoices.tolerance.remove',
    },
    'invoices accept': {
      valid: () => ['invoices', 'accept', 'INV-1', '--reason', 'a credit the bill shows next month'],
      broken: () => ['invoices', 'accept', 'INV-9', '--reason', 'no such invoice'],
      action: 'invoices.accept',
    },
  };

  describeAuditedWrites(
    FILE,
    WRITES,
    async () => {
      // The catalogue the rules name (its own entry is proven in every-cli-write-is-audited).
      assert.equal((await runCliInProcess(['--db', db, 'catalog', 'apply', paths.catalog])).code, 0);
    },
    db,
  );

  it('an evaluation that changes no alert, and a forecast not saved, record no entry', async () => {
    const before = await auditEntriesOf(db);
    const again = await runCliInProcess([
      '--db',
      db,
      'alerts',
      'evaluate',
      '--as-of',
      '2026-02-28',
      '--json',
    ]);
    assert.equal(again.code, 0, again.stderr);
    const result = JSON.parse(again.stdout);
    assert.deepEqual([result.opened, result.escalated, result.resolved], [[], [], []]);
    assert.ok(result.stillOpen.length > 0, 'the alerts are still open');
    const unsaved = await runCliInProcess(['--db', db, 'forecast', '--no-save', '--json']);
    assert.equal(unsaved.code, 0, unsaved.stderr);
    assert.equal((await auditEntriesOf(db)).length, before.length);
  });
});
