import { Decimal } from '../../money.js';
import type { DeploymentCost } from '../deployments/deployment-cost-model.js';
import type { ReleaseTagCost } from './release-cloud-cost.js';
import type { Release, TimeEntry } from './release-model.js';

/** Allocated EffectiveCost of one catalogue service on one day in one environment and currency. */
export interface AllocatedServiceDay {
  service: string;
  /** The allocation's environment, else the line's env/environment tag; null when neither says. */
  environment: string | null;
  day: string;
  currency: string;
  cost: string;
}

/** What the actuals need of a deployment: where, when, which release, and its modelled cost. */
export interface ActualsDeployment {
  id: string;
  service: string;
  environment: string;
  version: string;
  releaseId?: string | undefined;
  startedAt: string;
  finishedAt: string;
  cost: DeploymentCost;
}

/** Where one amount of a part came from; `costs` names the cost query that lists its lines. */
export interface ActualSource {
  what: string;
  amount: string;
  costs?: { from?: string | undefined; to?: string | undefined; filters: string[] } | undefined;
}

export type ActualPartName = 'cloud' | 'labour' | 'pipeline' | 'deploymentProcess';

export interface ActualPart {
  part: ActualPartName;
  /** null when the data this part needs is missing: never shown as 0. */
  amount: string | null;
  method: string;
  sources: ActualSource[];
}

export interface ReleaseActuals {
  currency: string;
  /** The first deployment's start day to the last deployment's finish day, inclusive; null with none. */
  window: { from: string; to: string } | null;
  /** 'tags' when cost lines carry the release or a deployed version, else 'window'. */
  cloudMethod: 'tags' | 'window';
  driver: string;
  parts: ActualPart[];
  /** Sum of the parts that are known. */
  known: string;
  /** False when any part is missing: the total is then a lower bound. */
  complete: boolean;
  warnings: string[];
}

export interface ReleaseActualsInput {
  release: Pick<Release, 'id' | 'services' | 'currency'>;
  tagCosts: readonly ReleaseTagCost[];
  /** The release's own deployments. */
  deployments: readonly ActualsDeployment[];
  /** Every deployment of the release's services in the window (its own and others'), for the driver. */
  windowDeployments: readonly ActualsDeployment[];
  /** Allocated cost of the release's services on the window's days. */
  allocated: readonly AllocatedServiceDay[];
  timeEntries: readonly TimeEntry[];
}

export const ACTUALS_DRIVER =
  "deployments: a service's allocated cost in an environment over the window, times the release's share of that service's deployments to that environment in the window";

const sum = (values: readonly (string | Decimal)[]) =>
  values.reduce<Decimal>((total, value) => total.plus(value), new Decimal(0));
const cents = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);

/** Adds one day to a YYYY-MM-DD date (the exclusive end of a cost query). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The window of a release's deployments: first start day to last finish day, inclusive. */
export function deploymentWindow(
  deployments: readonly Pick<ActualsDeployment, 'startedAt' | 'finishedAt'>[],
): { from: string; to: string } | null {
  if (deployments.length === 0) return null;
  const from = deployments.map((d) => d.startedAt.slice(0, 10)).sort()[0]!;
  const to = deployments
    .map((d) => d.finishedAt.slice(0, 10))
    .sort()
    .at(-1)!;
  return { from, to };
}

function taggedCloud(input: ReleaseActualsInput): ActualPart | undefined {
  const versions = new Set(input.deployments.map((d) => d.version));
  const mine = input.tagCosts.filter(
    (group) =>
      group.currency === input.release.currency &&
      (group.release === input.release.id || (group.version !== null && versions.has(group.version))),
  );
  if (mine.length === 0) return undefined;
  return {
    part: 'cloud',
    amount: sum(mine.map((g) => g.effectiveCost)).toString(),
    method: `EffectiveCost of the cost lines tagged release=${input.release.id} or version=<a version deployed in it>`,
    sources: mine.map((group) => ({
      what: [group.release && `release=${group.release}`, group.version && `version=${group.version}`]
        .filter(Boolean)
        .join(' '),
      amount: group.effectiveCost,
      costs: {
        filters: group.release ? [`tag:release=${group.release}`] : [`tag:version=${group.version}`],
      },
    })),
  };
}

