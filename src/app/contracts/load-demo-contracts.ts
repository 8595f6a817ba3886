import {
  DEMO_CONTRACTS,
  DEMO_SLA_BREACH,
  generateDemoLicences,
} from '../../demo/contracts/generate-demo-contracts.js';
import type { Stores } from '../../ports/stores.js';
import { requireCurrentCatalog } from '../allocation/manage-catalog.js';
import { auditRecorder } from '../audit/record-audit.js';
import { loadLicenceUsage } from './load-licence-usage.js';
import { loadLicences } from './manage-licences.js';
import { loadVendorContracts } from './manage-vendor-contracts.js';
import { recordSlaBreach } from './record-sla-breach.js';

const DEMO = 'demo';

/**
 * Loads the demo's vendor contracts, licences and their usage, and its one SLA breach, through
 * the same use cases a user runs (loading again changes nothing). The breach is tied to the
 * demo's first incident of its month when there is one.
 */
export async function loadDemoContracts(stores: Stores, seed: number) {
  const recordChange = auditRecorder(stores, { name: DEMO, tokenId: null, address: null });
  const { index } = await requireCurrentCatalog(stores);
  const contracts = await loadVendorContracts(
    stores,
    DEMO_CONTRACTS,
    { what: 'The demo contracts', firstLine: null },
    DEMO,
    recordChange,
  );
  const { licences, usage } = generateDemoLicences([...index.teams.keys()], seed);
  await loadLicences(stores, licences, { what: 'The demo licences', firstLine: null }, DEMO, recordChange);
  await loadLicenceUsage(
    stores,
    usage,
    { what: 'The demo licence usage', firstLine: null },
    DEMO,
    recordChange,
  );
  const breachId = `${DEMO_SLA_BREACH.contractId}:${DEMO_SLA_BREACH.sla}:${DEMO_SLA_BREACH.month}`;
  if ((await stores.contracts.history('sla-breach', breachId)).length === 0) {
    const incident = (await stores.governance.incidents.listIncidents())
      .filter((candidate) => candidate.startedAt.startsWith(DEMO_SLA_BREACH.month))
      .sort((a, b) => a.id.localeCompare(b.id))[0];
    await recordSlaBreach(
      stores,
      { ...DEMO_SLA_BREACH, ...(incident ? { incidentId: incident.id } : {}) },
      DEMO,
      recordChange,
    );
  }
  return contracts;
}
