import type { ActualPartName } from '../../../core/governance/releases/release-actuals.js';
import { SPEND_AS_OF_RULE, spendAsOf } from '../../../core/governance/releases/release-as-of.js';
import type { Release } from '../../../core/governance/releases/release-model.js';
import type { Stores } from '../../../ports/stores.js';
import { measureReleaseActuals } from './release-actuals-report.js';

/** A release's spend as a gate decision counted it, as the decision log keeps it. */
export interface ReleaseSpendAsOf {
  /** The known actuals (the sum of the known parts), in the release's currency. */
  spent: string;
  /** The moment it was measured at: the decision's time. */
  asOf: string;
  /** What that moment counts (SPEND_AS_OF_RULE). */
  rule: string;
  /** Each part of the actuals; null where its data was missing then. */
  parts: Record<ActualPartName, string | null>;
  complete: boolean;
  /** The release's deployments started by then, and the labour entries booked for days up to then. */
  deployments: number;
  timeEntries: number;
}

/**
 * The spend a release had at a moment (measureReleaseActuals as of it), in its own currency:
 * what a gate decision at that time could have known, so a replayed decision never counts
 * labour, bills or deployments that came after it.
 */
export async function measureReleaseSpendAsOf(
  stores: Stores,
  release: Release,
  at: string,
): Promise<ReleaseSpendAsOf> {
  const asOf = spendAsOf(at);
  const measured = await measureReleaseActuals(stores, release, undefined, undefined, asOf);
  const { actuals } = measured;
  const part = (name: ActualPartName) => actuals.parts.find((p) => p.part === name)?.amount ?? null;
  const labour = actuals.parts.find((p) => p.part === 'labour');
  return {
    spent: actuals.known,
    asOf: asOf.at,
    rule: SPEND_AS_OF_RULE,
    parts: {
      cloud: part('cloud'),
      labour: part('labour'),
      pipeline: part('pipeline'),
      deploymentProcess: part('deploymentProcess'),
    },
    complete: actuals.complete,
    deployments: measured.deploymentCount,
    timeEntries: labour?.sources.length ?? 0,
  };
}
