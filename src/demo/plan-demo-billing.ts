import {
  multiplyToAmount,
  roundAmountToCents,
  scaleRounded,
  toPriceUnits,
  toQuantityUnits,
} from './demo-money.js';
import {
  DEMO_ACCOUNTS,
  DEMO_SERVICES,
  type DemoBillingAccount,
  type DemoService,
  type ProviderService,
  type ResourceKind,
} from './demo-organisation.js';
import { buildTags, drawTagQuirk, type TagQuirk } from './demo-tags.js';
import { SeededRandom } from './seeded-random.js';

/** The demo bills calendar year 2025, day by day: a fixed year keeps every seed's data reproducible. */
export const DEMO_YEAR = 2025;
export const DEMO_DAYS = 365;
export { MAX_DEMO_ROWS, MIN_DEMO_ROWS } from './demo-row-bounds.js';

export interface DemoOptions {
  seed: number;
  /** About how many rows to write; the organisation gets as many resources as fit. */
  rows: number;
}

export interface DemoResource {
  index: number;
  account: DemoBillingAccount;
  service: DemoService;
  kind: ResourceKind;
  providerService: ProviderService;
  environment: string;
  subAccountId: string;
  subAccountName: string;
  subAccountType: string;
  regionId: string;
  regionName: string;
  zone: string | null;
  resourceId: string;
  resourceName: string;
  skuId: string;
  tags: string | null;
  tagQuirk: TagQuirk;
  /** Daily pricing quantity on a weekday at the start of the year, before noise. */
  baseQuantity: number;
  /** Yearly growth of the resource's usage (0.3 = +30% by year end). */
  trend: number;
  /** Usage on Saturdays and Sundays relative to weekdays. */
  weekendFactor: number;
  /** Covered by the account's commitment when it has room. */
  commitmentEligible: boolean;
}

export interface AccountPricing {
  /** 10^-6 units per pricing unit, by resource kind. */
  list: Map<ResourceKind, bigint>;
  contracted: Map<ResourceKind, bigint>;
  committed: Map<ResourceKind, bigint>;
}

export interface PlannedCommitment {
  account: DemoBillingAccount;
  /** Amortised (effective) amount the commitment provides per day, in 10^-10 units, whole cents. */
  dailyAmount: bigint;
}

export interface CostSpike {
  serviceId: string;
  firstDay: number;
  days: number;
  factor: number;
  reason: string;
}

export interface DemoPlan {
  options: DemoOptions;
  resources: DemoResource[];
  resourcesByAccount: Map<string, DemoResource[]>;
  pricing: Map<string, AccountPricing>;
  commitments: Map<string, PlannedCommitment>;
  spikes: CostSpike[];
}

/** Rows that do not come from resources, before the resources are known: the most there can be. */
function estimateFixedRows(): number {
  const commitments = DEMO_ACCOUNTS.filter((account) => account.commitment).length;
  return commitments * (DEMO_DAYS + 12) + DEMO_ACCOUNTS.length * 12 * 8;
}

/** Rows a plan writes besides one a day per resource: Unused lines, purchases, credits, taxes. */
function countFixedRows(plan: Pick<DemoPlan, 'resourcesByAccount' | 'commitments'>): number {
  let rows = 0;
  for (const account of DEMO_ACCOUNTS) {
    const members = plan.resourcesByAccount.get(account.key)!;
    if (members.length === 0) continue;
    rows += 12;
    const committed = plan.commitments.has(account.key);
    if (committed) rows += DEMO_DAYS + 12;
    if (account.taxBasisPoints > 0) {
      const taxed = new Set(members.map((resource) => resource.providerService.serviceName));
      if (committed) taxed.add(account.services.compute!.serviceName);
      rows += 12 * taxed.size;
    }
  }
  return rows;
}

const ENVIRONMENT_WEIGHT: Record<string, number> = { prod: 6, staging: 2, dev: 2 };
const ENVIRONMENT_SIZE: Record<string, number> = { prod: 1, staging: 0.3, dev: 0.25 };
const STEADY_KINDS: ResourceKind[] = ['object-storage', 'warehouse', 'database'];
const BATCH_KINDS: ResourceKind[] = ['ml', 'messaging', 'kubernetes'];

/**
 * Lays out the organisation for a seed and a row budget.
 * 1. Resource count = (rows - fixed rows) / 365: every resource bills one line a day. The fixed
 *    rows depend on the resources, so a first layout from an upper estimate gives the count of
 *    the final one.
 * 2. The first resources go one to each billing account, then services are drawn by weight,
 *    a service's first account taking 70% of its resources.
 * 3. Each resource's size is log-normal; sizes are scaled so each account spends about its
 *    yearly budget at list price, whatever the row count.
 * 4. Each commitment is sized to cover a share of its account's eligible production usage on
 *    the first day, in whole cents per day.
 */
