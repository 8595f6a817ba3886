import { TollgateError } from '../../../core/errors.js';
import { type FieldLabels, labelOf } from '../../../core/field-labels.js';
import { apportionCiBill, type CiBillReport } from '../../../core/governance/delivery/apportion-ci-bill.js';
import {
  computeEnvironmentTco,
  type EnvironmentTcoReport,
} from '../../../core/governance/delivery/environment-tco.js';
import { findService } from '../../../core/governance/deployments/deployment-record.js';
import { isIsoTimestamp } from '../../../core/governance/governance-types.js';
import { Decimal } from '../../../core/money.js';
import type { Stores } from '../../../ports/stores.js';
import { loadCatalog } from '../governance-context.js';
import { toServiceDay } from '../releases/release-actuals-report.js';

export interface DeliveryPeriod {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, exclusive (YYYY-MM-DD). */
  to: string;
}

type PeriodLabels = FieldLabels<'from' | 'to'>;

function checkPeriod(period: DeliveryPeriod, labels: PeriodLabels): void {
  for (const field of ['from', 'to'] as const) {
    const value = period[field];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isIsoTimestamp(value)) {
      throw new TollgateError(
        'DELIVERY_BAD_PERIOD',
        `${labelOf(labels, field)} '${value}' is not a date; write YYYY-MM-DD.`,
        'usage',
      );
    }
  }
  if (period.from >= period.to) {
    throw new TollgateError(
      'DELIVERY_BAD_PERIOD',
      `The period must start before it ends (${labelOf(labels, 'from')} before ${labelOf(labels, 'to')}, which is exclusive).`,
      'usage',
    );
  }
}

export interface CiCostReport extends CiBillReport {
  from: string;
  to: string;
  ciService: string;
}

/**
 * The CI runners' bill (the allocated cost of the catalogue service that runs CI) apportioned to
 * the deployments that finished in the period by their pipeline minutes; it reconciles exactly.
 */
export async function reportCiCost(
  stores: Stores,
  input: DeliveryPeriod & { ciService: string },
  labels: PeriodLabels & FieldLabels<'ciService'> = {},
): Promise<CiCostReport> {
  checkPeriod(input, labels);
  findService(await loadCatalog(stores), input.ciService);
  const rows = await stores.costs.queryCosts({
    from: input.from,
    to: input.to,
    metric: 'effective',
    groupBy: ['catalog-service'],
    filters: [{ dimension: 'catalog-service', values: [input.ciService] }],
  });
  const deployments = await stores.governance.deployments.listDeployments({ from: input.from, to: input.to });
  const report = apportionCiBill(
    rows
      .map((row) => ({ currency: row.currency, amount: new Decimal(row.cost).toString() }))
      .sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    deployments.map((d) => ({
      id: d.id,
      service: d.service,
      environment: d.environment,
      outcome: d.outcome,
      pipelineMinutes: d.pipelineMinutes,
      processCost: new Decimal(d.cost.documentation).plus(d.cost.cabReview).plus(d.cost.execution).toString(),
      processCurrency: d.cost.currency,
    })),
  );
  return { from: input.from, to: input.to, ciService: input.ciService, ...report };
}

/** Allocated cost per environment per hour it existed, and the environments idle for `idleDays`. */
export async function reportEnvironmentTco(
  stores: Stores,
  input: DeliveryPeriod & { idleDays: number },
  labels: PeriodLabels & FieldLabels<'idleDays'> = {},
): Promise<EnvironmentTcoReport> {
  checkPeriod(input, labels);
  if (!Number.isInteger(input.idleDays) || input.idleDays < 1 || input.idleDays > 366) {
    throw new TollgateError(
      'DELIVERY_BAD_IDLE_DAYS',
      `${labelOf(labels, 'idleDays')} must be a whole number of days from 1 to 366.`,
      'usage',
    );
  }
  const rows = await stores.costs.queryCosts({
    from: input.from,
    to: input.to,
    metric: 'effective',
    groupBy: ['catalog-service', 'environment', 'day'],
    filters: [],
  });
  const deployments = await stores.governance.deployments.listDeployments({ to: input.to });
  return computeEnvironmentTco(
    // Cost no rule gave a catalogue service still runs in an environment: keep it, named as such.
    rows.flatMap(
      (row) =>
        toServiceDay({
          ...row,
          dimensions: {
            ...row.dimensions,
            'catalog-service': row.dimensions['catalog-service'] ?? '(no service)',
          },
        }) ?? [],
    ),
    deployments,
    input,
    input.idleDays,
  );
}
