import { generateDemoAssets } from '../../demo/assets/generate-demo-assets.js';
import type { Stores } from '../../ports/stores.js';
import { requireCurrentCatalog } from '../allocation/manage-catalog.js';
import { auditRecorder } from '../audit/record-audit.js';
import { loadAssetRegister, type RegisterChange } from './manage-asset-register.js';

/** Loads the demo data centre's register (owners from the current catalogue) through the register's use case. */
export async function loadDemoAssets(stores: Stores, seed: number): Promise<RegisterChange> {
  const { index } = await requireCurrentCatalog(stores);
  const owners = [...index.services.values()]
    .filter((service) => service.ownerTeam !== undefined && service.ownerTeam !== null)
    .map((service) => ({ service: service.id, team: service.ownerTeam! }))
    .sort((a, b) => a.service.localeCompare(b.service));
  return loadAssetRegister(
    stores,
    generateDemoAssets(owners, seed),
    { what: 'The demo asset register', firstLine: null },
    'demo',
    auditRecorder(stores, { name: 'demo', tokenId: null, address: null }),
  );
}
