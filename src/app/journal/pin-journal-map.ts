import type { Stores } from '../../ports/stores.js';

/**
 * Pins the journal map version in force to a period as it closes (inside the close's
 * transaction), so its journal stays the same whatever map is applied later.
 */
export async function pinJournalMap(stores: Stores, period: string): Promise<void> {
  const latest = (await stores.journal.listJournalMaps()).at(-1);
  await stores.journal.pinPeriodMap(period, latest?.version ?? null);
}
