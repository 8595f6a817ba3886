import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { reportConformance } from '../../src/app/governance/conformance/report-conformance.js';
import {
  computeGovernanceKpis,
  computeServiceProcessCost,
} from '../../src/app/governance/deployments/compute-governance-kpis.js';
import { gateDeployment } from '../../src/app/governance/gate/gate-deployment.js';
import {
  type DemoGovernanceSummary,
  loadDemoGovernance,
} from '../../src/app/governance/load-demo-governance.js';
import { correctionFactors } from '../../src/app/governance/releases/manage-releases.js';
import { computeItil } from '../../src/core/governance/deployments/itil-metrics.js';
import type { Release } from '../../src/core/governance/releases/release-model.js';
import { DEMO_CATALOG } from '../../src/demo/demo-organisation.js';
import { generateDemoGovernance } from '../../src/demo/governance/generate-demo-governance.js';
import type { Stores } from '../../src/ports/stores.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('demo governance year', () => {
  it('is the same for the same seed and different for another', () => {
    assert.deepEqual(generateDemoGovernance(7), generateDemoGovernance(7));
    assert.notDeepEqual(
      generateDemoGovernance(7).events.slice(0, 5),
      generateDemoGovernance(8).events.slice(0, 5),
    );
  });

  it('names only services and environments of the demo organisation, and respects the year-end freeze', () => {
    const demo = generateDemoGovernance(1);
    assert.ok(demo.events.filter((e) => e.kind === 'change').length > 1500);
    assert.ok(demo.events.some((e) => e.kind === 'break-glass' && e.at >= '2025-12-15'));
    const services = new Map(DEMO_CATALOG.services.map((s) => [s.id, s]));
    for (const event of demo.events) {
      if (event.kind !== 'change' && event.kind !== 'deployment') continue;
      const d = event.deployment;
      assert.ok(
        services.get(d.service)?.environments.includes(d.environment),
        `${d.service}/${d.environment}`,
      );
      const start = new Date(d.startedAt);
      if (d.environment === 'prod' && start.getUTCMonth() === 11 && start.getUTCDate() >= 15)
        assert.equal(d.changeType, 'emergency');
    }
  });

  it('has releases on time and late over the year', () => {
    const demo = generateDemoGovernance(1);
    const deployments = demo.events.flatMap((e, index) =>
      e.kind === 'change' || e.kind === 'deployment'
        ? [{ ...e.deployment, id: `d${index}`, deliveryKey: `d${index}`, source: 'cli' as const }]
        : [],
    );
    const releases = demo.releases.map((r): Release => ({ ...r, status: 'open' }));
    const itil = computeItil({
      deployments,
      releases,
      changes: [],
      productionEnvironments: ['prod'],
      from: '2025-01-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    assert.ok(
      itil.scheduleAdherence.late.length > 0 && itil.scheduleAdherence.onTime > 0,
      JSON.stringify(itil.scheduleAdherence),
    );
  });

  describe('loaded through the use cases into a real DuckDB file', () => {
    let stores: Stores;
    let summary: DemoGovernanceSummary;
    before(async () => {
      // The full stores: the demo's pipelines ask the gate, which writes the audit log too.
      stores = await openDuckDbStores({
        path: join(makeTempDir(), 'demo-governance.duckdb'),
        memoryLimit: '256MB',
        threads: 1,
      });
      await stores.catalog.saveCatalog({
        catalog: DEMO_CATALOG,
        appliedBy: 'test',
        sourcePath: 'demo-catalog.yaml',
        contentHash: 'demo',
      });
      summary = await loadDemoGovernance(stores, generateDemoGovernance(1, { weeks: 10 }));
    });
    after(async () => stores.close());

    it('has deployments with failures, rollbacks, emergencies and incidents (ten weeks of the year)', async () => {
      assert.ok(summary.deployments > 200, `${summary.deployments} deployments`);
      assert.ok(summary.incidents > 2);
      assert.equal(summary.releases, 12);
      const deployments = await stores.governance.deployments.listDeployments();
      for (const outcome of ['failed', 'rolled_back'] as const)
        assert.ok(
          deployments.some((d) => d.outcome === outcome),
          outcome,
        );
      assert.ok(deployments.some((d) => d.changeType === 'emergency'));
    });

    it('asks the gate for every production deployment as its pipeline would: mostly allowed, a few denied, one deployed anyway', async () => {
      const prod = (await stores.governance.deployments.listDeployments()).filter(
        (d) => d.environment === 'prod',
      );
      const gate = await stores.governance.decisions.listDecisions({ kind: 'gate', limit: 100_000 });
      const denials = gate.filter((entry) => entry.decision === 'deny');
      assert.equal(summary.gateDecisions, gate.length);
      assert.equal(summary.gateDenials, denials.length);
      // One ask per production deployment, plus one early ask for a few of them.
      assert.ok(gate.length >= prod.length && gate.length <= prod.length + 5, `${gate.length} asks`);
      assert.ok(denials.length >= 2 && denials.length <= 5, `${denials.length} denials`);
      // Each asked as its team's CI user, at the demo time (not now), and audited.
      assert.ok(gate.every((entry) => entry.actor.endsWith('-ci')));
      assert.ok(gate.every((entry) => (entry.result as { at: string }).at < '2026-01-01'));
      const audited = await stores.access.audit.listEntries({ action: 'gate.decide', limit: 100_000 });
      assert.equal(audited.length, gate.length);
      const report = await reportConformance(stores, {
        from: '2025-01-01',
        to: '2025-03-17',
        asOf: '2025-03-17',
      });
      const kinds = (check: string) =>
        report.findings.filter((f) => f.checks.includes(check as never)).length;
      assert.equal(kinds('no-gate-decision'), 0);
      assert.equal(kinds('deployed-after-deny'), 1);
      assert.equal(kinds('outside-window'), 0);
    });

    it('gives KPIs, unit costs, correction factors and a process cost', async () => {
      const kpis = await computeGovernanceKpis(stores, { from: '2025-01-01', to: '2025-03-17' });
      assert.ok(kpis.dora.changeFailureRate.rate! > 0 && kpis.dora.changeFailureRate.rate! < 0.3);
      assert.ok(kpis.unitCosts.perRollback !== null);
      assert.ok((await correctionFactors(stores)).length > 0);
      const process = await computeServiceProcessCost(stores, 'checkout-api', 20);
      assert.ok(process.changes > 0);
    });

    it('the gate denies a routine production deployment during the year-end freeze', async () => {
      const decision = await gateDeployment(stores, {
        service: 'search-api',
        environment: 'prod',
        changeType: 'standard',
        estimate: '200',
        at: '2025-12-22T10:00:00Z',
        actor: 'test',
      });
      assert.equal(decision.decision, 'deny');
      assert.ok(decision.reasons.some((r) => r.check === 'freeze' && !r.ok));
    });
  });
});
