import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { loadDemoContracts } from '../../src/app/contracts/load-demo-contracts.js';
import { listRenewals } from '../../src/app/contracts/renewal-alerts.js';
import { listContractSummaries } from '../../src/app/contracts/report-contracts.js';
import { reportLicenceUsage } from '../../src/app/contracts/report-licence-usage.js';
import { listLicenceCompliance } from '../../src/app/contracts/report-licences.js';
import { readLicence } from '../../src/core/contracts/read-licence.js';
import { readLicenceUsage } from '../../src/core/contracts/read-licence-usage.js';
import { generateDemoLicences } from '../../src/demo/contracts/generate-demo-contracts.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

describe('the demo contracts and licences', () => {
  it('loads ten contracts with one notice due and one SLA breach, licences with one shortfall; again changes nothing', async () => {
    const db = join(makeTempDir(), 'demo-contracts.duckdb');
    await withStores(db, async (stores) => {
      await applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      );
      const first = await loadDemoContracts(stores, 7);
      assert.equal(first.created.length, 10);
      const again = await loadDemoContracts(stores, 7);
      assert.equal(again.unchanged.length, 10);
      const due = await listRenewals(stores, '2025-12-31', 90);
      assert.deepEqual(
        due.map((notice) => [notice.contractId, notice.status]),
        [['C-ATLASSIAN-2025', 'notice-due']],
      );
      const contracts = await listContractSummaries(stores);
      assert.deepEqual(
        contracts
          .filter((contract) => contract.breaches > 0)
          .map((contract) => [contract.id, contract.creditOwed]),
        [['C-EQUINIX-FR5', '2856.6']],
      );
      const licences = await listLicenceCompliance(stores);
      assert.equal(licences.length, 5);
      assert.deepEqual(
        licences
          .filter((licence) => licence.status === 'shortfall')
          .map((licence) => [licence.licenceId, licence.shortfall]),
        [['L-ORACLE-EE-2025', 4]],
      );
      // Over 2025: seats grow, Datadog stays shelfware, Oracle turns short when a host is added in July.
      const trend = await reportLicenceUsage(stores, { from: '2025-01', to: '2025-12' });
      const months = (id: string) => trend.licences.find((licence) => licence.licenceId === id)!.months;
      assert.deepEqual(
        months('L-ORACLE-EE-2025').map((month) => month.status),
        [...Array(6).fill('compliant'), ...Array(6).fill('shortfall')],
      );
      assert.ok(months('L-DD-INFRA-2025').every((month) => month.status === 'shelfware'));
      const github = months('L-GHE-2025').map((month) => month.used!);
      assert.equal(github.length, 9, 'the GitHub term starts in April');
      assert.ok(github[0]! < github[8]!, `seats grow: ${github.join(', ')}`);
      assert.ok(github.every((used, index) => index === 0 || used >= github[index - 1]!));
      assert.ok(trend.totals.every((total) => total.missing.length === 0));
    });
  });

  it('gives valid licences and usage for every seed (the demo command takes any)', () => {
    const teams = ['payments', 'search', 'platform', 'identity', 'ml'];
    for (let seed = 0; seed < 200; seed++) {
      const { licences, usage } = generateDemoLicences(teams, seed);
      for (const licence of licences) assert.deepEqual(readLicence(licence).problems, [], `seed ${seed}`);
      const read = readLicenceUsage(usage, (index) => `row ${index + 1}`, '2025-12-31');
      assert.deepEqual(read.problems, [], `seed ${seed}`);
      for (const { usage: held } of read.usages) {
        const entitled = licences.find((licence) => licence.id === held.licenceId)!.quantity as number;
        const total = held.assignments.reduce((sum, assignment) => sum + assignment.quantity, 0);
        if (held.licenceId !== 'L-ORACLE-EE-2025')
          assert.ok(total <= entitled, `seed ${seed}: ${held.licenceId}`);
      }
    }
  });
});
