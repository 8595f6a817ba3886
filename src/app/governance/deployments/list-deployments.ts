import { TollgateError } from '../../../core/errors.js';
import { type FieldLabels, labelOf } from '../../../core/field-labels.js';
import type { CostedDeployment } from '../../../core/governance/deployments/unit-costs.js';
import { isIsoTimestamp, normaliseTimestamp } from '../../../core/governance/governance-types.js';
import type { DeploymentFilter } from '../../../ports/deployment-store.js';
import type { Stores } from '../../../ports/stores.js';

/** Recorded deployments with their cost, finished in [from, to) when given (ISO dates or times). */
export async function listDeploymentsBetween(
  stores: Stores,
  filter: DeploymentFilter,
  labels: FieldLabels<'from' | 'to'> = {},
): Promise<CostedDeployment[]> {
  const time = (field: 'from' | 'to') => {
    const value = filter[field];
    if (value === undefined) return undefined;
    if (!isIsoTimestamp(value)) {
      throw new TollgateError(
        'DEPLOYMENTS_BAD_TIME',
        `${labelOf(labels, field)} '${value}' is not a time; write an ISO date or date-time such as 2026-03-01 or 2026-03-01T09:30:00Z.`,
        'usage',
      );
    }
    return normaliseTimestamp(value);
  };
  return stores.governance.deployments.listDeployments({ ...filter, from: time('from'), to: time('to') });
}
