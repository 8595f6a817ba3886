import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRootPath } from '../../adapters/package-root.js';
import { demoDriversCsv } from '../../demo/allocation/demo-drivers.js';
import { demoExchangeRates } from '../../demo/demo-exchange-rates.js';
import { generateDemoGovernance } from '../../demo/governance/generate-demo-governance.js';
import { DEMO_YEAR } from '../../demo/plan-demo-billing.js';
import type { Stores } from '../../ports/stores.js';
import { loadDrivers } from '../allocation/load-drivers.js';
import { applyCatalog } from '../allocation/manage-catalog.js';
import { applyRules } from '../allocation/manage-rules.js';
import { type AllocateSummary, allocatePeriods } from '../allocation/run-allocation.js';
import { loadDemoAssets } from '../assets/load-demo-assets.js';
import { commandLineActor } from '../audit/record-audit.js';
import { loadDemoContracts } from '../contracts/load-demo-contracts.js';
import { addRates } from '../currency/manage-exchange-rates.js';
import { type DemoGovernanceSummary, loadDemoGovernance } from '../governance/load-demo-governance.js';
import { type DemoReviewsSummary, recordDemoReviews } from '../governance/reviews/record-demo-reviews.js';

const _ACTOR = 'demo';
const DEMO_FILES = packageRootPath('src', 'demo', 'allocation');

export interface DemoSetup {
  catalogVersion: number;
  ruleSetVersion: number;
  allocation: AllocateSummary;
  /** Null when the governance year was already loaded by an earlier demo run. */
  governance: DemoGovernanceSummary | null;
  /** The year's post-implementation reviews; null when the governance year was loaded before. */
  reviews: DemoReviewsSummary | null;
}

/**
 * Gives the loaded demo billing its owners and its release history, through the same use cases
 * a user runs: 1. apply the demo catalogue (unchanged on a re-run), 2. apply the demo rule set
 * when it differs from the current one, 3. load the cpu-hours drivers, 4. allocate every month
 * of the demo year, 5. load the governance year (rate card, change models, releases,
 * deployments with their gate decisions, incidents, the year-end freeze) once, 6. the year's
 * EUR to USD rates, 7. the year's post-implementation reviews (with the governance year).
 */
export async function setUpDemoOrganisation(
  stores: Stores,
  seed: number,
  workDir: string,
): Promise<DemoSetup> {
  const catalog = await applyCatalog(stores, join(DEMO_FILES, 'demo-catalog.yaml'), commandLineActor());
  const rulesPath = join(DEMO_FILES, 'demo-rules.yaml');
  const firstMonth = `${DEMO_YEAR}-01`;
  const current = await stores.allocation.rules.effectiveRuleSet(firstMonth);
  const rules =
    current?.sourcePath === rulesPath
      ? current
      : (await applyRules(stores, rulesPath, { actor: commandLineActor() })).version;
  const months = Array.from(
    { length: 12 },
    (_, index) => `${DEMO_YEAR}-${String(index + 1).padStart(2, '0')}`,
  );
  const driversPath = join(workDir, 'demo-drivers.csv');
  await writeFile(driversPath, demoDriversCsv(months));
  await loadDrivers(stores, driversPath, commandLineActor());
  const allocation = await allocatePeriods(stores, `${months[0]}..${months.at(-1)}`, commandLineActor());
  // The dashboard's first view should not wait for the allocated rollups.
  await stores.costs.refreshAllocatedRollups();
  // EUR to USD for the year, before the pipelines ask the gate: a release's spend so far converts
  // EUR-billed services into its USD, and a day with no rate refuses the decision (RATE_MISSING).
  await addRates(stores, demoExchangeRates(DEMO_YEAR, seed));
  const governance =
    (await stores.governance.releases.listReleases()).length > 0
      ? null
      : await loadDemoGovernance(stores, generateDemoGovernance(seed));
  // The year's post-implementation reviews measure their releases' actuals, so come after the rates.
  const reviews = governance
    ? await recordDemoReviews(stores, { from: `${DEMO_YEAR}-01-01`, to: `${DEMO_YEAR + 1}-01-01` })
    : null;
  // The data centre's asset register (loading it again changes nothing).
  await loadDemoAssets(stores, seed);
  // Its vendor contracts, licences and their usage (loading again changes nothing).
  await loadDemoContracts(stores, seed);
  return {
    catalogVersion: catalog.version.version,
    ruleSetVersion: rules.version,
    allocation,
    governance,
    reviews,
  };
}
