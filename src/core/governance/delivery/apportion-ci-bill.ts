import { amountToUnits, splitUnits, unitsToAmount } from '../../allocation/split-amount.js';
import { Decimal } from '../../money.js';
import type { DeploymentOutcome } from '../governance-types.js';

/** What apportioning needs of a deployment: its pipeline minutes, where it went and how it ended. */
export interface CiDeployment {
  id: string;
  service: string;
  environment: string;
  outcome: DeploymentOutcome;
  pipelineMinutes: string;
  /** The change model's process labour of the deployment (documentation, CAB review, execution). */
  processCost: string;
  processCurrency: string;
}

export interface CiBillShare {
  currency: string;
  /** The CI runners' allocated cost in the period, in this currency. */
  bill: string;
  minutes: string;
  deployments: {
    id: string;
    service: string;
    environment: string;
    outcome: string;
    minutes: string;
    cost: string;
  }[];
  pipelines: { service: string; deployments: number; minutes: string; cost: string }[];
  /** Sum of the deployments' shares: equal to `bill` to the last decimal, or null when not apportioned. */
  apportioned: string | null;
  /** True when the shares add up to the bill exactly (checked, not assumed). */
  reconciles: boolean;
  costPerMinute: string | null;
  costPerDeployment: string | null;
  /** Mean CI cost of a rolled-back deployment; null with none. */
  costPerRollback: string | null;
}

export interface CiBillReport {
  shares: CiBillShare[];
  /** Mean process (labour) cost per deployment from the change model, beside the CI cost. */
  processCostPerDeployment: { currency: string; amount: string } | null;
  warnings: string[];
}

const mean = (total: Decimal, count: number) =>
  count === 0 ? null : total.dividedBy(count).toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toString();

/**
 * The CI runners' bill apportioned to deployments by pipeline minutes, exactly:
 * 1. per currency, the bill as whole 10^-16 units and each deployment's minutes as integer
 *    weights (scaled by the most decimals any has);
 * 2. cumulative rounding (splitUnits): every share is within one unit of its exact part and
 *    the shares add up to the bill to the last decimal;
 * 3. pipelines are the deployments' shares summed per service; cost per deployment, minute and
 *    rollback are means, rounded to 4 decimals for reading (the shares stay exact).
 * A bill with no minutes to split by is left unapportioned and said so, never spread evenly.
 */
export function apportionCiBill(
  bill: readonly { currency: string; amount: string }[],
  deployments: readonly CiDeployment[],
): CiBillReport {
  const warnings: string[] = [];
  const minutes = deployments.map((d) => new Decimal(d.pipelineMinutes));
  const totalMinutes = minutes.reduce((sum, m) => sum.plus(m), new Decimal(0));
  const scale = new Decimal(10).pow(Math.max(0, ...minutes.map((m) => m.decimalPlaces())));
  const weights = minutes.map((m) => BigInt(m.times(scale).toFixed(0)));
  if (bill.length === 0) warnings.push('No CI runner cost in the period: the CI bill is missing, not zero.');
  const shares = bill.map(({ currency, amount }): CiBillShare => {
    const empty = {
      currency,
      bill: amount,
      minutes: totalMinutes.toString(),
      deployments: [],
      pipelines: [],
      apportioned: null,
      reconciles: false,
      costPerMinute: null,
      costPerDeployment: null,
      costPerRollback: null,
    };
    if (totalMinutes.isZero()) {
      warnings.push(
        `${amount} ${currency} of CI cost has no pipeline minutes to be apportioned by: record deployments with their pipeline minutes.`,
      );
      return empty;
    }
    const parts = splitUnits(amountToUnits(amount), weights).map(unitsToAmount);
    const rows = deployments.map((d, i) => ({
      id: d.id,
      service: d.service,
      environment: d.environment,
      outcome: d.outcome,
      minutes: d.pipelineMinutes,
      cost: parts[i]!,
    }));
    const byService = new Map<string, { deployments: number; minutes: Decimal; cost: Decimal }>();
    for (const row of rows) {
      const current = byService.get(row.service) ?? {
        deployments: 0,
        minutes: new Decimal(0),
        cost: new Decimal(0),
      };
      byService.set(row.service, {
        deployments: current.deployments + 1,
        minutes: current.minutes.plus(row.minutes),
        cost: current.cost.plus(row.cost),
      });
    }
    const rollbacks = rows.filter((r) => r.outcome === 'rolled_back');
    const total = new Decimal(amount);
    const apportioned = rows.reduce((sum, r) => sum.plus(r.cost), new Decimal(0));
    return {
      ...empty,
      deployments: rows,
      pipelines: [...byService.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([service, p]) => ({
          service,
          deployments: p.deployments,
          minutes: p.minutes.toString(),
          cost: p.cost.toString(),
        })),
      apportioned: apportioned.toString(),
      reconciles: apportioned.equals(total),
      costPerMinute: total.dividedBy(totalMinutes).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toString(),
      costPerDeployment: mean(total, rows.length),
      costPerRollback: mean(
        rollbacks.reduce((sum, r) => sum.plus(r.cost), new Decimal(0)),
        rollbacks.length,
      ),
    };
  });
  const currencies = [...new Set(deployments.map((d) => d.processCurrency))];
  const process =
    deployments.length === 0 || currencies.length !== 1
      ? null
      : {
          currency: currencies[0]!,
          amount: mean(
            deployments.reduce((sum, d) => sum.plus(d.processCost), new Decimal(0)),
            deployments.length,
          )!,
        };
  return { shares, processCostPerDeployment: process, warnings };
}
