// npm run bench:gate : how long one deployment gate decision takes.
// 1. Core: decideDeployment on a demanding input (the demo policy with its thresholds, a critical
//    service, six approvals, 40 freezes, 20 break-glass records, a time outside the windows so the
//    next opening is searched), against a baseline of a JSON copy of the same input; median of
//    RUNS rounds of BATCH calls each, alternating; print microseconds per call and the ratio.
// 2. Use case: gateDeployment (reads catalogue, policy, release actuals, change, approvals,
//    freezes; decides; appends to the decision log) on ten weeks of demo data in a DuckDB file,
//    without and with a release named (its spend so far comes from the bill), against a
//    baseline of one read of the current policy; median of RUNS calls each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDbStores } from '../src/adapters/open-duckdb-stores.js';
import { gateDeployment } from '../src/app/governance/gate/gate-deployment.js';
import { loadDemoGovernance } from '../src/app/governance/load-demo-governance.js';
import { decideDeployment, type GateInput } from '../src/core/governance/gate/decide-deployment.js';
import { parseGovernancePolicy } from '../src/core/governance/governance-policy.js';
import { DEMO_CATALOG } from '../src/demo/demo-organisation.js';
import {
  DEMO_CAB,
  DEMO_SERVICE_OWNERS,
  demoPolicyDocument,
} from '../src/demo/governance/demo-governance-config.js';
import { generateDemoGovernance } from '../src/demo/governance/generate-demo-governance.js';

const RUNS = 7;
const BATCH = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeEach(work: () => unknown): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < BATCH; i++) work();
  return Number(process.hrtime.bigint() - start) / 1000 / BATCH;
}

const service = DEMO_CATALOG.services.find(
  (s) => s.criticality === 'critical' && s.environments.includes('prod'),
)!;
const owner = DEMO_SERVICE_OWNERS[service.ownerTeam]!;
const policy = parseGovernancePolicy(demoPolicyDocument([{ person: owner, services: [service.id] }]));
const input: GateInput = {
  at: '2025-03-07T19:00:00Z', // a Friday evening: outside the windows
  service,
  environment: DEMO_CATALOG.environments.find((e) => e.id === 'prod')!,
  changeType: 'normal',
  estimatedCost: '6200',
  policy,
  release: {
    id: 'R-1',
    status: 'open',
    currency: 'USD',
    budget: '50000',
    spent: '47000',
    spendClass: 'capex',
  },
  change: {
    id: 'CHG-1',
    service: service.id,
    environment: 'prod',
    changeType: 'normal',
    requestedBy: 'dev',
    estimatedCost: '6200',
    status: 'open',
    createdAt: '2025-03-01T00:00:00Z',
    readyAt: '2025-03-01T00:00:00Z',
    justification: { reason: 'regulatory date', expediteCost: '900', costOfDelayPerWeek: '12000' },
  },
  approvals: [
    ...DEMO_CAB.slice(0, 3).map((person) => ({
      changeId: 'CHG-1',
      approver: person,
      role: 'cab',
      kind: 'approval' as const,
      decision: 'approve' as const,
      at: '2025-03-02T00:00:00Z',
    })),
    {
      changeId: 'CHG-1',
      approver: owner,
      role: 'service-owner',
      kind: 'approval',
      decision: 'approve',
      at: '2025-03-02T00:00:00Z',
    },
    {
      changeId: 'CHG-1',
      approver: 'fatima',
      role: 'finance',
      kind: 'approval',
      decision: 'approve',
      at: '2025-03-02T00:00:00Z',
    },
    {
      changeId: 'CHG-1',
      approver: owner,
      role: 'service-owner',
      kind: 'sign-off',
      decision: 'approve',
      at: '2025-03-02T00:00:00Z',
    },
  ],
  freezes: Array.from({ length: 40 }, (_, i) =>
    i % 2 === 0
      ? {
          id: `F${i}`,
          environment: 'prod',
          cron: `* * ${(i % 27) + 1} 12 *`,
          reason: 'r',
          createdBy: 'x',
          createdAt: '2025-01-01T00:00:00Z',
        }
      : {
          id: `F${i}`,
          environment: 'prod',
          from: '2025-06-01T00:00:00.000Z',
          until: '2025-06-02T00:00:00.000Z',
          reason: 'r',
          createdBy: 'x',
          createdAt: '2025-01-01T00:00:00Z',
        },
  ),
  breakGlass: Array.from({ length: 20 }, (_, i) => ({
    id: `B${i}`,
    environment: 'prod',
    by: 'x',
    reason: 'r',
    from: '2025-02-01T00:00:00.000Z',
    until: '2025-02-01T02:00:00.000Z',
    createdAt: '2025-02-01T00:00:00Z',
  })),
};

const core: number[] = [];
const copy: number[] = [];
for (let run = 0; run < RUNS; run++) {
  core.push(timeEach(() => decideDeployment(input)));
  copy.push(timeEach(() => JSON.parse(JSON.stringify(input))));
}
const decision = decideDeployment(input);
console.log(
  `core decideDeployment: ${median(core).toFixed(1)} µs per decision (${decision.decision}, ${decision.reasons.length} checks)`,
);
console.log(
  `baseline JSON copy of its input: ${median(copy).toFixed(1)} µs; ratio ${(median(core) / median(copy)).toFixed(2)}`,
);

const dir = mkdtempSync(join(tmpdir(), 'tollgate-gate-bench-'));
const stores = await openDuckDbStores({ path: join(dir, 'bench.duckdb'), memoryLimit: '512MB', threads: 2 });
try {
  await stores.catalog.saveCatalog({
    catalog: DEMO_CATALOG,
    appliedBy: 'bench',
    sourcePath: 'demo',
    contentHash: 'demo',
  });
  const loaded = await loadDemoGovernance(stores, generateDemoGovernance(1, { weeks: 10 }));
  const gate: number[] = [];
  const read: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let start = process.hrtime.bigint();
    await gateDeployment(stores, {
      service: 'checkout-api',
      environment: 'prod',
      releaseId: undefined,
      estimate: '700',
      changeType: 'normal',
      at: '2025-03-05T10:00:00Z',
      actor: 'bench',
    });
    gate.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    await stores.governance.currentPolicy();
    read.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(
    `use case gateDeployment on ${loaded.deployments} deployments: ${median(gate).toFixed(2)} ms per decision (logged)`,
  );
  // A decision that names a release also weighs the release's spend so far, from the bill.
  const release = (await stores.governance.releases.listReleases()).at(-1);
  if (release) {
    const withRelease: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = process.hrtime.bigint();
      await gateDeployment(stores, {
        service: release.services[0]!,
        environment: 'prod',
        releaseId: release.id,
        estimate: '700',
        changeType: 'normal',
        at: '2025-03-05T10:00:00Z',
        actor: 'bench',
      });
      withRelease.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    console.log(
      `use case gateDeployment naming release ${release.id}: ${median(withRelease).toFixed(2)} ms per decision (logged)`,
    );
  }
  console.log(
    `baseline one policy read: ${median(read).toFixed(2)} ms; ratio ${(median(gate) / median(read)).toFixed(2)}`,
  );
} finally {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
}
