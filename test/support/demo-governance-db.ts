import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { loadDemoGovernance } from '../../src/app/governance/load-demo-governance.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { generateDemoGovernance } from '../../src/demo/governance/generate-demo-governance.js';

/**
 * A database set-up (for startApi's `prepare`, or a CLI test's file) holding the demo catalogue
 * and `weeks` weeks of the demo's governance history: releases, changes, deployments, freezes,
 * booked labour; no bill and no rates.
 */
export function demoGovernanceOf(weeks: number) {
  return async (dbPath: string): Promise<void> => {
    const stores = await openTollgate(loadConfig({ db: dbPath }, {}));
    try {
      await applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      );
      await loadDemoGovernance(stores, generateDemoGovernance(1, { weeks }));
    } finally {
      await stores.close();
    }
  };
}
