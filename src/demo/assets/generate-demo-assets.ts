import { SeededRandom } from '../seeded-random.js';

/** A catalogue service and the team that owns it, as the demo register assigns hardware. */
export interface DemoAssetOwner {
  service: string;
  team: string;
}

interface AssetClassPlan {
  assetClass: string;
  prefix: string;
  /** Cost range in whole euros. */
  cost: [number, number];
  lifeMonths: number;
  method: 'straight-line' | 'double-declining';
  convention: 'full-month' | 'half-month' | 'daily';
}

const SERVER: AssetClassPlan = {
  assetClass: 'server',
  prefix: 'srv',
  cost: [9000, 28000],
  lifeMonths: 60,
  method: 'straight-line',
  convention: 'half-month',
};
const STORAGE: AssetClassPlan = {
  assetClass: 'storage',
  prefix: 'san',
  cost: [60000, 180000],
  lifeMonths: 48,
  method: 'double-declining',
  convention: 'daily',
};
const NETWORK: AssetClassPlan = {
  assetClass: 'network',
  prefix: 'net',
  cost: [4000, 35000],
  lifeMonths: 60,
  method: 'straight-line',
  convention: 'full-month',
};
const LAPTOP: AssetClassPlan = {
  assetClass: 'laptop',
  prefix: 'lt',
  cost: [1300, 3200],
  lifeMonths: 36,
  method: 'straight-line',
  convention: 'full-month',
};

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A day between 2021-01 and 2025-10 (the demo year is 2025), as YYYY-MM-DD. */
function drawDate(random: SeededRandom, fromYear = 2021): string {
  const year = random.integer(fromYear, 2025);
  const month = random.integer(1, year === 2025 ? 10 : 12);
  return `${year}-${pad(month)}-${pad(random.integer(1, 28))}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The demo data centre's register, the same for a seed: servers for every catalogue service,
 * shared storage arrays and network gear owned by the platform team, and laptops across teams.
 * 1. each asset draws its acquisition day, cost in whole euros and cents, and goes into service
 *    1-30 days later (a few are still on order);
 * 2. about one asset in twelve bought before 2022 is retired, half of those disposed of;
 * 3. the first storage array, bought in September 2024, carries an impairment (a controller
 *    fault) in June of the demo year.
 */
export function generateDemoAssets(
  owners: readonly DemoAssetOwner[],
  seed: number,
): Record<string, unknown>[] {
  const random = new SeededRandom(seed * 7919 + 18);
  const teams = [...new Set(owners.map((owner) => owner.team))].sort();
  const records: Record<string, unknown>[] = [];
  let serial = 0;
  const add = (plan: AssetClassPlan, team: string, service: string | null, index: number) => {
    serial += 1;
    const acquiredOn = drawDate(random);
    const euros = random.integer(plan.cost[0], plan.cost[1]);
    const cents = random.integer(0, 99);
    const ordered = acquiredOn >= '2025-10-01' && random.chance(0.5);
    const inServiceOn = ordered ? null : addDays(acquiredOn, random.integer(1, 30));
    const retiredOn =
      inServiceOn && acquiredOn < '2022-01-01' && random.chance(0.08)
        ? addDays(inServiceOn, random.integer(900, 1300))
        : null;
    const disposedOn = retiredOn && random.chance(0.5) ? addDays(retiredOn, random.integer(10, 60)) : null;
    const id = `${plan.prefix}-${service ?? team}-${pad(index + 1, 3)}`;
    records.push({
      id,
      assetClass: plan.assetClass,
      ownerTeam: team,
      ...(service ? { ownerService: service } : {}),
      location:
        plan.assetClass === 'laptop' ? 'office-berlin' : `dc-fra-1/rack-${pad(random.integer(1, 24))}`,
      currency: 'EUR',
      acquiredOn,
      acquisitionCost: `${euros}.${pad(cents)}`,
      ...(inServiceOn ? { inServiceOn } : {}),
      usefulLifeMonths: plan.lifeMonths,
      salvageValue: String(Math.floor(euros / 20)),
      method: plan.method,
      convention: plan.convention,
      ...(retiredOn ? { retiredOn } : {}),
      ...(disposedOn ? { disposedOn } : {}),
      hostname: plan.assetClass === 'laptop' ? `lt${pad(serial, 4)}` : `fra1-${id}`,
      serial: `SN-${pad(serial * 7349 + 100003, 7)}`,
    });
  };
  for (const owner of owners) {
    const count = random.integer(4, 9);
    for (let index = 0; index < count; index++) add(SERVER, owner.team, owner.service, index);
  }
  const platform = teams.includes('platform') ? 'platform' : teams[0]!;
  for (let index = 0; index < 12; index++) add(STORAGE, platform, null, index);
  for (let index = 0; index < 18; index++) add(NETWORK, platform, null, index);
  for (const team of teams) {
    const count = random.integer(5, 9);
    for (let index = 0; index < count; index++) add(LAPTOP, team, null, index);
  }
  // A controller fault wrote the newest storage array down in the demo year: it is bought in
  // September 2024 whatever the draw, so it still has book value to lose in June 2025.
  const faulty = records.find((record) => record.assetClass === 'storage');
  if (faulty) {
    Object.assign(faulty, {
      acquiredOn: '2024-09-02',
      inServiceOn: '2024-09-20',
      impairments: [{ on: '2025-06-30', amount: '2500' }],
    });
    delete faulty.retiredOn;
    delete faulty.disposedOn;
  }
  return records;
}
