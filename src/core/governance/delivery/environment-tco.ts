import { Decimal } from '../../money.js';
import type { AllocatedServiceDay } from '../releases/release-actuals.js';

export interface EnvironmentCost {
  environment: string;
  currency: string;
  cost: string;
  /** Days of the period with cost in the environment: the hours it existed are these x 24. */
  daysWithCost: number;
  hours: number;
  /** cost / hours, rounded half to even at 4 decimals for reading. */
  costPerHour: string;
}

export interface IdleEnvironment {
  service: string;
  environment: string;
  currency: string;
  /** Allocated cost over the idle days. */
  cost: string;
  /** The last deployment to it before the period's end, or null when none is recorded. */
  lastDeployment: string | null;
}

export interface EnvironmentTcoReport {
  from: string;
  /** Exclusive. */
  to: string;
  idleDays: number;
  environments: EnvironmentCost[];
  idle: IdleEnvironment[];
  warnings: string[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Environment total cost of ownership from the allocated bill:
 * 1. the environment of each allocated row is the allocation's (its rule's, else the line's
 *    env/environment tag, resolved when the period was allocated); rows with none are counted
 *    and warned about;
 * 2. per (environment, currency): the cost, the days it had any cost (it existed those days),
 *    hours = days x 24 and cost per hour;
 * 3. idle: a (service, environment) with cost in the last `idleDays` days before `to` and no
 *    deployment to it in those days, listed with that cost. Traffic is not known to Tollgate,
 *    so "idle" means no deployment; the report says so.
 */
export function computeEnvironmentTco(
  rows: readonly AllocatedServiceDay[],
  deployments: readonly { service: string; environment: string; finishedAt: string }[],
  period: { from: string; to: string },
  idleDays: number,
): EnvironmentTcoReport {
  const warnings: string[] = [];
  const groups = new Map<string, { cost: Decimal; days: Set<string> }>();
  const unplaced = new Map<string, Decimal>();
  for (const row of rows) {
    if (row.environment === null) {
      unplaced.set(row.currency, (unplaced.get(row.currency) ?? new Decimal(0)).plus(row.cost));
      continue;
    }
    const key = `${row.environment}\u0000${row.currency}`;
    const group = groups.get(key) ?? { cost: new Decimal(0), days: new Set<string>() };
    group.cost = group.cost.plus(row.cost);
    group.days.add(row.day);
    groups.set(key, group);
  }
  for (const [currency, cost] of unplaced) {
    warnings.push(
      `${cost.toString()} ${currency} of allocated cost is in an unknown environment (no allocation rule sets one, and the line has no env/environment tag that names a catalogue environment); it is in no environment's total, and not counted as production.`,
    );
  }
  const environments = [...groups.entries()]
    .map(([key, group]) => {
      const [environment, currency] = key.split('\u0000') as [string, string];
      const hours = group.days.size * 24;
      return {
        environment,
        currency,
        cost: group.cost.toString(),
        daysWithCost: group.days.size,
        hours,
        costPerHour: group.cost.dividedBy(hours).toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toString(),
      };
    })
    .sort((a, b) => compare(a.environment, b.environment) || compare(a.currency, b.currency));
  const idleFrom = new Date(Date.parse(`${period.to}T00:00:00Z`) - idleDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const lastDeployment = new Map<string, string>();
  for (const d of deployments) {
    const key = `${d.service}\u0000${d.environment}`;
    if (d.finishedAt.slice(0, 10) < period.to && (lastDeployment.get(key) ?? '') < d.finishedAt)
      lastDeployment.set(key, d.finishedAt);
  }
  const recent = new Map<string, Decimal>();
  for (const row of rows) {
    if (row.environment === null || row.day < idleFrom || row.day >= period.to) continue;
    const key = `${row.service}\u0000${row.environment}\u0000${row.currency}`;
    recent.set(key, (recent.get(key) ?? new Decimal(0)).plus(row.cost));
  }
  const idle = [...recent.entries()]
    .flatMap(([key, cost]) => {
      const [service, environment, currency] = key.split('\u0000') as [string, string, string];
      const last = lastDeployment.get(`${service}\u0000${environment}`) ?? null;
      if (last !== null && last.slice(0, 10) >= idleFrom) return [];
      return [{ service, environment, currency, cost: cost.toString(), lastDeployment: last }];
    })
    .sort(
      (a, b) =>
        compare(a.currency, b.currency) ||
        new Decimal(b.cost).comparedTo(a.cost) ||
        compare(a.service, b.service),
    );
  return { ...period, idleDays, environments, idle, warnings };
}
