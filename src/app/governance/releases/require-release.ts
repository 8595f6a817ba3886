import { TollgateError } from '../../../core/errors.js';
import type { Release } from '../../../core/governance/releases/release-model.js';
import type { Stores } from '../../../ports/stores.js';

export async function requireRelease(stores: Stores, id: string): Promise<Release> {
  const release = await stores.governance.releases.getRelease(id);
  if (!release) {
    throw new TollgateError(
      'RELEASE_NOT_FOUND',
      `There is no release '${id}'; the releases list shows their ids.`,
      'not-found',
    );
  }
  return release;
}