export function planDemoBilling(options: DemoOptions): DemoPlan {
  const resourcesFor = (fixedRows: number) => Math.max(1, Math.round((options.rows - fixedRows) / DEMO_DAYS));
  const first = layOutOrganisation(options, resourcesFor(estimateFixedRows()));
  const count = resourcesFor(countFixedRows(first));
  return count === first.resources.length ? first : layOutOrganisation(options, count);
}

function layOutOrganisation(options: DemoOptions, resourceCount: number): DemoPlan {
  const root = new SeededRandom(options.seed);
  const resourceRandom = root.fork('resources');
  const trendRandom = root.fork('trends');
  const spikeRandom = root.fork('spikes');
  const skuRandom = root.fork('skus');

  const serviceTrend = new Map(DEMO_SERVICES.map((service) => [service.id, -0.1 + trendRandom.next() * 0.7]));
  const skuIds = new Map<string, string>();
  const skuOf = (account: DemoBillingAccount, kind: ResourceKind) => {
    const key = `${account.key}:${kind}`;
    if (!skuIds.has(key)) skuIds.set(key, drawSkuId(account, skuRandom));
    return skuIds.get(key)!;
  };

  const resources: DemoResource[] = [];
  const size: number[] = [];
  for (let index = 0; index < resourceCount; index++) {
    const seeded = DEMO_ACCOUNTS[index];
    const service = seeded
      ? resourceRandom.pickWeighted(
          DEMO_SERVICES.filter((candidate) => candidate.accounts.includes(seeded.key)),
          (candidate) => candidate.weight,
        )
      : resourceRandom.pickWeighted(DEMO_SERVICES, (candidate) => candidate.weight);
    const accountKey =
      seeded?.key ??
      (service.accounts.length === 1 || resourceRandom.chance(0.7)
        ? service.accounts[0]!
        : resourceRandom.pick(service.accounts.slice(1)));
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.key === accountKey)!;
    const kind = resourceRandom.pick(service.kinds);
    const providerService = account.services[kind]!;
    const environment = resourceRandom.pickWeighted(
      service.environments,
      (env) => ENVIRONMENT_WEIGHT[env] ?? 1,
    );
    const subAccount = account.subAccounts.find((candidate) => candidate.environment === environment)!;
    const region = resourceRandom.chance(0.75) ? account.regions[0]! : account.regions[1]!;
    const zonal = kind === 'compute' || kind === 'database' || kind === 'cache';
    const zone = zonal ? resourceRandom.pick(region.zones) : null;
    const tagQuirk = drawTagQuirk(resourceRandom);
    const suffix = resourceRandom.nextUint32().toString(16).padStart(8, '0');
    const resourceName = `${service.id}-${environment}-${suffix.slice(0, 5)}`;
    resources.push({
      index,
      account,
      service,
      kind,
      providerService,
      environment,
      subAccountId: subAccount.id,
      subAccountName: subAccount.name,
      subAccountType: subAccount.type,
      regionId: region.id,
      regionName: region.name,
      zone,
      resourceId: buildResourceId(account, kind, region.id, subAccount.id, resourceName, suffix),
      resourceName,
      skuId: skuOf(account, kind),
      tags: buildTags(account.providerName, service, environment, tagQuirk),
      tagQuirk,
      baseQuantity: 0,
      trend: serviceTrend.get(service.id)! + (resourceRandom.next() - 0.5) * 0.1,
      weekendFactor: weekendFactorOf(kind, environment, resourceRandom),
      commitmentEligible:
        Boolean(account.commitment) && providerService.commitmentEligible && environment === 'prod',
    });
    size.push(resourceRandom.logNormal(1, 0.9) * service.weight * (ENVIRONMENT_SIZE[environment] ?? 0.3));
  }

  const pricing = new Map(DEMO_ACCOUNTS.map((account) => [account.key, priceAccount(account)]));
  const resourcesByAccount = new Map<string, DemoResource[]>(
    DEMO_ACCOUNTS.map((account) => [account.key, []]),
  );
  for (const resource of resources) resourcesByAccount.get(resource.account.key)!.push(resource);
  for (const account of DEMO_ACCOUNTS) {
    const members = resourcesByAccount.get(account.key)!;
    const totalSize = members.reduce((sum, resource) => sum + size[resource.index]!, 0);
    const dailySpend = account.yearlySpend / DEMO_DAYS;
    for (const resource of members) {
      const dailyCost = (dailySpend * size[resource.index]!) / totalSize;
      const unitPrice = Number(pricing.get(account.key)!.list.get(resource.kind)!) / 1e6;
      resource.baseQuantity = dailyCost / unitPrice;
    }
  }

  return {
    options,
    resources,
    resourcesByAccount,
    pricing,
    commitments: planCommitments(resourcesByAccount, pricing),
    spikes: drawSpikes(spikeRandom),
  };
}

