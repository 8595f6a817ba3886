import type { DemoProviderName, DemoService } from './demo-organisation.js';
import type { SeededRandom } from './seeded-random.js';

/** What is wrong with a resource's tags, as found in real estates. */
export type TagQuirk =
  | 'none'
  | 'missing'
  | 'empty-object'
  | 'misspelled-team-key'
  | 'misspelled-team-value'
  | 'misspelled-env'
  | 'missing-cost-center';

/** Shares of resources with each quirk; the rest are tagged as the policy says. */
const QUIRK_SHARES: [TagQuirk, number][] = [
  ['missing', 0.07],
  ['empty-object', 0.01],
  ['misspelled-team-key', 0.05],
  ['misspelled-team-value', 0.04],
  ['misspelled-env', 0.03],
  ['missing-cost-center', 0.03],
];

/** How people misspell team names in tags. */
const TEAM_TYPOS: Record<string, string> = {
  payments: 'paymnts',
  checkout: 'check-out',
  catalog: 'catalogue',
  search: 'serach',
  mobile: 'mobil',
  identity: 'idenity',
  'data-platform': 'dataplatform',
  ml: 'ml-team',
  platform: 'platfrom',
  observability: 'observabilty',
};

export function drawTagQuirk(random: SeededRandom): TagQuirk {
  let draw = random.next();
  for (const [quirk, share] of QUIRK_SHARES) {
    if (draw < share) return quirk;
    draw -= share;
  }
  return 'none';
}

/**
 * The Tags JSON object of a resource (null when it has none). Google Cloud labels allow only
 * lower-case keys, so there the misspelled key is `teamname` rather than `Team`.
 */
export function buildTags(
  provider: DemoProviderName,
  service: DemoService,
  environment: string,
  quirk: TagQuirk,
): string | null {
  if (quirk === 'missing') return null;
  if (quirk === 'empty-object') return '{}';
  const tags: Record<string, string> = {};
  const teamKey =
    quirk === 'misspelled-team-key' ? (provider === 'Google Cloud' ? 'teamname' : 'Team') : 'team';
  tags[teamKey] =
    quirk === 'misspelled-team-value'
      ? (TEAM_TYPOS[service.ownerTeam] ?? service.ownerTeam)
      : service.ownerTeam;
  tags.service = service.id;
  if (quirk === 'misspelled-env') tags.environment = environment === 'prod' ? 'production' : environment;
  else tags.env = environment;
  if (quirk !== 'missing-cost-center') tags['cost-center'] = service.costCentre;
  return JSON.stringify(tags);
}