/**
 * Tagged cost in another currency than the release's is not counted: tag groups are summed over
 * all their days, so there is no charge day to convert them at. Saying so keeps the actual an
 * honest lower bound instead of a silent one.
 */
function warnForeignTagged(input: ReleaseActualsInput): string[] {
  const versions = new Set(input.deployments.map((d) => d.version));
  const foreign = new Map<string, Decimal>();
  for (const group of input.tagCosts) {
    const mine =
      group.release === input.release.id || (group.version !== null && versions.has(group.version));
    if (!mine || group.currency === input.release.currency) continue;
    foreign.set(group.currency, (foreign.get(group.currency) ?? new Decimal(0)).plus(group.effectiveCost));
  }
  return [...foreign].map(
    ([currency, amount]) =>
      `${amount.toString()} ${currency} of cost lines tagged release=${input.release.id} (or a version deployed in it) is billed in ${currency}, not the release's ${input.release.currency}, and is not counted: tagged cost is summed over its days, so it has no day to convert at.`,
  );
}

/**
 * The release's share of its services' allocated cost over its deployment window:
 * 1. the window runs from the first deployment's start day to the last one's finish day;
 * 2. for each (service, environment) the release deployed to, sum the allocated EffectiveCost
 *    of that service in that environment on the window's days, in the release's currency;
 * 3. multiply by the driver: the release's deployments of that pair over all deployments of
 *    that pair in the window (other releases and unplanned changes share the same days);
 * 4. round each share to the cent (half to even); cost with no environment, or in another
 *    currency, is left out and said so.
 */
function windowCloud(
  input: ReleaseActualsInput,
  window: { from: string; to: string },
  warnings: string[],
): ActualPart {
  const inWindow = (day: string) => day >= window.from && day <= window.to;
  const pairs = [...new Set(input.deployments.map((d) => `${d.service}\u0000${d.environment}`))].sort();
  const sources: ActualSource[] = [];
  let found = false;
  for (const pair of pairs) {
    const [service, environment] = pair.split('\u0000') as [string, string];
    const rows = input.allocated.filter(
      (row) => row.service === service && row.environment === environment && inWindow(row.day),
    );
    const cost = sum(rows.filter((row) => row.currency === input.release.currency).map((row) => row.cost));
    if (rows.length > 0) found = true;
    const isPair = (d: ActualsDeployment) =>
      d.service === service && d.environment === environment && inWindow(d.startedAt.slice(0, 10));
    const mine = input.deployments.filter(isPair).length;
    const all = Math.max(mine, input.windowDeployments.filter(isPair).length);
    const share = all === 0 ? new Decimal(0) : cents(cost.times(mine).dividedBy(all));
    sources.push({
      what: `${service} in ${environment}, ${window.from}..${window.to}: ${cost.toString()} x ${mine}/${all} deployments`,
      amount: share.toString(),
      costs: {
        from: window.from,
        to: nextDay(window.to),
        filters: [`catalog-service=${service}`],
      },
    });
  }
  const services = [...new Set(input.deployments.map((d) => d.service))].sort();
  for (const service of services) {
    const rows = input.allocated.filter((row) => row.service === service && inWindow(row.day));
    const unplaced = rows.filter(
      (row) => row.environment === null && row.currency === input.release.currency,
    );
    if (unplaced.length > 0) {
      warnings.push(
        `${sum(unplaced.map((r) => r.cost)).toString()} ${input.release.currency} of ${service}'s allocated cost in the window names no environment (neither an allocation rule nor an env/environment tag), so no release is charged for it.`,
      );
    }
    const foreign = new Map<string, Decimal>();
    for (const row of rows.filter((r) => r.currency !== input.release.currency)) {
      foreign.set(row.currency, (foreign.get(row.currency) ?? new Decimal(0)).plus(row.cost));
    }
    for (const [currency, amount] of foreign) {
      warnings.push(
        `${amount.toString()} ${currency} of ${service}'s allocated cost in the window is not in the release's currency (${input.release.currency}) and is left out.`,
      );
    }
    if (rows.length === 0) {
      warnings.push(
        `No allocated cost for ${service} between ${window.from} and ${window.to}: load that bill and run the allocation for those periods.`,
      );
    }
  }
  return {
    part: 'cloud',
    amount: found ? sum(sources.map((s) => s.amount)).toString() : null,
    method: `Share of the allocated bill (EffectiveCost) of the release's services and environments over its deployment window, split by ${ACTUALS_DRIVER}`,
    sources,
  };
}