function priceAccount(account: DemoBillingAccount): AccountPricing {
  const list = new Map<ResourceKind, bigint>();
  const contracted = new Map<ResourceKind, bigint>();
  const committed = new Map<ResourceKind, bigint>();
  for (const [kind, service] of Object.entries(account.services) as [ResourceKind, ProviderService][]) {
    const price = toPriceUnits(service.listUnitPriceUsd * account.priceFactor);
    list.set(kind, price);
    contracted.set(kind, maxOne(scaleRounded(price, BigInt(100 - account.negotiatedDiscountPercent), 100n)));
    const discount = account.commitment?.discountPercent ?? 0;
    committed.set(kind, maxOne(scaleRounded(price, BigInt(100 - discount), 100n)));
  }
  return { list, contracted, committed };
}

function maxOne(value: bigint): bigint {
  return value < 1n ? 1n : value;
}

function planCommitments(
  resourcesByAccount: Map<string, DemoResource[]>,
  pricing: Map<string, AccountPricing>,
): Map<string, PlannedCommitment> {
  const commitments = new Map<string, PlannedCommitment>();
  for (const account of DEMO_ACCOUNTS) {
    if (!account.commitment) continue;
    let eligible = 0n;
    for (const resource of resourcesByAccount.get(account.key)!) {
      if (!resource.commitmentEligible) continue;
      const price = pricing.get(account.key)!.committed.get(resource.kind)!;
      eligible += multiplyToAmount(toQuantityUnits(resource.baseQuantity), price);
    }
    const coverage = BigInt(Math.round(account.commitment.coverage * 100));
    const dailyAmount = roundAmountToCents(scaleRounded(eligible, coverage, 100n));
    if (dailyAmount > 0n) commitments.set(account.key, { account, dailyAmount });
  }
  return commitments;
}

function weekendFactorOf(kind: ResourceKind, environment: string, random: SeededRandom): number {
  if (STEADY_KINDS.includes(kind)) return 1;
  if (environment !== 'prod') return 0.3 + random.next() * 0.15;
  if (BATCH_KINDS.includes(kind)) return 0.55 + random.next() * 0.2;
  return 0.72 + random.next() * 0.15;
}

/** A few incidents that every FinOps team has seen, on days drawn from the seed. */
function drawSpikes(random: SeededRandom): CostSpike[] {
  return [
    {
      serviceId: random.pick(['ml-training', 'recommendations', 'fraud-scoring']),
      firstDay: random.integer(120, 200),
      days: 3,
      factor: 5,
      reason: 'a training job left running',
    },
    {
      serviceId: random.pick(['data-lake', 'etl-pipelines', 'bi-warehouse']),
      firstDay: random.integer(40, 100),
      days: 4,
      factor: 3.5,
      reason: 'a pipeline reprocessing all history',
    },
    {
      serviceId: 'checkout-api',
      firstDay: 331,
      days: 4,
      factor: 2.4,
      reason: 'Black Friday to Cyber Monday',
    },
    {
      serviceId: random.pick(['logging', 'tracing', 'metrics']),
      firstDay: random.integer(340, 350),
      days: 6,
      factor: 4,
      reason: 'debug logging left on after a release',
    },
  ];
}

function drawSkuId(account: DemoBillingAccount, random: SeededRandom): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let id = '';
  for (let i = 0; i < 16; i++) id += alphabet[random.integer(0, alphabet.length - 1)];
  if (account.providerName === 'Google Cloud')
    return `${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8, 12)}`;
  if (account.providerName === 'Microsoft') return `DZH318Z0${id.slice(0, 4)}`;
  return id;
}

/** The ARN service prefix AWS uses for each kind of resource. */
const AWS_ARN_SERVICE: Record<ResourceKind, string> = {
  compute: 'ec2',
  kubernetes: 'eks',
  database: 'rds',
  cache: 'elasticache',
  'object-storage': 's3',
  serverless: 'lambda',
  cdn: 'cloudfront',
  warehouse: 'redshift',
  ml: 'sagemaker',
  genai: 'bedrock',
  monitoring: 'logs',
  messaging: 'sqs',
  'load-balancer': 'elasticloadbalancing',
};

function buildResourceId(
  account: DemoBillingAccount,
  kind: ResourceKind,
  region: string,
  subAccount: string,
  name: string,
  suffix: string,
): string {
  const service = account.services[kind]!;
  if (account.providerName === 'Microsoft') {
    return `/subscriptions/${subAccount}/resourceGroups/rg-${name.split('-').slice(0, -1).join('-')}/providers/${service.resourceType}/${name}`;
  }
  if (account.providerName === 'Google Cloud') {
    const [api, type] = service.resourceType.split('/');
    return `//${api}/projects/${subAccount}/locations/${region}/${type!.toLowerCase()}s/${name}`;
  }
  const type = service.resourceType.toLowerCase().replaceAll(' ', '-');
  return `arn:aws:${AWS_ARN_SERVICE[kind]}:${region}:${subAccount}:${type}/${name}-${suffix}`;
}
