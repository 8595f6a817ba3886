import type { Catalog } from '../../catalog/catalog-model.js';
import { Decimal } from '../../money.js';
import type { DeploymentCost } from './deployment-cost-model.js';
import type { DeploymentRecord } from './deployment-record.js';

export type CostedDeployment = DeploymentRecord & { cost: DeploymentCost };

export interface UnitCosts {
  currency: string;
  deployments: number;
  total: string;
  perDeployment: string | null;
  /** Deployment cost / environment hours the deployments held, per environment. */
  perEnvironmentHour: { environment: string; hours: string; cost: string; perHour: string | null }[];
  rollbacks: number;
  perRollback: string | null;
  byServiceMonth: { month: string; service: string; team: string; deployments: number; cost: string }[];
  byTeamMonth: { month: string; team: string; deployments: number; cost: string }[];
  /** Deployment frequency against cost per deployment: who deploys often and cheaply. */
  teamFrequencyVsCost: { team: string; deploymentsPerWeek: number; perDeployment: string }[];
}

const average = (total: Decimal, count: number) =>
  count === 0 ? null : total.dividedBy(count).toDecimalPlaces(4).toString();

export function computeUnitCosts(
  deployments: CostedDeployment[],
  catalog: Catalog,
  currency: string,
  weeks: number,
): UnitCosts {
  const teamOf = (service: string) => catalog.services.find((s) => s.id === service)?.ownerTeam ?? 'unknown';
  const total = deployments.reduce((sum, d) => sum.plus(d.cost.total), new Decimal(0));
  const environments = new Map<string, { hours: Decimal; cost: Decimal }>();
  const serviceMonths = new Map<string, { deployments: number; cost: Decimal }>();
  const teamMonths = new Map<string, { deployments: number; cost: Decimal }>();
  const teams = new Map<string, { deployments: number; cost: Decimal }>();
  let rollbackTotal = new Decimal(0);
  let rollbacks = 0;
  const bump = (map: Map<string, { deployments: number; cost: Decimal }>, key: string, cost: string) => {
    const entry = map.get(key) ?? { deployments: 0, cost: new Decimal(0) };
    map.set(key, { deployments: entry.deployments + 1, cost: entry.cost.plus(cost) });
  };
  for (const d of deployments) {
    const hours = new Decimal(Date.parse(d.finishedAt) - Date.parse(d.startedAt)).dividedBy(3_600_000);
    const env = environments.get(d.environment) ?? { hours: new Decimal(0), cost: new Decimal(0) };
    environments.set(d.environment, { hours: env.hours.plus(hours), cost: env.cost.plus(d.cost.total) });
    if (d.outcome === 'rolled_back') {
      rollbacks++;
      rollbackTotal = rollbackTotal.plus(d.cost.total);
    }
    const month = d.finishedAt.slice(0, 7);
    bump(serviceMonths, `${month}\u0000${d.service}`, d.cost.total);
    bump(teamMonths, `${month}\u0000${teamOf(d.service)}`, d.cost.total);
    bump(teams, teamOf(d.service), d.cost.total);
  }
  return {
    currency,
    deployments: deployments.length,
    total: total.toString(),
    perDeployment: average(total, deployments.length),
    perEnvironmentHour: [...environments.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([environment, value]) => ({
        environment,
        hours: value.hours.toDecimalPlaces(4).toString(),
        cost: value.cost.toString(),
        perHour: value.hours.isZero()
          ? null
          : value.cost.dividedBy(value.hours).toDecimalPlaces(4).toString(),
      })),
    rollbacks,
    perRollback: average(rollbackTotal, rollbacks),
    byServiceMonth: [...serviceMonths.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => {
        const [month, service] = key.split('\u0000') as [string, string];
        return {
          month,
          service,
          team: teamOf(service),
          deployments: value.deployments,
          cost: value.cost.toString(),
        };
      }),
    byTeamMonth: [...teamMonths.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => {
        const [month, team] = key.split('\u0000') as [string, string];
        return { month, team, deployments: value.deployments, cost: value.cost.toString() };
      }),
    teamFrequencyVsCost: [...teams.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([team, value]) => ({
        team,
        deploymentsPerWeek: weeks > 0 ? Math.round((value.deployments / weeks) * 100) / 100 : 0,
        perDeployment: value.cost.dividedBy(value.deployments).toDecimalPlaces(4).toString(),
      })),
  };
}