/**
 * A release's actual cost from the bill, part by part, each with its sources:
 * 1. cloud: tagged lines when any carry the release or a deployed version, else the window share;
 * 2. labour: the time booked to the release at the rate card's rates;
 * 3. pipeline: each deployment's pipeline minutes at the cost model's runner rate;
 * 4. deployment process: the change model's documentation, CAB, execution, licence and
 *    rollback work per deployment. The model's environment hours are not added: the
 *    environments' cost is in the allocated bill of step 1.
 * A part whose data is missing is null with a warning, and the total is then incomplete.
 */
export function computeReleaseActuals(input: ReleaseActualsInput): ReleaseActuals {
  const warnings: string[] = [];
  const window = deploymentWindow(input.deployments);
  const tagged = taggedCloud(input);
  warnings.push(...warnForeignTagged(input));
  let cloud: ActualPart;
  if (tagged) cloud = tagged;
  else if (window) cloud = windowCloud(input, window, warnings);
  else {
    cloud = { part: 'cloud', amount: null, method: 'No deployment yet, so no window', sources: [] };
    warnings.push(
      `Release ${input.release.id} has no deployment and no cost line tagged release=${input.release.id}, so its cloud cost is unknown.`,
    );
  }
  const labour: ActualPart = {
    part: 'labour',
    amount: input.timeEntries.length === 0 ? null : sum(input.timeEntries.map((e) => e.amount)).toString(),
    method: "Hours booked to the release at the rate card's rate for the role on the day worked",
    sources: input.timeEntries.map((e) => ({
      what: `${e.date} ${e.person} (${e.role}) ${e.hours} h x ${e.hourlyRate}`,
      amount: e.amount,
    })),
  };
  if (input.timeEntries.length === 0) {
    warnings.push(
      `No labour is booked to release ${input.release.id}; book the time spent on it to the release.`,
    );
  }
  const perDeployment = (name: 'pipeline' | 'deploymentProcess', pick: (c: DeploymentCost) => Decimal) => ({
    part: name,
    amount:
      input.deployments.length === 0 ? null : sum(input.deployments.map((d) => pick(d.cost))).toString(),
    method:
      name === 'pipeline'
        ? "Each deployment's pipeline minutes at the deployment cost model's runner rate"
        : "The change model's documentation, CAB review, execution, licence and rollback work per deployment",
    sources: input.deployments.map((d) => ({
      what: `${d.id} ${d.service} ${d.version} to ${d.environment} at ${d.startedAt}`,
      amount: pick(d.cost).toString(),
    })),
  });
  const pipeline = perDeployment('pipeline', (c) => new Decimal(c.pipeline));
  const process = perDeployment('deploymentProcess', (c) =>
    sum([c.documentation, c.cabReview, c.execution, c.licences, c.rollbackWork]),
  );
  if (input.deployments.length === 0) {
    warnings.push(`Release ${input.release.id} has no deployment yet, so no pipeline or deployment cost.`);
  }
  const parts = [cloud, labour, pipeline, process];
  return {
    currency: input.release.currency,
    window,
    cloudMethod: tagged ? 'tags' : 'window',
    driver: ACTUALS_DRIVER,
    parts,
    known: sum(parts.flatMap((p) => (p.amount === null ? [] : [p.amount]))).toString(),
    complete: parts.every((p) => p.amount !== null),
    warnings,
  };
}
