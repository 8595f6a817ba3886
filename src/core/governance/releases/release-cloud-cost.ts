import { Decimal } from '../../money.js';

/** EffectiveCost of the tagged cost lines of one (currency, release tag, version tag) group. */
export interface ReleaseTagCost {
  currency: string;
  release: string | null;
  version: string | null;
  effectiveCost: string;
}

/**
 * The cloud cost a release's actuals carry: EffectiveCost, in its currency, of the lines tagged
 * `release: <id>` or `version: <a version deployed in it>`. Groups keep the (release, version)
 * pair together, so a line tagged with both counts once.
 */
export function sumReleaseCloudCost(
  groups: readonly ReleaseTagCost[],
  releaseId: string,
  versions: readonly string[],
  currency: string,
): string {
  const deployed = new Set(versions);
  let total = new Decimal(0);
  for (const group of groups) {
    if (group.currency !== currency) continue;
    const mine = group.release === releaseId || (group.version !== null && deployed.has(group.version));
    if (mine) total = total.plus(group.effectiveCost);
  }
  return total.toString();
}
