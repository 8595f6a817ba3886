import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { evaluateAlerts } from '../../src/app/alerting/evaluate-alerts.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { readRegisterFile } from '../../src/app/assets/read-register-file.js';
import { auditRecorder, commandLineActor } from '../../src/app/audit/record-audit.js';
import { setBudget } from '../../src/app/budget/manage-budgets.js';
import { loadVendorContracts } from '../../src/app/contracts/manage-vendor-contracts.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { evaluateAlertsNow } from '../../src/app/jobs/scheduled-work.js';
import type { Notifier } from '../../src/ports/notifier.js';
import type { Stores } from '../../src/ports/stores.js';
import { daysFrom, weeklyCost, writeFocusFixture } from '../budgets/cost-fixture.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { makeTempDir } from '../support/temp-dir.js';

const NOTICE_KEY = 'contract:C-DATADOG-2026:notice:2026-11-01';
const refuse: Notifier = {
  send: () => Promise.reject(new Error('no webhook is configured, so nothing may be sent')),
};

/**
 * Renewal alerts live in the alert store beside budget alerts, under budget `contract:<id>`. The
 * scheduled alerts job raises them (one per contract and notice date), and the budget
 * evaluation leaves them alone, even when a budget bears the same name as the contract's alerts.
 */
for (const engine of ENGINES) {
  describe(`scheduled contract renewal alerts on ${engine}`, async () => {
    const work = makeTempDir();
    const file = join(work, 'costs.csv');
    writeFocusFixture(
      file,
      daysFrom('2026-06-01', 110).map((day) => ({ day, cost: weeklyCost(day, 50), team: 'observability' })),
    );
    const stores: Stores = await openFreshStores(engine);
    after(() => stores.close());
    await ingestBillingFiles(stores, [file], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(work, 'rejects.csv'),
    });
    await applyCatalog(
      stores,
      packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
      commandLineActor(),
    );
    await loadVendorContracts(
      stores,
      await readRegisterFile(
        stores,
        packageRootPath('examples', 'contracts', 'vendor-contracts.yaml'),
        'contracts',
      ),
      { what: 'vendor-contracts.yaml', firstLine: null },
      'o',
      auditRecorder(stores, commandLineActor()),
    );
    // A budget cannot bear the renewal alerts' budget name, so its evaluation never lists them.
    await assert.rejects(
      setBudget(stores, {
        name: 'contract:C-DATADOG-2026',
        scope: 'tag:team=observability',
        amount: '1',
        currency: 'USD',
      }),
      /must be lower-case letters/,
    );
    await setBudget(stores, {
      name: 'observability',
      scope: 'tag:team=observability',
      amount: '100000',
      currency: 'USD',
    });
    const renewals = async () =>
      (await stores.alerts.listAlerts()).filter((alert) => alert.kind === 'renewal');

    it('looks only as far ahead as the configured renewal window', async () => {
      // The notice is due 2026-11-01, 47 days after 2026-09-15: outside 30 days, inside 47.
      const short = await evaluateAlertsNow(
        stores,
        { allowPrivate: false, renewalWindowDays: 30 },
        '2026-09-15',
      );
      assert.equal(short.renewals, 0);
      assert.deepEqual(await renewals(), []);
    });

    it('raises the renewal alert from the scheduled job, once per contract and notice date', async () => {
      const first = await evaluateAlertsNow(
        stores,
        { allowPrivate: false, renewalWindowDays: 90 },
        '2026-09-15',
      );
      assert.deepEqual([first.budgets, first.renewals, first.deliveries], [1, 1, 0]);
      const [alert] = await renewals();
      assert.deepEqual(
        [alert?.key, alert?.status, alert?.budget],
        [NOTICE_KEY, 'open', 'contract:C-DATADOG-2026'],
      );
      const again = await evaluateAlertsNow(
        stores,
        { allowPrivate: false, renewalWindowDays: 90 },
        '2026-09-16',
      );
      assert.equal(again.renewals, 1);
      const still = await renewals();
      assert.deepEqual(
        still.map((one) => [one.id, one.key, one.status, one.details.asOf]),
        [[alert!.id, NOTICE_KEY, 'open', '2026-09-16']],
      );
    });

    it('leaves renewal alerts untouched when budget alerts are evaluated, of the contract owner team', async () => {
      const [before] = await renewals();
      const evaluation = await evaluateAlerts(stores, refuse, '2026-09-17', commandLineActor());
      assert.equal(
        evaluation.budgets[0]?.error,
        null,
        'the budget was measured, so its alerts were reconciled',
      );
      assert.ok(!evaluation.resolved.includes(before!.id));
      assert.ok(!evaluation.stillOpen.includes(before!.id));
      assert.deepEqual(await renewals(), [before]);
    });
  });
}
